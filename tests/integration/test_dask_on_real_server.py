"""Dask DataFrames against the real server, on `distributed.LocalCluster`s of worker processes
started and stopped by each test: a round trip identical bit for bit, the planning requests, the
divisions and `.loc` pruning, column projection (counted at a proxy in front of the server),
bearer refresh on the workers, the cluster-wide bound on requests, a worker killed in the middle
of an upload, retries exhausted then a rerun, graphs without secrets."""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import cloudpickle
import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from conftest import bearer_client, unique
from counting_proxy import counting_proxy
from distributed import Client, LocalCluster
from timeseries_data import new_timeseries, same

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client import dataframes as bdf
from bemserver_api_client.dask import (
    BEMServerAPIPartitionError,
    BEMServerAPIPartitionsError,
    read_timeseries,
    write_timeseries,
)

pytestmark = pytest.mark.api_versions(">=0.27")  # once, on the newest server
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers need not import it

ROOT = Path(__file__).resolve().parents[2]
START = pd.Timestamp("2024-03-25", tz="Europe/Paris")  # a DST change inside the data
WIDE = ("2020-01-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00")
WEEK = (START - pd.Timedelta("1D"), START + pd.Timedelta("6D"))  # for fixed daily partitions


@contextlib.contextmanager
def cluster_of_two():
    """Two worker processes, one thread each (the shape of the issue's measurements)."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def cluster():
    with cluster_of_two() as client:
        yield client


def random_frame(columns, rows: int, freq: str = "min", seed: int = 0) -> pd.DataFrame:
    values = np.random.default_rng(seed).standard_normal((rows, len(columns))) * 1000
    values[np.random.default_rng(seed + 1).random(values.shape) < 0.05] = np.nan  # gaps
    index = pd.date_range(START, periods=rows, freq=freq)
    frame = pd.DataFrame(values, index=index, columns=list(columns))
    return frame.dropna(how="all")  # the server stores nothing for a row without values


def proxied(server, delay: float = 0.0):
    """A counting proxy in front of the server (each request held `delay` seconds)."""
    return counting_proxy(server.url, server.ssl_context, delay)


def through(proxy, api) -> BEMServerApiClient:
    """A client of the proxy with a copy of `api`'s tokens (a shared authentication would
    refresh through the newest client: this one, gone with its proxy)."""
    auth = BEMServerApiClient.make_bearer_token_auth(*api.authentication_method._tokens())
    return BEMServerApiClient(base_url=proxy.url, authentication_method=auth)


def test_round_trip_on_a_cluster_is_identical(cluster, api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 6)]
    frame = random_frame(ids, 10_000)  # 60,000 cells, ~5 % gaps, across a DST change
    report = write_timeseries(dd.from_pandas(frame, npartitions=6), api, raw_state)
    assert list(report["partition"]) == list(range(6))
    assert (report["status"] == "stored").all()
    assert report["points"].sum() == frame.notna().to_numpy().sum()

    ddf = read_timeseries(
        api, *WIDE, raw_state, ids, "Europe/Paris", partition_points=15_000, chunk_points=7_500
    )
    assert ddf.npartitions == 4
    same(ddf.compute(), frame)
    same(ddf.compute(), bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris"))


def test_meta_is_the_frame_download_returns(api, raw_state, scope):
    """dtypes, column labels, index unit and timezone, by ids and by names, and an empty
    partition computes to the same structure."""
    series = new_timeseries(api, scope, 2)
    ids, names = [ts["id"] for ts in series], [ts["name"] for ts in series]
    bdf.upload(api, raw_state, random_frame(ids, 10))
    for labels, campaign in ((ids, None), (names, scope["campaign_id"])):
        expected = bdf.download(
            api, "2021-01-01T00:00:00+00:00", "2021-01-02T00:00:00+00:00", raw_state, labels,
            "Asia/Kolkata", campaign_id=campaign,
        )  # fmt: skip
        ddf = read_timeseries(
            api, "2021-01-01T00:00:00+00:00", "2021-01-02T00:00:00+00:00", raw_state, labels,
            "Asia/Kolkata", campaign_id=campaign, freq="6h",
        )  # fmt: skip
        pd.testing.assert_frame_equal(ddf._meta, expected)
        with dask.config.set(scheduler="sync"):
            empty = ddf.partitions[1].compute()
        pd.testing.assert_frame_equal(empty, expected)
        assert str(empty.index.dtype) == "datetime64[us, Asia/Kolkata]"


def test_planning_sends_only_the_stats_and_divisions_prune(server, api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 3)]
    frame = random_frame(ids, 6_000)
    bdf.upload(api, raw_state, frame)
    with proxied(server) as proxy:
        client = through(proxy, api)
        ddf = read_timeseries(
            client, *WIDE, raw_state, ids, "Europe/Paris", partition_points=3_000,
            chunk_points=3_000,
        )  # fmt: skip
        assert [seen.path for seen in proxy.requests()] == ["/timeseries_data/stats"]
        assert ddf.npartitions == 6  # 18,000 points - 5 % gaps, 3,000 a partition
        divisions = ddf.divisions
        assert divisions[0] == pd.Timestamp(WIDE[0]) and divisions[-1] == pd.Timestamp(WIDE[1])
        assert all(str(d.tz) == "Europe/Paris" for d in divisions)
        assert list(divisions) == sorted(divisions)

        # A frame with fixed ranges sends nothing at all to be planned.
        proxy.clear()
        fixed = read_timeseries(client, *WIDE, raw_state, ids, "UTC", freq="366D")
        assert proxy.requests() == [] and fixed.npartitions == 10

        # .loc fetches only the partitions it overlaps, and their rows are the right ones.
        proxy.clear()
        low, high = divisions[2] + pd.Timedelta("1min"), divisions[3] + pd.Timedelta("1min")
        with dask.config.set(scheduler="threads"):
            part = ddf.loc[low:high].compute()
        data = proxy.requests("/timeseries_data/")
        asked = {(seen.query["start_time"][0], seen.query["end_time"][0]) for seen in data}
        assert len(data) == 2 and len(asked) == 2  # partitions 2 and 3, one request each
        same(part, frame.loc[low:high])  # rows of all NaN are not in `frame`


def test_column_projection_reaches_the_requests(server, api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 4)]
    frame = random_frame(ids, 2_000)
    bdf.upload(api, raw_state, frame)
    with proxied(server) as proxy:
        ddf = read_timeseries(through(proxy, api), *WIDE, raw_state, ids, freq="1000D")
        with dask.config.set(scheduler="threads"):
            for selection, expected in (
                (ddf[[ids[2]]], frame[[ids[2]]]),
                (ddf[[ids[3], ids[0]]], frame[[ids[3], ids[0]]]),
            ):
                proxy.clear()
                got = selection.compute()
                asked = {
                    frozenset(seen.query["timeseries"])
                    for seen in proxy.requests("/timeseries_data/")
                }
                assert asked == {frozenset(str(label) for label in expected.columns)}
                same(got, expected.dropna(how="all"))
            proxy.clear()
            total = ddf[ids[1]].sum().compute()
            asked = {tuple(seen.query["timeseries"]) for seen in proxy.requests("/timeseries_data")}
            assert asked == {(str(ids[1]),)}
            assert total == pytest.approx(frame[ids[1]].sum(), rel=1e-12)


def test_wide_frames_on_the_cluster_by_names(cluster, server, api, raw_state, scope):
    """300 long, non-ASCII names: the stats and each partition in groups whose request lines
    fit the server's 4094 bytes."""
    series = new_timeseries(api, scope, 300, prefix="Température «salle» / étage, capteur & co ")
    names = [ts["name"] for ts in series]
    frame = random_frame(names, 30, freq="h")
    write_timeseries(
        dd.from_pandas(frame, npartitions=3), api, raw_state, campaign_id=scope["campaign_id"]
    )
    with proxied(server) as proxy:
        ddf = read_timeseries(
            through(proxy, api), *WIDE, raw_state, names, campaign_id=scope["campaign_id"],
            timezone="Europe/Paris",
        )  # fmt: skip
        stats = proxy.requests("/stats")
        assert len(stats) > 1 and max(seen.line_length for seen in stats) <= 4094
        proxy.clear()
        got = ddf.compute()
        assert max(seen.line_length for seen in proxy.requests()) <= 4094
    same(got, frame)


def test_graphs_carry_no_secret(server, api, raw_state, scope):
    """Keys and tokens name the server and the user: the same for another password or after a
    refresh (so no secret goes into them), the same in another process."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]

    def names(client) -> list[str]:
        ddf = read_timeseries(client, *WIDE, raw_state, ids, freq="1000D")
        report = write_timeseries(ddf, client, raw_state, compute=False)
        collections = (ddf, report, ddf[[ids[0]]].sum())
        return [str(key) for c in collections for key in c.__dask_graph__()] + [
            dask.base.tokenize(c) for c in collections
        ]

    def basic(password: str) -> BEMServerApiClient:
        auth = BEMServerApiClient.make_http_basic_auth(server.email, password)
        return BEMServerApiClient(server.url, authentication_method=auth, **server.client_options)

    assert names(basic(server.password)) == names(basic("another password"))
    before = names(api)
    api.auth.refresh_tokens()
    assert names(api) == before
    assert names(api) != names(basic(server.password))  # who asks is part of the token
    elsewhere = subprocess.run(
        [sys.executable, "-c", TOKEN_SCRIPT, server.url, str(raw_state), *map(str, ids)],
        capture_output=True, text=True, check=True, env={**os.environ, "CA": server.ca_bundle or ""},
    )  # fmt: skip
    here = read_timeseries(
        BEMServerApiClient(server.url, **server.client_options), *WIDE, raw_state, ids, freq="1000D"
    )
    assert elsewhere.stdout.strip() == here._name


TOKEN_SCRIPT = """
import os, sys
from bemserver_api_client import BEMServerApiClient
from bemserver_api_client.dask import read_timeseries
url, state, *ids = sys.argv[1:]
client = BEMServerApiClient(url, verify=os.environ["CA"] or True)
ddf = read_timeseries(client, "2020-01-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00",
                      int(state), [int(i) for i in ids], freq="1000D")
print(ddf._name)
"""


def test_bearer_tokens_refresh_on_the_workers(cluster, short_token_server):
    """Access tokens of 2 seconds: partitions computed after they expired refresh on the
    workers (the client in the graph carries the refresh token)."""
    with bearer_client(short_token_server, "sync") as api:
        state = next(s["id"] for s in api.timeseries_datastates.getall().data if s["name"] == "Raw")
        campaign = api.campaigns.create({"name": unique("campaign"), "timezone": "UTC"}).data
        scope = api.campaign_scopes.create({"name": "s", "campaign_id": campaign["id"]}).data
        ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
        frame = random_frame(ids, 3_000)
        bdf.upload(api, state, frame)
        ddf = read_timeseries(api, *WEEK, state, ids, "Europe/Paris", freq="1D")
        time.sleep(2.5)  # every token in the graph has expired
        same(ddf.compute(), frame)
        time.sleep(2.5)
        more = random_frame(ids, 100, seed=5).shift(5_000, freq="min")
        write_timeseries(dd.from_pandas(more, npartitions=2), api, state)
        same(bdf.download(api, *WIDE, state, ids, "Europe/Paris"), pd.concat([frame, more]))


def test_requests_in_flight_are_bounded_across_the_cluster(cluster, server, api, raw_state, scope):
    """Two worker processes fetching partitions through a proxy that holds each request 0.2 s:
    never more requests at once than the bound, and as many as the bound allows."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    frame = random_frame(ids, 4_000)
    bdf.upload(api, raw_state, frame)
    with proxied(server, delay=0.2) as proxy:
        client = through(proxy, api)
        for limit in (1, 2):
            proxy.clear()
            ddf = read_timeseries(client, *WEEK, raw_state, ids, freq="12h", max_requests=limit)
            assert ddf.npartitions > 4
            same(ddf.compute(), frame)
            assert proxy.most_in_flight == limit


def test_lazy_write_sends_nothing_until_computed(server, api, raw_state, scope):
    ids = [ts["id"] for ts in new_timeseries(api, scope, 2)]
    frame = random_frame(ids, 1_000)
    with proxied(server) as proxy:
        lazy = write_timeseries(
            dd.from_pandas(frame, npartitions=3), through(proxy, api), raw_state, compute=False
        )
        assert proxy.requests() == []
        with dask.config.set(scheduler="threads"):
            report = lazy.compute()
        assert len(report) == 3 and proxy.requests("/timeseries_data/")
    same(bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris"), frame)


def test_first_writes_never_race(cluster, api, raw_state, scope):
    """Eight partitions of new timeseries uploaded four at a time: every partition stored (two
    first writes at once would make the server answer 500 for one of them)."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 5)]
    frame = random_frame(ids, 800)
    report = write_timeseries(dd.from_pandas(frame, npartitions=8), api, raw_state, retries=0)
    assert (report["status"] == "stored").all()
    same(bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris"), frame)


def test_a_worker_killed_mid_upload_still_stores_the_frame_exactly(
    cluster, server, api, raw_state, scope
):
    """The workers upload through a proxy that holds each request 0.05 s (chunks of 1,000
    points: about 100 requests), so that the upload is surely under way when a busy worker is
    killed; the computation finishes and the server holds exactly the frame."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 4)]
    frame = random_frame(ids, 24_000)  # 4 partitions of 6,000 rows
    outcome: dict = {}
    with proxied(server, delay=0.05) as proxy:
        slowed = through(proxy, api)

        def run() -> None:
            try:
                outcome["report"] = write_timeseries(
                    dd.from_pandas(frame, npartitions=4), slowed, raw_state, chunk_points=1_000
                )
            except Exception as exc:  # reported below
                outcome["error"] = exc

        writer = threading.Thread(target=run, daemon=True)
        writer.start()
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and not stored:
            stored = bdf.stats(api, raw_state, ids)["count"].sum()
            time.sleep(0.05)
        assert 0 < stored < frame.notna().to_numpy().sum(), "no upload in progress to interrupt"
        workers = cluster.scheduler_info()["workers"]
        busy = [w for w, tasks in cluster.processing().items() if tasks] or list(workers)
        with contextlib.suppress(Exception):  # the worker dies before it answers
            cluster.run(os._exit, 1, workers=busy[:1])  # in the middle of a partition's upload
        writer.join(240)
        assert not writer.is_alive(), "write_timeseries still running after 240 s"
    assert "error" not in outcome, outcome.get("error")
    assert (outcome["report"]["status"] == "stored").all()
    same(bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris"), frame)


def test_retries_exhausted_name_the_partitions_and_a_rerun_completes(
    cluster, server, api, raw_state, scope
):
    """A server answering 500 to every request carrying partition 2's rows: its retries
    exhausted, the error names it, the others are stored exactly, and a rerun (the server
    healed) completes exactly."""
    ids = [ts["id"] for ts in new_timeseries(api, scope, 3)]
    frame = random_frame(ids, 3_000)
    pieces = [frame.iloc[i * 500 : (i + 1) * 500] for i in range(6)]
    ddf = dd.from_map(lambda piece: piece, pieces, meta=frame.iloc[:0])
    with proxied(server) as proxy:
        client = through(proxy, api)
        first = pieces[2].index[0].tz_convert("UTC").isoformat().replace("+00:00", "")
        proxy.refuse = first.encode()
        with pytest.raises(BEMServerAPIPartitionsError) as failed:
            within(240, write_timeseries, ddf, client, raw_state)
        error = failed.value
        assert error.not_stored == [2] and error.stored == [0, 1, 3, 4, 5]
        assert "partitions 2" in str(error) and "500" in str(error)
        assert list(error.report["status"]) == ["stored"] * 2 + ["failed"] + ["stored"] * 3
        held = bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris")
        same(held, pd.concat(pieces[:2] + pieces[3:]))

        proxy.refuse = None
        report = within(240, write_timeseries, ddf, client, raw_state)
    assert (report["status"] == "stored").all()
    same(bdf.download(api, *WIDE, raw_state, ids, "Europe/Paris"), frame)


def within(seconds: float, function, *arguments):
    """function(*arguments) in a daemon thread, failing the test instead of hanging it past
    `seconds` (a cluster whose workers all died would wait for them forever)."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = function(*arguments)
        except BaseException as exc:  # raised below, in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise AssertionError(f"{function.__name__} still running after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def test_lazy_errors_name_the_partition(api, raw_state):
    frame = random_frame([999_999_999], 10)  # a timeseries that does not exist
    lazy = write_timeseries(
        dd.from_pandas(frame, npartitions=1), api, raw_state, retries=0, compute=False
    )
    with dask.config.set(scheduler="sync"), pytest.raises(BEMServerAPIPartitionError) as failed:
        lazy.compute()
    assert "partition 0" in str(failed.value)


def test_arguments_are_checked_before_anything_is_sent(api):
    with pytest.raises(ValueError, match="end_time"):
        read_timeseries(api, WIDE[1], WIDE[0], 1, [1])
    with pytest.raises(ValueError, match="naive"):
        read_timeseries(api, "2024-01-01T00:00:00", WIDE[1], 1, [1])
    with pytest.raises(ValueError, match="max_requests"):
        read_timeseries(api, *WIDE, 1, [1], max_requests=0)
    with pytest.raises(ValueError, match="freq"):
        read_timeseries(api, *WIDE, 1, [1], freq="soon")
    naive = dd.from_pandas(pd.DataFrame({1: [1.0]}, index=pd.DatetimeIndex(["2024-01-01"])), 1)
    with pytest.raises(ValueError, match="timezone-aware"):
        write_timeseries(naive, api, 1)
    with pytest.raises(ValueError, match="dask DataFrame"):
        write_timeseries(pd.DataFrame(), api, 1)


def test_the_client_pickles_into_one_copy_per_process(api):
    from bemserver_api_client.dask import _SharedClient

    shared = _SharedClient.of(api)
    first, second = pickle.loads(pickle.dumps(shared)), pickle.loads(pickle.dumps(shared))
    again = pickle.loads(pickle.dumps(_SharedClient.of(api)))  # another graph, same client
    assert first.client is second.client is again.client  # one copy per process: one pool
    assert first.client is not api
    assert dask.base.tokenize(first) == dask.base.tokenize(shared)
    other = BEMServerApiClient(api.base_url)  # another client of the caller: another copy
    assert pickle.loads(pickle.dumps(_SharedClient.of(other))).client is not first.client


def test_the_campaign_example_runs(server):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "dask_campaign.py")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, **server.env(), "BEMSERVER_SENSORS": "4", "BEMSERVER_DAYS": "7"},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "daily means" in completed.stdout
