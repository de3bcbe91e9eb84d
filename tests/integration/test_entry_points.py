"""Every entry point's common functions against the real server:
create -> getone -> update with the ETag -> getall filtered (and sorted where it can) -> delete.

One module-wide "world" (a campaign with a site tree, timeseries, users, an event...) gives each
entry point what its payload refers to.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import bearer_client, unique
from test_scheduled_tasks import BY_CAMPAIGN, BY_SITE

from bemserver_api_client.exceptions import BEMServerAPINotFoundError
from bemserver_api_client.resources.table import COMMON_FUNCTIONS, ENTRY_POINTS

NOW = dt.datetime(2024, 1, 15, 12, tzinfo=dt.UTC)
NEEDS_TASKS = pytest.mark.api_versions(">=0.26")  # /tasks/ and /tasks_by_campaigns/ came with 0.26


def with_versions(names: list[str]) -> list:
    """Entry point names as test parameters, the tasks ones marked NEEDS_TASKS."""
    return [
        pytest.param(name, marks=NEEDS_TASKS) if name in ("tasks", "task_by_campaign") else name
        for name in names
    ]


def email() -> str:
    return f"{unique('user').replace(' ', '-')}@test.org"


@pytest.fixture(scope="module")
def api(server, flavour):
    with bearer_client(server, flavour) as client:
        yield client


@pytest.fixture(scope="module")
def world(api) -> dict:
    """Objects the payloads refer to (ids), made once for the module."""
    w: dict = {}
    w["campaign"] = api.campaigns.create(
        {"name": unique("campaign"), "timezone": "Europe/Paris"}
    ).data["id"]
    w["scope"] = api.campaign_scopes.create(
        {"name": unique("scope"), "campaign_id": w["campaign"]}
    ).data["id"]
    w["site"] = api.sites.create({"name": unique("site"), "campaign_id": w["campaign"]}).data["id"]
    w["building"] = api.buildings.create({"name": unique("b"), "site_id": w["site"]}).data["id"]
    w["storey"] = api.storeys.create({"name": unique("st"), "building_id": w["building"]}).data[
        "id"
    ]
    w["space"] = api.spaces.create({"name": unique("sp"), "storey_id": w["storey"]}).data["id"]
    w["zone"] = api.zones.create({"name": unique("z"), "campaign_id": w["campaign"]}).data["id"]
    w["timeseries"] = [
        api.timeseries.create(
            {"name": unique("ts"), "campaign_id": w["campaign"], "campaign_scope_id": w["scope"]}
        ).data["id"]
        for _ in range(2)
    ]
    w["user"] = api.users.create({"name": unique("u"), "email": email(), "password": "pw"}).data[
        "id"
    ]
    w["user_group"] = api.user_groups.create({"name": unique("group")}).data["id"]
    w["category"] = api.event_categories.create({"name": unique("category")}).data["id"]
    w["event"] = api.events.create(
        {
            "campaign_scope_id": w["scope"],
            "category_id": w["category"],
            "source": "test",
            "level": "INFO",
            "timestamp": NOW,
        }
    ).data["id"]
    w["property"] = api.structural_element_properties.create(
        {"name": unique("prop"), "value_type": "string"}
    ).data["id"]
    w["ts_property"] = api.timeseries_properties.create(
        {"name": unique("tsprop"), "value_type": "string"}
    ).data["id"]
    w["energy"] = api.energies.getall().data[0]["id"]
    w["end_use"] = api.energy_end_uses.getall().data[0]["id"]
    w["prod_tech"] = api.energy_prod_technologies.getall().data[0]["id"]
    for element in ("site", "building", "storey", "space", "zone"):
        w[f"{element}_property"] = (
            getattr(api, f"{element}_properties")
            .create({"structural_element_property_id": w["property"]})
            .data["id"]
        )
    return w


def ts(w: dict) -> int:
    return w["timeseries"][0]


def named(prefix: str):
    return lambda w: {"name": unique(prefix)}


# entry point -> (create payload from the world, field changed by update and its new value, getall filters)
CASES = {
    "users": (
        lambda w: {"name": unique("u"), "email": email(), "password": "pw"},
        ("name", "renamed"),
        {"sort": ["-name"]},
    ),
    "user_groups": (named("group"), ("name", "renamed group"), {"sort": ["+name"]}),
    "user_by_user_groups": (
        lambda w: {"user_id": w["user"], "user_group_id": w["user_group"]},
        None,
        {"user_id": "user"},
    ),
    "user_groups_by_campaigns": (
        lambda w: {"campaign_id": w["campaign"], "user_group_id": w["user_group"]},
        None,
        {"campaign_id": "campaign"},
    ),
    "user_groups_by_campaign_scopes": (
        lambda w: {"campaign_scope_id": w["scope"], "user_group_id": w["user_group"]},
        None,
        {"campaign_scope_id": "scope"},
    ),
    "campaigns": (
        lambda w: {"name": unique("campaign"), "timezone": "UTC"},
        ("description", "described"),
        {"sort": ["-name"]},
    ),
    "campaign_scopes": (
        lambda w: {"name": unique("scope"), "campaign_id": w["campaign"]},
        ("name", "renamed scope"),
        {"campaign_id": "campaign"},
    ),
    "sites": (
        lambda w: {
            "name": unique("site"),
            "campaign_id": w["campaign"],
            "latitude": 43.6,
            "longitude": 1.44,
        },
        ("ifc_id", "IFC-1"),
        {"campaign_id": "campaign", "sort": ["-name"]},
    ),
    "buildings": (
        lambda w: {"name": unique("b"), "site_id": w["site"]},
        ("description", "tall"),
        {"site_id": "site", "sort": ["+name"]},
    ),
    "storeys": (
        lambda w: {"name": unique("st"), "building_id": w["building"]},
        ("description", "first"),
        {"building_id": "building"},
    ),
    "spaces": (
        lambda w: {"name": unique("sp"), "storey_id": w["storey"]},
        ("description", "room"),
        {"storey_id": "storey"},
    ),
    "zones": (
        lambda w: {"name": unique("z"), "campaign_id": w["campaign"]},
        ("description", "north"),
        {"campaign_id": "campaign"},
    ),
    "structural_element_properties": (
        lambda w: {"name": unique("p"), "value_type": "integer"},
        ("description", "area"),
        {"sort": ["-name"]},
    ),
    "site_properties": (lambda w: {"structural_element_property_id": api_property(w)}, None, {}),
    "building_properties": (
        lambda w: {"structural_element_property_id": api_property(w)},
        None,
        {},
    ),
    "storey_properties": (lambda w: {"structural_element_property_id": api_property(w)}, None, {}),
    "space_properties": (lambda w: {"structural_element_property_id": api_property(w)}, None, {}),
    "zone_properties": (lambda w: {"structural_element_property_id": api_property(w)}, None, {}),
    "site_property_data": (
        lambda w: {"site_id": w["site"], "site_property_id": w["site_property"], "value": "1"},
        ("value", "2"),
        {"site_id": "site"},
    ),
    "building_property_data": (
        lambda w: {
            "building_id": w["building"],
            "building_property_id": w["building_property"],
            "value": "1",
        },
        ("value", "2"),
        {"building_id": "building"},
    ),
    "storey_property_data": (
        lambda w: {
            "storey_id": w["storey"],
            "storey_property_id": w["storey_property"],
            "value": "1",
        },
        ("value", "2"),
        {"storey_id": "storey"},
    ),
    "space_property_data": (
        lambda w: {"space_id": w["space"], "space_property_id": w["space_property"], "value": "1"},
        ("value", "2"),
        {"space_id": "space"},
    ),
    "zone_property_data": (
        lambda w: {"zone_id": w["zone"], "zone_property_id": w["zone_property"], "value": "1"},
        ("value", "2"),
        {"zone_id": "zone"},
    ),
    "timeseries": (
        lambda w: {
            "name": unique("ts"),
            "campaign_id": w["campaign"],
            "campaign_scope_id": w["scope"],
            "unit_symbol": "°C",
        },
        ("description", "probe"),
        {"campaign_id": "campaign", "sort": ["-name"]},
    ),
    "timeseries_properties": (
        lambda w: {"name": unique("tsp"), "value_type": "float"},
        ("description", "min"),
        {"sort": ["+name"]},
    ),
    "timeseries_property_data": (
        lambda w: {"timeseries_id": ts(w), "property_id": w["ts_property"], "value": "a"},
        ("value", "b"),
        {"timeseries_id": ts},
    ),
    "timeseries_by_sites": (
        lambda w: {"timeseries_id": ts(w), "site_id": w["site"]},
        None,
        {"site_id": "site"},
    ),
    "timeseries_by_buildings": (
        lambda w: {"timeseries_id": ts(w), "building_id": w["building"]},
        None,
        {"building_id": "building"},
    ),
    "timeseries_by_storeys": (
        lambda w: {"timeseries_id": ts(w), "storey_id": w["storey"]},
        None,
        {"storey_id": "storey"},
    ),
    "timeseries_by_spaces": (
        lambda w: {"timeseries_id": ts(w), "space_id": w["space"]},
        None,
        {"space_id": "space"},
    ),
    "timeseries_by_zones": (
        lambda w: {"timeseries_id": ts(w), "zone_id": w["zone"]},
        None,
        {"zone_id": "zone"},
    ),
    "timeseries_by_events": (
        lambda w: {"timeseries_id": ts(w), "event_id": w["event"]},
        None,
        {"event_id": "event"},
    ),
    "weather_ts_by_sites": (
        lambda w: {
            "timeseries_id": w["timeseries"][1],
            "site_id": w["site"],
            "parameter": "RELATIVE_HUMIDITY",
            "forecast": False,
        },
        ("forecast", True),
        {"site_id": "site"},
    ),
    "timeseries_datastates": (named("state"), ("name", "renamed state"), {}),
    "energy_cons_ts_by_sites": (
        lambda w: {
            "site_id": w["site"],
            "energy_id": w["energy"],
            "end_use_id": w["end_use"],
            "timeseries_id": ts(w),
        },
        ("timeseries_id", lambda w: w["timeseries"][1]),
        {"site_id": "site"},
    ),
    "energy_cons_ts_by_buildings": (
        lambda w: {
            "building_id": w["building"],
            "energy_id": w["energy"],
            "end_use_id": w["end_use"],
            "timeseries_id": ts(w),
        },
        ("timeseries_id", lambda w: w["timeseries"][1]),
        {"building_id": "building"},
    ),
    "energy_prod_ts_by_sites": (
        lambda w: {
            "site_id": w["site"],
            "energy_id": w["energy"],
            "prod_tech_id": w["prod_tech"],
            "timeseries_id": ts(w),
        },
        ("timeseries_id", lambda w: w["timeseries"][1]),
        {"site_id": "site"},
    ),
    "energy_prod_ts_by_buildings": (
        lambda w: {
            "building_id": w["building"],
            "energy_id": w["energy"],
            "prod_tech_id": w["prod_tech"],
            "timeseries_id": ts(w),
        },
        ("timeseries_id", lambda w: w["timeseries"][1]),
        {"building_id": "building"},
    ),
    "events": (
        lambda w: {
            "campaign_scope_id": w["scope"],
            "category_id": w["category"],
            "source": "src",
            "level": "WARNING",
            "timestamp": NOW,
        },
        ("description", "checked"),
        {"campaign_scope_id": "scope", "sort": ["-timestamp"]},
    ),
    "event_by_sites": (
        lambda w: {"event_id": w["event"], "site_id": w["site"]},
        None,
        {"site_id": "site"},
    ),
    "event_by_buildings": (
        lambda w: {"event_id": w["event"], "building_id": w["building"]},
        None,
        {"building_id": "building"},
    ),
    "event_by_storeys": (
        lambda w: {"event_id": w["event"], "storey_id": w["storey"]},
        None,
        {"storey_id": "storey"},
    ),
    "event_by_spaces": (
        lambda w: {"event_id": w["event"], "space_id": w["space"]},
        None,
        {"space_id": "space"},
    ),
    "event_by_zones": (
        lambda w: {"event_id": w["event"], "zone_id": w["zone"]},
        None,
        {"zone_id": "zone"},
    ),
    "event_categories": (named("category"), ("description", "alarms"), {}),
    "event_categories_by_users": (
        lambda w: {
            "category_id": w["category"],
            "user_id": w["user"],
            "notification_level": "ERROR",
        },
        ("notification_level", "CRITICAL"),
        {"user_id": "user"},
    ),
    "notifications": (
        lambda w: {
            "user_id": w["user"],
            "event_id": w["event"],
            "timestamp": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        },
        ("read", True),
        {"user_id": "user", "sort": ["-timestamp"]},
    ),
    "task_by_campaign": (
        lambda w: {
            "campaign_id": w["campaign"],
            "task_name": "Cleanup",
            "offset_unit": "day",
            "start_offset": -1,
            "end_offset": 0,
            "parameters": {},
        },
        ("is_enabled", False),
        {"campaign_id": "campaign"},
    ),
}


def api_property(w: dict) -> int:
    """Each *_properties link needs a structural element property not yet linked to that level."""
    return w["fresh_property"]()


ST_CRUD = BY_CAMPAIGN + BY_SITE


@pytest.fixture(scope="module", autouse=True)
def fresh_properties(api, world):
    world["fresh_property"] = lambda: api.structural_element_properties.create(
        {"name": unique("p"), "value_type": "string"}
    ).data["id"]


def test_every_crud_entry_point_has_a_case():
    crud = {
        name
        for name, (_, _, functions, _) in ENTRY_POINTS.items()
        if "create" in COMMON_FUNCTIONS[functions]
    }
    assert crud == set(CASES) | set(ST_CRUD)  # st_*: test_scheduled_tasks.py, on 0.25


@pytest.mark.parametrize("name", with_versions(sorted(CASES)))
def test_crud_cycle(api, world, name):
    make, change, filters = CASES[name]
    functions = COMMON_FUNCTIONS[ENTRY_POINTS[name][2]]
    resource = getattr(api, name)
    created = resource.create(make(world))
    assert created.status_code == 201
    assert bool(created.etag) == ("update" in functions)  # link resources answer without an ETag
    item = created.data
    one = resource.getone(item["id"])
    assert one.data == item and one.parsed is not None and one.parsed.id == item["id"]
    if "update" in functions:
        field, value = change
        value = value(world) if callable(value) else value
        payload = {**one.data, field: value}  # a record from getone goes back as it is
        if name == "users":
            payload["password"] = "pw2"
        updated = resource.update(item["id"], payload, etag=one.etag)
        assert updated.data[field] == value and updated.etag != one.etag
        one = resource.getone(item["id"])
    query = {
        key: (
            world[value] if isinstance(value, str) else value(world) if callable(value) else value
        )
        for key, value in filters.items()
    }
    listed = resource.getall(**query)
    assert item["id"] in [row["id"] for row in listed.data]
    if "sort" in query:
        key = query["sort"][0].lstrip("+-")
        values = [row[key] for row in listed.data]
        assert values == sorted(values, reverse=query["sort"][0].startswith("-"))
    deleted = resource.delete(item["id"], etag=one.etag)
    assert (deleted.status_code, deleted.data) == (204, None)
    with pytest.raises(BEMServerAPINotFoundError):
        resource.getone(item["id"])


@pytest.mark.parametrize(
    "name",
    with_versions(["about", "energies", "energy_end_uses", "energy_prod_technologies", "tasks"]),
)
def test_read_only_lists(api, name):
    response = getattr(api, name).getall()
    assert response.status_code == 200 and response.data
    assert response.parsed


def test_iter_all_walks_every_page(api, world):
    names = {unique("paged") for _ in range(23)}
    for name in names:
        api.timeseries.create(
            {"name": name, "campaign_id": world["campaign"], "campaign_scope_id": world["scope"]}
        )
    first = api.timeseries.getall(campaign_id=world["campaign"], page_size=10)
    assert first.pagination["total"] >= 25 and len(first.data) == 10
    walked = [
        row["name"] for row in api.timeseries.iter_all(campaign_id=world["campaign"], page_size=10)
    ]
    assert names <= set(walked) and len(walked) == len(set(walked)) == first.pagination["total"]


def test_timeseries_properties_filter(api, world):
    ts_id = world["timeseries"][1]
    api.timeseries_property_data.create(
        {"timeseries_id": ts_id, "property_id": world["ts_property"], "value": "42"}
    )
    name = api.timeseries_properties.getone(world["ts_property"]).data["name"]
    found = api.timeseries.getall(campaign_id=world["campaign"], properties={name: "42"}).data
    assert [row["id"] for row in found] == [ts_id]
