"""Server versions: the supported range and the version-dependent entry points, all derived from
spec/ and the table (so a new document needs no edit here)."""

import json
from pathlib import Path

import httpx
import pytest
from mock_api import json_response, make_client

from _bemserver_api._operations import VERSIONS
from bemserver_api_client import BEMServerApiClient, _versions
from bemserver_api_client.exceptions import BEMServerAPIVersionError
from bemserver_api_client.resources.table import OLDEST_API_VERSION

ROOT = Path(__file__).resolve().parent.parent.parent
MANIFEST = json.loads((ROOT / "spec" / "manifest.json").read_text())
DOCUMENTS = sorted(MANIFEST, key=lambda v: tuple(map(int, v.split("."))))
# A document that has the st_* resources, and one that has /tasks/ (read from the operations).
ST_DOCUMENT = VERSIONS["st_cleanup_by_campaign.get_st_cleanups_by_campaigns"][-1]
TASKS_DOCUMENT = VERSIONS["task.get_tasks"][-1]


def bump(version: str, minor: int = 0, patch: int = 0) -> str:
    major, minor_, patch_ = map(int, version.split("."))
    return f"{major}.{minor_ + minor}.{0 if minor else patch_ + patch}"


def supported() -> list[str]:
    versions = {OLDEST_API_VERSION, *DOCUMENTS}
    versions |= {bump(v, patch=9) for v in DOCUMENTS}  # patch releases of each document
    return sorted(versions)


def unsupported() -> list[str]:
    major, minor, _ = map(int, OLDEST_API_VERSION.split("."))
    older = f"{major}.{minor - 1}.9" if minor else None
    return [v for v in (older, bump(DOCUMENTS[-1], minor=1), "1.0.0", "abc", "") if v]


@pytest.mark.parametrize("version", supported())
def test_supported_versions(version):
    BEMServerApiClient.check_api_version(version)


@pytest.mark.parametrize("version", unsupported())
def test_unsupported_versions(version):
    with pytest.raises(BEMServerAPIVersionError, match=r"not supported|Invalid"):
        BEMServerApiClient.check_api_version(version)


def test_each_document_describes_its_minor_series_and_those_since_the_previous_one():
    documents = ["0.25.0", "0.27.0"]
    assert _versions.document_ranges(documents, "0.24.0") == {
        "0.25.0": ((0, 24, 0), (0, 26, 0)),
        "0.27.0": ((0, 26, 0), (0, 28, 0)),
    }
    assert _versions.document_for((0, 26, 3), documents, "0.24.0") == "0.27.0"
    assert _versions.document_for((0, 23, 0), documents, "0.24.0") is None
    assert _versions.describe(["0.25.0"], documents, "0.24.0") == "0.24.0 to 0.25.x"
    assert _versions.describe(documents, documents, "0.24.0") == "0.24.0 to 0.27.x"
    assert _versions.parse_version("0.27.0rc1") == (0, 27, 0)


class About:
    """A mock API that answers /about/ with `version` and 200 [] elsewhere; counts requests."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/about/":
            return json_response(200, {"versions": {"bemserver_api": self.version}})
        return json_response(200, [])


def test_the_version_is_read_once_and_only_when_a_call_depends_on_it():
    api = About(ST_DOCUMENT)
    client = make_client(api)
    assert api.paths == []  # nothing at construction
    client.sites.getall()  # in every document: no need to know the version
    assert api.paths == ["/sites/"]
    client.st_cleanup_by_campaign.getall()
    client.with_options(timeout=5).st_cleanup_by_campaign.get_full()  # copies share it
    assert api.paths == [
        "/sites/",
        "/about/",
        "/st_cleanups_by_campaigns/",
        "/st_cleanups_by_campaigns/full",
    ]
    assert client.api_version == ST_DOCUMENT


@pytest.mark.parametrize(
    ("version", "entry_point", "replacement"),
    [
        (TASKS_DOCUMENT, "st_cleanup_by_campaign", 'task_by_campaign (task_name "Cleanup")'),
        (TASKS_DOCUMENT, "st_download_weather_forecast_by_site", '"forecast": true'),
        (ST_DOCUMENT, "tasks", "st_cleanup_by_campaign"),
        (ST_DOCUMENT, "task_by_campaign", "st_* entry points"),
    ],
)
def test_an_entry_point_the_server_lacks_is_refused_before_sending(
    version, entry_point, replacement
):
    read, given = About(version), About("9.9.9")
    for client, api in [
        (make_client(read), read),  # the version read from /about/
        (make_client(given, api_version=version), given),  # given: no request at all
    ]:
        with pytest.raises(BEMServerAPIVersionError) as caught:
            getattr(client, entry_point).getall()
        message = str(caught.value)
        assert f"{entry_point} is not in BEMServer API {version}" in message
        assert replacement in message
        assert all(path == "/about/" for path in api.paths)
    assert given.paths == []


def test_an_unsupported_server_is_refused_when_its_version_matters():
    client = make_client(About("0.1.0"))
    client.sites.getall()  # the same in every version: sent
    with pytest.raises(BEMServerAPIVersionError, match=r"0\.1\.0\) not supported"):
        client.tasks.getall()
    with pytest.raises(BEMServerAPIVersionError, match="not supported"):
        make_client(About("0.1.0"), auto_check=True)
    with pytest.raises(BEMServerAPIVersionError, match="not supported"):
        BEMServerApiClient("localhost", api_version="0.1.0")
