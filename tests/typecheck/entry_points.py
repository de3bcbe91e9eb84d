"""Checked by mypy (`make lint`, and tests/unit/test_typing.py): IDEs see every entry point's type."""

from typing import Any, assert_type

from _bemserver_api.models import Campaign, Site, TimeseriesBySite
from bemserver_api_client import BEMServerApiClient, BEMServerApiClientResponse
from bemserver_api_client._entry_points import (
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
