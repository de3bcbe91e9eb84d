"""Every special action against the real server, with real data: degree days, weather download,
completeness, energy breakdown, notifications from an event, tasks in the worker, CSV imports,
timeseries data in JSON and CSV by ids and by names."""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import pytest
from conftest import bearer_client, unique

from bemserver_api_client.enums import (
    Aggregation,
    BucketWidthUnit,
    DataFormat,
    DegreeDaysPeriod,
    StructuralElement,
    WeatherParameter,
)
from bemserver_api_client.exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIValidationError,
)

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
DAYS = 3
HOURS = DAYS * 24


def hourly(value) -> dict[str, float]:
    return {(START + dt.timedelta(hours=h)).isoformat(): value(h) for h in range(HOURS)}


def wait_for(condition, timeout: float = 20.0):
    """Poll `condition` until truthy (work done by the celery worker), or fail."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, "the worker did not do it in time"
        time.sleep(0.2)
    return result


@pytest.fixture(scope="module")
def api(server, flavour):
    with bearer_client(server, flavour) as client:
        yield client


@pytest.fixture(scope="module")
def states(api) -> dict[str, int]:
    return {state["name"]: state["id"] for state in api.timeseries_datastates.getall().data}


@pytest.fixture(scope="module")
def campaign(api) -> dict:
    """A campaign in UTC with a site (coordinates), a building and three timeseries."""
    c = api.campaigns.create({"name": unique("campaign"), "timezone": "UTC"}).data
    scope = api.campaign_scopes.create({"name": "scope", "campaign_id": c["id"]}).data
    site = api.sites.create(
        {"name": "site", "campaign_id": c["id"], "latitude": 43.6, "longitude": 1.44}
    ).data
    building = api.buildings.create({"name": "building", "site_id": site["id"]}).data

    def timeseries(name: str, unit: str) -> dict:
        return api.timeseries.create(
            {
                "name": name,
                "unit_symbol": unit,
                "campaign_id": c["id"],
                "campaign_scope_id": scope["id"],
            }
        ).data

    return {
        **c,
        "scope": scope,
        "site": site,
        "building": building,
        "temperature": timeseries("Outdoor temperature", "°C"),
        "energy": timeseries("Heating energy", "Wh"),
        "spare": timeseries("Spare", "°C"),
    }


def test_degree_days_from_the_site_weather_timeseries(api, states, campaign):
    temperature = campaign["temperature"]["id"]
    api.weather_ts_by_sites.create(
        {"site_id": campaign["site"]["id"], "timeseries_id": temperature,
         "parameter": WeatherParameter.AIR_TEMPERATURE, "forecast": False}
    )  # fmt: skip
    api.timeseries_data.upload(states["Clean"], {temperature: hourly(lambda h: 8.0)})
    days = api.sites.get_degree_days(
        campaign["site"]["id"],
        "2024-01-01",
        dt.date(2024, 1, 1 + DAYS),
        period=DegreeDaysPeriod.day,
    ).data["degree_days"]
    assert list(days.values()) == [pytest.approx(10.0)] * DAYS  # 18 °C base - 8 °C, per day
    months = api.sites.get_degree_days(
        campaign["site"]["id"], "2024-01-01", "2024-03-01", period="month", type="cooling", base=5
    ).data["degree_days"]
    assert months["2024-01-01T00:00:00+00:00"] == pytest.approx(3 * DAYS)


@pytest.mark.parametrize(("forecast", "model"), [(False, "era5"), (True, "gfs")])
def test_download_weather_data_with_the_forecast_flag(
    server, api, states, campaign, forecast, model
):
    if server.weather is None:
        pytest.skip("needs the local server's fake weather API (BEMSERVER_TEST_URL is foreign)")
    site = campaign["site"]["id"]
    spare = api.timeseries.create(
        {
            "name": unique("humidity"),
            "campaign_id": campaign["id"],
            "campaign_scope_id": campaign["scope"]["id"],
        }
    ).data["id"]
    api.weather_ts_by_sites.create(
        {
            "site_id": site,
            "timeseries_id": spare,
            "parameter": "RELATIVE_HUMIDITY",
            "forecast": forecast,
        }
    )
    asked = len(server.weather.queries)
    response = api.sites.download_weather_data(
        site, "2024-02-01T00:00:00+00:00", "2024-02-01T06:00:00+00:00", forecast=forecast
    )
    assert (response.status_code, response.data) == (204, None)
    query = server.weather.queries[asked]
    assert query["model"] == [model] and query["lat"] == ["43.6"]
    data = api.timeseries_data.download(
        "2024-02-01T00:00:00+00:00", "2024-02-01T06:00:00+00:00", states["Clean"], spare
    ).data
    assert len(data[str(spare)]) == 6


def test_completeness(api, states, campaign):
    energy = campaign["energy"]["id"]
    # Day 1 full, day 2 half, day 3 empty (null values are not stored).
    api.timeseries_data.upload(
        states["Raw"], {energy: hourly(lambda h: 1.0 if h < HOURS / 2 else None)}
    )
    result = api.analysis.get_completeness(
        START, START + dt.timedelta(days=DAYS), [energy], states["Raw"], 1, BucketWidthUnit.day
    ).data
    assert result["timeseries"][str(energy)]["ratio"] == [1.0, 0.5, 0.0]


def test_energy_consumption_breakdown_for_site_and_building(api, states, campaign):
    energy, end_use = api.energies.getall().data[0], api.energy_end_uses.getall().data[0]
    ts = api.timeseries.create(
        {
            "name": unique("energy"),
            "unit_symbol": "Wh",
            "campaign_id": campaign["id"],
            "campaign_scope_id": campaign["scope"]["id"],
        }
    ).data["id"]
    api.energy_cons_ts_by_sites.create(
        {
            "site_id": campaign["site"]["id"],
            "energy_id": energy["id"],
            "end_use_id": end_use["id"],
            "timeseries_id": ts,
        }
    )
    api.energy_cons_ts_by_buildings.create(
        {
            "building_id": campaign["building"]["id"],
            "energy_id": energy["id"],
            "end_use_id": end_use["id"],
            "timeseries_id": ts,
        }
    )
    api.timeseries_data.upload(states["Clean"], {ts: hourly(lambda h: 1000.0)})
    for element, element_id in (
        ("site", campaign["site"]["id"]),
        (StructuralElement.building, campaign["building"]["id"]),
    ):
        result = api.analysis.get_energy_consumption_breakdown(
            element, element_id, START, START + dt.timedelta(days=1), 1, "day"
        ).data
        assert result["energy"][energy["name"]][end_use["name"]] == [pytest.approx(24.0)]  # kWh
    with pytest.raises(BEMServerAPIClientValueError, match="site' or 'building"):
        api.analysis.get_energy_consumption_breakdown("zone", 1, START, START, 1, "day")


def test_notifications_from_an_event(server, api, campaign):
    email, password = f"{unique('n').replace(' ', '-')}@test.org", "pw"
    user = api.users.create({"name": unique("user"), "email": email, "password": password}).data
    category = api.event_categories.create({"name": unique("category")}).data
    group = api.user_groups.create({"name": unique("group")}).data
    api.user_by_user_groups.create({"user_id": user["id"], "user_group_id": group["id"]})
    # Notified users are those who may see the event's campaign scope.
    api.user_groups_by_campaign_scopes.create(
        {"user_group_id": group["id"], "campaign_scope_id": campaign["scope"]["id"]}
    )
    api.event_categories_by_users.create(
        {"category_id": category["id"], "user_id": user["id"], "notification_level": "WARNING"}
    )
    api.events.create(
        {"campaign_scope_id": campaign["scope"]["id"], "category_id": category["id"], "source": "test",
         "level": "ERROR", "timestamp": START}
    )  # fmt: skip
    notifications = wait_for(lambda: api.notifications.getall(user_id=user["id"]).data)
    assert len(notifications) == 1 and notifications[0]["read"] is False
    counts = api.notifications.count_by_campaign(user_id=user["id"]).data
    assert counts["total"] == 1 and counts["campaigns"][0]["campaign_id"] == campaign["id"]
    assert api.notifications.mark_all_as_read(user_id=user["id"]).status_code == 204
    assert [n["read"] for n in api.notifications.getall(user_id=user["id"]).data] == [True]
    assert [n["id"] for n in api.notifications.iter_all(user_id=user["id"], page_size=1)] == [
        notifications[0]["id"]
    ]


@pytest.mark.api_versions(">=0.26")  # /tasks/ came with 0.26
def test_task_run_by_the_worker(api, states, campaign):
    names = {task["name"] for task in api.tasks.getall().data}
    assert {"Cleanup", "CheckMissingData", "CheckOutliers", "DownloadWeatherData"} <= names
    spare = campaign["spare"]["id"]
    api.timeseries_data.upload(states["Raw"], {spare: hourly(lambda h: float(h))})
    response = api.tasks.run_async(
        {"task_name": "Cleanup", "campaign_id": campaign["id"], "start_time": START,
         "end_time": START + dt.timedelta(days=DAYS), "parameters": {}}
    )  # fmt: skip
    assert (response.status_code, response.data) == (204, None)
    clean = wait_for(
        lambda: api.timeseries_data.download(
            START, START + dt.timedelta(days=DAYS), states["Clean"], spare
        ).data.get(str(spare))
    )
    raw = api.timeseries_data.download(
        START, START + dt.timedelta(days=DAYS), states["Raw"], spare
    ).data[str(spare)]
    assert clean and all(raw[stamp] == value for stamp, value in clean.items())


def test_io_csv_uploads_from_bytes_files_and_paths(api, campaign, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Name,Description,IFC_ID\nImported site,from a path,\n")
    buildings = io.BytesIO(
        b"Site,Name,Description,IFC_ID\nImported site,Imported building,from a file,\n"
    )
    response = api.io.upload_sites_csv(
        campaign["id"],
        {
            "sites_csv": sites,
            "buildings_csv": buildings,
            "zones_csv": b"Name,Description,IFC_ID\nImported zone,from bytes,\n",
        },
    )
    assert response.status_code == 201
    assert [
        s["name"] for s in api.sites.getall(campaign_id=campaign["id"], name="Imported site").data
    ] == ["Imported site"]
    assert api.zones.getall(campaign_id=campaign["id"], name="Imported zone").data
    big = tmp_path / "timeseries.csv"  # 1 MB, streamed from the file
    with big.open("w") as file:
        file.write("Campaign scope,Name,Description,Unit,Site,Building,Storey,Space,Zone\n")
        for i in range(2_000):
            file.write(f"scope,Imported ts {i},{'x' * 480},°C,Imported site,,,,\n")
    assert big.stat().st_size > 1_000_000
    assert (
        api.io.upload_timeseries_csv(campaign["id"], {"timeseries_csv": str(big)}).status_code
        == 201
    )
    first = api.timeseries.getall(campaign_id=campaign["id"], name="Imported ts 0").data
    assert first and api.timeseries_by_sites.getall(timeseries_id=first[0]["id"]).data


@pytest.fixture
def series(api, campaign) -> tuple[int, str]:
    name = unique("data")
    ts = api.timeseries.create(
        {
            "name": name,
            "unit_symbol": "°C",
            "campaign_id": campaign["id"],
            "campaign_scope_id": campaign["scope"]["id"],
        }
    ).data["id"]
    return ts, name


def test_timeseries_data_json_by_ids(api, states, series):
    ts, _ = series
    raw = states["Raw"]
    assert api.timeseries_data.upload(raw, {ts: hourly(float)}).status_code == 201
    end = START + dt.timedelta(days=DAYS)
    data = api.timeseries_data.download(START, end, raw, [ts]).data
    assert data[str(ts)][START.isoformat()] == 0.0 and len(data[str(ts)]) == HOURS
    parsed = api.timeseries_data.download(START, end, raw, [ts]).parsed
    assert parsed.additional_properties[str(ts)].additional_properties[START.isoformat()] == 0.0
    fahrenheit = api.timeseries_data.download(START, end, raw, ts, convert_to="°F").data
    assert fahrenheit[str(ts)][START.isoformat()] == pytest.approx(32.0)
    daily = api.timeseries_data.download_aggregate(
        START,
        end,
        raw,
        [ts],
        aggregation=Aggregation.max,
        bucket_width_value=1,
        bucket_width_unit="day",
    ).data
    assert list(daily[str(ts)].values()) == [23.0, 47.0, 71.0]
    stats = api.timeseries_data.get_stats(raw, [ts]).data["stats"][str(ts)]
    assert stats["count"] == HOURS and stats["max"] == HOURS - 1
    assert (
        api.timeseries_data.delete(START, START + dt.timedelta(days=1), raw, [ts]).status_code
        == 204
    )
    assert len(api.timeseries_data.download(START, end, raw, [ts]).data[str(ts)]) == HOURS - 24


def test_timeseries_data_csv_by_ids(api, states, series, tmp_path):
    ts, _ = series
    raw = states["Raw"]
    end = START + dt.timedelta(hours=4)
    api.timeseries_data.upload(
        raw, f"Datetime,{ts}\n2024-01-01T00:00:00+00:00,1.5\n", format=DataFormat.csv
    )
    api.timeseries_data.upload(
        raw, f"Datetime,{ts}\n2024-01-01T01:00:00+00:00,2.5\n".encode(), format="text/csv"
    )
    api.timeseries_data.upload(
        raw,
        io.BytesIO(f"Datetime,{ts}\n2024-01-01T02:00:00+00:00,3.5\n".encode()),
        format=DataFormat.csv,
    )
    path = tmp_path / "data.csv"
    path.write_text(f"Datetime,{ts}\n2024-01-01T03:00:00+00:00,4.5\n")
    api.timeseries_data.upload(raw, path, format=DataFormat.csv)
    response = api.timeseries_data.download(START, end, raw, [ts], format=DataFormat.csv)
    assert response.is_csv
    assert response.data.decode().splitlines() == [
        f"Datetime,{ts}",
        "2024-01-01T00:00:00+0000,1.5",
        "2024-01-01T01:00:00+0000,2.5",
        "2024-01-01T02:00:00+0000,3.5",
        "2024-01-01T03:00:00+0000,4.5",
    ]
    aggregate = api.timeseries_data.download_aggregate(
        START,
        end,
        raw,
        [ts],
        aggregation="sum",
        bucket_width_unit=BucketWidthUnit.day,
        format=DataFormat.csv,
    )
    assert aggregate.data.decode().splitlines()[1] == "2024-01-01T00:00:00+0000,12.0"


def test_timeseries_data_by_names(api, states, campaign, series):
    _, name = series
    raw, cid = states["Raw"], campaign["id"]
    end = START + dt.timedelta(days=DAYS)
    assert api.timeseries_data.upload_by_names(cid, raw, {name: hourly(float)}).status_code == 201
    api.timeseries_data.upload_by_names(
        cid, raw, f"Datetime,{name}\n2024-02-01T00:00:00+00:00,99\n", format=DataFormat.csv
    )
    data = api.timeseries_data.download_by_names(cid, START, end, raw, [name]).data
    assert len(data[name]) == HOURS
    csv = api.timeseries_data.download_by_names(
        cid, START, START + dt.timedelta(hours=1), raw, name, format=DataFormat.csv
    ).data
    assert csv.decode().splitlines() == [f"Datetime,{name}", "2024-01-01T00:00:00+0000,0.0"]
    daily = api.timeseries_data.download_aggregate_by_names(
        cid, START, end, raw, [name], aggregation="count", bucket_width_unit="day"
    ).data
    assert list(daily[name].values()) == [24, 24, 24]
    stats = api.timeseries_data.get_stats_by_names(cid, raw, [name]).data["stats"][name]
    assert stats["count"] == HOURS + 1 and stats["last_timestamp"].startswith("2024-02-01T00:00:00")
    assert api.timeseries_data.delete_by_names(cid, START, end, raw, [name]).status_code == 204
    assert api.timeseries_data.download_by_names(cid, START, end, raw, [name]).data == {}


def test_unknown_timeseries_is_a_validation_error(api, states):
    with pytest.raises(BEMServerAPIValidationError) as caught:
        api.timeseries_data.upload(states["Raw"], {999_999: {START.isoformat(): 1.0}})
    assert caught.value.errors


def test_users_set_admin_and_set_active(api):
    user = api.users.create(
        {
            "name": unique("u"),
            "email": f"{unique('a').replace(' ', '-')}@test.org",
            "password": "pw",
        }
    ).data
    for action, field in ((api.users.set_admin, "is_admin"), (api.users.set_active, "is_active")):
        for state in (True, False):
            etag = api.users.getone(user["id"]).etag
            assert (action(user["id"], state, etag=etag).status_code) == 204
            assert api.users.getone(user["id"]).data[field] is state


def test_refresh_tokens_stores_the_new_tokens(server, flavour):
    client = bearer_client(server, flavour)
    bearer = client.authentication_method
    before = (bearer.access_token, bearer.refresh_token)
    time.sleep(1.1)  # tokens made in the same second are identical
    data = client.auth.refresh_tokens().data
    assert data["status"] == "success"
    assert (
        (bearer.access_token, bearer.refresh_token)
        == (data["access_token"], data["refresh_token"])
        != before
    )
    assert client.sites.getall().status_code == 200


def test_about_needs_no_authentication(server, new_client):
    with new_client(server) as client:
        assert json.dumps(client.about.getall().toJSON())
