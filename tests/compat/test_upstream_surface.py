"""Ours against the upstream client's public surface (recorded from its 0.22.0 wheel by
record_upstream_surface.py): every name application code can reach exists with the same meaning,
and the exceptions' attributes are present or absent as upstream (apps test `hasattr`)."""

import enum
import inspect
import json
import tomllib
from pathlib import Path

import pytest

import bemserver_api_client
from bemserver_api_client import BEMServerApiClient, enums, exceptions
from bemserver_api_client.response import BEMServerApiClientResponse

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SURFACE = json.loads((HERE / "upstream_surface.json").read_text())
ACCEPTS_KEYWORD = ("POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY")
# Deliberate differences, each with its reason.
DIFFERENT = {
    ("BEMServerAPIPreconditionError", "status_code"): "a bare upstream one says 501 (its base's "
    "default); ours says 412, the status it stands for (raised ones carry 412 or 428 in both)",
}


def parameters(function) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(function).parameters.values() if p.name != "self"]


def assert_compatible(ours, upstream: list[list[str]], where: str) -> None:
    """Upstream's calls work on ours: positional parameters in the same order, every keyword
    accepted, **kwargs kept."""
    mine = parameters(ours)
    positional = [p.name for p in mine if p.kind.name == "POSITIONAL_OR_KEYWORD"]
    theirs = [name for name, kind, _ in upstream if kind == "POSITIONAL_OR_KEYWORD"]
    assert positional[: len(theirs)] == theirs, f"{where}: positional order"
    for name, kind, default in upstream:
        if kind in ACCEPTS_KEYWORD:
            assert any(p.name == name and p.kind.name in ACCEPTS_KEYWORD for p in mine), (
                f"{where}: keyword {name!r}"
            )
            ours_default = next(p.default for p in mine if p.name == name)
            if default != "":  # optional there: optional here too (the reverse is allowed)
                assert ours_default is not inspect.Parameter.empty, f"{where}: {name!r} required"
        if kind == "VAR_KEYWORD":
            assert any(p.kind.name == "VAR_KEYWORD" for p in mine), f"{where}: **{name}"


def test_client_constructor_and_helpers():
    assert_compatible(BEMServerApiClient.__init__, SURFACE["client"]["constructor"], "client")
    for name, upstream in SURFACE["client"]["static"].items():
        assert_compatible(getattr(BEMServerApiClient, name), upstream, name)


@pytest.mark.parametrize(("args", "kwargs", "values"), SURFACE["client"]["values"])
def test_client_attributes_have_upstream_values(args, kwargs, values):
    client = BEMServerApiClient(*args, **kwargs)
    assert set(SURFACE["client"]["attributes"]) <= set(dir(client))
    assert {name: getattr(client, name) for name in values} == values


@pytest.mark.parametrize("name", sorted(SURFACE["entry_points"]))
def test_entry_point_methods_take_upstream_arguments(name):
    resource = getattr(BEMServerApiClient("localhost:5000"), name)
    for method, upstream in SURFACE["entry_points"][name].items():
        assert hasattr(resource, method), f"{name}.{method}"
        assert_compatible(getattr(resource, method), upstream, f"{name}.{method}")


@pytest.mark.parametrize("name", sorted(SURFACE["exceptions"]))
def test_exceptions_have_upstream_attributes_and_bases(name):
    upstream = SURFACE["exceptions"][name]
    cls = getattr(exceptions, name)
    for base in upstream["bases"]:
        assert base in {c.__name__ for c in cls.__mro__}, f"{name} is not a {base}"
    instance = cls()
    assert set(upstream["attributes"]) <= set(vars(instance))
    assert ("message" in vars(instance)) == ("message" in upstream["attributes"])
    for attribute, value in upstream["values"].items():
        if (name, attribute) not in DIFFERENT:
            assert getattr(instance, attribute) == value, f"{name}.{attribute}"


@pytest.mark.parametrize("name", sorted(SURFACE["enums"]))
def test_enums_have_upstream_members(name):
    ours = getattr(enums, name)
    assert issubclass(ours, enum.Enum)
    for member, value in SURFACE["enums"][name].items():
        assert ours[member].value == value, f"{name}.{member}"


def test_response_attributes():
    assert set(SURFACE["response"]) <= set(dir(BEMServerApiClientResponse))


def test_stand_in_distribution_keeps_the_upstream_contract_and_installs_ours():
    """compat/bemserver-api-client: `bemserver-api-client` <upstream version>+bemserver.client.<ours>,
    depending on exactly our version (docs/guide/migrating.md, "Applications that pin")."""
    project = tomllib.loads(
        (ROOT / "compat" / "bemserver-api-client" / "pyproject.toml").read_text()
    )
    ours = bemserver_api_client.__version__
    assert project["project"]["name"] == SURFACE["distribution"]
    assert project["project"]["version"] == f"{SURFACE['version']}+bemserver.client.{ours}"
    assert project["project"]["dependencies"] == [f"bemserver-client=={ours}"]
