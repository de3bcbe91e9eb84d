"""Download the data of many timeseries concurrently with the async client, never more than
BEMSERVER_CONCURRENCY requests at once.

    BEMSERVER_URL=http://127.0.0.1:5000 BEMSERVER_EMAIL=... BEMSERVER_PASSWORD=... python examples/async_download.py

Every timeseries of the campaign BEMSERVER_CAMPAIGN (default "Demo campaign", which
examples/sample_data.py loads) is downloaded by its own request ("Clean" data, January 2024 by
default: BEMSERVER_START and BEMSERVER_END take ISO datetimes), at most BEMSERVER_CONCURRENCY
(default 8) in flight: an asyncio.Semaphore bounds them, an asyncio.TaskGroup runs them (the
first failure cancels the others and is raised).
"""

import asyncio
import os
import statistics
import time
from typing import Any

from bemserver_api_client import AsyncBEMServerApiClient

HOST = os.environ["BEMSERVER_URL"]
EMAIL = os.environ["BEMSERVER_EMAIL"]
PASSWORD = os.environ["BEMSERVER_PASSWORD"]
CAMPAIGN = os.environ.get("BEMSERVER_CAMPAIGN", "Demo campaign")
CONCURRENCY = int(os.environ.get("BEMSERVER_CONCURRENCY", "8"))
START = os.environ.get("BEMSERVER_START", "2024-01-01T00:00:00+00:00")
END = os.environ.get("BEMSERVER_END", "2024-02-01T00:00:00+00:00")


async def download_all(
    client: AsyncBEMServerApiClient,
    timeseries_ids: list[int],
    data_state: int,
    concurrency: int,
) -> tuple[dict[int, dict[str, Any]], int]:
    """{timeseries id: {timestamp: value}}, one request per timeseries, at most `concurrency`
    at once; and the most requests that were in flight together."""
    limit = asyncio.Semaphore(concurrency)
    in_flight = peak = 0

    async def download(timeseries_id: int) -> dict[str, Any]:
        nonlocal in_flight, peak
        async with limit:
            in_flight += 1
            peak = max(peak, in_flight)
            try:
                response = await client.timeseries_data.download(
                    START, END, data_state, timeseries_id
                )
            finally:
                in_flight -= 1
        return response.data.get(str(timeseries_id), {})

    async with asyncio.TaskGroup() as group:
        tasks = {ts: group.create_task(download(ts)) for ts in timeseries_ids}
    return {ts: task.result() for ts, task in tasks.items()}, peak


async def main() -> None:
    async with AsyncBEMServerApiClient(HOST) as client:
        tokens = (await client.auth.get_tokens(EMAIL, PASSWORD)).data
        if tokens["status"] != "success":
            raise SystemExit("authentication failed")
        client.set_authentication_method(
            AsyncBEMServerApiClient.make_bearer_token_auth(
                tokens["access_token"], tokens["refresh_token"]
            )
        )
        campaigns = (await client.campaigns.getall(name=CAMPAIGN)).data
        if not campaigns:
            raise SystemExit(f"no campaign {CAMPAIGN!r}: run examples/sample_data.py first")
        timeseries = [
            item async for item in client.timeseries.iter_all(campaign_id=campaigns[0]["id"])
        ]
        states = (await client.timeseries_datastates.getall()).data
        clean = next(state["id"] for state in states if state["name"] == "Clean")

        started = time.perf_counter()
        data, peak = await download_all(
            client, [item["id"] for item in timeseries], clean, CONCURRENCY
        )
        elapsed = time.perf_counter() - started

    print(f"campaign {CAMPAIGN!r}, {START} to {END}:")
    for item in sorted(timeseries, key=lambda item: item["name"]):
        values = [value for value in data[item["id"]].values() if value is not None]
        unit = item.get("unit_symbol") or ""
        mean = f", mean {statistics.fmean(values):.2f} {unit}".rstrip() if values else ""
        print(f"  {item['name']}: {len(values)} values{mean}")
    print(
        f"{len(timeseries)} timeseries downloaded in {elapsed:.2f} s, "
        f"at most {peak} requests at once (limit {CONCURRENCY})"
    )


if __name__ == "__main__":
    asyncio.run(main())
