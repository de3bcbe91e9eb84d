"""The typed surface: every public method documented, the models public, absent fields UNSET."""

import copy
import inspect
import pickle
import subprocess
import sys

import pytest

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.resources.table import ENTRY_POINTS


@pytest.mark.parametrize("cls", [BEMServerApiClient, AsyncBEMServerApiClient])
def test_every_public_method_and_entry_point_has_a_docstring(cls):
    client = cls("http://api.test")
    documented, missing = 0, []
    for name in ENTRY_POINTS:
        resource = type(getattr(client, name))
        for method, function in [
            ("(class)", resource),
            *inspect.getmembers(resource, inspect.isfunction),
        ]:
            if method.startswith("_"):
                continue
            if inspect.getdoc(function):
                documented += 1
            else:
                missing.append(f"{name}.{method}")
    for method, function in inspect.getmembers(cls, inspect.isfunction):
        if not method.startswith("_"):
            documented += bool(inspect.getdoc(function))
            missing += [] if inspect.getdoc(function) else [method]
    assert missing == []
    assert documented > 300  # 63 entry points and their methods


def test_models_are_public_and_absent_fields_read_as_unset():
    from bemserver_api_client.models import UNSET, Site, SitePut, Unset

    site = Site.from_dict({"id": 1, "name": "s", "campaign_id": 2})
    assert site.description is UNSET and not site.description
    assert isinstance(site.description, Unset)
    assert repr(site).count("UNSET") >= 1 and "object at 0x" not in repr(site)
    assert site.to_dict() == {"id": 1, "name": "s", "campaign_id": 2}
    for clone in (pickle.loads(pickle.dumps(site)), copy.deepcopy(site)):
        assert clone.description is UNSET  # still the one UNSET: to_dict() leaves it out
        assert clone.to_dict() == site.to_dict()
    assert SitePut.__name__ == "SitePut"
    import bemserver_api_client.models as models

    assert "Site" in dir(models) and "UNSET" in dir(models)
    with pytest.raises(AttributeError):
        models.NoSuchModel


def test_importing_models_loads_none_until_used():
    loaded = subprocess.check_output(
        [
            sys.executable,
            "-c",
            "import sys, bemserver_api_client.models;"
            "print(sorted(m for m in sys.modules if m.startswith('_bemserver_api.models.')))",
        ],
        text=True,
    ).strip()
    assert loaded == "[]"
