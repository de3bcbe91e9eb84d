"""The production shape against the real server: keep-alive over TLS, fork, pickling, many
short-lived clients.

The local servers keep connections alive (gunicorn's threaded workers) and speak TLS with a
throwaway CA, as a deployment behind a reverse proxy does. Forked children (4 x 400 calls,
Basic and Bearer, sync and async) must get their own answers, from connections of their own;
a client pickles into a working client (also across a spawn process pool); a thousand
short-lived clients leave no socket open. The heavy tests run on `fast_basic_server` (one
version, cheap password hashes: a Basic call costs what a bearer call does); client behaviour
does not depend on the API version. Numbers are printed (pytest -s shows them).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.exceptions import BEMServerAPIConnectionError

FORK = multiprocessing.get_context("fork")
SPAWN = multiprocessing.get_context("spawn")
CHILDREN, CALLS = 4, 400
CHILD_TIMEOUT = 300.0
CLIENTS: dict[str, Any] = {"sync": BEMServerApiClient, "async": AsyncBEMServerApiClient}


# -- helpers ----------------------------------------------------------------------------------


def make_auth(server, kind: str) -> Any:
    """HTTP Basic, or bearer tokens from a login."""
    if kind == "basic":
        return BEMServerApiClient.make_http_basic_auth(server.email, server.password)
    with BEMServerApiClient(server.url, **server.client_options) as client:
        tokens = client.auth.get_tokens(server.email, server.password).data
    assert tokens["status"] == "success"
    return BEMServerApiClient.make_bearer_token_auth(
        tokens["access_token"], tokens["refresh_token"]
    )


@pytest.fixture(scope="module")
def campaigns(fast_basic_server) -> list[dict]:
    """One campaign for the parent and one per child, each with a name of its own."""
    server = fast_basic_server
    with BEMServerApiClient(
        server.url, authentication_method=make_auth(server, "bearer"), **server.client_options
    ) as admin:
        return [
            admin.campaigns.create(
                {"name": f"fork {n} {uuid.uuid4().hex[:8]}", "timezone": "UTC"}
            ).data
            for n in range(CHILDREN + 1)
        ]


def pool_ports(http: Any) -> set[int]:
    """The local ports of the connections in an httpx client's pool (sync or async)."""
    ports = set()
    for connection in http._transport._pool.connections:
        stream = getattr(connection._connection, "_network_stream", None)
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            ports.add(sock.getsockname()[1])
    return ports


class Tally:
    """Answers checked against the campaign asked for: wrong ones, errors (the first kept)."""

    def __init__(self) -> None:
        self.calls = self.wrong = self.errors = 0
        self.first_error = ""
        self.lock = threading.Lock()

    def answered(self, campaign: dict, data: Any) -> None:
        with self.lock:
            self.calls += 1
            self.wrong += (data["id"], data["name"]) != (campaign["id"], campaign["name"])

    def failed(self, exc: Exception) -> None:
        with self.lock:
            self.calls += 1
            self.errors += 1
            self.first_error = self.first_error or f"{type(exc).__name__}: {exc}"[:300]

    def check(self, campaign: dict, answer: Callable[[], Any]) -> None:
        try:
            data = answer()
        except Exception as exc:
            self.failed(exc)
        else:
            self.answered(campaign, data)

    def result(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "wrong": self.wrong,
            "errors": self.errors,
            "first_error": self.first_error,
        }


def sync_calls(client: BEMServerApiClient, campaign: dict, calls: int, threads: int) -> Tally:
    tally = Tally()

    def work() -> None:
        for _ in range(calls // threads):
            tally.check(campaign, lambda: client.campaigns.getone(campaign["id"]).data)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally


async def async_calls(
    client: AsyncBEMServerApiClient, campaign: dict, calls: int, tasks: int
) -> Tally:
    tally = Tally()

    async def work() -> None:
        for _ in range(calls // tasks):
            try:
                response = await client.campaigns.getone(campaign["id"])
            except Exception as exc:
                tally.failed(exc)
            else:
                tally.answered(campaign, response.data)

    await asyncio.gather(*(work() for _ in range(tasks)))
    return tally


class BackgroundLoop:
    """An event loop in a thread: an async application's loop, alive while the main thread
    forks."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Any, timeout: float = CHILD_TIMEOUT) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


def fork_children(work: Callable[[int], dict[str, Any]], count: int) -> list[Any]:
    """Start `count` forked children running `work(n)`; their pipes and processes."""
    started = []
    for n in range(count):
        receive, send = FORK.Pipe(duplex=False)

        def target(n: int = n, send: Any = send) -> None:
            try:
                send.send(work(n))
            except BaseException as exc:
                send.send({"crashed": f"{type(exc).__name__}: {exc}"})

        child = FORK.Process(target=target)
        child.start()
        send.close()
        started.append((receive, child))
    return started


def collect(started: list[Any]) -> list[dict[str, Any]]:
    results = []
    for receive, child in started:
        if not receive.poll(CHILD_TIMEOUT):
            child.kill()
            results.append({"crashed": "hung"})
        else:
            results.append(receive.recv())
        child.join(CHILD_TIMEOUT)
        assert child.exitcode == 0
    return results


# -- the shape of the test servers ------------------------------------------------------------


def test_the_server_keeps_connections_alive_over_tls(server):
    if not server.ca_bundle:
        pytest.skip("an external server without a CA of its own")
    assert server.url.startswith("https://") and server.client_options == {
        "verify": server.ca_bundle
    }
    with BEMServerApiClient(server.url, **server.client_options) as client:
        ports: set[int] = set()
        for _ in range(20):
            response = client.about.getall()
            assert response.headers.get("Connection", "").lower() != "close"
            ports |= pool_ports(client._http)
        assert len(ports) == 1  # 20 calls, one connection


def test_the_closing_server_closes_every_connection(closing_server):
    assert closing_server.url.startswith("http://") and closing_server.client_options == {}
    ports = set()

    def local_port(response) -> None:  # headers read, body not yet: the socket is still open
        stream = response.extensions["network_stream"]
        ports.add(stream.get_extra_info("socket").getsockname()[1])

    with BEMServerApiClient(closing_server.url, **closing_server.client_options) as client:
        client._http.event_hooks["response"].append(local_port)
        for _ in range(5):
            assert client.about.getall().headers["Connection"] == "close"
            assert not pool_ports(client._http)  # nothing kept
    assert len(ports) == 5  # a connection per call


def test_a_client_without_the_ca_refuses_the_server(server):
    if not server.ca_bundle:
        pytest.skip("an external server without a CA of its own")
    with (
        BEMServerApiClient(server.url, max_retries=0) as client,
        pytest.raises(BEMServerAPIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        client.about.getall()


# -- fork -------------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", ["basic", "bearer"])
@pytest.mark.parametrize(
    ("shape", "threads"),
    [("after calls", 1), ("preload", 4)],  # preload: gunicorn's threaded workers
)
def test_forked_children_get_their_own_answers_sync(
    fast_basic_server, campaigns, auth, shape, threads
):
    """4 children x 400 campaigns.getone(their own id) on a client the parent used before
    forking; "after calls": the parent keeps calling on its connection while they run;
    "preload": the client is built and used (login, version) before the fork, 4 threads per
    child, as in gunicorn --preload."""
    server = fast_basic_server
    mine, theirs = campaigns[0], campaigns[1:]
    client = BEMServerApiClient(
        server.url,
        authentication_method=make_auth(server, auth),
        max_retries=0,  # an error is counted, never retried away
        **server.client_options,
    )
    if shape == "preload":
        assert client.api_version == server.version
    assert client.campaigns.getone(mine["id"]).data["name"] == mine["name"]
    parent_http = client._shared.http
    parent_ports = pool_ports(parent_http)
    assert len(parent_ports) == 1

    def work(n: int) -> dict[str, Any]:
        tally = sync_calls(client, theirs[n], CALLS, threads)
        http = client._shared.http
        return {**tally.result(), "reused pool": http is parent_http, "ports": pool_ports(http)}

    started_at = time.monotonic()
    children = fork_children(work, CHILDREN)
    parent = Tally()
    if shape == "after calls":  # the parent reads its own connection meanwhile
        while any(child.is_alive() for _, child in children):
            parent.check(mine, lambda: client.campaigns.getone(mine["id"]).data)
    results = collect(children)
    elapsed = time.monotonic() - started_at
    for _ in range(20):  # the parent keeps working after its children exited
        parent.check(mine, lambda: client.campaigns.getone(mine["id"]).data)
    print(
        f"\nfork sync {auth} {shape}: children {[(r.get('wrong'), r.get('errors')) for r in results]}"
        f" (wrong, errors) of {CALLS} each in {elapsed:.1f} s; parent {parent.result()}"
    )
    for result in results:
        assert "crashed" not in result, result
        assert (result["calls"], result["wrong"], result["errors"]) == (CALLS, 0, 0), result
        assert not result["reused pool"] and result["ports"]
        assert not result["ports"] & parent_ports  # connections of its own
    assert (parent.wrong, parent.errors) == (0, 0), parent.result()
    assert client._shared.http is parent_http  # the parent's pool outlived its children
    if shape == "after calls":  # and the socket it kept using (an idle one expires after 5 s)
        assert pool_ports(parent_http) == parent_ports
    client.close()


@pytest.mark.parametrize("auth", ["basic", "bearer"])
@pytest.mark.parametrize(("shape", "tasks"), [("after calls", 1), ("preload", 4)])
def test_forked_children_get_their_own_answers_async(
    fast_basic_server, campaigns, auth, shape, tasks
):
    """The async client: the parent's event loop runs in a thread, holding a kept-alive
    connection, while the main thread forks; each child runs 400 calls in an event loop of its
    own (1 task, or 4 concurrent ones); the parent's loop keeps calling meanwhile ("after
    calls") and after."""
    server = fast_basic_server
    mine, theirs = campaigns[0], campaigns[1:]
    client = AsyncBEMServerApiClient(
        server.url,
        authentication_method=make_auth(server, auth),
        max_retries=0,  # an error is counted, never retried away
        **server.client_options,
    )
    loop = BackgroundLoop()
    try:
        if shape == "preload":
            assert loop.run(client.get_api_version()) == server.version
        first = loop.run(client.campaigns.getone(mine["id"]))
        assert first.data["name"] == mine["name"]
        parent_http = client._shared.http
        parent_ports = pool_ports(parent_http)
        assert len(parent_ports) == 1

        def work(n: int) -> dict[str, Any]:
            tally = asyncio.run(async_calls(client, theirs[n], CALLS, tasks))
            http = client._shared.http
            return {
                **tally.result(),
                "reused pool": http is parent_http,
                "ports": pool_ports(http),
            }

        started_at = time.monotonic()
        children = fork_children(work, CHILDREN)
        parent = Tally()
        if shape == "after calls":

            async def busy() -> None:
                while any(child.is_alive() for _, child in children):
                    try:
                        response = await client.campaigns.getone(mine["id"])
                    except Exception as exc:
                        parent.failed(exc)
                    else:
                        parent.answered(mine, response.data)

            loop.run(busy())
        results = collect(children)
        elapsed = time.monotonic() - started_at
        after = loop.run(async_calls(client, mine, 20, 1))
        print(
            f"\nfork async {auth} {shape}: children"
            f" {[(r.get('wrong'), r.get('errors')) for r in results]} (wrong, errors) of"
            f" {CALLS} each in {elapsed:.1f} s; parent {parent.result()}, after {after.result()}"
        )
        for result in results:
            assert "crashed" not in result, result
            assert (result["calls"], result["wrong"], result["errors"]) == (CALLS, 0, 0), result
            assert not result["reused pool"] and result["ports"]
            assert not result["ports"] & parent_ports
        assert (parent.wrong, parent.errors) == (0, 0), parent.result()
        assert (after.calls, after.wrong, after.errors) == (20, 0, 0), after.result()
        assert client._shared.http is parent_http
        if shape == "after calls":
            assert pool_ports(parent_http) == parent_ports
        # Another event loop of the parent (asyncio.run) gets connections of its own.
        again = asyncio.run(async_calls(client, mine, 5, 1))
        assert (again.calls, again.wrong, again.errors) == (5, 0, 0), again.result()
        loop.run(client.aclose())
    finally:
        loop.close()


# -- pickling ---------------------------------------------------------------------------------

REFRESHED: list[tuple[str, str]] = []


def remember_tokens(access_token: str, refresh_token: str) -> None:
    """An after-refresh callback that pickles (a module-level function)."""
    REFRESHED.append((access_token, refresh_token))


def call(client: Any, function: Callable[[Any], Any]) -> Any:
    """`function(client)`, awaited in an event loop of its own for an async client."""
    if isinstance(client, AsyncBEMServerApiClient):

        async def awaited() -> Any:
            try:
                return await function(client)
            finally:
                await client.aclose()

        return asyncio.run(awaited())
    return function(client)


def campaign_name(client: Any, campaign_id: int) -> str:
    """Run in a spawned process: the name of a campaign, read by an unpickled client."""

    def getone(client: Any) -> Any:
        if isinstance(client, AsyncBEMServerApiClient):

            async def name() -> str:
                return (await client.campaigns.getone(campaign_id)).data["name"]

            return name()
        return client.campaigns.getone(campaign_id).data["name"]

    return call(client, getone)  # type: ignore[no-any-return]


@pytest.fixture
def campaign(server) -> dict:
    with BEMServerApiClient(
        server.url, authentication_method=make_auth(server, "bearer"), **server.client_options
    ) as admin:
        return admin.campaigns.create(
            {"name": f"pickle {uuid.uuid4().hex[:8]}", "timezone": "UTC"}
        ).data


@pytest.mark.parametrize("auth", ["basic", "bearer"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_an_unpickled_client_makes_real_calls(server, campaign, flavour, auth):
    client = CLIENTS[flavour](
        server.url, authentication_method=make_auth(server, auth), **server.client_options
    )
    assert campaign_name(client, campaign["id"]) == campaign["name"]
    restored = pickle.loads(pickle.dumps(client))
    assert restored._verify == server.client_options.get("verify", True)
    if auth == "bearer":
        moved, original = restored.authentication_method, client.authentication_method
        assert (moved.access_token, moved.refresh_token) == (
            original.access_token,
            original.refresh_token,
        )
    assert campaign_name(restored, campaign["id"]) == campaign["name"]
    assert campaign_name(client, campaign["id"]) == campaign["name"]  # the original too


def test_unpickled_bearer_clients_refresh_on_the_real_server(short_token_server):
    """Tokens living 2 s: clients unpickled with their tokens and callback refresh them."""
    server = short_token_server
    restored = []
    for flavour in ("sync", "async"):
        auth = make_auth(server, "bearer")
        auth.after_refresh_tokens_callback = remember_tokens
        auth._refresh_at = None  # the reactive path: 401 expired_token, refresh, replay
        client = CLIENTS[flavour](server.url, authentication_method=auth, **server.client_options)
        restored.append(pickle.loads(pickle.dumps(client)))
    REFRESHED.clear()
    time.sleep(3)
    for client in restored:
        assert call(client, lambda c: c.sites.getall()).status_code == 200
    assert len(REFRESHED) == 2  # the callback travelled with each client and ran once
    for client, (access, refresh) in zip(restored, REFRESHED, strict=True):
        assert (client.authentication_method.access_token, client.authentication_method.refresh_token) == (access, refresh)  # fmt: skip


@pytest.mark.parametrize("auth", ["basic", "bearer"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_spawn_process_pool_maps_real_calls_over_a_client(fast_basic_server, flavour, auth):
    server = fast_basic_server
    client = CLIENTS[flavour](
        server.url, authentication_method=make_auth(server, auth), **server.client_options
    )
    with BEMServerApiClient(
        server.url, authentication_method=make_auth(server, "bearer"), **server.client_options
    ) as admin:
        made = [
            admin.campaigns.create(
                {"name": f"spawn {uuid.uuid4().hex[:8]}", "timezone": "UTC"}
            ).data
            for _ in range(8)
        ]
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=2, mp_context=SPAWN) as pool:
        names = list(pool.map(campaign_name, itertools.repeat(client), [c["id"] for c in made]))
    print(f"\nspawn pool {flavour} {auth}: 8 calls in {time.monotonic() - started:.1f} s")
    assert names == [c["name"] for c in made]


# -- many short-lived clients -----------------------------------------------------------------


def open_sockets() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # closed meanwhile
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts sockets in /proc")
@pytest.mark.parametrize("end", ["closed", "dropped"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_thousand_short_lived_clients_leave_no_socket_open(fast_basic_server, flavour, end):
    """A client per unit of work (bemserver-ui builds one per page): one real request each,
    then closed or dropped. Closed: no socket left even before any garbage collection.
    Dropped: a client lives in reference cycles (its entry points, a bearer's refresher), as
    an httpx.Client does (its pool), so its sockets close at the next cyclic collection."""
    server = fast_basic_server
    cls = CLIENTS[flavour]
    gc.collect()
    before = open_sockets()
    if end == "closed":
        gc.disable()  # closing must not depend on it (dropped ones would pile up: fd limit)
    try:
        if flavour == "sync":
            for _ in range(1000):
                client = cls(server.url, **server.client_options)
                assert client.about.getall().status_code == 200
                if end == "closed":
                    client.close()
                del client
        else:

            async def clients() -> None:
                for _ in range(1000):
                    client = cls(server.url, **server.client_options)
                    assert (await client.about.getall()).status_code == 200
                    if end == "closed":
                        await client.aclose()
                    del client

            asyncio.run(clients())
        uncollected = open_sockets() - before
    finally:
        gc.enable()
    gc.collect()
    after = open_sockets() - before
    print(
        f"\n1000 {flavour} clients {end}: {uncollected} sockets open before a garbage"
        f" collection, {after} after"
    )
    if end == "closed":
        assert uncollected == 0
    assert after == 0
