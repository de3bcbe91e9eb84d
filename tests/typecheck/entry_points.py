"""Checked by mypy (`make lint`, and tests/unit/test_typing.py): IDEs see every entry point's type."""

from typing import assert_type

from bemserver_api_client import BEMServerApiClient, BEMServerApiClientResponse
from bemserver_api_client.authentication import BearerTokenAuth, HTTPBasicAuth
from bemserver_api_client.resources import (
    AuthResources,
    CrudResources,
    LinkResources,
    ListResources,
    SiteResources,
    TimeseriesDataResources,
)


def check(client: BEMServerApiClient) -> None:
    assert_type(client.sites, SiteResources)
    assert_type(client.auth, AuthResources)
    assert_type(client.campaigns, CrudResources)
    assert_type(client.timeseries_by_sites, LinkResources)
    assert_type(client.energies, ListResources)
    assert_type(client.timeseries_data, TimeseriesDataResources)
    assert_type(client.sites.getall(), BEMServerApiClientResponse)
    assert_type(
        client.sites.get_degree_days(1, "2024-01-01", "2025-01-01"), BEMServerApiClientResponse
    )
    assert_type(BEMServerApiClient.make_http_basic("a", "b"), HTTPBasicAuth)
    assert_type(BEMServerApiClient.make_bearer_token_auth("a", "b"), BearerTokenAuth)
