"""AsyncBEMServerApiClient awaited directly (no facade) on the real server: 100 coroutines on an
expired 2-second token (one refresh), one BearerTokenAuth shared with a sync client in threads,
and examples/async_download.py (bounded concurrent downloads)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from conftest import bearer_client, client_options, unique

from bemserver_api_client import AsyncBEMServerApiClient

ROOT = Path(__file__).resolve().parent.parent.parent


async def logged_in(server) -> tuple[AsyncBEMServerApiClient, dict[str, list[int]]]:
    """An async admin client with bearer tokens; the statuses of its refreshes and of its
    other answers, by path kind."""
    client = AsyncBEMServerApiClient(server.url, **client_options(server))
    seen: dict[str, list[int]] = {"refresh": [], "other": []}

    async def record(response) -> None:
        kind = "refresh" if response.request.url.path == "/auth/token/refresh" else "other"
        seen[kind].append(response.status_code)

    client._http.event_hooks = {"response": [record]}
    tokens = (await client.auth.get_tokens(server.email, server.password)).data
    assert tokens["status"] == "success"
    client.set_authentication_method(
        AsyncBEMServerApiClient.make_bearer_token_auth(
            tokens["access_token"], tokens["refresh_token"]
        )
    )
    seen["other"].clear()
    return client, seen


async def released_together(count: int, call) -> list:
    start = asyncio.Event()

    async def one():
        await start.wait()
        return await call()

    tasks = [asyncio.create_task(one()) for _ in range(count)]
    await asyncio.sleep(0)
    start.set()
    return await asyncio.gather(*tasks, return_exceptions=True)


def test_hundred_coroutines_on_an_expired_token_refresh_once(short_token_server):
    async def main():
        client, seen = await logged_in(short_token_server)
        client.authentication_method._refresh_at = None  # all 100 get 401 expired_token
        await asyncio.sleep(3)  # the token lives 2 s
        results = await released_together(100, lambda: client.sites.getall())
        await client.aclose()
        return results, seen

    results, seen = asyncio.run(main())
    assert [getattr(result, "status_code", result) for result in results] == [200] * 100
    assert seen["refresh"] == [200]
    assert seen["other"].count(401) == 100 and seen["other"].count(200) == 100  # replayed


def test_hundred_coroutines_refresh_once_ahead_of_expiry(short_token_server):
    async def main():
        client, seen = await logged_in(short_token_server)
        await asyncio.sleep(2)  # past the refresh time (shortly before `exp`)
        results = await released_together(100, lambda: client.sites.getall())
        await client.aclose()
        return results, seen

    results, seen = asyncio.run(main())
    assert [getattr(result, "status_code", result) for result in results] == [200] * 100
    assert seen["refresh"] == [200] and seen["other"] == [200] * 100  # no 401 round trip


def test_one_bearer_shared_by_a_sync_client_in_threads_and_an_async_client(short_token_server):
    server = short_token_server
    refreshes: list[str] = []
    sync_client = bearer_client(server, "sync")
    sync_client._http.event_hooks = {
        "request": [lambda r: refreshes.append("sync") if r.url.path.endswith("refresh") else None]
    }
    auth = sync_client.authentication_method
    auth._refresh_at = None  # both find out on 401 expired_token, together
    sync_results: list = []

    def sync_work(barrier: threading.Barrier) -> None:
        barrier.wait()
        try:
            sync_results.append(sync_client.sites.getall().status_code)
        except Exception as exc:
            sync_results.append(exc)

    async def main():
        client = AsyncBEMServerApiClient(
            server.url, authentication_method=auth, **client_options(server)
        )

        async def count(request) -> None:
            if request.url.path.endswith("refresh"):
                refreshes.append("async")

        client._http.event_hooks = {"request": [count]}
        await asyncio.sleep(3)
        barrier = threading.Barrier(11)
        threads = [threading.Thread(target=sync_work, args=(barrier,)) for _ in range(10)]
        for thread in threads:
            thread.start()
        await asyncio.to_thread(barrier.wait)
        results = await released_together(40, lambda: client.sites.getall())
        await asyncio.to_thread(lambda: [thread.join() for thread in threads])
        await client.aclose()
        return results

    results = asyncio.run(main())
    sync_client.close()
    assert sync_results == [200] * 10
    assert [getattr(result, "status_code", result) for result in results] == [200] * 40
    assert len(refreshes) == 1


def test_async_download_example_runs_against_the_real_server(server):
    """examples/async_download.py on a campaign of 30 timeseries, 4 downloads at most at once."""
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with bearer_client(server, "sync") as client:
        name = unique("download campaign")
        campaign = client.campaigns.create({"name": name, "timezone": "UTC"}).data
        scope = client.campaign_scopes.create({"name": "s", "campaign_id": campaign["id"]}).data
        ids = [
            client.timeseries.create(
                {
                    "name": f"series {n:02d}",
                    "unit_symbol": "kW",
                    "campaign_id": campaign["id"],
                    "campaign_scope_id": scope["id"],
                }
            ).data["id"]
            for n in range(30)
        ]
        states = {s["name"]: s["id"] for s in client.timeseries_datastates.getall().data}
        client.timeseries_data.upload(
            states["Clean"],
            {
                ts: {(start + dt.timedelta(hours=h)).isoformat(): float(n) for h in range(24)}
                for n, ts in enumerate(ids)
            },
        )
    env = {
        **os.environ,
        **(server.env() if hasattr(server, "env") else {}),
        "BEMSERVER_URL": server.url,
        "BEMSERVER_EMAIL": server.email,
        "BEMSERVER_PASSWORD": server.password,
        "BEMSERVER_CAMPAIGN": name,
        "BEMSERVER_CONCURRENCY": "4",
    }
    result = subprocess.run(
        [sys.executable, ROOT / "examples" / "async_download.py"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1:31] == [f"  series {n:02d}: 24 values, mean {n:.2f} kW" for n in range(30)]
    summary = re.fullmatch(
        r"30 timeseries downloaded in [\d.]+ s, at most (\d+) requests at once \(limit 4\)",
        lines[31],
    )
    assert summary, lines[31]
    assert 1 < int(summary[1]) <= 4  # concurrent, and bounded
