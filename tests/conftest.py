"""Test session setup: real BEMServer APIs for the integration tests.

Integration tests (marked `integration`) use the `server` fixture: one local server per server
version with a requirements file (tools/server/requirements/), each started once per session by
tools/server/harness.py when a test first needs it; only BEMSERVER_API_VERSION's when set (or the
version in BEMSERVER_SERVER_VENV). BEMSERVER_TEST_URL replaces them with that one server (with
BEMSERVER_TEST_EMAIL and BEMSERVER_TEST_PASSWORD, an admin account; BEMSERVER_TEST_CA_BUNDLE if
its certificate needs a CA of its own).

Local servers have the production shape: keep-alive (gunicorn's threaded workers) and TLS with a
throwaway CA. Every client a test builds takes `**server.client_options` (the CA bundle as
`verify=`); raw httpx calls take `verify=server.ssl_context`; subprocesses `server.env()`.
`closing_server` is the other shape (sync workers closing every connection, plain http).

A test that needs some versions says so: `@pytest.mark.api_versions(">=0.26")` skips it on the
others (clauses like ">=0.25,<0.27"; operators >=, >, <=, <, ==, !=).

Run from the repository's root with `python -m pytest` (as `make test` does): the root is then on
the import path, which is where `tools` (the harness) comes from.
"""

from __future__ import annotations

import functools
import json
import operator
import os
import re
import ssl
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tools.server.fake_weather import FakeWeatherAPI
from tools.server.harness import (
    LocalServer,
    default_version,
    installed_version,
    server_env,
    server_venv,
    server_versions,
)

EXTERNAL = "external"  # the `server` parameter for BEMSERVER_TEST_URL's server


@dataclass(frozen=True)
class Server:
    url: str
    email: str
    password: str = field(repr=False)  # kept out of failure output
    version: str  # bemserver-api's, e.g. "0.27.0"
    weather: FakeWeatherAPI | None = None  # the weather API the local server was pointed at
    ca_bundle: str | None = None  # the PEM file of the CA behind an https server's certificate
    keep_alive: bool = True  # False: the server closes the connection after every answer

    @property
    def client_options(self) -> dict[str, Any]:
        """Keywords for every client of this server: `BEMServerApiClient(server.url,
        **server.client_options)` (the CA bundle's path as `verify=`: a client still pickles)."""
        return {"verify": self.ca_bundle} if self.ca_bundle else {}

    @property
    def ssl_context(self) -> ssl.SSLContext | bool:
        """`verify=` for raw httpx calls (httpx 0.28 deprecates a path there)."""
        return ssl.create_default_context(cafile=self.ca_bundle) if self.ca_bundle else True

    def env(self) -> dict[str, str]:
        """Variables that point a subprocess (examples, tools) at this server."""
        return server_env(self.url, self.email, self.password, self.ca_bundle)


def start_server(
    version: str | None = None, *, tls: bool = True, keep_alive: bool = True, **options: Any
) -> Iterator[Server]:
    """A local server of the production shape (keep-alive, TLS) unless told otherwise."""
    with (
        FakeWeatherAPI() as weather,
        LocalServer(
            version=version,
            weather_api_url=weather.url,
            tls=tls,
            keep_alive=keep_alive,
            **options,
        ) as local,
    ):
        yield Server(
            local.url,
            local.email,
            local.password,
            local.version,
            weather,
            ca_bundle=local.ca_bundle,
            keep_alive=keep_alive,
        )


def local_default_version() -> str:
    """The version of short_token_server and fresh_server."""
    if os.environ.get("BEMSERVER_SERVER_VENV"):
        return installed_version(server_venv()) or "unknown"  # its start says what is missing
    return default_version()


def versions_under_test() -> list[str]:
    if os.environ.get("BEMSERVER_TEST_URL"):
        return [EXTERNAL]
    if os.environ.get("BEMSERVER_SERVER_VENV") or os.environ.get("BEMSERVER_API_VERSION"):
        return [local_default_version()]
    return server_versions()


@functools.cache
def external_version() -> str:
    url = os.environ["BEMSERVER_TEST_URL"].rstrip("/")
    ca_bundle = os.environ.get("BEMSERVER_TEST_CA_BUNDLE")
    context = ssl.create_default_context(cafile=ca_bundle) if ca_bundle else None
    with urllib.request.urlopen(f"{url}/about/", timeout=30, context=context) as response:
        return json.loads(response.read())["versions"]["bemserver_api"]


@pytest.fixture(
    scope="session",
    params=versions_under_test(),
    ids=lambda version: version if version == EXTERNAL else f"api{version}",
)
def server(request) -> Iterator[Server]:
    if request.param == EXTERNAL:
        yield Server(
            os.environ["BEMSERVER_TEST_URL"],
            os.environ["BEMSERVER_TEST_EMAIL"],
            os.environ["BEMSERVER_TEST_PASSWORD"],
            external_version(),
            ca_bundle=os.environ.get("BEMSERVER_TEST_CA_BUNDLE") or None,
        )
        return
    yield from start_server(request.param)


# The two below run the default version (the newest, or BEMSERVER_API_VERSION's).
@pytest.fixture(scope="session")
def short_token_server() -> Iterator[Server]:
    """A second local server whose access tokens live 2 seconds (refresh tests)."""
    yield from start_server(access_token_lifetime=2)


@pytest.fixture
def fresh_server() -> Iterator[Server]:
    """A local server of the test's own, with no data but the admin."""
    yield from start_server()


@pytest.fixture(scope="session")
def closing_server() -> Iterator[Server]:
    """The other shape: gunicorn's sync workers answer every request with `Connection: close`,
    over plain http (a client never reuses a connection there)."""
    yield from start_server(tls=False, keep_alive=False)


@pytest.fixture(scope="session")
def fast_basic_server() -> Iterator[Server]:
    """Keep-alive and TLS, with cheap password hashes: a Basic call costs what a bearer call
    does (~5 ms instead of ~250 ms of argon2), for tests that send thousands of them."""
    yield from start_server(fast_password_hash=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in item.path.parts:
            item.add_marker(pytest.mark.integration)


COMPARISONS = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
    "==": operator.eq, "!=": operator.ne,
}  # fmt: skip


def version_tuple(version: str) -> tuple[int, ...]:
    parts = [int(part) for part in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))  # "0.26" is 0.26.0


def version_matches(version: str, specifier: str) -> bool:
    """Whether `version` satisfies every clause of `specifier`, e.g. ">=0.25,<0.27"."""
    for clause in specifier.split(","):
        found = re.fullmatch(r"\s*(>=|<=|>|<|==|!=)\s*([\d.]+)\s*", clause)
        if not found:
            raise pytest.UsageError(f"api_versions({specifier!r}): {clause!r} is not like '>=0.26'")
        compare, bound = COMPARISONS[found[1]], found[2]
        if not compare(version_tuple(version), version_tuple(bound)):
            return False
    return True


@pytest.hookimpl(tryfirst=True)  # before pytest's own skip marks are read: ours joins them
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a test marked api_versions(...) on a server outside that range, before its fixtures
    start anything. Tests without the `server` fixture run on the default version."""
    marker = item.get_closest_marker("api_versions")
    if marker is None:
        return
    callspec = getattr(item, "callspec", None)
    version = callspec.params.get("server") if callspec else None
    if version is None:
        version = local_default_version()
    elif version == EXTERNAL:
        version = external_version()
    if version != "unknown" and not version_matches(version, marker.args[0]):
        reason = f"needs bemserver-api {marker.args[0]}; this server is {version}"
        item.add_marker(pytest.mark.skip(reason=reason))
