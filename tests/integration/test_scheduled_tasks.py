"""The st_* entry points of servers <= 0.25 round-tripped on a real server of that shape, and
refused (before sending) by servers that replaced them with tasks."""

import pytest
from conftest import unique

from _bemserver_api._operations import VERSIONS
from bemserver_api_client.exceptions import BEMServerAPIVersionError

ST_DOCUMENTS = VERSIONS["st_cleanup_by_campaign.get_st_cleanups_by_campaigns"]
BY_CAMPAIGN = [
    "st_cleanup_by_campaign",
    "st_check_missing_by_campaign",
    "st_check_outlier_by_campaign",
]
BY_SITE = ["st_download_weather_by_site", "st_download_weather_forecast_by_site"]


@pytest.fixture
def st_client(client):
    if client._shared.document is None:
        client.api_version
    if client._shared.document not in ST_DOCUMENTS:
        pytest.skip(f"API {client.api_version} has no st_* resources")
    return client


def round_trip(entry, payload: dict, owner: str) -> None:
    created = entry.create(payload)
    assert created.status_code == 201 and created.data[owner] == payload[owner]
    item = created.data["id"]
    assert created.parsed.id == item and created.parsed.is_enabled is True
    one = entry.getone(item)
    assert one.data == created.data and one.etag
    updated = entry.update(item, {**one.data, "is_enabled": False}, etag=one.etag)
    assert updated.data["is_enabled"] is False and updated.etag != one.etag
    assert [row["id"] for row in entry.getall(**{owner: payload[owner]}).data] == [item]
    name_field = "campaign_name" if owner == "campaign_id" else "site_name"
    full = entry.get_full(sort=[f"-{name_field}"], **{owner: payload[owner]})
    assert [row["id"] for row in full.data] == [item]
    assert full.parsed[0].is_enabled is False
    assert full.data[0][name_field]
    assert entry.delete(item, etag=updated.etag).status_code == 204
    assert entry.getall(**{owner: payload[owner]}).data == []


@pytest.mark.parametrize("name", BY_CAMPAIGN)
def test_scheduled_tasks_by_campaign_round_trip(st_client, campaign, name):
    round_trip(
        getattr(st_client, name), {"campaign_id": campaign["id"], "is_enabled": True}, "campaign_id"
    )


@pytest.mark.parametrize("name", BY_SITE)
def test_scheduled_tasks_by_site_round_trip(st_client, campaign, name):
    site = st_client.sites.create({"name": unique("site"), "campaign_id": campaign["id"]}).data
    round_trip(getattr(st_client, name), {"site_id": site["id"], "is_enabled": True}, "site_id")


def test_cleanups_by_timeseries_are_read_only_lists(st_client, campaign):
    scope = st_client.campaign_scopes.create(
        {"name": unique("scope"), "campaign_id": campaign["id"]}
    )
    st_client.timeseries.create(
        {"name": unique("ts"), "campaign_id": campaign["id"], "campaign_scope_id": scope.data["id"]}
    )
    entry = st_client.st_cleanup_by_timeseries
    assert isinstance(entry.getall(campaign_id=campaign["id"]).data, list)
    full = entry.get_full(campaign_id=campaign["id"], sort=["+timeseries_name"])
    assert isinstance(full.data, list) and isinstance(full.parsed, list)


def test_tasks_are_refused_before_sending_on_a_server_of_the_st_shape(st_client):
    with pytest.raises(
        BEMServerAPIVersionError, match=f"not in BEMServer API {st_client.api_version}.*st_"
    ):
        st_client.tasks.getall()


def test_st_entry_points_are_refused_on_a_server_with_tasks(client):
    if client.api_version and client._shared.document in ST_DOCUMENTS:
        pytest.skip("this server has the st_* resources")
    with pytest.raises(BEMServerAPIVersionError, match="use tasks and task_by_campaign"):
        client.st_cleanup_by_campaign.getall()
