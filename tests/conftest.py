"""Test session setup: a real BEMServer API for the integration tests.

Integration tests (marked `integration`) use the `server` fixture: a local server started once per
session by tests/server/harness.py, or the server named by BEMSERVER_TEST_URL (with
BEMSERVER_TEST_EMAIL and BEMSERVER_TEST_PASSWORD, an admin account).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "server"))
from fake_weather import FakeWeatherAPI

from harness import LocalServer


@dataclass(frozen=True)
class Server:
    url: str
    email: str
    password: str
    weather: FakeWeatherAPI | None = None  # the weather API the local server was pointed at


def start_server(**options: int) -> Iterator[Server]:
    with FakeWeatherAPI() as weather, LocalServer(weather_api_url=weather.url, **options) as local:
        yield Server(local.url, local.email, local.password, weather)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    url = os.environ.get("BEMSERVER_TEST_URL")
    if url:
        yield Server(url, os.environ["BEMSERVER_TEST_EMAIL"], os.environ["BEMSERVER_TEST_PASSWORD"])
        return
    yield from start_server()


@pytest.fixture(scope="session")
def short_token_server() -> Iterator[Server]:
    """A second local server whose access tokens live 2 seconds (refresh tests)."""
    yield from start_server(access_token_lifetime=2)


@pytest.fixture
def fresh_server() -> Iterator[Server]:
    """A local server of the test's own, with no data but the admin."""
    yield from start_server()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in item.path.parts:
            item.add_marker(pytest.mark.integration)
