"""Correct code as the README and the guide show it: both type checkers must accept it with no cast or assert."""

import asyncio
import datetime as dt

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.enums import Aggregation, DegreeDaysPeriod
from bemserver_api_client.models import Site, SitePut


def script(client: BEMServerApiClient) -> None:
    tokens = client.auth.get_tokens("admin@example.com", "password").data
    client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["access_token"], tokens["refresh_token"])
    )
    sites: list[Site] = client.sites.getall(sort=["-name"]).parsed
    for site in sites:
        print(site.name.upper(), site.campaign_id)
    first = client.sites.getall(campaign_id=1).parsed[0]
    print(first.name)
    one = client.sites.getone(1)
    client.sites.update(1, one.parsed, etag=one.etag)  # read-modify-write with the model
    client.sites.update(1, SitePut(name="renamed"), etag=one.etag)
    client.sites.update(1, {"name": "renamed"}, etag=one.etag)
    client.timeseries.getall(properties={"meter_serial": "SN-00001"})
    client.sites.get_degree_days(1, "2024-01-01", "2025-01-01", period=DegreeDaysPeriod.month)
    client.sites.get_degree_days(1, dt.date(2024, 1, 1), "2025-01-01", period="month")
    client.timeseries_data.download_aggregate(
        dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        "2024-02-01T00:00:00+00:00",
        1,
        [1, 2],
        aggregation="sum",
        bucket_width_unit="day",
    )
    client.timeseries_data.download_aggregate(
        "2024-01-01T00:00:00+00:00", "2024-02-01T00:00:00+00:00", 1, 1, aggregation=Aggregation.max
    )
    for item in client.timeseries.iter_all(campaign_id=1):
        print(item["name"])


async def async_script(client: AsyncBEMServerApiClient) -> None:
    sites: list[Site] = (await client.sites.getall(sort=["-name"])).parsed
    print([site.name for site in sites])
    degree_days = await client.sites.get_degree_days(1, "2024-01-01", "2025-01-01")
    print(degree_days.data)
    async for item in client.timeseries.iter_all(campaign_id=1):
        print(item["id"])


def main() -> None:
    with BEMServerApiClient("http://localhost:5000") as client:
        script(client)

    async def run() -> None:
        async with AsyncBEMServerApiClient("http://localhost:5000") as client:
            await async_script(client)

    asyncio.run(run())
