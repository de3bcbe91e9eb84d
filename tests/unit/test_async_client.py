"""AsyncBEMServerApiClient on mock transports: every entry point and action awaited, the same
requests as the sync client, life cycle, options, versions, uploads (files read off the event
loop, JSON per series, multipart), retries that never block the loop, and error mapping.

(The sync client's unit suites also run on this client: test_async_sync_suites.py.)
"""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import subprocess
import sys
import threading
import time

import httpx
import pytest
import test_errors
from test_contract import MANIFEST, VARIANTS, arguments

from _bemserver_api._operations import VERSIONS
from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient, RetryPolicy
from bemserver_api_client.exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIError,
    BEMServerAPIVersionError,
)
from bemserver_api_client.resources.base import AsyncResources
from bemserver_api_client.resources.table import ENTRY_POINTS

ST_DOCUMENT = VERSIONS["st_cleanup_by_campaign.get_st_cleanups_by_campaigns"][-1]
TASKS_DOCUMENT = VERSIONS["task.get_tasks"][-1]
TOKENS = {"status": "success", "access_token": "a", "refresh_token": "r"}


def async_client(handler, **options) -> AsyncBEMServerApiClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return AsyncBEMServerApiClient("http://api.test", http_client=http, **options)


def json_answer(status: int = 200, body: object = None, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=[] if body is None else body, headers=headers)


# -- every entry point and action: awaitable, and the same request as the sync client ---------


def request_key(request: httpx.Request) -> tuple:
    """What a request says on the wire (a multipart boundary is random: it is normalised)."""
    body = request.content
    content_type = request.headers.get("Content-Type", "")
    if "boundary=" in content_type:
        boundary = content_type.split("boundary=")[1]
        body = body.replace(boundary.encode(), b"BOUNDARY")
        content_type = content_type.replace(boundary, "BOUNDARY")
    headers = ("Accept", "If-Match", "If-None-Match", "Authorization", "Content-Length")
    return (
        request.method,
        str(request.url),
        content_type,
        tuple(request.headers.get(name) for name in headers),
        body,
    )


def calls_of(client) -> list[tuple[str, str, dict]]:
    """Each public method of each entry point, with the contract test's placeholders."""
    calls = []
    for name in ENTRY_POINTS:
        resource = getattr(client, name)
        for method_name, method in inspect.getmembers(resource, inspect.ismethod):
            if method_name.startswith("_"):
                continue
            for variant in [{}, *VARIANTS.get((name, method_name), [])]:
                calls.append((name, method_name, {**arguments(method), **variant}))
    return calls


def sync_outcomes(version: str) -> list:
    sent: list[httpx.Request] = []
    http = httpx.Client(
        transport=httpx.MockTransport(lambda r: sent.append(r) or json_answer(200, TOKENS))
    )
    client = BEMServerApiClient("http://api.test", http_client=http, api_version=version)
    client.set_authentication_method(BEMServerApiClient.make_bearer_token_auth("a", "r"))
    outcomes = []
    for name, method_name, kwargs in calls_of(client):
        before = len(sent)
        try:
            result = getattr(getattr(client, name), method_name)(**kwargs)
            if inspect.isgenerator(result):
                result = list(result)
            outcome = "str" if isinstance(result, str) else "sent"
        except BEMServerAPIVersionError:
            outcome = "refused"
        outcomes.append((name, method_name, outcome, [request_key(r) for r in sent[before:]]))
    return outcomes


async def async_outcomes(version: str) -> list:
    sent: list[httpx.Request] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return json_answer(200, TOKENS)

    client = async_client(answer, api_version=version)
    client.set_authentication_method(AsyncBEMServerApiClient.make_bearer_token_auth("a", "r"))
    outcomes = []
    for name, method_name, kwargs in calls_of(client):
        method = getattr(getattr(client, name), method_name)
        before = len(sent)
        result = method(**kwargs)
        try:
            if method_name == "iter_all":
                assert inspect.isasyncgen(result), f"{name}.iter_all is not an async iterator"
                result = [item async for item in result]
                outcome = "sent"
            elif isinstance(result, str):  # endpoint_uri_by_campaign: a path helper, no I/O
                outcome = "str"
            else:
                assert inspect.iscoroutinefunction(method), f"{name}.{method_name} is not async"
                assert inspect.iscoroutine(result)
                await result
                outcome = "sent"
        except BEMServerAPIVersionError:
            outcome = "refused"
        outcomes.append((name, method_name, outcome, [request_key(r) for r in sent[before:]]))
    await client.aclose()
    return outcomes


@pytest.mark.parametrize("version", sorted(MANIFEST))
def test_every_entry_point_function_and_action_is_awaited_and_sends_what_the_sync_one_sends(
    version,
):
    expected = sync_outcomes(version)
    got = asyncio.run(async_outcomes(version))
    assert len(got) == len(expected) > 250
    for sync_call, async_call in zip(expected, got, strict=True):
        assert async_call == sync_call
    refused = {(name, method) for name, method, outcome, _ in got if outcome == "refused"}
    assert refused  # each document lacks some entry points (st_* or tasks): none was sent
    assert all(not requests for _, _, outcome, requests in got if outcome == "refused")


def test_async_entry_points_are_async_classes_and_the_same_object_each_access():
    client = AsyncBEMServerApiClient("localhost")
    assert client.sites is client.sites
    assert client.sites is not AsyncBEMServerApiClient("localhost").sites
    assert AsyncBEMServerApiClient.sites.path == "/sites/"  # the class attribute: the table row
    for name in ENTRY_POINTS:
        resource = getattr(client, name)
        assert isinstance(resource, AsyncResources), name
        assert type(resource).__name__.startswith("Async"), name


def test_importing_and_making_an_async_client_loads_no_model_and_a_request_none_until_parsed():
    code = (
        "import sys, asyncio, httpx; from bemserver_api_client import AsyncBEMServerApiClient;"
        "names = lambda: sorted(m for m in sys.modules if m.startswith(('attr', '_bemserver_api.api.', '_bemserver_api.models.')));"
        "c = AsyncBEMServerApiClient('http://t', http_client=httpx.AsyncClient(transport=httpx.MockTransport("
        "lambda r: httpx.Response(200, json=[{'id': 1, 'name': 's', 'campaign_id': 1}]))));"
        "c.sites; c.timeseries_data; print(names());"
        "r = asyncio.run(c.sites.getall()); r.data; print(names()); r.parsed; print(names())"
    )
    made, sent, parsed = subprocess.check_output(
        [sys.executable, "-c", code], text=True
    ).splitlines()
    assert made == sent == "[]"
    assert "'_bemserver_api.api.site.get_sites'" in parsed
    assert "'_bemserver_api.models.campaign'" not in parsed


# -- life cycle and options ------------------------------------------------------------------


def test_async_context_manager_and_aclose_close_only_an_owned_http_client():
    async def main():
        http = httpx.AsyncClient()
        async with AsyncBEMServerApiClient("localhost", http_client=http) as client:
            assert client._http is http
        assert not http.is_closed
        await http.aclose()
        client = AsyncBEMServerApiClient("localhost")
        opened = client._http  # made on first use
        assert isinstance(opened, httpx.AsyncClient)
        await client.with_options(timeout=1).aclose()  # a copy shares the connections
        assert not opened.is_closed
        async with client:
            pass
        assert opened.is_closed
        assert client._http is not opened  # a later call opens new connections

    asyncio.run(main())


def test_the_async_constructor_refuses_a_sync_http_client_and_auto_check():
    with pytest.raises(BEMServerAPIClientValueError, match=r"httpx\.AsyncClient"):
        AsyncBEMServerApiClient("localhost", http_client=httpx.Client())
    with pytest.raises(BEMServerAPIClientValueError, match=r"await client\.get_api_version"):
        AsyncBEMServerApiClient("localhost", auto_check=True)
    with pytest.raises(BEMServerAPIVersionError, match="not supported"):
        AsyncBEMServerApiClient("localhost", api_version="0.1.0")


def test_default_timeout_and_with_options_reach_each_request():
    seen: list[httpx.Request] = []

    async def record(request):
        seen.append(request)
        return json_answer()

    async def main():
        client = async_client(record, timeout=7.0)
        await client.sites.getall()
        fast = client.with_options(timeout=httpx.Timeout(2.0, connect=1.0), max_retries=0)
        assert type(fast) is AsyncBEMServerApiClient and fast.retry.max_retries == 0
        assert client.retry.max_retries == 2
        await fast.sites.getall()
        async with AsyncBEMServerApiClient("localhost") as own:
            assert own._http.timeout.connect == 5.0 and own._http.timeout.read == 60.0

    asyncio.run(main())
    assert seen[0].extensions["timeout"]["read"] == 7.0
    assert seen[1].extensions["timeout"] == {"connect": 1.0, "read": 2.0, "write": 2.0, "pool": 2.0}


# -- versions --------------------------------------------------------------------------------


class About:
    def __init__(self, version: str) -> None:
        self.version = version
        self.paths: list[str] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/about/":
            await asyncio.sleep(0.05)  # slow enough for concurrent callers to pile up
            return json_answer(200, {"versions": {"bemserver_api": self.version}})
        return json_answer()


def test_get_api_version_reads_about_once_for_concurrent_callers():
    api = About(TASKS_DOCUMENT)

    async def main():
        client = async_client(api)
        versions = await asyncio.gather(*[client.get_api_version() for _ in range(20)])
        assert versions == [TASKS_DOCUMENT] * 20
        await asyncio.gather(*[client.tasks.getall() for _ in range(5)])

    asyncio.run(main())
    assert api.paths == ["/about/"] + ["/tasks/"] * 5


@pytest.mark.parametrize(
    ("version", "entry_point"),
    [(ST_DOCUMENT, "tasks"), (ST_DOCUMENT, "task_by_campaign"),
     (TASKS_DOCUMENT, "st_cleanup_by_campaign"), (TASKS_DOCUMENT, "st_download_weather_by_site")],
)  # fmt: skip
def test_an_entry_point_the_server_lacks_is_refused_before_sending(version, entry_point):
    read, given = About(version), About("9.9.9")

    async def main():
        for client in (async_client(read), async_client(given, api_version=version)):
            with pytest.raises(BEMServerAPIVersionError, match=f"not in BEMServer API {version}"):
                await getattr(client, entry_point).getall()
        assert await async_client(About("0.1.0")).sites.getall()  # the same everywhere: sent
        with pytest.raises(BEMServerAPIVersionError, match="not supported"):
            await async_client(About("0.1.0")).get_api_version()

    asyncio.run(main())
    assert read.paths == ["/about/"] and given.paths == []


# -- uploads ---------------------------------------------------------------------------------


class Chunks(httpx.AsyncBaseTransport):
    """Records each request and the chunks its async body stream yields."""

    def __init__(self, status: int = 201) -> None:
        self.status = status
        self.requests: list[tuple[httpx.Request, list[bytes]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        chunks = [chunk async for chunk in request.stream]
        self.requests.append((request, chunks))
        return httpx.Response(self.status, json={})


def chunks_client(transport: Chunks) -> AsyncBEMServerApiClient:
    return AsyncBEMServerApiClient(
        "http://api.test", http_client=httpx.AsyncClient(transport=transport)
    )


def test_a_file_is_streamed_in_chunks_read_in_worker_threads(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"Datetime,1\n" + b"2024-01-01T00:00:00+00:00,1.0\n" * 20_000)
    transport = Chunks()
    reads: list[tuple[int, int]] = []  # (size asked, thread)

    async def main():
        loop_thread = threading.get_ident()
        client = chunks_client(transport)
        with path.open("rb") as file:
            original = file.read
            file.read = lambda size=-1: (
                reads.append((size, threading.get_ident())) or original(size)
            )
            await client.timeseries_data.upload(1, file, format="text/csv")
        await client.timeseries_data.upload(1, path, format="csv")  # a path: opened, streamed
        return loop_thread

    loop_thread = asyncio.run(main())
    expected = path.read_bytes()
    for request, chunks in transport.requests:
        assert b"".join(chunks) == expected and len(chunks) > 1
        assert request.headers["Content-Length"] == str(len(expected))
        assert "Transfer-Encoding" not in request.headers
        assert request.headers["Content-Type"] == "text/csv"
    assert reads and all(size == 64 * 1024 for size, _ in reads)  # chunks, never the whole file
    assert loop_thread not in {thread for _, thread in reads}  # no file I/O on the event loop


def test_csv_text_bytes_and_an_unseekable_file_are_sent():
    transport = Chunks()

    class Pipe(io.RawIOBase):  # readable, not seekable
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            return self.data.read(size)

    async def main():
        client = chunks_client(transport)
        await client.timeseries_data.upload(1, "Datetime,1\n", format="csv")
        await client.timeseries_data.upload(1, b"Datetime,2\n", format="text/csv")
        await client.timeseries_data.upload(1, Pipe(b"Datetime,3\n"), format="csv")

    asyncio.run(main())
    bodies = [b"".join(chunks) for _, chunks in transport.requests]
    assert bodies == [b"Datetime,1\n", b"Datetime,2\n", b"Datetime,3\n"]
    assert transport.requests[2][0].headers.get("Transfer-Encoding") == "chunked"


def test_timeseries_json_is_streamed_one_series_per_chunk():
    transport = Chunks()
    payload = {1: {"2024-01-01T00:00:00+00:00": 1.5}, 2: {}, "name": {"t": None}}

    async def main():
        await chunks_client(transport).timeseries_data.upload_by_names(3, 1, payload)

    asyncio.run(main())
    request, chunks = transport.requests[0]
    assert len(chunks) == len(payload) + 1  # one per series, then the closing brace
    assert json.loads(b"".join(chunks)) == {str(k): v for k, v in payload.items()}
    assert request.headers["Content-Type"] == "application/json"
    assert request.url.path == "/timeseries_data/campaign/3/"


def test_multipart_csv_uploads_from_paths_files_and_bytes(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Name,Description,IFC_ID\nS,from a path,\n")
    seen: list[httpx.Request] = []

    async def record(request):
        seen.append(request)
        return json_answer(201, {})

    async def main():
        client = async_client(record)
        response = await client.io.upload_sites_csv(
            7,
            {
                "sites_csv": sites,
                "buildings_csv": io.BytesIO(b"Site,Name\nS,B\n"),
                "zones_csv": b"Name\nZ\n",
                "spaces_csv": b"",  # empty: left out, as upstream
                "storeys_csv": None,
            },
        )
        assert response.status_code == 201
        await client.io.upload_timeseries_csv(7, {"timeseries_csv": str(sites)})

    asyncio.run(main())
    request = seen[0]
    assert request.url.path == "/io/sites" and request.url.params["campaign_id"] == "7"
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    body = request.content
    for field, content in (
        ("sites_csv", b"S,from a path,"),
        ("buildings_csv", b"S,B"),
        ("zones_csv", b"Z"),
    ):
        assert f'name="{field}"; filename="{field}.csv"'.encode() in body and content in body
    assert b"spaces_csv" not in body and b"storeys_csv" not in body
    assert seen[1].url.path == "/io/timeseries" and b'name="timeseries_csv"' in seen[1].content


# -- retries, errors -------------------------------------------------------------------------


def test_retries_wait_with_asyncio_sleep_and_never_block_the_loop(monkeypatch):
    monkeypatch.setattr(time, "sleep", lambda _: pytest.fail("time.sleep on the event loop"))
    attempts: list[str] = []

    async def handler(request):
        attempts.append(request.url.path)
        if request.url.path == "/sites/1" and attempts.count("/sites/1") < 3:
            return httpx.Response(503, headers={"Retry-After": "0.3"})
        return json_answer(200, {"id": 1, "name": "s", "campaign_id": 1})

    async def main():
        client = async_client(handler)
        finished: list[str] = []

        async def call(item: int) -> None:
            await client.sites.getone(item)
            finished.append(str(item))

        started = time.monotonic()
        await asyncio.gather(call(1), call(2))
        return finished, time.monotonic() - started

    finished, took = asyncio.run(main())
    assert finished == ["2", "1"]  # the other call went on while the first one waited
    assert attempts.count("/sites/1") == 3 and 0.6 <= took < 2


def test_posts_are_never_retried_and_gets_are():
    attempts: list[str] = []

    async def handler(request):
        attempts.append(request.method)
        return httpx.Response(503)

    async def main():
        client = async_client(handler, retry=RetryPolicy(backoff=0.001, max_backoff=0.002))
        for call in (client.sites.getone(1), client.sites.create({"name": "s"})):
            with pytest.raises(BEMServerAPIError) as caught:
                await call
            assert caught.value.status_code == 503

    asyncio.run(main())
    assert attempts == ["GET"] * 3 + ["POST"]


STATUS_TABLE = test_errors.test_status_table.pytestmark[0].args[1]  # (status, class) rows


@pytest.mark.parametrize(("status", "cls"), STATUS_TABLE)
def test_error_statuses_map_to_the_same_exceptions(status, cls):
    async def handler(request):
        return httpx.Response(status, json={"code": status})

    async def main():
        with pytest.raises(BEMServerAPIError) as caught:
            await async_client(handler, max_retries=0).sites.getone(1)
        return caught.value

    error = asyncio.run(main())
    assert type(error) is cls and error.status_code == status
