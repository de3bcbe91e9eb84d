"""Async auth on mock and loopback APIs: 100 coroutines on an expired token refresh once, a
failed refresh fails every waiter and the next call refreshes again, one BearerTokenAuth shared
by a sync client (threads) and an async client, and cancellation: mid-request (no connection
left busy) and around the refresh (none half-done)."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from loopback import ScriptedServer
from mock_api import make_client
from test_authentication import FakeTokenServer

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.authentication import BearerTokenAuth
from bemserver_api_client.exceptions import BEMServerAPIAuthenticationError


class AsyncTokenServer(FakeTokenServer):
    """FakeTokenServer answering coroutines: a slow refresh awaits (never blocks the loop), and
    `gate` (when set) holds each refresh until opened. Counts refreshes started and done."""

    def __init__(self, lifetime: float = 900, refresh_delay: float = 0.0) -> None:
        super().__init__(lifetime)
        self.async_delay = refresh_delay
        self.gate: asyncio.Event | None = None
        self.refreshes_started = 0

    async def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/token/refresh":
            self.refreshes_started += 1
            if self.gate is not None:
                await self.gate.wait()
            await asyncio.sleep(self.async_delay)
        return self(request)


def async_bearer_client(
    server: AsyncTokenServer, auth: BearerTokenAuth | None = None
) -> tuple[AsyncBEMServerApiClient, BearerTokenAuth]:
    auth = auth or BEMServerApiClient.make_bearer_token_auth(server.access, server.refresh)
    http = httpx.AsyncClient(transport=httpx.MockTransport(server.handle))
    client = AsyncBEMServerApiClient(
        "http://api.test", http_client=http, authentication_method=auth
    )
    return client, auth


async def released_together(count: int, call) -> list:
    """`count` coroutines started, then released at once; their results or exceptions."""
    start = asyncio.Event()

    async def one():
        await start.wait()
        return await call()

    tasks = [asyncio.create_task(one()) for _ in range(count)]
    await asyncio.sleep(0)  # every task is now waiting on `start`
    start.set()
    return await asyncio.gather(*tasks, return_exceptions=True)


def test_hundred_coroutines_on_an_expired_token_refresh_once():
    server = AsyncTokenServer(refresh_delay=0.2)
    client, auth = async_bearer_client(server)
    server.expire()

    async def main():
        return await released_together(100, lambda: client.sites.getall())

    results = asyncio.run(main())
    assert [result.data for result in results] == [[]] * 100
    assert server.refresh_calls == 1
    assert server.resource_calls == 200  # 100 refused, 100 replayed with the new token
    assert auth.access_token == server.access


def test_hundred_coroutines_refresh_once_ahead_of_expiry():
    server = AsyncTokenServer(refresh_delay=0.2)
    client, auth = async_bearer_client(server)
    auth._refresh_at = time.time() - 1  # as if the token were about to expire

    async def main():
        return await released_together(100, lambda: client.sites.getall())

    results = asyncio.run(main())
    assert all(result.status_code == 200 for result in results)
    assert (server.refresh_calls, server.resource_calls) == (1, 100)  # no 401 round trip


def test_a_failed_refresh_fails_every_waiter_and_the_next_call_refreshes_again():
    server = AsyncTokenServer(refresh_delay=0.2)
    client, _ = async_bearer_client(server)
    server.expire()
    server.refresh_fails = True

    async def main():
        results = await released_together(100, lambda: client.sites.getall())
        assert all(isinstance(result, BEMServerAPIAuthenticationError) for result in results)
        assert {result.path for result in results} == {"/auth/token/refresh"}
        assert server.refresh_calls == 1
        server.refresh_fails = False
        assert (await client.sites.getall()).data == []  # a new call may refresh again
        assert server.refresh_calls == 2

    asyncio.run(main())


def test_refresh_tokens_joins_the_same_single_flight():
    server = AsyncTokenServer(refresh_delay=0.1)
    received = []
    auth = BEMServerApiClient.make_bearer_token_auth(
        server.access, server.refresh, lambda a, r: received.append(a)
    )
    client, _ = async_bearer_client(server, auth)

    async def main():
        return await released_together(10, lambda: client.auth.refresh_tokens())

    responses = asyncio.run(main())
    assert {response.data["access_token"] for response in responses} == {server.access}
    assert server.refresh_calls == 1 and received == [server.access]


def test_basic_auth_header():
    seen = []

    async def handler(request):
        seen.append(request.headers.get("Authorization"))
        return httpx.Response(200, json=[])

    async def main():
        auth = AsyncBEMServerApiClient.make_http_basic("a@b.c", "pw")
        async with AsyncBEMServerApiClient(
            "http://api.test",
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
            authentication_method=auth,
        ) as client:
            await client.sites.getall()
            await client.auth.get_tokens("a@b.c", "pw")  # sent without Authorization

    asyncio.run(main())
    assert seen == ["Basic YUBiLmM6cHc=", None]


@pytest.mark.parametrize("first", ["sync", "async"])
def test_one_bearer_shared_by_a_sync_client_in_threads_and_an_async_client(first):
    """Both clients find the token expired at once: one refresh in all (a second one would send
    the refresh token the first one replaced, which this server refuses), every call succeeds."""
    server = AsyncTokenServer()
    server.refresh_delay = 0.3  # the sync client's refresh: time.sleep in its thread
    if first == "async":
        server.refresh_delay, server.async_delay = 0.0, 0.3
    auth = BEMServerApiClient.make_bearer_token_auth(server.access, server.refresh)
    sync_client = make_client(server, authentication_method=auth)
    async_client, _ = async_bearer_client(server, auth)
    server.expire()
    sync_results: list = []

    def sync_work():
        try:
            sync_results.append(sync_client.sites.getall().status_code)
        except Exception as exc:
            sync_results.append(exc)

    async def main():
        threads = [threading.Thread(target=sync_work) for _ in range(10)]
        async_calls = (
            asyncio.ensure_future(released_together(20, lambda: async_client.sites.getall()))
            if first == "async"
            else None
        )
        if async_calls is not None:
            await asyncio.sleep(0.1)  # the async refresh is under way
        for thread in threads:
            thread.start()
        if async_calls is None:
            await asyncio.sleep(0.1)  # the sync refresh is under way
            async_calls = asyncio.ensure_future(
                released_together(20, lambda: async_client.sites.getall())
            )
        results = await async_calls
        await asyncio.to_thread(lambda: [thread.join() for thread in threads])
        return results

    results = asyncio.run(main())
    assert sync_results == [200] * 10
    assert [getattr(result, "status_code", result) for result in results] == [200] * 20
    assert server.refresh_calls == 1


# -- cancellation ----------------------------------------------------------------------------


def busy_connections(client: AsyncBEMServerApiClient) -> list:
    pool = client._http._transport._pool
    return [c for c in pool.connections if not (c.is_idle() or c.is_closed())]


def test_cancelling_coroutines_mid_request_leaves_no_connection_busy():
    def script(method, path, headers):
        if path.startswith("/sites/slow"):
            time.sleep(1.0)  # the server takes its time
        return (
            200,
            {"Content-Type": "application/json"},
            b'{"id": 1, "name": "s", "campaign_id": 1}',
        )

    with ScriptedServer(script) as server:

        async def main():
            client = AsyncBEMServerApiClient(server.url)
            await client.sites.getone(1)  # one idle connection in the pool
            tasks = [asyncio.create_task(client.sites.getone(f"slow{n}")) for n in range(10)]
            await asyncio.sleep(0.3)  # every request sent, waiting for its answer
            assert len(busy_connections(client)) == 10
            for task in tasks:
                task.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            assert all(isinstance(result, asyncio.CancelledError) for result in results)
            assert busy_connections(client) == []
            assert client._http._transport._pool._requests == []
            response = await client.sites.getone(1)  # the client still works
            assert response.data["id"] == 1 and busy_connections(client) == []
            await client.aclose()

        asyncio.run(main())


def test_cancelling_a_waiter_on_the_refresh_leaves_it_whole():
    server = AsyncTokenServer()
    client, auth = async_bearer_client(server)
    server.expire()

    async def main():
        server.gate = asyncio.Event()
        refresher = asyncio.create_task(client.sites.getall())
        await asyncio.sleep(0.05)  # its refresh is held at the server
        waiters = [asyncio.create_task(client.sites.getall()) for _ in range(5)]
        await asyncio.sleep(0.05)  # they wait for that refresh
        waiters[0].cancel()
        await asyncio.sleep(0.01)
        server.gate.set()
        results = await asyncio.gather(refresher, *waiters, return_exceptions=True)
        assert isinstance(results[1], asyncio.CancelledError)
        assert [result.status_code for result in results[:1] + results[2:]] == [200] * 5
        assert (server.refreshes_started, server.refresh_calls) == (1, 1)
        assert (await client.sites.getall()).status_code == 200  # no further refresh
        assert server.refresh_calls == 1 and auth.access_token == server.access

    asyncio.run(main())


def test_cancelling_the_refreshing_coroutine_lets_a_waiter_refresh():
    server = AsyncTokenServer()
    client, auth = async_bearer_client(server)
    server.expire()
    old_tokens = (auth.access_token, auth.refresh_token)

    async def main():
        server.gate = asyncio.Event()
        refresher = asyncio.create_task(client.sites.getall())
        await asyncio.sleep(0.05)  # its refresh request is at the server, held
        waiters = [asyncio.create_task(client.sites.getall()) for _ in range(5)]
        await asyncio.sleep(0.05)
        refresher.cancel()  # mid-refresh
        await asyncio.sleep(0.05)
        assert (auth.access_token, auth.refresh_token) == old_tokens  # nothing half-stored
        assert server.refreshes_started == 2  # a waiter took over, held at the server too
        server.gate.set()
        results = await asyncio.gather(refresher, *waiters, return_exceptions=True)
        assert isinstance(results[0], asyncio.CancelledError)
        assert [result.status_code for result in results[1:]] == [200] * 5
        assert server.refresh_calls == 1  # the cancelled one never reached the server's answer
        assert (auth.access_token, auth.refresh_token) == (server.access, server.refresh)
        assert (await client.sites.getall()).status_code == 200
        assert server.refreshes_started == 2 and server.refresh_calls == 1
        assert not auth._lock.locked()  # the threads' refresh lock was released

    asyncio.run(main())


def test_a_cancelled_coroutine_never_holds_the_threads_refresh_lock():
    """A coroutine waiting for a sync client's refresh is cancelled: the lock stays the thread's,
    then is free, and the sync refresh's outcome is kept."""
    server = AsyncTokenServer()
    server.refresh_delay = 0.4  # the sync refresh, in its thread
    auth = BEMServerApiClient.make_bearer_token_auth(server.access, server.refresh)
    sync_client = make_client(server, authentication_method=auth)
    async_client, _ = async_bearer_client(server, auth)
    server.expire()

    async def main():
        thread = threading.Thread(target=sync_client.sites.getall)
        thread.start()
        await asyncio.sleep(0.1)  # the thread refreshes
        waiting = asyncio.create_task(async_client.sites.getall())
        await asyncio.sleep(0.1)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await asyncio.to_thread(thread.join)
        assert not auth._lock.locked()
        assert (await async_client.sites.getall()).status_code == 200
        assert server.refresh_calls == 1

    asyncio.run(main())


def test_one_bearer_in_event_loops_one_after_the_other_and_at_once():
    """asyncio.run twice with one BearerTokenAuth (a lock made in the first loop must not serve
    the second), then two loops in two threads at once: one refresh per expiry in all."""
    server = AsyncTokenServer(refresh_delay=0.1)
    auth = BEMServerApiClient.make_bearer_token_auth(server.access, server.refresh)

    async def calls(count: int) -> list:
        client, _ = async_bearer_client(server, auth)
        results = await released_together(count, lambda: client.sites.getall())
        await client.aclose()
        return [getattr(result, "status_code", result) for result in results]

    for expiry in (1, 2):
        server.expire()
        assert asyncio.run(calls(20)) == [200] * 20
        assert server.refresh_calls == expiry
    server.expire()
    outcomes: list = []
    threads = [
        threading.Thread(target=lambda: outcomes.extend(asyncio.run(calls(20)))) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [200] * 40
    assert server.refresh_calls == 3
