"""Fork safety and pickling, sync and async, on a loopback TLS server with keep-alive.

Fork: a child never reads from a connection its parent opened (it makes its own pool), and
nothing the parent held at fork time (a refresh in flight, the lock of the server-version read,
the lock that makes the pool) can hang the child. Pickling carries the base URL, the options
and the authentication (tokens, a picklable after-refresh callback), never connections;
copy.copy, copy.deepcopy and with_options copies keep working. The real-server versions of
these are in tests/integration/test_production.py.
"""

from __future__ import annotations

import asyncio
import copy
import json
import multiprocessing
import pickle
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import trustme
from loopback import ScriptedServer
from mock_api import jwt

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient, RetryPolicy
from bemserver_api_client.authentication import BearerTokenAuth, HTTPBasicAuth

FORK = multiprocessing.get_context("fork")
# Forking a process that runs threads (the loopback server's, the parent's callers) is the point
# of these tests; Python 3.12+ warns about it on every fork.
pytestmark = pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded, use of fork:DeprecationWarning"
)
JSON = {"Content-Type": "application/json"}
ABOUT = b'{"versions": {"bemserver_api": "0.27.0", "bemserver_core": "0.22.0"}}'
CHILD_TIMEOUT = 20.0


class Api:
    """Answers like the server: tokens on refresh, 401 expired_token to an expired access
    token, {"id": 1} elsewhere. `hold_first(path)` blocks the first request to `path` until
    `release` is set (a call in flight in the parent at fork time)."""

    def __init__(self) -> None:
        self.expired: set[str] = set()
        self.held: dict[str, threading.Event] = {}  # path -> set once its first request arrived
        self.release = threading.Event()
        self.lock = threading.Lock()

    def hold_first(self, path: str) -> threading.Event:
        self.held[path] = threading.Event()
        return self.held[path]

    def __call__(self, method: str, path: str, headers: dict[str, str]):
        path = path.split("?")[0]
        with self.lock:
            arrived = self.held.get(path)
            first = arrived is not None and not arrived.is_set()
            if first:
                arrived.set()
        if first:
            self.release.wait(30)
        token = headers.get("Authorization", "").removeprefix("Bearer ")
        if path == "/about/":
            return 200, JSON, ABOUT
        if path == "/auth/token/refresh":
            tokens = {"status": "success", "access_token": jwt(3600), "refresh_token": "R2"}
            return 200, JSON, json.dumps(tokens).encode()
        if token in self.expired:
            return 401, JSON, b'{"code": 401, "errors": {"authentication": "expired_token"}}'
        return 200, JSON, b'{"id": 1, "name": "c"}'


@pytest.fixture(scope="module")
def ca_bundle(tmp_path_factory) -> str:
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    SERVER_TLS["context"] = context
    return str(path)


SERVER_TLS: dict[str, ssl.SSLContext] = {}


@pytest.fixture
def api() -> Iterator[Api]:
    api = Api()
    yield api
    api.release.set()  # never leave a server thread waiting


@pytest.fixture
def server(api, ca_bundle) -> Iterator[ScriptedServer]:
    with ScriptedServer(api, tls=SERVER_TLS["context"]) as server:
        yield server


def requests_to(server: ScriptedServer, path: str) -> int:
    return sum(1 for _, requested, _ in server.requests if requested.split("?")[0] == path)


def in_child(work: Callable[[], Any], timeout: float = CHILD_TIMEOUT) -> Any:
    """Run `work` in a forked child; its result, or "hung" if it did not finish in time."""
    receive, send = FORK.Pipe(duplex=False)

    def target() -> None:
        try:
            send.send(("ok", work()))
        except BaseException as exc:
            send.send(("error", f"{type(exc).__name__}: {exc}"))

    child = FORK.Process(target=target)
    child.start()
    send.close()
    if not receive.poll(timeout):
        child.kill()
        child.join()
        return "hung"
    status, result = receive.recv()
    child.join(timeout)
    assert child.exitcode == 0
    assert status == "ok", result
    return result


class BackgroundLoop:
    """An event loop in a thread (the parent's coroutines in flight while the main thread forks)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def submit(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


def pool_ports(http: Any) -> set[int]:
    """The local ports of the connections in an httpx client's pool (sync or async)."""
    ports = set()
    for connection in http._transport._pool.connections:
        stream = getattr(connection._connection, "_network_stream", None)
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            ports.add(sock.getsockname()[1])
    return ports


# -- fork -------------------------------------------------------------------------------------


def test_a_refresh_in_flight_at_fork_does_not_hang_the_child(api, server, ca_bundle):
    expired = jwt(-10)
    api.expired.add(expired)
    arrived = api.hold_first("/auth/token/refresh")
    client = BEMServerApiClient(
        server.url,
        verify=ca_bundle,
        authentication_method=BEMServerApiClient.make_bearer_token_auth(expired, "R1"),
    )
    parent_result: list[Any] = []
    refreshing = threading.Thread(target=lambda: parent_result.append(client.sites.getone(1)))
    refreshing.start()  # refreshes, and waits for the server: the refresh lock is held
    assert arrived.wait(10)
    assert client.authentication_method._lock.locked()

    def child() -> list[int]:
        # gunicorn's threaded worker: several threads hit the expired token at once.
        barrier = threading.Barrier(4)
        statuses: list[int] = []

        def work() -> None:
            barrier.wait()
            statuses.append(client.sites.getone(1).status_code)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(CHILD_TIMEOUT)
        return statuses

    assert in_child(child) == [200] * 4
    assert requests_to(server, "/auth/token/refresh") == 2  # the parent's, one for the 4 threads
    api.release.set()
    refreshing.join(10)
    assert parent_result[0].status_code == 200  # the parent's refresh completed
    assert client.sites.getone(1).status_code == 200
    assert requests_to(server, "/auth/token/refresh") == 2


def test_an_async_refresh_in_flight_at_fork_does_not_hang_the_child(api, server, ca_bundle):
    expired = jwt(-10)
    api.expired.add(expired)
    arrived = api.hold_first("/auth/token/refresh")
    client = AsyncBEMServerApiClient(
        server.url,
        verify=ca_bundle,
        authentication_method=BEMServerApiClient.make_bearer_token_auth(expired, "R1"),
    )
    loop = BackgroundLoop()
    try:
        in_flight = loop.submit(client.sites.getone(1))
        assert arrived.wait(10)

        async def child_calls() -> list[int]:
            responses = await asyncio.gather(*(client.sites.getone(1) for _ in range(4)))
            return [response.status_code for response in responses]

        assert in_child(lambda: asyncio.run(child_calls())) == [200] * 4
        assert requests_to(server, "/auth/token/refresh") == 2
        api.release.set()
        assert in_flight.result(10).status_code == 200
        assert loop.submit(client.sites.getone(1)).result(10).status_code == 200
    finally:
        loop.close()


def test_a_version_read_in_flight_at_fork_does_not_hang_the_child(api, server, ca_bundle):
    arrived = api.hold_first("/about/")
    client = BEMServerApiClient(server.url, verify=ca_bundle)
    reading = threading.Thread(target=lambda: client.api_version)
    reading.start()  # holds the version lock, waiting for /about/
    assert arrived.wait(10)
    assert in_child(lambda: client.api_version) == "0.27.0"
    api.release.set()
    reading.join(10)
    assert client.api_version == "0.27.0"


def test_an_async_version_read_in_flight_at_fork_does_not_hang_the_child(api, server, ca_bundle):
    arrived = api.hold_first("/about/")
    client = AsyncBEMServerApiClient(server.url, verify=ca_bundle)
    loop = BackgroundLoop()
    try:
        reading = loop.submit(client.get_api_version())
        assert arrived.wait(10)
        # The child's own event loop, while the parent's coroutine holds the version lock.
        assert in_child(lambda: asyncio.run(client.get_api_version())) == "0.27.0"
        api.release.set()
        assert reading.result(10) == "0.27.0"
    finally:
        loop.close()


def test_a_pool_being_made_at_fork_does_not_hang_the_child(server, ca_bundle):
    client = BEMServerApiClient(server.url, verify=ca_bundle)
    with client._shared.http_lock:  # another thread is making the httpx client
        assert in_child(lambda: client.sites.getone(1).status_code) == 200
    assert client.sites.getone(1).status_code == 200


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_the_child_opens_its_own_connections_and_the_parent_keeps_its_own(
    server, ca_bundle, flavour
):
    auth = BEMServerApiClient.make_bearer_token_auth(jwt(3600), "R1")
    if flavour == "sync":
        client: Any = BEMServerApiClient(server.url, verify=ca_bundle, authentication_method=auth)

        def call() -> int:
            return client.sites.getone(1).data["id"]

        def child_calls() -> list[int]:
            return [call() for _ in range(5)]
    else:
        client = AsyncBEMServerApiClient(server.url, verify=ca_bundle, authentication_method=auth)

        def call() -> int:
            async def one() -> int:
                return (await client.sites.getone(1)).data["id"]

            return asyncio.run(one())

        def child_calls() -> list[int]:
            async def five() -> list[int]:
                return [(await client.sites.getone(1)).data["id"] for _ in range(5)]

            return asyncio.run(five())

    assert call() == 1
    parent_http = client._shared.http
    parent_ports = pool_ports(parent_http)
    assert len(parent_ports) == 1  # one kept-alive connection, reused by the children's parent

    def child() -> tuple[list[int], bool, set[int]]:
        ids = child_calls()
        http = client._shared.http
        return ids, http is parent_http, pool_ports(http)

    results = [in_child(child) for _ in range(3)]
    for ids, reused_pool, ports in results:
        assert ids == [1] * 5
        assert not reused_pool
        assert ports and not ports & parent_ports
    # The parent's connection survived its children (they never closed it): still reused.
    assert call() == 1
    if flavour == "sync":  # (asyncio.run made a new loop: the async client a new pool)
        assert client._shared.http is parent_http and pool_ports(parent_http) == parent_ports


# -- pickling ---------------------------------------------------------------------------------

TOKENS_SEEN: list[tuple[str, str]] = []


def remember_tokens(access_token: str, refresh_token: str) -> None:
    """A module-level callback: it pickles (by reference)."""
    TOKENS_SEEN.append((access_token, refresh_token))


CLIENTS = {"sync": BEMServerApiClient, "async": AsyncBEMServerApiClient}


def send(client: Any, call: Callable[[Any], Any]) -> Any:
    """`call(client)`'s response, awaited for an async client."""
    if isinstance(client, AsyncBEMServerApiClient):

        async def awaited() -> Any:
            return await call(client)

        return asyncio.run(awaited())
    return call(client)


def getone(client: Any) -> Any:
    return client.sites.getone(1)


@pytest.fixture(params=["sync", "async"])
def flavour(request) -> str:
    return request.param


def test_a_client_pickles_with_its_options_never_its_connections(server, ca_bundle, flavour):
    timeout = httpx.Timeout(7.0, connect=2.0)
    retry = RetryPolicy(max_retries=5, backoff=0.01)
    client = CLIENTS[flavour](
        base_url=server.url, timeout=timeout, retry=retry, verify=ca_bundle, api_version="0.27.0"
    )
    assert send(client, getone).data["id"] == 1  # a live, kept-alive connection in its pool
    data = pickle.dumps(client)
    for absent in (b"httpcore", b"socket", b"SSLContext", b"_thread"):
        assert absent not in data
    restored = pickle.loads(data)
    assert type(restored) is type(client)
    assert (restored.base_url, restored.host, restored.use_ssl) == (
        server.url,
        server.url.removeprefix("https://"),
        True,
    )
    assert (restored._timeout, restored.retry, restored._verify) == (timeout, retry, ca_bundle)
    assert restored._shared is not client._shared and restored._shared.http is None
    assert restored._shared.version == "0.27.0"
    assert send(restored, getone).data["id"] == 1
    assert requests_to(server, "/about/") == 0  # the known version travelled
    assert restored._shared.http is not client._shared.http


def test_basic_auth_travels_in_a_pickle(server, ca_bundle, flavour):
    client = CLIENTS[flavour](
        server.url,
        verify=ca_bundle,
        authentication_method=BEMServerApiClient.make_http_basic_auth("u@test", "secret-pw"),
    )
    restored = pickle.loads(pickle.dumps(client))
    auth = restored.authentication_method
    assert isinstance(auth, HTTPBasicAuth) and auth is not client.authentication_method
    assert repr(auth) == "HTTPBasicAuth(email='u@test', password=***)"
    assert send(restored, getone).status_code == 200
    assert server.requests[-1][2]["Authorization"] == client.authentication_method._header


def test_bearer_auth_travels_with_its_current_tokens_and_callback(api, server, ca_bundle, flavour):
    expired = jwt(-10)
    api.expired.add(expired)
    auth = BEMServerApiClient.make_bearer_token_auth(expired, "R1", remember_tokens)
    client = CLIENTS[flavour](server.url, verify=ca_bundle, authentication_method=auth)
    assert send(client, getone).status_code == 200  # refreshed: new tokens
    TOKENS_SEEN.clear()
    restored = pickle.loads(pickle.dumps(client))
    moved = restored.authentication_method
    assert isinstance(moved, BearerTokenAuth) and moved is not auth
    assert (moved.access_token, moved.refresh_token) == (auth.access_token, "R2")
    assert moved.after_refresh_tokens_callback is remember_tokens
    # Its refresh goes through the restored client, the original's through the original.
    refresher = moved.refresher if flavour == "sync" else moved.async_refresher
    assert refresher.__self__ is restored
    original = auth.refresher if flavour == "sync" else auth.async_refresher
    assert original.__self__ is client
    moved.set_tokens(expired, "R2")
    assert send(restored, getone).status_code == 200
    assert TOKENS_SEEN == [(moved.access_token, "R2")]  # the callback travelled and ran
    assert "R2" not in repr(restored) and moved.access_token not in repr(restored)


def test_an_unpicklable_callback_is_named_in_a_type_error(flavour):
    def local_callback(access_token: str, refresh_token: str) -> None:
        pass

    for callback, name in [(local_callback, "local_callback"), (lambda a, r: None, "<lambda>")]:
        auth = BEMServerApiClient.make_bearer_token_auth("ACCESS-X", "REFRESH-X", callback)
        client = CLIENTS[flavour]("https://api.test", authentication_method=auth)
        with pytest.raises(TypeError, match="after_refresh_tokens_callback") as caught:
            pickle.dumps(client)
        message = str(caught.value)
        assert name in message and "module-level function" in message
        assert "ACCESS-X" not in message and "REFRESH-X" not in message


def test_what_cannot_travel_is_refused_clearly(ca_bundle, flavour):
    http_class = httpx.Client if flavour == "sync" else httpx.AsyncClient
    own = CLIENTS[flavour]("https://api.test", http_client=http_class())
    with pytest.raises(TypeError, match="http_client="):
        pickle.dumps(own)
    context = ssl.create_default_context(cafile=ca_bundle)
    with pytest.raises(TypeError, match="SSLContext"):
        pickle.dumps(CLIENTS[flavour]("https://api.test", verify=context))


def test_with_options_copies_pickle_into_independent_clients(server, ca_bundle, flavour):
    client = CLIENTS[flavour](server.url, verify=ca_bundle)
    fast = client.with_options(timeout=3.0, max_retries=0)
    assert send(fast, getone).status_code == 200
    assert fast._shared is client._shared  # a copy shares the connections...
    restored = pickle.loads(pickle.dumps(fast))
    assert (restored._timeout, restored.retry.max_retries) == (3.0, 0)
    assert restored._shared is not client._shared and restored._closes_http  # ...not a pickle
    assert send(restored, getone).status_code == 200


def every_kind_of_client(flavour: str, ca_bundle: str, url: str) -> dict[str, Any]:
    cls = CLIENTS[flavour]
    http_class = httpx.Client if flavour == "sync" else httpx.AsyncClient
    context = ssl.create_default_context(cafile=ca_bundle)
    local = BEMServerApiClient.make_bearer_token_auth(jwt(3600), "R1", lambda a, r: None)
    return {
        "plain": cls(url, verify=ca_bundle),
        "basic": cls(url, verify=ca_bundle, authentication_method=HTTPBasicAuth("u@t", "pw")),
        "bearer": cls(
            url,
            verify=ca_bundle,
            authentication_method=BearerTokenAuth(jwt(3600), "R1", remember_tokens),
        ),
        "lambda callback": cls(url, verify=ca_bundle, authentication_method=local),
        "ssl context": cls(url, verify=context),
        "http_client": cls(url, http_client=http_class(verify=context)),
        "with_options": cls(url, verify=ca_bundle).with_options(timeout=4.0),
    }


def copy_and_call(client: Any, copier: Callable[[Any], Any]) -> tuple[Any, list[int]]:
    """A call by `client`, its copy, a call by each; in one event loop for async clients (a
    user's own httpx.AsyncClient serves one loop: only ours are remade for another)."""
    if isinstance(client, AsyncBEMServerApiClient):

        async def calls() -> tuple[Any, list[int]]:
            first = (await client.sites.getone(1)).status_code
            copied = copier(client)
            fresh = copied._shared.http is None
            then = [(await c.sites.getone(1)).status_code for c in (copied, client)]
            return (copied, fresh), [first, *then]

        return asyncio.run(calls())
    first = client.sites.getone(1).status_code
    copied = copier(client)
    fresh = copied._shared.http is None
    return (copied, fresh), [first, *(c.sites.getone(1).status_code for c in (copied, client))]


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
def test_copy_and_deepcopy_keep_working(server, ca_bundle, flavour, copier):
    for kind, client in every_kind_of_client(flavour, ca_bundle, server.url).items():
        (copied, fresh), calls = copy_and_call(client, copier)
        assert calls == [200, 200, 200], kind  # the original, the copy, the original again
        assert type(copied) is type(client) and copied.base_url == client.base_url, kind
        assert (copied._timeout, copied.retry) == (client._timeout, client.retry), kind
        if copier is copy.copy:  # shallow: shares the connections (as with_options)
            assert copied._shared is client._shared and not copied._closes_http, kind
        elif kind == "http_client":  # the user's httpx client cannot be copied: shared
            assert copied._shared.http is client._shared.http, kind
        else:  # deep: connections of its own
            assert copied._shared is not client._shared and fresh, kind
        auth = copied.authentication_method
        if isinstance(auth, BearerTokenAuth):
            assert auth.access_token == client.authentication_method.access_token, kind
            refresher = auth.refresher if flavour == "sync" else auth.async_refresher
            assert refresher is not None, kind
        if copier is copy.deepcopy and auth is not None:
            assert auth is not client.authentication_method, kind
        assert "R1" not in repr(copied) and "pw" not in repr(copied).replace("password", ""), kind


def test_a_client_unpickled_in_a_forked_child_makes_its_own_connections(server, ca_bundle):
    client = BEMServerApiClient(server.url, verify=ca_bundle)
    assert client.sites.getone(1).status_code == 200
    data = pickle.dumps(client)
    assert in_child(lambda: pickle.loads(data).sites.getone(1).data["id"]) == 1


def test_pickling_takes_no_lock_a_refresh_holds(api, server, ca_bundle):
    """Pickling reads the tokens without waiting for a refresh in flight (it may be long)."""
    expired = jwt(-10)
    api.expired.add(expired)
    arrived = api.hold_first("/auth/token/refresh")
    auth = BEMServerApiClient.make_bearer_token_auth(expired, "R1")
    client = BEMServerApiClient(server.url, verify=ca_bundle, authentication_method=auth)
    refreshing = threading.Thread(target=lambda: client.sites.getone(1))
    refreshing.start()
    assert arrived.wait(10)
    started = time.monotonic()
    restored = pickle.loads(pickle.dumps(client))
    assert time.monotonic() - started < 1
    assert restored.authentication_method.access_token == expired  # the tokens of that moment
    api.release.set()
    refreshing.join(10)
