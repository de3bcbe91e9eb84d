"""A client dropped without close() frees its connections at once, as upstream's does: an
application that makes a client per call (bemserver-ui does) must not pile up open sockets
until a full garbage collection. The cyclic collector is off in these tests: what is freed is
freed by reference counting alone."""

from __future__ import annotations

import asyncio
import gc
import json
import weakref
from collections.abc import Iterator

import httpx
import pytest
from loopback import ScriptedServer
from mock_api import jwt

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.exceptions import BEMServerAPIConnectionError, BEMServerAPINotFoundError

JSON = {"Content-Type": "application/json"}


def answer(method: str, path: str, headers: dict[str, str]):
    if path.startswith("/auth/token/refresh"):
        tokens = {"status": "success", "access_token": jwt(3600), "refresh_token": "R2"}
        return 200, JSON, json.dumps(tokens).encode()
    if path.startswith("/sites/404"):
        return 404, JSON, b'{"code": 404, "status": "Not Found"}'
    return 200, JSON, b'[{"id": 1}]'


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(answer) as server:
        yield server


@pytest.fixture(autouse=True)
def no_cyclic_collector() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def open_connections(http: httpx.Client) -> int:
    return len(http._transport._pool.connections)  # type: ignore[attr-defined]


@pytest.mark.parametrize("auth", ["none", "basic", "bearer"])
def test_a_dropped_client_closes_its_connections(server, auth):
    methods = {
        "none": None,
        "basic": BEMServerApiClient.make_http_basic_auth("u@test", "pw"),
        "bearer": BEMServerApiClient.make_bearer_token_auth(jwt(3600), "R"),
    }
    client = BEMServerApiClient(server.url, authentication_method=methods[auth])
    sites = client.sites
    assert sites.getall().data == [{"id": 1}]
    client.with_options(timeout=5).timeseries.getall()  # a copy: the same connections
    http = client._http  # (holding it keeps nothing else alive)
    assert open_connections(http) == 1
    del client
    assert not http.is_closed  # its entry point keeps it alive, and usable
    assert sites.getall().data == [{"id": 1}]
    del sites
    assert http.is_closed and open_connections(http) == 0


def test_a_client_whose_calls_failed_is_freed_too(server):
    """An error raised from a variable of a frame in its own traceback would be a reference
    cycle holding the frames' client: none is."""
    client = BEMServerApiClient(server.url)
    with pytest.raises(BEMServerAPINotFoundError):
        client.sites.getone(404)
    http, alive = client._http, weakref.ref(client)
    del client
    assert alive() is None and http.is_closed
    client = BEMServerApiClient("http://127.0.0.1:9", max_retries=0)  # nothing listens there
    with pytest.raises(BEMServerAPIConnectionError):
        client.sites.getall()
    alive = weakref.ref(client)
    del client
    assert alive() is None


def test_an_async_client_whose_call_failed_to_connect_is_freed_too():
    """Python 3.12+: httpx's exception mapping (a generator-based context manager) leaves a
    cycle in the transport error's traceback; the client clears it, sync and async."""

    async def fail() -> weakref.ref:
        client = AsyncBEMServerApiClient("http://127.0.0.1:9", max_retries=0)
        with pytest.raises(BEMServerAPIConnectionError):
            await client.sites.getall()
        return weakref.ref(client)

    assert asyncio.run(fail())() is None


def test_a_copy_keeps_the_shared_connections_until_the_last_goes(server):
    client = BEMServerApiClient(server.url)
    client.sites.getall()
    http = client._http
    copy = client.with_options(max_retries=0)
    del client
    assert copy.sites.getall().data == [{"id": 1}]
    assert open_connections(http) == 1 and len(server.requests) == 2
    del copy
    assert http.is_closed and open_connections(http) == 0


def test_a_shared_bearer_auth_refreshes_through_a_client_still_there(server):
    """The refresh method a client installs on its auth is held weakly: when the client that
    installed it last is gone, the next one still there refreshes."""
    auth = BEMServerApiClient.make_bearer_token_auth(jwt(-10), "R")  # expired: refresh first
    first = BEMServerApiClient(server.url, authentication_method=auth)
    second = BEMServerApiClient(server.url, authentication_method=auth)
    assert auth.refresher is not None and auth.refresher.__self__ is second
    del second
    assert auth.refresher.__self__ is first
    assert first.sites.getall().data == [{"id": 1}]
    assert server.requests[0][1].startswith("/auth/token/refresh")
    del first
    assert auth.refresher is None


def test_a_client_given_http_client_leaves_it_open(server):
    http = httpx.Client()
    client = BEMServerApiClient(server.url, http_client=http)
    client.sites.getall()
    del client
    assert not http.is_closed
    assert http.get(server.url + "/sites/").json() == [{"id": 1}]
    http.close()
