"""DataFrames against the real server: a 1,000,000-point round trip, a connection killed after
some chunks (the report, then the rest retried), stored values never overwritten, names,
aggregates, streaming to a file, sub-second timestamps."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import numpy as np
import pandas as pd
import pytest
from conftest import bearer_client, unique
from timeseries_data import new_timeseries, same

from bemserver_api_client import dataframes as bdf
from bemserver_api_client.exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIInternalError,
    BEMServerAPIRequestLineTooLongError,
)

ROOT = Path(__file__).resolve().parent.parent.parent
START = pd.Timestamp("2024-01-01", tz="Europe/Paris")
WIDE = ("2020-01-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00")


def random_frame(
    columns, rows: int, freq: str = "min", seed: int = 0, digits: int | None = 15
) -> pd.DataFrame:
    """Random floats with `digits` significant digits (None: all 17, so that any rounding
    shows). A server on pandas 2 (0.25.0's pins 2.3.3) parses uploads to within a few ulps
    beyond 15 digits, whatever the client sends (measured: docs/design/wire-format.md)."""
    values = np.random.default_rng(seed).standard_normal((rows, len(columns))) * 1000
    if digits is not None:
        values = np.vectorize(lambda x: float(f"{x:.{digits}g}"))(values)
    index = pd.date_range(START, periods=rows, freq=freq)
    return pd.DataFrame(values, index=index, columns=list(columns))


@pytest.mark.api_versions(">=0.27")  # 10 x 100,000 points: once, on the newest server
def test_round_trip_of_a_million_points(api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 10)]
    frame = random_frame(ids, 100_000, digits=None)  # exact on pandas 3 servers (0.27.0's)
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    report = bdf.upload(api, raw_state, frame, progress=lambda *a: calls.append(a))
    uploaded = time.perf_counter()
    assert report.points == 1_000_000 and calls[-1] == (1_000_000, 1_000_000)
    assert all(chunk.points <= bdf.UPLOAD_CHUNK_POINTS for chunk in report.chunks)
    calls.clear()
    out = bdf.download(
        api, *WIDE, raw_state, ids, "Europe/Paris", progress=lambda *a: calls.append(a)
    )
    downloaded = time.perf_counter()
    same(out, frame)
    assert str(out.index.tz) == "Europe/Paris"
    assert calls[0] == (0, 1_000_000) and calls[-1] == (1_000_000, 1_000_000)
    print(
        f"\n1,000,000 points: upload {uploaded - started:.1f} s ({len(report.chunks)} requests), "
        f"download {downloaded - uploaded:.1f} s ({len(calls) - 1} ranges)"
    )


class Cut(httpx.BaseTransport):
    """The real transport, until the connection dies: the POST after `after` successful ones
    reaches the server, whose answer is lost; every request after it fails."""

    def __init__(self, after: int, verify) -> None:
        self.inner = httpx.HTTPTransport(verify=verify)
        self.after = after
        self.posts = 0
        self.cut = False
        self.lock = threading.Lock()
        self.lost: list[bytes] = []  # the body whose answer was lost

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            if self.cut:
                raise httpx.ReadError("connection reset by peer")
            is_post = request.method == "POST" and "/timeseries_data/" in request.url.path
            self.posts += is_post
            cut_now = is_post and self.posts > self.after
            self.cut = cut_now
        response = self.inner.handle_request(request)
        if cut_now:
            response.read()
            response.close()
            self.lost.append(request.content)
            raise httpx.ReadError("connection reset by peer")
        return response

    def close(self) -> None:
        self.inner.close()


def test_connection_killed_after_some_chunks_then_the_rest_retried(server, api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 3)]
    frame = random_frame(ids, 20_000, seed=1)
    frame.iloc[7::13, 1] = np.nan  # gaps: nothing stored there
    transport = Cut(after=5, verify=server.ssl_context)
    http = httpx.Client(transport=transport, timeout=60)
    with (
        bearer_client(server, "sync", http_client=http) as cutting,
        pytest.raises(bdf.BEMServerAPIUploadError) as caught,
    ):
        bdf.upload(cutting, raw_state, frame, chunk_points=6_000, max_workers=2)
    exc = caught.value
    statuses = [chunk.status for chunk in exc.chunks]
    assert statuses.count("stored") == len(exc.stored) == 5  # the five answers that arrived
    assert "unknown" in statuses
    assert all(s in ("stored", "unknown", "not sent") for s in statuses)
    assert isinstance(exc.errors[0], BEMServerAPIConnectionError)
    assert exc.stored_points + exc.remaining_points == int(frame.count().sum())
    # The server holds the stored chunks, and the one whose answer was lost: nothing else.
    held = bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris").dropna(how="all")
    (body,) = transport.lost
    (lost,) = [
        c for c in exc.chunks
        if c.status == "unknown" and c.first.tz_convert("UTC").isoformat().encode() in body
    ]  # fmt: skip
    expected = pd.concat([*(c.frame for c in exc.stored), lost.frame]).sort_index()
    assert set(held.index) >= set(pd.concat([c.frame for c in exc.stored]).index)
    same(held, expected.dropna(how="all"))
    # One call sends the rest; the chunk already stored is sent again, harmlessly.
    report = bdf.upload(api, raw_state, exc.remaining, chunk_points=6_000)
    assert report.points == exc.remaining_points
    same(bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris"), frame)


def test_stored_values_are_kept_not_overwritten(api, raw_state, scope):
    """The server inserts with ON CONFLICT DO NOTHING: a second upload of a timestamp changes
    nothing (delete first to replace). This is what makes sending a chunk again safe."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    frame = random_frame(ids, 500, seed=2)
    bdf.upload(api, raw_state, frame)
    changed = frame * 2
    changed.iloc[:, 0] = np.nan
    bdf.upload(api, raw_state, pd.concat([changed, random_frame(ids, 10, seed=3).shift(1, "D")]))
    out = bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris")
    same(out.iloc[:500], frame)
    assert len(out) == 510


def test_names_gaps_aggregates_and_a_file(api, raw_state, scope, tmp_path):
    timeseries = new_timeseries(api, scope, 3)
    names = [ts["name"] for ts in timeseries]
    frame = random_frame(names, 6_000, seed=4)
    frame.iloc[::4, 0] = np.nan
    frame.iloc[100:200, 2] = np.nan
    campaign = scope["campaign_id"]
    first_writes = bdf.upload(
        api, raw_state, frame, campaign_id=campaign, chunk_points=1_000, max_workers=4
    )  # fresh timeseries, four at a time: the first chunk goes alone (see the module)
    assert len(first_writes.chunks) >= 17
    asked = [names[2], names[0], names[1]]
    out = bdf.download(
        api, *WIDE, raw_state, asked, "Europe/Paris", campaign_id=campaign, chunk_points=2_000
    )
    same(out, frame[asked])
    hourly = bdf.download_aggregate(
        api, START, START + pd.Timedelta(days=5), raw_state, asked, "Europe/Paris", "sum", 1,
        "hour", campaign_id=campaign,
    )  # fmt: skip
    expected = frame[asked].resample("1h").sum(min_count=1)
    assert list(hourly.columns) == asked and str(hourly.index.tz) == "Europe/Paris"
    assert (hourly.index[: len(expected)] == expected.index).all()
    assert np.allclose(hourly.iloc[: len(expected)], expected, equal_nan=True)
    target = tmp_path / "data.csv"
    points = bdf.download_csv(
        api, target, *WIDE, raw_state, [t["id"] for t in timeseries], "Europe/Paris",
        chunk_points=5_000,
    )  # fmt: skip
    assert points == int(frame.count().sum())
    read = pd.read_csv(target, index_col=0, **bdf._common.EXACT_FLOATS)
    read.index = pd.to_datetime(read.index, format="%Y-%m-%dT%H:%M:%S%z").tz_convert("Europe/Paris")
    read.columns = names
    same(read, frame)


def test_sub_second_timestamps_round_trip(api, raw_state, scope):
    """The server's CSV shows whole seconds: such ranges are fetched again as JSON."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    frame = random_frame(ids, 2_000, freq="250ms", seed=5)
    bdf.upload(api, raw_state, frame)
    same(bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris", chunk_points=1_000), frame)


@pytest.mark.api_versions(">=0.27")
def test_the_progress_example_runs(server, tmp_path):
    """examples/dataframes_progress.py, small (without tqdm here: its plain-lines fallback)."""
    env = {
        **os.environ,
        **server.env(),
        "BEMSERVER_SERIES": "3",
        "BEMSERVER_POINTS": "4000",
        "BEMSERVER_CSV": str(tmp_path / "data.csv"),
    }
    run = subprocess.run(
        [sys.executable, ROOT / "examples" / "dataframes_progress.py"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "identical to what was uploaded: True" in run.stdout
    assert "upload: 11,958 of 11,958 points" in run.stdout
    assert "11,958 points written to" in run.stdout
    assert len((tmp_path / "data.csv").read_text().splitlines()) == 4001


# -- width: more timeseries than one request line holds ---------------------------------------

LONG = "Température «salle {}» / capteur, étage & co: 温度 "  # non-ASCII, quoted in URLs


def created_fast(api, scope, names: list[str]) -> list[dict]:
    """Timeseries made by a few threads (1,000 one by one take a while)."""
    from concurrent.futures import ThreadPoolExecutor

    def create(name: str) -> dict:
        body = {"name": name, "campaign_id": scope["campaign_id"], "campaign_scope_id": scope["id"]}
        return api.timeseries.create(body).data

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(create, names))


@pytest.mark.api_versions(">=0.27")  # 1,000 x 1,000 points: once, on the newest server
def test_a_thousand_timeseries_round_trip_by_ids_and_by_names(api, raw_state, scope, tmp_path):
    """1,000 timeseries x 1,000 points: every download (plain, by names, CSV to a file,
    aggregate, stats) in groups whose request lines fit; identical to what was uploaded, in the
    order asked (reversed here, across the groups)."""
    started = time.perf_counter()
    series = created_fast(api, scope, [unique(LONG.format(i)) for i in range(1_000)])
    created = time.perf_counter()
    ids, names = [ts["id"] for ts in series], [ts["name"] for ts in series]
    frame = random_frame(ids, 1_000, freq="h", seed=3)
    frame.iloc[::7, ::3] = np.nan  # gaps differ between columns (and so between groups)
    bdf.upload(api, raw_state, frame)
    uploaded = time.perf_counter()
    by_ids = bdf.download(api, *WIDE, raw_state, ids[::-1], "Europe/Paris")
    downloaded = time.perf_counter()
    print(
        f"\n1,000 x 1,000: created {created - started:.1f} s, uploaded "
        f"{uploaded - created:.1f} s, downloaded by ids {downloaded - uploaded:.1f} s"
    )
    same(by_ids, frame[ids[::-1]])
    by_names = bdf.download(
        api, *WIDE, raw_state, names, "Europe/Paris", campaign_id=scope["campaign_id"]
    )
    same(by_names, frame.set_axis(names, axis=1))

    path = tmp_path / "wide.csv"
    points = bdf.download_csv(
        api, path, *WIDE, raw_state, names, "Europe/Paris", campaign_id=scope["campaign_id"]
    )
    assert points == frame.notna().to_numpy().sum()
    from_csv = pd.read_csv(path, index_col=0)
    assert list(from_csv.columns) == names
    assert np.allclose(from_csv.to_numpy(), frame.to_numpy(), equal_nan=True, rtol=1e-15)

    counts = bdf.download_aggregate(
        api, *WIDE, raw_state, ids, "UTC", aggregation="count", bucket_width_unit="day",
    )  # fmt: skip
    assert (counts.sum().to_numpy() == frame.notna().sum().to_numpy()).all()

    stats = bdf.stats(api, raw_state, names, campaign_id=scope["campaign_id"])
    assert list(stats.index) == names
    assert (stats["count"].to_numpy() == frame.notna().sum().to_numpy()).all()


def test_a_414_is_named_and_dataframes_avoid_it(api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    many = list(range(10**8, 10**8 + 400))  # 400 ids of 9 digits: ~8 KB of query
    with pytest.raises(BEMServerAPIRequestLineTooLongError) as refused:
        api.timeseries_data.download(*WIDE, raw_state, many)
    assert refused.value.status_code == 414 and "fewer timeseries" in str(refused.value)
    # A proxy with a lower limit: the request lines shrink with max_request_line.
    frame = random_frame(ids, 50)
    bdf.upload(api, raw_state, frame)
    same(bdf.download(api, *WIDE, raw_state, ids, max_request_line=300), frame)
    with pytest.raises(BEMServerAPIClientValueError, match="max_request_line"):
        bdf.download(api, *WIDE, raw_state, ids, max_request_line=100)


@pytest.mark.api_versions(">=0.27")  # 17-digit values arrive exactly on pandas 3 servers only
def test_stats_the_server_cannot_give_plan_without_them(api, raw_state, scope):
    """Values far above 1e154 overflow the server's standard deviation (500 on the stats):
    downloads still work, planned in one range, with a warning that says so."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    frame = random_frame(ids, 100, digits=None)
    frame[ids[0]] *= 1e160
    bdf.upload(api, raw_state, frame)
    with pytest.raises(BEMServerAPIInternalError):
        api.timeseries_data.get_stats(raw_state, ids)
    with pytest.warns(bdf.StatsUnavailableWarning, match="500"):
        out = bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris")
    same(out, frame)


def test_one_timeseries_given_as_a_numpy_integer(api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    frame = random_frame(ids, 20)
    bdf.upload(api, raw_state, frame)
    label = frame.columns[1]  # numpy.int64, as taken from a frame's columns
    assert isinstance(label, np.integer)
    same(bdf.download(api, *WIDE, raw_state, label, "Europe/Paris"), frame[[ids[1]]])
