"""Contract: every operation of every API document in spec/ is reachable through an entry point.

For each document, a client told that server version calls each public method of each entry point
once (with placeholder arguments) on a mock transport; the requests it sends are matched against
that document's path templates (methods the version lacks refuse, and send nothing). An operation
of a new document that no entry point reaches fails this test, until it is mapped in
resources/table.py (or a special) or listed in EXCLUDED with a reason.
"""

import inspect
import json
import re
from pathlib import Path

import httpx
import pytest

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client.exceptions import BEMServerAPIVersionError
from bemserver_api_client.resources.table import ENTRY_POINTS

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED: dict[tuple[str, str], str] = {}  # (METHOD, path template) -> why no entry point has it

PLACEHOLDERS = {
    "start_time": "2024-01-01T00:00:00+00:00",
    "end_time": "2024-01-02T00:00:00+00:00",
    "start_date": "2024-01-01",
    "end_date": "2024-01-02",
    "timeseries": [1],
    "timeseries_ids": [1],
    "timeseries_names": ["a"],
    "bucket_width_unit": "hour",
    "structural_element_type": "site",
    "payload": {},
    "data": {},
    "csv_files": {"csv": b"a,b\n"},
    "state": True,
    "email": "user@test",
    "password": "x",
}
# Methods that reach more than one operation, by their arguments.
VARIANTS = {
    ("analysis", "get_energy_consumption_breakdown"): [{"structural_element_type": "building"}]
}


MANIFEST = json.loads((ROOT / "spec" / "manifest.json").read_text())


def spec_operations(version: str) -> set[tuple[str, str]]:
    document = json.loads((ROOT / "spec" / MANIFEST[version]["file"]).read_text())
    return {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "delete", "patch")
    }


def arguments(method) -> dict:
    values = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.default is inspect.Parameter.empty and parameter.kind in (
            parameter.POSITIONAL_OR_KEYWORD,
            parameter.KEYWORD_ONLY,
        ):
            values[name] = PLACEHOLDERS.get(name, 1)
    return values


def reached_operations(version: str) -> set[tuple[str, str]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        body = {"status": "success", "access_token": "a", "refresh_token": "r"}
        return httpx.Response(200, json=body)

    client = BEMServerApiClient(
        "http://api.test",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        api_version=version,
    )
    client.set_authentication_method(BEMServerApiClient.make_bearer_token_auth("a", "r"))
    for name in ENTRY_POINTS:
        resource = getattr(client, name)
        for method_name, method in inspect.getmembers(resource, inspect.ismethod):
            if method_name.startswith("_"):
                continue
            base = arguments(method)
            for variant in [{}, *VARIANTS.get((name, method_name), [])]:
                try:
                    result = method(**{**base, **variant})
                except BEMServerAPIVersionError:
                    continue  # not in this version: refused before sending
                if inspect.isgenerator(result):  # iter_all
                    list(result)
    templates = {
        (m, p): re.compile(re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(p)) + "$")
        for m, p in spec_operations(version)
    }
    reached = set()
    for request in sent:
        matches = [
            key
            for key, pattern in templates.items()
            if key[0] == request.method and pattern.match(request.url.path)
        ]
        assert matches, f"{request.method} {request.url.path} is not in the document"
        # A literal segment beats a placeholder (/notifications/mark_all_as_read vs {item_id}).
        reached.add(min(matches, key=lambda key: key[1].count("{")))
    return reached


@pytest.mark.parametrize("version", sorted(MANIFEST))
def test_every_operation_of_each_document_is_reachable(version):
    operations = spec_operations(version)
    reached = reached_operations(version)
    missing = operations - reached - set(EXCLUDED)
    assert not missing, f"unmapped operations of {version}: {sorted(missing)}"
    assert len(operations) == sum(
        len([m for m in item if m in ("get", "post", "put", "delete", "patch")])
        for item in json.loads((ROOT / "spec" / MANIFEST[version]["file"]).read_text())[
            "paths"
        ].values()
    )
    print(
        f"API {version}: {len(reached & operations)} of {len(operations)} operations mapped, "
        f"{len(EXCLUDED)} excluded"
    )


def test_the_table_covers_the_upstream_entry_points():
    """The entry points of the upstream README's tables (its 0.22.0 wheel dropped the st_* ones)."""
    upstream = set(
        [
            "about",
            "users",
            "user_by_user_groups",
            "user_groups",
            "user_groups_by_campaigns",
            "user_groups_by_campaign_scopes",
            "campaigns",
            "campaign_scopes",
            "io",
            "sites",
            "buildings",
            "storeys",
            "spaces",
            "zones",
            "structural_element_properties",
            "site_properties",
            "site_property_data",
            "building_properties",
            "building_property_data",
            "storey_properties",
            "storey_property_data",
            "space_properties",
            "space_property_data",
            "zone_properties",
            "zone_property_data",
            "timeseries",
            "timeseries_properties",
            "timeseries_property_data",
            "timeseries_by_sites",
            "timeseries_by_buildings",
            "timeseries_by_storeys",
            "timeseries_by_spaces",
            "timeseries_by_zones",
            "timeseries_by_events",
            "weather_ts_by_sites",
            "timeseries_datastates",
            "timeseries_data",
            "analysis",
            "energies",
            "energy_end_uses",
            "energy_cons_ts_by_sites",
            "energy_cons_ts_by_buildings",
            "energy_prod_technologies",
            "energy_prod_ts_by_sites",
            "energy_prod_ts_by_buildings",
            "events",
            "event_by_sites",
            "event_by_buildings",
            "event_by_storeys",
            "event_by_spaces",
            "event_by_zones",
            "event_categories",
            "event_categories_by_users",
            "notifications",
            "auth",
            "st_cleanup_by_campaign",
            "st_cleanup_by_timeseries",
            "st_check_missing_by_campaign",
            "st_check_outlier_by_campaign",
            "st_download_weather_by_site",
            "st_download_weather_forecast_by_site",
        ]
    )
    assert len(upstream) == 61
    assert set(ENTRY_POINTS) == upstream | {"tasks", "task_by_campaign"}
