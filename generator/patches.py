"""Patches applied to the fetched OpenAPI document before generation.

The document in spec/ is never edited: these patches are applied to a copy. Each one asserts what it
replaces, so that a server whose document changed fails the build loudly instead of being patched
blindly.
"""

from __future__ import annotations

from typing import Any

Spec = dict[str, Any]

TIMESERIES_DATA_POSTS = ("/timeseries_data/", "/timeseries_data/campaign/{campaign_id}/")
TIMESERIES_DATA_GETS = (
    "/timeseries_data/",
    "/timeseries_data/aggregate",
    "/timeseries_data/campaign/{campaign_id}/",
    "/timeseries_data/campaign/{campaign_id}/aggregate",
)
VALUES_SCHEMA = "TimeseriesDataValues"
VALUES_REF = {"$ref": f"#/components/schemas/{VALUES_SCHEMA}"}


class PatchError(AssertionError):
    """The document no longer has what a patch expects: review the patch against the new document."""


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise PatchError(what)


def add_timeseries_data_schema(spec: Spec) -> None:
    """The JSON shape of timeseries data, `{timeseries id or name: {ISO datetime: value or null}}`."""
    schemas = spec["components"]["schemas"]
    expect(VALUES_SCHEMA not in schemas, f"{VALUES_SCHEMA} already exists in the document")
    schemas[VALUES_SCHEMA] = {
        "type": "object",
        "description": "Values by timeseries (id or name), then by ISO 8601 datetime.",
        "additionalProperties": {
            "type": "object",
            "additionalProperties": {"type": ["number", "null"]},
        },
    }


def timeseries_data_json_bodies(spec: Spec) -> None:
    """POST bodies declare JSON as `string/binary`: the generated code would call `to_tuple()`."""
    for path in TIMESERIES_DATA_POSTS:
        content = spec["paths"][path]["post"]["requestBody"]["content"]
        schema = content["application/json"]["schema"]
        expect(
            schema.get("type") == "string" and schema.get("format") == "binary",
            f"POST {path}: JSON body is no longer string/binary: {schema}",
        )
        expect("text/csv" in content, f"POST {path}: no text/csv body any more")
        content["application/json"]["schema"] = dict(VALUES_REF)


def timeseries_data_json_responses(spec: Spec) -> None:
    """The data GETs declare JSON without a schema: `parsed` would always be None."""
    for path in TIMESERIES_DATA_GETS:
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]
        expect(
            "schema" not in content["application/json"],
            f"GET {path}: JSON response now has a schema",
        )
        expect("text/csv" in content, f"GET {path}: no text/csv response any more")
        content["application/json"]["schema"] = dict(VALUES_REF)


def timeseries_properties_query(spec: Spec) -> None:
    """`properties` is a JSON object in the query string (`content`, not `schema`): the generator
    drops such a parameter silently. Declare it a string; the overlay serialises dicts into it."""
    parameters = spec["paths"]["/timeseries/"]["get"]["parameters"]
    matches = [p for p in parameters if p.get("name") == "properties"]
    expect(len(matches) == 1, "GET /timeseries/: expected one `properties` parameter")
    parameter = matches[0]
    expect(
        "schema" not in parameter and "application/json" in parameter.get("content", {}),
        f"GET /timeseries/: `properties` is no longer a JSON content parameter: {parameter}",
    )
    del parameter["content"]
    parameter["schema"] = {"type": "string"}
    parameter["x-json-object"] = True  # typed `Mapping[str, str] | str` by render_entry_points
    parameter["description"] = 'JSON object of property values, e.g. {"Min": "0"}.'


def write_only_not_required(spec: Spec) -> None:
    """A required writeOnly property (User.password) is never in responses, but the generator
    uses one model both ways: parsing GET /users/ would fail on the missing key. Keep it
    optional in the model; the server still requires it on input."""
    changed = []
    for name, schema in spec["components"]["schemas"].items():
        required = schema.get("required", [])
        for prop, definition in schema.get("properties", {}).items():
            if definition.get("writeOnly") and prop in required:
                required.remove(prop)
                changed.append(f"{name}.{prop}")
    expect(changed == ["User.password"], f"required writeOnly properties changed: {changed}")


PATCHES = (
    add_timeseries_data_schema,
    timeseries_data_json_bodies,
    timeseries_data_json_responses,
    timeseries_properties_query,
    write_only_not_required,
)


def apply(spec: Spec) -> Spec:
    for patch in PATCHES:
        patch(spec)
    return spec
