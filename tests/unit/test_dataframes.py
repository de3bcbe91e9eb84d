"""DataFrame uploads and downloads (bemserver_api_client.dataframes) against an in-memory
server: validation before sending, chunking, bounded concurrency, progress, failure reports and
retries, time-split downloads, the CSV/JSON wire handling and streaming to a file."""

from __future__ import annotations

import csv
import io
import itertools
import json
import pickle
import re
import subprocess
import sys
import threading
import time

import httpx
import numpy as np
import pandas as pd
import pytest
from mock_api import make_client

from bemserver_api_client import dataframes as bdf
from bemserver_api_client.exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIError,
    BEMServerAPIInternalError,
    BEMServerAPIRequestLineTooLongError,
)

UTC = "UTC"


def micros(text: str) -> int:
    return int(pd.DatetimeIndex([pd.Timestamp(text)]).as_unit("us").asi8[0])


START = pd.Timestamp("2024-01-01", tz=UTC)
END = pd.Timestamp("2025-01-01", tz=UTC)


class FakeServer:
    """The timeseries data routes of a BEMServer, in memory, with the server's wire formats:
    uploads never overwrite a stored timestamp; CSV downloads show whole seconds."""

    def __init__(self) -> None:
        self.data: dict[str, dict[int, float]] = {}  # label -> {UTC microseconds: value}
        self.lock = threading.Lock()
        self.posts = 0
        self.requests: list[httpx.Request] = []
        self.inflight = 0
        self.max_inflight: list[int] = []  # in-flight POSTs when each POST arrived
        self.faults: dict[int, str] = {}  # nth POST (1-based) -> "error" | "lost" | "stored-lost"
        self.delay = 0.0
        self.request_lines: list[int] = []
        self.max_request_line = 4094  # gunicorn's limit_request_line

    # -- wire ---------------------------------------------------------------------------------

    def __call__(self, request: httpx.Request) -> httpx.Response:
        line = len(f"{request.method} {request.url.raw_path.decode()} HTTP/1.1")
        with self.lock:
            self.requests.append(request)
            self.request_lines.append(line)
        if line > self.max_request_line:  # gunicorn's answer
            body = f"<html><body>Request Line is too large ({line} &gt; 4094)</body></html>"
            return httpx.Response(414, text=body, headers={"Content-Type": "text/html"})
        path = request.url.path
        if path.endswith("/stats"):
            return self.stats(request)
        if request.method == "POST":
            return self.post(request)
        if request.method == "GET":
            return self.get(request)
        raise AssertionError(f"unexpected {request.method} {path}")

    def post(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.posts += 1
            number = self.posts
            self.inflight += 1
            self.max_inflight.append(self.inflight)
        try:
            time.sleep(self.delay)
            fault = self.faults.get(number)
            if fault == "error":
                return httpx.Response(500, json={"code": 500, "status": "Internal Server Error"})
            if fault == "lost":
                raise httpx.ReadError("connection reset by peer")
            assert request.headers["Content-Type"] == "text/csv"
            frame = pd.read_csv(io.BytesIO(request.read()), index_col=0, **bdf._common.EXACT_FLOATS)
            index = pd.to_datetime(frame.index, format="ISO8601", utc=True).as_unit("us")
            with self.lock:
                for column in frame.columns:
                    stored = self.data.setdefault(str(column), {})
                    for stamp, value in zip(index.asi8, frame[column].to_numpy(), strict=True):
                        if not np.isnan(value):
                            stored.setdefault(int(stamp), float(value))  # never overwritten
            if fault == "stored-lost":
                raise httpx.ReadError("connection reset by peer")
            return httpx.Response(201, json=None)
        finally:
            with self.lock:
                self.inflight -= 1

    def _range(self, request: httpx.Request) -> tuple[list[str], int, int, str]:
        params = request.url.params
        start, end = micros(params["start_time"]), micros(params["end_time"])
        return params.get_list("timeseries"), start, end, params.get("timezone", "UTC")

    def get(self, request: httpx.Request) -> httpx.Response:
        labels, start, end, timezone = self._range(request)
        stamps = sorted(
            {s for label in labels for s in self.data.get(label, {}) if start <= s < end}
        )
        index = pd.DatetimeIndex(np.array(stamps, dtype="datetime64[us]")).tz_localize(UTC)
        index = index.tz_convert(timezone)
        if request.headers.get("Accept") == "text/csv":
            header = io.StringIO()
            csv.writer(header, lineterminator="").writerow(["Datetime", *labels])
            lines = [header.getvalue()]
            for stamp, shown in zip(stamps, index, strict=True):
                values = [self.data.get(label, {}).get(stamp) for label in labels]
                lines.append(
                    shown.strftime("%Y-%m-%dT%H:%M:%S%z")
                    + ","
                    + ",".join("" if v is None else repr(v) for v in values)
                )
            body = ("\n".join(lines) + "\n").encode()
            return httpx.Response(200, content=body, headers={"Content-Type": "text/csv"})
        out: dict[str, dict[str, float]] = {}
        for label in labels:
            for stamp, shown in zip(stamps, index, strict=True):
                if stamp in self.data.get(label, {}):
                    out.setdefault(label, {})[shown.isoformat()] = self.data[label][stamp]
        return httpx.Response(200, json=out)

    def stats(self, request: httpx.Request) -> httpx.Response:
        stats = {}
        for label in request.url.params.get_list("timeseries"):
            stamps = sorted(self.data.get(label, {}))

            def iso(stamp: int) -> str:
                return pd.Timestamp(stamp, unit="us", tz=UTC).isoformat()

            stats[label] = {
                "first_timestamp": iso(stamps[0]) if stamps else None,
                "last_timestamp": iso(stamps[-1]) if stamps else None,
                "count": len(stamps),
            }
        return httpx.Response(200, json={"stats": stats})

    # -- checks -------------------------------------------------------------------------------

    def frame(self, labels: list) -> pd.DataFrame:
        columns = {
            label: pd.Series(
                list(self.data.get(str(label), {}).values()),
                index=pd.DatetimeIndex(
                    np.array(list(self.data.get(str(label), {})), dtype="datetime64[us]")
                ),
                dtype="float64",
            )
            for label in labels
        }
        frame = pd.DataFrame(columns).sort_index()
        frame.index = frame.index.tz_localize(UTC)
        return frame


def frame_of(rows: int = 1000, columns=(1, 2, 3), freq: str = "min", tz: str = UTC, seed=0):
    index = pd.date_range("2024-01-01", periods=rows, freq=freq, tz=tz)
    values = np.random.default_rng(seed).random((rows, len(columns))) * 100
    return pd.DataFrame(values, index=index, columns=list(columns))


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Identical timestamps (to the microsecond), columns and float values (bit for bit)."""
    assert list(a.columns) == list(b.columns)
    assert (a.index.as_unit("us").asi8 == b.index.as_unit("us").asi8).all()
    assert len(a) == len(b)
    assert np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=True)


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def client(server):
    with make_client(server) as client:
        yield client


# -- the extra stays optional -----------------------------------------------------------------


def test_the_package_and_its_client_never_import_pandas():
    code = (
        "import sys, httpx\n"
        "import bemserver_api_client as b\n"
        "from bemserver_api_client.enums import DataFormat\n"
        "c = b.BEMServerApiClient('http://x', http_client=httpx.Client(transport=httpx.MockTransport("
        "lambda r: httpx.Response(201, json=None))))\n"
        "c.timeseries_data.upload(1, b'Datetime,1\\n', format=DataFormat.csv)\n"
        "c.timeseries_data.download('2024-01-01T00:00:00+00:00', '2024-01-02T00:00:00+00:00', 1, 1)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy'))\n"
        "assert not bad, bad\n"
        "import bemserver_api_client.dataframes\n"
        "assert 'pandas' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_package_and_dataframes_never_import_dask():
    code = (
        "import sys\n"
        "import bemserver_api_client, bemserver_api_client.dataframes\n"
        "from bemserver_api_client import BEMServerApiClient, AsyncBEMServerApiClient\n"
        "BEMServerApiClient('http://x').sites\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "assert not bad, bad\n"
        "import bemserver_api_client.dask\n"
        "assert 'dask.dataframe' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- width: groups of timeseries whose request lines fit ---------------------------------------

WIDE_NAMES = [f"Température «salle {i}» / capteur, étage & co: 温度 {i}" for i in range(400)]


def test_wide_downloads_split_into_request_lines_that_fit(server, client):
    """400 long non-ASCII names (about 40 KB of query) and 2,000 ids: every download is made of
    requests the server accepts, assembled into one frame in the order asked, identical."""
    for labels, campaign in ((WIDE_NAMES, 1), (list(range(10**6, 10**6 + 2_000)), None)):
        frame = frame_of(30, columns=labels)
        frame.iloc[::4, ::3] = np.nan  # the groups have different timestamps
        bdf.upload(client, 1, frame, campaign_id=campaign)
        server.requests.clear()
        server.request_lines.clear()
        asked = labels[::-1]
        out = bdf.download(client, START, END, 1, asked, campaign_id=campaign)
        same(out, frame[asked].dropna(how="all"))
        assert max(server.request_lines) <= 4094
        gets = [r for r in server.requests if r.method == "GET" and "stats" not in r.url.path]
        assert len(gets) > 1  # split, and every label asked once
        sent = [label for r in gets for label in r.url.params.get_list("timeseries")]
        assert sorted(sent) == sorted(map(str, labels))


def test_a_lower_limit_makes_smaller_groups(server, client):
    frame = frame_of(10, columns=list(range(1, 41)))
    bdf.upload(client, 1, frame)
    server.max_request_line = 400  # a proxy in front of the server
    server.request_lines.clear()
    same(bdf.download(client, START, END, 1, list(frame.columns), max_request_line=400), frame)
    assert max(server.request_lines) <= 400
    server.max_request_line = 4094
    with pytest.raises(BEMServerAPIClientValueError, match="max_request_line"):
        bdf.download(client, START, END, 1, [1], max_request_line=10)


def test_an_unsplit_request_gets_a_clear_414(server, client):
    with pytest.raises(BEMServerAPIRequestLineTooLongError, match="fewer timeseries"):
        client.timeseries_data.download(START, END, 1, list(range(10**6, 10**6 + 2_000)))


def test_wide_csv_downloads_join_the_groups(server, client, tmp_path):
    frame = frame_of(20, columns=WIDE_NAMES)
    frame.iloc[::3, ::2] = np.nan
    bdf.upload(client, 1, frame, campaign_id=1)
    path = tmp_path / "wide.csv"
    points = bdf.download_csv(client, path, START, END, 1, WIDE_NAMES, campaign_id=1)
    assert points == frame.notna().to_numpy().sum()
    back = pd.read_csv(path, index_col=0)
    assert list(back.columns) == WIDE_NAMES
    assert np.array_equal(back.to_numpy(), frame.to_numpy(), equal_nan=True)
    assert back.index[0] == "2024-01-01T00:00:00+0000"


def test_stats_as_a_frame_in_the_order_asked(server, client):
    frame = frame_of(10, columns=WIDE_NAMES[:300])
    bdf.upload(client, 1, frame, campaign_id=1)
    stats = bdf.stats(client, 1, [*WIDE_NAMES[299::-1], "never written"], "Europe/Paris",
                      campaign_id=1)  # fmt: skip
    assert list(stats.index) == [*WIDE_NAMES[299::-1], "never written"]
    assert list(stats["count"]) == [10] * 300 + [0]
    assert str(stats["first_timestamp"].dtype) == "datetime64[us, Europe/Paris]"
    assert pd.isna(stats["last_timestamp"].iloc[-1]) and np.isnan(stats["min"].iloc[-1])
    assert max(server.request_lines) <= 4094


def test_stats_failing_plan_without_them_with_a_warning(server, client):
    frame = frame_of(100)
    bdf.upload(client, 1, frame)
    original = server.stats
    server.stats = lambda request: httpx.Response(500, json={"code": 500})
    try:
        with pytest.warns(bdf.StatsUnavailableWarning, match="one time range") as warned:
            same(bdf.download(client, START, END, 1, [1, 2, 3]), frame)
        assert warned[0].filename == __file__  # points at the caller's line
    finally:
        server.stats = original


def test_one_label_given_as_a_numpy_integer(server, client):
    frame = frame_of(10)
    bdf.upload(client, 1, frame)
    label = frame.columns[0]
    same(bdf.download(client, START, END, 1, np.int64(label)), frame[[label]])
    with pytest.raises(BEMServerAPIClientValueError, match="expected ids or names"):
        bdf.download(client, START, END, 1, 1.5)  # type: ignore[arg-type]


# -- validation, before anything is sent ------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda f: f.tz_localize(None), "naive timestamps"),
        (lambda f: f.reset_index(drop=True), "must be a DatetimeIndex"),
        (lambda f: f.rename(columns={1: "a"}), "not a timeseries id"),
        (lambda f: f.rename(columns={2: 1}), "has two columns"),
        (lambda f: f.rename(columns={2: "1"}), "same timeseries id"),
        (lambda f: f.assign(**{"4": "text"}), "values must be numbers"),
        (lambda f: f.replace(f.iloc[3, 1], np.inf), "infinite value"),
        (lambda f: pd.concat([f, f.iloc[:1]]), "duplicate timestamp"),
        (lambda f: f.set_axis(f.index + pd.Timedelta(1, "ns")), "nanoseconds"),
        (lambda f: f[1].rename(None), "a Series needs a name"),
        (lambda f: f.to_dict(), "expected a pandas DataFrame"),
    ],
)
def test_refused_before_sending(client, server, make, message):
    with pytest.raises(BEMServerAPIClientValueError, match=message):
        bdf.upload(client, 1, make(frame_of(10)))
    assert server.requests == []


def test_names_need_strings_and_ids_accept_digit_strings(client, server):
    with pytest.raises(BEMServerAPIClientValueError, match="timeseries names"):
        bdf.upload(client, 1, frame_of(5), campaign_id=3)
    bdf.upload(client, 1, frame_of(5, columns=("7", 8)))
    assert server.requests[0].read().startswith(b"Datetime,7,8\n")


def test_async_client_is_refused():
    from bemserver_api_client import AsyncBEMServerApiClient

    with pytest.raises(BEMServerAPIClientValueError, match="BEMServerApiClient"):
        bdf.upload(AsyncBEMServerApiClient("http://api.test"), 1, frame_of(5))


@pytest.mark.parametrize("bad", [0, -1, 1.5])
def test_bounds(client, bad):
    with pytest.raises(BEMServerAPIClientValueError, match="chunk_points"):
        bdf.upload(client, 1, frame_of(5), chunk_points=bad)
    with pytest.raises(BEMServerAPIClientValueError, match="max_workers"):
        bdf.upload(client, 1, frame_of(5), max_workers=bad)


# -- uploads ----------------------------------------------------------------------------------


def test_upload_in_bounded_chunks_that_never_split_a_row(client, server):
    frame = frame_of(1000, columns=(1, 2, 3))
    frame.iloc[::4, 0] = np.nan  # 250 gaps
    frame.iloc[10] = np.nan  # a row without values is not sent
    report = bdf.upload(client, 1, frame, chunk_points=100)
    expected_points = int(frame.count().sum())
    assert report.points == expected_points == sum(c.points for c in report.chunks)
    assert all(c.status == "stored" for c in report.chunks)
    assert all(c.points <= 100 for c in report.chunks)
    rows = [len(c.frame) for c in report.chunks]
    assert sum(rows) == 999
    same(server.frame([1, 2, 3]), frame.drop(frame.index[10]))


def test_upload_sends_the_first_chunk_alone_then_at_most_max_workers(client, server):
    server.delay = 0.02
    report = bdf.upload(client, 1, frame_of(400, columns=(1, 2)), chunk_points=40, max_workers=3)
    assert server.max_inflight[0] == 1  # the first write creates the server's per-state rows
    assert max(server.max_inflight) == 3
    # The first chunk is the shortest that writes every column: here the first row.
    assert [len(chunk.frame) for chunk in report.chunks] == [1] + [20] * 19 + [19]
    assert server.posts == 21
    assert len(server.requests[0].read().decode().splitlines()) == 2  # header, one row


def test_upload_first_chunk_reaches_each_columns_first_value_within_chunk_points(client, server):
    frame = frame_of(100, columns=(1, 2, 3))
    frame.iloc[:6, 1] = np.nan  # column 2 starts at row 6
    frame.iloc[:, 2] = np.nan  # column 3 writes nothing
    report = bdf.upload(client, 1, frame, chunk_points=50)
    assert [len(chunk.frame) for chunk in report.chunks[:2]] == [7, 25]
    narrow = bdf.upload(client, 1, frame, chunk_points=4)  # bounded all the same
    assert [chunk.points for chunk in narrow.chunks[:2]] == [4, 4]  # rows 0-3, then 4-5


def test_upload_by_names_and_series(client, server):
    frame = frame_of(50, columns=("Outdoor, temperature", "Heating"))
    bdf.upload(client, 1, frame, campaign_id=4)
    assert server.requests[0].url.path == "/timeseries_data/campaign/4/"
    assert server.requests[0].read().startswith(b'Datetime,"Outdoor, temperature",Heating\n')
    bdf.upload(client, 1, frame_of(20)[2].rename(9))
    assert len(server.data["9"]) == 20


def test_upload_timestamps_in_any_timezone_and_order_are_sent_in_utc(client, server):
    frame = frame_of(30, tz="Europe/Paris").iloc[::-1]
    frame.index = frame.index + pd.Timedelta(microseconds=250)
    bdf.upload(client, 1, frame, chunk_points=20)
    body = server.requests[0].read().decode()
    assert body.splitlines()[1].startswith("2023-12-31T23:00:00.000250+00:00,")
    same(server.frame([1, 2, 3]), frame.sort_index().tz_convert(UTC))


def test_upload_values_arrive_bit_for_bit(client, server):
    rng = np.random.default_rng(7)
    values = np.concatenate([rng.random(500) * 10.0 ** rng.integers(-300, 300, 500), [0.1, 1e-320]])
    frame = pd.DataFrame({5: values}, index=pd.date_range(START, periods=502, freq="s"))
    bdf.upload(client, 1, frame)
    same(server.frame([5]), frame)


def test_upload_progress_is_monotonic_and_reaches_the_total(client, server):
    calls: list[tuple[int, int]] = []
    frame = frame_of(500)
    bdf.upload(client, 1, frame, chunk_points=70, progress=lambda *a: calls.append(a))
    done = [d for d, _ in calls]
    assert calls[0] == (0, 1500) and calls[-1] == (1500, 1500)
    assert done == sorted(done) and {t for _, t in calls} == {1500}
    assert threading.current_thread() is threading.main_thread()


@pytest.mark.parametrize("fault", ["error", "lost", "stored-lost"])
def test_a_failure_reports_chunks_and_the_rest_retries_exactly(client, server, fault):
    frame = frame_of(600, columns=(1, 2))
    frame.iloc[5::9, 1] = np.nan
    server.faults = {4: fault}
    with pytest.raises(bdf.BEMServerAPIUploadError) as caught:
        bdf.upload(client, 1, frame, chunk_points=100, max_workers=2)
    exc = caught.value
    assert isinstance(exc, BEMServerAPIError)
    statuses = [c.status for c in exc.chunks]
    expected = {"error": "failed", "lost": "unknown", "stored-lost": "unknown"}[fault]
    assert statuses.count(expected) == 1
    assert set(statuses) <= {"stored", expected, "not sent"}
    assert exc.stored and exc.stored_points == sum(c.points for c in exc.stored)
    assert exc.stored_points + exc.remaining_points == int(frame.count().sum())
    assert isinstance(exc.errors[0], BEMServerAPIInternalError)
    if fault == "error":
        assert exc.status_code == 500
    else:
        assert isinstance(exc.errors[0], BEMServerAPIConnectionError)
    assert "chunks stored" in str(exc) and "exc.remaining" in str(exc)
    # What the server holds is exactly the stored chunks (plus the lost answer's, if stored).
    held = server.frame([1, 2]).dropna(how="all")
    stored_rows = pd.concat([c.frame for c in exc.stored]).index
    assert set(stored_rows) <= set(held.index)
    # The rest, sent again: everything, once, exactly.
    server.faults = {}
    report = bdf.upload(client, 1, exc.remaining, chunk_points=100)
    assert report.points == exc.remaining_points
    same(server.frame([1, 2]), frame)
    # And the error pickles with its report (multiprocessing, logging).
    copy = pickle.loads(pickle.dumps(exc))
    assert str(copy) == str(exc) and copy.remaining.equals(exc.remaining)


def test_stored_values_are_never_overwritten(client, server):
    frame = frame_of(10)
    bdf.upload(client, 1, frame)
    bdf.upload(client, 1, frame + 1)
    same(server.frame([1, 2, 3]), frame)


# -- downloads --------------------------------------------------------------------------------


def test_download_splits_by_time_and_assembles_identically(client, server):
    frame = frame_of(5000, columns=(1, 2, 3), tz="Europe/Paris")
    frame.iloc[::3, 1] = np.nan
    bdf.upload(client, 1, frame)
    server.requests.clear()
    calls: list[tuple[int, int]] = []
    out = bdf.download(
        client, "2023-06-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00", 1, [1, 2, 3],
        "Europe/Paris", chunk_points=1000, progress=lambda *a: calls.append(a),
    )  # fmt: skip
    gets = [r for r in server.requests if not r.url.path.endswith("/stats")]
    assert len(gets) >= 10
    # The ranges tile [start, end): the first and last bounds are the ones asked.
    bounds = [
        (r.url.params["start_time"], r.url.params["end_time"]) for r in gets
    ]  # fmt: skip
    ranges = sorted(bounds)
    assert ranges[0][0].startswith("2023-06-01T00:00:00") and ranges[-1][1].startswith("2025")
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert all(r.url.params["timezone"] == "UTC" for r in gets)  # converted here
    same(out, frame)
    assert str(out.index.tz) == "Europe/Paris"
    assert list(out.dtypes) == [np.float64] * 3
    total = int(frame.count().sum())
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_download_order_of_columns_names_and_gaps(client, server):
    names = ["b", "a, with comma"]
    bdf.upload(client, 1, frame_of(100, columns=names), campaign_id=2)
    out = bdf.download(
        client, START, START + pd.Timedelta(days=1), 1, ["a, with comma", "b", "c"],
        campaign_id=2, max_workers=1,
    )  # fmt: skip
    assert list(out.columns) == ["a, with comma", "b", "c"]
    assert out["c"].isna().all() and len(out) == 100
    assert server.requests[-1].url.path == "/timeseries_data/campaign/2/"


def test_download_of_an_empty_range(client, server):
    out = bdf.download(client, START, START + pd.Timedelta(days=1), 1, [1, 2])
    assert out.shape == (0, 2) and list(out.columns) == [1, 2]
    assert str(out.index.tz) == UTC


def test_download_sub_second_data_falls_back_to_json(client, server):
    frame = frame_of(300, freq="250ms")
    bdf.upload(client, 1, frame)
    server.requests.clear()
    out = bdf.download(client, START, START + pd.Timedelta(days=1), 1, [1, 2, 3])
    same(out, frame)
    accepts = [r.headers.get("Accept") for r in server.requests]
    assert "text/csv" in accepts and "application/json" in accepts
    server.requests.clear()
    same(
        bdf.download(client, START, "2024-01-02T00:00:00Z", 1, [1, 2, 3], wire_format="json"), frame
    )


def test_download_refuses_naive_bounds_and_unknown_timezones(client, server):
    with pytest.raises(BEMServerAPIClientValueError, match="naive"):
        bdf.download(client, "2024-01-01T00:00:00", "2024-01-02T00:00:00+00:00", 1, 1)
    with pytest.raises(BEMServerAPIClientValueError, match="timezone"):
        bdf.download(client, START, START, 1, 1, "Mars/Olympus")
    assert server.requests == []


def test_assembly_gives_its_block_to_the_frame_without_a_copy():
    assembly = bdf._wire._Assembly(2, capacity=4)
    assembly.add(np.array([1, 2]), np.array([[1.0, 2.0], [3.0, 4.0]]))
    assembly.add(np.array([3, 4]), np.array([[5.0, 6.0], [7.0, 8.0]]))
    block = assembly.values
    frame = assembly.frame(["a", "b"], UTC)
    assert np.shares_memory(frame.to_numpy(), block)
    assert frame.to_numpy().tolist() == [[1, 2], [3, 4], [5, 6], [7, 8]]


def test_aggregate_keeps_the_server_offsets(client):
    body = (
        b"Datetime,1,2\n2024-03-31T00:00:00+0100,1.5,\n2024-03-31T01:00:00+0100,2.5,3.0\n"
        b"2024-03-31T03:00:00+0200,4.0,1.0\n"
    )
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, content=body, headers={"Content-Type": "text/csv"})

    with make_client(handler) as aggregate_client:
        calls = []
        out = bdf.download_aggregate(
            aggregate_client, "2024-03-30T23:00:00+00:00", "2024-03-31T02:00:00+00:00", 1,
            [2, 1], "Europe/Paris", "sum", 1, "hour", progress=lambda *a: calls.append(a),
        )  # fmt: skip
    params = seen[0].url.params
    assert seen[0].url.path == "/timeseries_data/aggregate"
    assert (params["timezone"], params["aggregation"], params["bucket_width_unit"]) == (
        "Europe/Paris", "sum", "hour",
    )  # fmt: skip
    assert list(out.columns) == [2, 1]
    assert [t.isoformat() for t in out.index] == [
        "2024-03-31T00:00:00+01:00", "2024-03-31T01:00:00+01:00", "2024-03-31T03:00:00+02:00",
    ]  # fmt: skip
    assert np.array_equal(out[1].to_numpy(), [1.5, 2.5, 4.0])
    assert calls == [(5, 5)]


# -- streaming to a file ----------------------------------------------------------------------


def test_download_csv_streams_every_range_into_one_file(client, server, tmp_path):
    frame = frame_of(3000, columns=(1, 2))
    frame.iloc[::5, 0] = np.nan
    bdf.upload(client, 1, frame)
    calls = []
    target = tmp_path / "data.csv"
    points = bdf.download_csv(
        client, target, START, START + pd.Timedelta(days=10), 1, [1, 2], "Europe/Paris",
        chunk_points=1000, progress=lambda *a: calls.append(a),
    )  # fmt: skip
    assert points == int(frame.count().sum()) == calls[-1][0] == calls[-1][1]
    text = target.read_text()
    assert text.count("Datetime") == 1
    read = pd.read_csv(target, index_col=0, **bdf._common.EXACT_FLOATS)
    read.index = pd.to_datetime(read.index, format="%Y-%m-%dT%H:%M:%S%z", utc=True)
    read.columns = [1, 2]
    same(read, frame)
    assert text.splitlines()[1].startswith("2024-01-01T01:00:00+0100,")
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left


def test_download_csv_to_an_open_file(client, server):
    bdf.upload(client, 1, frame_of(10, columns=(1,)))
    out = io.BytesIO(b"prefix\n")
    out.seek(0, io.SEEK_END)
    assert bdf.download_csv(client, out, START, START + pd.Timedelta(days=1), 1, 1) == 10
    assert out.getvalue().startswith(b"prefix\nDatetime,1\n2024-01-01T00:00:00+0000,")


def test_download_csv_failure_leaves_no_partial_file(tmp_path):
    def handler(request):
        if request.url.path.endswith("/stats"):
            stats = {"1": {"first_timestamp": START.isoformat(), "count": 100,
                           "last_timestamp": (START + pd.Timedelta(hours=1)).isoformat()}}  # fmt: skip
            return httpx.Response(200, json={"stats": stats})
        if request.url.params["start_time"].startswith("2024-01-01T00:00:00"):
            return httpx.Response(200, content=b"Datetime,1\n2024-01-01T00:00:00+0000,1.0\n",
                                  headers={"Content-Type": "text/csv"})  # fmt: skip
        return httpx.Response(422, json={"message": "no"})

    target = tmp_path / "data.csv"
    with make_client(handler) as failing, pytest.raises(BEMServerAPIError, match="422"):
        bdf.download_csv(
            failing, target, START, START + pd.Timedelta(days=1), 1, 1, chunk_points=10
        )
    assert list(tmp_path.iterdir()) == []


def test_point_counter_across_blocks():
    counter = bdf._wire._PointCounter(3)
    text = b"t,1.0,,2.5\nt,,,\nt,1,2,3\nt,,5,"
    for i in range(0, len(text), 3):
        counter.feed(text[i : i + 3])
    counter.finish()
    assert counter.points == 2 + 0 + 3 + 1


def test_stream_maps_errors_and_retries_gets(tmp_path):
    answers = iter(
        [
            httpx.Response(503),
            httpx.Response(200, content=b"Datetime,1\n", headers={"Content-Type": "text/csv"}),
        ]
    )

    def handler(request):
        return next(answers)

    with make_client(handler, retry=None) as retrying:
        retrying.retry = retrying.retry.__class__(backoff=0.01)
        assert (
            bdf.download_csv(retrying, tmp_path / "x.csv", START, START, 1, 1, chunk_points=None)
            == 0
        )
    assert (tmp_path / "x.csv").read_bytes() == b"Datetime,1\n"


def test_json_parse_orders_by_time():
    stamps, values = bdf._wire._parse_json(
        {"1": {"2024-01-01T00:00:01.5+00:00": 2.0, "2024-01-01T00:00:00.25+00:00": 1.0}}, [1, 2]
    )
    assert stamps.tolist() == [1704067200250000, 1704067201500000]
    assert np.array_equal(values, [[1.0, np.nan], [2.0, np.nan]], equal_nan=True)


def test_report_mentions_what_to_retry():
    frame = frame_of(4, columns=(1,))
    chunk = bdf.Chunk(0, frame.index[0], frame.index[-1], 4, "failed", None, frame)
    error = bdf.BEMServerAPIUploadError([chunk], frame.columns)
    assert re.search(r"0 of 1 chunks stored \(0 of 4 points\); not stored: 1 failed", str(error))
    assert json.dumps(error.remaining_points) == "4"
