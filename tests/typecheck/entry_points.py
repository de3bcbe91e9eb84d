"""Checked by mypy (`make lint`, and tests/unit/test_typing.py): IDEs see every entry point's type."""

from collections.abc import AsyncIterator
from typing import Any, assert_type

from _bemserver_api.models import Campaign, Site, TimeseriesBySite
from bemserver_api_client import (
    AsyncBEMServerApiClient,
    BEMServerApiClient,
    BEMServerApiClientResponse,
)
from bemserver_api_client._generated.entry_points import (
    AsyncSitesResources,
    AsyncTimeseriesDataResources,
    AuthResources,
    CampaignsResources,
    EnergiesResources,
    SitesResources,
    TimeseriesBySitesResources,
    TimeseriesDataResources,
)
from bemserver_api_client.authentication import BearerTokenAuth, HTTPBasicAuth


def check(client: BEMServerApiClient) -> None:
    assert_type(client.sites, SitesResources)
    assert_type(client.auth, AuthResources)
    assert_type(client.campaigns, CampaignsResources)
    assert_type(client.timeseries_by_sites, TimeseriesBySitesResources)
    assert_type(client.energies, EnergiesResources)
    assert_type(client.timeseries_data, TimeseriesDataResources)
    assert_type(client.sites.getall(name="x"), BEMServerApiClientResponse[list[Site]])
    assert_type(client.sites.getall().parsed, list[Site])
    assert_type(client.campaigns.getone(1).parsed, Campaign)
    assert_type(client.timeseries_by_sites.create({"site_id": 1}).parsed, TimeseriesBySite)
    assert_type(client.sites.delete(1, etag="x"), BEMServerApiClientResponse[None])
    assert_type(client.sites.get_degree_days(1, "2024-01-01", "2025-01-01").data, Any)
    assert_type(BEMServerApiClient.make_http_basic("a", "b"), HTTPBasicAuth)
    assert_type(BEMServerApiClient.make_bearer_token_auth("a", "b"), BearerTokenAuth)


async def check_async(client: AsyncBEMServerApiClient) -> None:
    """The async client: the same entry points and results, awaited."""
    assert_type(client.sites, AsyncSitesResources)
    assert_type(client.timeseries_data, AsyncTimeseriesDataResources)
    assert_type(await client.sites.getall(name="x"), BEMServerApiClientResponse[list[Site]])
    assert_type((await client.sites.getall()).parsed, list[Site])
    assert_type((await client.campaigns.getone(1)).parsed, Campaign)
    assert_type((await client.timeseries_by_sites.create({"site_id": 1})).parsed, TimeseriesBySite)
    assert_type(await client.sites.delete(1, etag="x"), BEMServerApiClientResponse[None])
    assert_type(
        await client.sites.get_degree_days(1, "2024-01-01", "2025-01-01"),
        BEMServerApiClientResponse[Any],
    )
    assert_type(await client.auth.get_tokens("a", "b"), BEMServerApiClientResponse[Any])
    assert_type(await client.auth.refresh_tokens(), BEMServerApiClientResponse[Any])
    assert_type(
        await client.io.upload_sites_csv(1, {"sites_csv": b"Name\n"}),
        BEMServerApiClientResponse[Any],
    )
    assert_type(
        await client.timeseries_data.download("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", 1, 1),
        BEMServerApiClientResponse[Any],
    )
    assert_type(client.timeseries.iter_all(campaign_id=1), AsyncIterator[dict[str, Any]])
    assert_type(await client.get_api_version(), str)
    assert_type(client.with_options(timeout=1), AsyncBEMServerApiClient)
    assert_type(AsyncBEMServerApiClient.make_bearer_token_auth("a", "b"), BearerTokenAuth)
    async with client as entered:
        assert_type(entered, AsyncBEMServerApiClient)
    assert_type(await client.aclose(), None)
