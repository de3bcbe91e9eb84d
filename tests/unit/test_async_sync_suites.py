"""The sync client's unit suites, re-run unchanged on `AsyncBEMServerApiClient`.

Each test function of the modules below that builds a client (through `make_client`,
`BEMServerApiClient(...)` or a helper of its module that does) runs again, with every one of its
parametrised cases, while its module's `make_client` and `BEMServerApiClient` are the async
client behind tests/sync_facade.py (each call awaited on one background event loop). So the
retry matrix, Retry-After, timeouts, socket faults, fuzzed responses, TLS, redirects, error
mapping, token refresh, versions and the secrets canary hold for both clients from one set of
test bodies. Tests that cannot mean the same thing on the facade are listed in SYNC_ONLY, with
their async counterpart.
"""

from __future__ import annotations

import inspect
import itertools
import sys
import types
from collections.abc import Callable, Iterator

import httpx
import pytest
import test_authentication
import test_client
import test_errors
import test_reliability
import test_secrets
import test_versions
from sync_facade import AsyncAsSync, mock_transport
from test_reliability import ca  # noqa: F401 (a fixture of a reused test)
from test_secrets import restore_root_level  # noqa: F401 (an autouse fixture of a reused test)

MODULES = [
    test_client,
    test_reliability,
    test_authentication,
    test_errors,
    test_versions,
    test_secrets,
]
PARAMETER_SET = type(pytest.param(None))
CLIENT_NAMES = {"make_client", "BEMServerApiClient", "bearer_client"}
SYNC_ONLY = {
    "test_client.test_entry_points_are_the_same_object_each_access": (
        "the facade wraps each access; test_async_client checks the async client's own objects"
    ),
    "test_client.test_importing_the_package_and_making_a_client_loads_no_model": (
        "a subprocess with the sync client; test_async_client runs the async one"
    ),
    "test_client.test_a_request_loads_no_generated_module_nor_attrs_until_parsed": (
        "a subprocess with the sync client; test_async_client runs the async one"
    ),
    "test_client.test_close_closes_only_an_owned_http_client": (
        "passes an httpx.Client; test_async_client checks aclose() with an httpx.AsyncClient"
    ),
}


def make_async_client(handler, **options) -> AsyncAsSync:
    """mock_api.make_client, for the async client: `handler` answers each request (in a worker
    thread, as a server would: see sync_facade.mock_transport)."""
    http = httpx.AsyncClient(transport=mock_transport(handler))
    return AsyncAsSync("http://api.test", http_client=http, **options)


def code_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= code_names(constant)
    return names


def builds_a_client(function: Callable, module: types.ModuleType) -> bool:
    """Whether the test (or a helper function of its module it calls) builds a client."""
    inner = getattr(getattr(function, "hypothesis", None), "inner_test", function)
    names = code_names(inner.__code__)
    helpers = {
        name
        for name in names
        if isinstance(getattr(module, name, None), types.FunctionType)
        and not name.startswith("test_")
        and getattr(module, name).__module__ == module.__name__
    }
    for name in helpers:
        names |= code_names(getattr(module, name).__code__)
    return bool(names & CLIENT_NAMES)


def expand(function: Callable) -> Iterator[tuple[dict, str]]:
    """Every case of the test's parametrize marks: (keyword arguments, id)."""
    axes = []
    for mark in reversed(getattr(function, "pytestmark", [])):
        if mark.name != "parametrize":
            continue
        argnames, argvalues = mark.args[0], mark.args[1]
        if isinstance(argnames, str):
            argnames = [name.strip() for name in argnames.split(",")]
        cases = []
        for value in argvalues:
            if isinstance(value, PARAMETER_SET):  # pytest.param(...)
                values = value.values
            else:
                values = (value,) if len(argnames) == 1 else value
            cases.append(dict(zip(argnames, values, strict=True)))
        axes.append(cases)
    for index, combination in enumerate(itertools.product(*axes)):
        kwargs = {key: value for case in combination for key, value in case.items()}
        yield kwargs, str(index) if kwargs else ""


def reused_tests() -> Iterator:
    for module in MODULES:
        for name, function in vars(module).items():
            if not name.startswith("test_") or not callable(function):
                continue
            if getattr(function, "__module__", None) != module.__name__:
                continue
            key = f"{module.__name__}.{name}"
            if key in SYNC_ONLY or not builds_a_client(function, module):
                continue
            for kwargs, case in expand(function):
                yield pytest.param(function, kwargs, id=f"{key}[{case}]" if case else key)


@pytest.mark.parametrize(("test", "arguments"), list(reused_tests()))
def test_sync_suite_on_the_async_client(test, arguments, request, monkeypatch):
    module = sys.modules[test.__module__]
    monkeypatch.setattr(module, "make_client", make_async_client, raising=False)
    monkeypatch.setattr(module, "BEMServerApiClient", AsyncAsSync, raising=False)
    fixtures = {
        name: request.getfixturevalue(name)
        for name in inspect.signature(test).parameters
        if name not in arguments
    }
    test(**arguments, **fixtures)


def test_the_reuse_covers_the_suites():
    """Every SYNC_ONLY name exists, and the reused tests are the ones that build a client."""
    names = {f"{m.__name__}.{n}" for m in MODULES for n in vars(m) if n.startswith("test_")}
    assert set(SYNC_ONLY) <= names
    reused = {case.id.split("[")[0] for case in reused_tests()}
    assert len(reused) >= 50
    for expected in (
        "test_reliability.test_retry_matrix",
        "test_reliability.test_fuzzed_responses_raise_only_library_errors",
        "test_authentication.test_fifty_threads_on_an_expired_token_refresh_once",
        "test_secrets.test_no_secret_anywhere",
        "test_errors.test_an_expected_404_is_not_logged_at_error",
        "test_versions.test_an_entry_point_the_server_lacks_is_refused_before_sending",
    ):
        assert expected in reused


def test_the_facade_sends_with_the_async_client():
    """What the reused tests drive is an AsyncBEMServerApiClient sending on an AsyncClient."""
    seen = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    from bemserver_api_client import AsyncBEMServerApiClient

    client = make_async_client(handler)
    assert type(client.async_client) is AsyncBEMServerApiClient
    assert client.sites.getall().data == []
    assert isinstance(client._http, httpx.AsyncClient) and len(seen) == 1
