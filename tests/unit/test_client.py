"""The client on a mock API: URLs, entry points, arguments, headers, responses, transport errors."""

import datetime as dt
import json
import subprocess
import sys
import warnings
from urllib.parse import parse_qs

import httpx
import pytest
from mock_api import json_response, make_client

from _bemserver_api import _spec
from bemserver_api_client import BEMServerApiClient, BEMServerApiClientResponse
from bemserver_api_client.enums import DataFormat, DegreeDaysPeriod
from bemserver_api_client.exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPINotModified,
    BEMServerAPIResponseError,
    BEMServerAPITimeoutError,
    UndeclaredArgumentWarning,
)


class Recorder:
    def __init__(self, response: httpx.Response | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.response = response or json_response(200, [])

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.response

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.requests[-1].url.query.decode())


@pytest.mark.parametrize(
    ("args", "kwargs", "base_url"),
    [
        (("localhost:5000",), {}, "https://localhost:5000"),
        (("localhost:5000",), {"use_ssl": False}, "http://localhost:5000"),
        (("localhost:5000/api",), {"use_ssl": False}, "http://localhost:5000/api"),
        (("example.org", True, None, "http"), {}, "https://example.org"),
        (("http://127.0.0.1:8000/",), {}, "http://127.0.0.1:8000"),
        ((), {"base_url": "http://h:1/base"}, "http://h:1/base"),
    ],
)
def test_base_url_like_upstream_or_full(args, kwargs, base_url):
    with BEMServerApiClient(*args, **kwargs) as client:
        assert client.base_url == base_url


def test_bad_constructions_are_refused():
    with pytest.raises(BEMServerAPIClientValueError):
        BEMServerApiClient()
    with pytest.raises(BEMServerAPIClientValueError, match="request_manager"):
        BEMServerApiClient("localhost", request_manager=object())


def test_plain_http_skips_the_ca_bundle_but_never_verification():
    import ssl

    with BEMServerApiClient("localhost", use_ssl=False) as client:
        context = client._http._transport._pool._ssl_context
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
        assert context.cert_store_stats()["x509_ca"] == 0  # nothing to trust: TLS would fail
    with BEMServerApiClient("localhost") as client:  # https: the CA bundle
        assert client._http._transport._pool._ssl_context.cert_store_stats()["x509_ca"] > 50


def test_default_timeout_is_finite():
    with BEMServerApiClient("localhost") as client:
        timeout = client._http.timeout
        assert timeout.connect == 5.0 and timeout.read == 60.0


def test_timeouts_reach_each_request_even_with_your_own_http_client():
    recorder = Recorder()
    client = BEMServerApiClient(
        "http://api.test",
        timeout=7.0,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    client.sites.getall()
    assert recorder.requests[-1].extensions["timeout"]["read"] == 7.0
    client.with_options(timeout=httpx.Timeout(2.0, connect=1.0)).sites.getall()
    assert recorder.requests[-1].extensions["timeout"] == {
        "connect": 1.0,
        "read": 2.0,
        "write": 2.0,
        "pool": 2.0,
    }


def test_entry_points_are_the_same_object_each_access():
    client = make_client(Recorder())
    assert client.sites is client.sites
    assert client.sites is not make_client(Recorder()).sites
    assert type(client).sites.path == "/sites/"  # the class attribute is the table row


def test_importing_the_package_and_making_a_client_loads_no_model():
    code = (
        "import sys; from bemserver_api_client import BEMServerApiClient;"
        "c = BEMServerApiClient('localhost'); c.sites; c.timeseries_data;"
        "print(sorted(m for m in sys.modules if m.startswith('_bemserver_api.api') "
        "or m.startswith('_bemserver_api.models.')))"
    )
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "[]"


def test_a_request_loads_no_generated_module_nor_attrs_until_parsed():
    code = (
        "import sys, httpx; from bemserver_api_client import BEMServerApiClient;"
        "c = BEMServerApiClient('http://t', http_client=httpx.Client(transport=httpx.MockTransport("
        "lambda r: httpx.Response(200, json=[{'id': 1, 'name': 's', 'campaign_id': 1}]))));"
        "r = c.sites.getall(); r.data;"
        "names = lambda: sorted(m for m in sys.modules if m.startswith(('attr', '_bemserver_api.api.', '_bemserver_api.models.')));"
        "print(names()); r.parsed; print(names())"
    )
    before, after = subprocess.check_output([sys.executable, "-c", code], text=True).splitlines()
    assert before == "[]"
    assert (
        "'_bemserver_api.api.site.get_sites'" in after and "'_bemserver_api.models.site'" in after
    )
    assert "'_bemserver_api.models.campaign'" not in after


def test_package_import_does_not_import_httpx():
    code = "import sys, bemserver_api_client; print('httpx' in sys.modules)"
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "False"


def test_a_sync_script_never_imports_asyncio_nor_pickle():
    """asyncio is 10 ms of a script's cold start (make bench: our code's share): only the async
    client and coroutines import it; pickle only pickling a bearer auth."""
    code = (
        "import sys, httpx; from bemserver_api_client import BEMServerApiClient;"
        "from bemserver_api_client.authentication import BearerTokenAuth;"
        "t = httpx.MockTransport(lambda r: httpx.Response(200, json=[]));"
        "c = BEMServerApiClient('http://t', http_client=httpx.Client(transport=t));"
        "c.sites.getall().data; c.io.upload_sites_csv(1, {'sites_csv': b'x'});"
        "c2 = BEMServerApiClient('http://t', authentication_method=BearerTokenAuth('a', 'r'),"
        " http_client=httpx.Client(transport=t)); c2.sites.getall();"
        "print('asyncio' in sys.modules, 'pickle' in sys.modules)"
    )
    assert subprocess.check_output([sys.executable, "-c", code], text=True).split() == [
        "False",
        "False",
    ]


def test_getall_filters_sort_and_properties():
    recorder = Recorder()
    client = make_client(recorder)
    client.sites.getall(sort=["+name", "-campaign_id"], campaign_id=3)
    assert recorder.query == {"sort": ["+name,-campaign_id"], "campaign_id": ["3"]}
    client.timeseries.getall(properties={"Min": "0"}, page_size=50)
    assert json.loads(recorder.query["properties"][0]) == {"Min": "0"}
    assert recorder.requests[-1].url.path == "/timeseries/"


def test_undeclared_query_arguments_are_sent_with_one_warning_each(monkeypatch):
    """As upstream (bemserver-ui relies on it), with a warning; type checkers still refuse them
    (tests/typecheck)."""
    from bemserver_api_client.resources import base

    monkeypatch.setattr(base, "_warned", set())
    recorder = Recorder()
    client = make_client(recorder)
    with pytest.warns(UndeclaredArgumentWarning, match=r"timeseries_datastates: 'sort'.*0\.27\.0"):
        client.timeseries_datastates.getall(sort="+name")
    assert recorder.query == {"sort": ["+name"]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second warning would raise
        client.timeseries_datastates.getall(sort="-name")
    with pytest.warns(UndeclaredArgumentWarning, match="timeseries: 'recurse_space_id'"):
        client.timeseries.getall(campaign_id=1, recurse_space_id=[4, 5])
    assert recorder.query == {"campaign_id": ["1"], "recurse_space_id": ["4", "5"]}


def test_unknown_argument_is_refused_by_the_request_path():
    recorder = Recorder()
    client = make_client(recorder)
    with pytest.raises(
        BEMServerAPIClientValueError, match=r"unknown argument 'nme'.*read, user_id"
    ):
        client._call(
            "notification.get_notifications_count_by_campaign", nme="x"
        )  # one path checks too
    assert recorder.requests == []


def test_naive_datetime_is_refused_before_sending():
    recorder = Recorder()
    client = make_client(recorder)
    with pytest.raises(BEMServerAPIClientValueError, match="naive"):
        client.timeseries_data.download(
            dt.datetime(2024, 1, 1), "2024-01-02T00:00:00+00:00", 1, [1]
        )
    with pytest.raises(BEMServerAPIClientValueError, match="naive"):
        client.timeseries_data.download("2024-01-01T00:00:00", "2024-01-02T00:00:00+00:00", 1, [1])
    with pytest.raises(BEMServerAPIClientValueError, match="naive"):
        client.sites.create({"name": "x", "when": dt.datetime(2024, 1, 1)})
    assert recorder.requests == []


def test_datetimes_dates_enums_and_single_values_are_coerced():
    recorder = Recorder(json_response(200, {}))
    client = make_client(recorder)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    client.timeseries_data.download(start, "2024-01-02T00:00:00+01:00", 2, 7, convert_to="°C")
    assert recorder.query == {
        "timeseries": ["7"],
        "start_time": ["2024-01-01T00:00:00+00:00"],
        "end_time": ["2024-01-02T00:00:00+01:00"],
        "data_state": ["2"],
        "timezone": ["UTC"],
        "convert_to": ["°C"],
    }
    assert recorder.requests[-1].headers["Accept"] == "application/json"
    client.sites.get_degree_days(
        1, dt.date(2024, 1, 1), "2024-02-01", period="month", type="cooling"
    )
    assert recorder.query["period"] == ["month"] and recorder.query["type"] == ["cooling"]
    assert recorder.query["start_date"] == ["2024-01-01"]
    client.sites.get_degree_days(1, "2024-01-01", "2024-02-01", period=DegreeDaysPeriod.year)
    assert recorder.query["period"] == ["year"]
    with pytest.raises(BEMServerAPIClientValueError, match="Invalid period"):
        client.sites.get_degree_days(1, "2024-01-01", "2024-02-01", period="fortnight")


def test_json_payloads_encode_datetimes_enums_and_models():
    recorder = Recorder(json_response(201, {"id": 1}))
    client = make_client(recorder)
    client.events.create(
        {"timestamp": dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "format": DataFormat.csv}
    )
    assert json.loads(recorder.requests[-1].content) == {
        "timestamp": "2024-01-01T00:00:00+00:00",
        "format": "text/csv",
    }
    from _bemserver_api.models import Campaign

    client.campaigns.create(Campaign(name="c", timezone="UTC"))
    assert json.loads(recorder.requests[-1].content) == {"name": "c", "timezone": "UTC"}
    assert recorder.requests[-1].headers["Content-Type"] == "application/json"


def test_etag_headers():
    recorder = Recorder()
    client = make_client(recorder)
    client.sites.getone(1, etag='"abc"')
    assert recorder.requests[-1].headers["If-None-Match"] == '"abc"'
    client.sites.update(1, {"name": "x"}, etag='"abc"')
    assert recorder.requests[-1].headers["If-Match"] == '"abc"'
    assert recorder.requests[-1].method == "PUT"
    client.sites.delete(1, etag='"abc"')
    assert recorder.requests[-1].headers["If-Match"] == '"abc"'
    client.sites.delete(1)
    assert "If-Match" not in recorder.requests[-1].headers  # upstream: the server answers 428


def test_not_modified_raises_like_upstream():
    client = make_client(Recorder(httpx.Response(304)))
    with pytest.raises(BEMServerAPINotModified):
        client.sites.getall(etag='"abc"')


def test_response_properties():
    headers = {"ETag": '"e1"', "X-Pagination": '{"total": 15, "page": 1}'}
    client = make_client(
        Recorder(json_response(200, [{"id": 1, "name": "s", "campaign_id": 2}], **headers))
    )
    response = client.timeseries.getall()
    assert isinstance(response, BEMServerApiClientResponse)
    assert (response.status_code, response.etag, response.pagination) == (
        200,
        '"e1"',
        {"total": 15, "page": 1},
    )
    assert response.is_json and not response.is_csv
    assert response.headers["etag"] == '"e1"'
    assert response.toJSON() == {
        "status_code": 200,
        "data": [{"id": 1, "name": "s", "campaign_id": 2}],
        "etag": '"e1"',
        "pagination": {"total": 15, "page": 1},
    }
    assert response.data is response.data  # decoded once


def test_parsed_gives_generated_models():
    client = make_client(Recorder(json_response(200, [{"id": 1, "name": "s", "campaign_id": 2}])))
    from _bemserver_api.models import Site

    parsed = client.sites.getall().parsed
    assert parsed == [Site(id=1, name="s", campaign_id=2)]


def test_empty_bodies_and_204():
    client = make_client(
        Recorder(httpx.Response(204, headers={"Content-Type": "application/json"}))
    )
    response = client.sites.delete(1, etag="x")
    assert (response.status_code, response.data, response.parsed, response.etag, response.pagination) == (
        204, None, None, "", {},
    )  # fmt: skip
    assert response.toJSON()["data"] is None


def test_csv_bodies_are_bytes():
    recorder = Recorder(
        httpx.Response(200, content=b"Datetime,1\n", headers={"Content-Type": "text/csv"})
    )
    client = make_client(recorder)
    response = client.timeseries_data.download(
        "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", 1, [1], format=DataFormat.csv
    )
    assert response.is_csv and response.data == b"Datetime,1\n"
    assert recorder.requests[-1].headers["Accept"] == "text/csv"


def test_invalid_json_on_success_is_a_library_error():
    client = make_client(
        Recorder(
            httpx.Response(200, content=b'[{"id": 1', headers={"Content-Type": "application/json"})
        )
    )
    response = client.sites.getall()
    with pytest.raises(BEMServerAPIResponseError, match="invalid JSON"):
        response.data
    client = make_client(Recorder(json_response(200, {"unexpected": True})))
    with pytest.raises(BEMServerAPIResponseError, match="does not match"):
        client.sites.getall().parsed


def test_transport_errors_are_library_errors():
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(BEMServerAPIConnectionError) as caught:
        make_client(refuse).sites.getall()
    assert caught.value.status_code == 500 and "ConnectError" in str(caught.value)
    with pytest.raises(BEMServerAPITimeoutError):
        make_client(slow).sites.getall()


def test_auto_check_reads_about_once():
    recorder = Recorder(json_response(200, {"versions": {"bemserver_api": _spec.API_VERSION}}))
    client = make_client(recorder, auto_check=True)
    assert client.api_version == _spec.API_VERSION
    assert [r.url.path for r in recorder.requests] == ["/about/"]


def test_close_closes_only_an_owned_http_client():
    http = httpx.Client()
    with BEMServerApiClient("localhost", http_client=http):
        pass
    assert not http.is_closed
    client = BEMServerApiClient("localhost")
    opened = client._http  # made on first use
    client.close()
    assert opened.is_closed


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {1: {"2024-01-01T00:00:00+00:00": 1.5, "2024-01-01T01:00:00+00:00": None}},
        {"a b": {}, "c": {"t": 2}},
    ],
)
def test_timeseries_json_is_streamed_per_series_and_replayable(payload):
    from bemserver_api_client._arguments import JSONStream

    stream = JSONStream(payload)
    first, second = b"".join(stream), b"".join(stream)
    assert first == second
    assert json.loads(first) == {str(key): value for key, value in payload.items()}
    recorder = Recorder(json_response(201))
    make_client(recorder).timeseries_data.upload(1, payload)
    assert json.loads(recorder.requests[-1].content) == json.loads(first)
    assert recorder.requests[-1].headers["Content-Type"] == "application/json"


def test_json_upload_takes_aware_datetime_keys_and_refuses_naive_ones():
    recorder = Recorder(json_response(201, None))
    client = make_client(recorder)
    moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    client.timeseries_data.upload(1, {1: {moment: 1.0, "2024-01-01T01:00:00+00:00": 2.0}})
    assert json.loads(recorder.requests[-1].content) == {
        "1": {"2024-01-01T00:00:00+00:00": 1.0, "2024-01-01T01:00:00+00:00": 2.0}
    }
    with pytest.raises(BEMServerAPIClientValueError, match="naive"):
        client.timeseries_data.upload(1, {1: {dt.datetime(2024, 1, 1): 1.0}})
    with pytest.raises(BEMServerAPIClientValueError, match="cannot send"):
        client.timeseries_data.upload(1, {1: {(1, 2): 1.0}})
