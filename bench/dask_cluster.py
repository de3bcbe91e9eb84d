"""`make bench` (after bench/dataframes.py, not with QUICK=1): bemserver_api_client.dask on
10 timeseries x 1,000,000 points (10,000,000 values), against `dataframes.download` in one
process.

    python -m bench.dask_cluster [--rounds N]   # from the repository's root (as `make bench`)
    BENCH_DASK_POINTS=300000 python -m bench.dask_cluster   # fewer points per timeseries

On a real local BEMServer started with as many API workers as cores (tools/server/harness.py),
each measure in its own process of .venv-bench (this project as a user installs it, with the
`dask` extra):

1. write: `write_timeseries` of a frame made lazily on the workers (`dd.from_map` of a
   deterministic function per partition: the caller never holds the values) from a
   `distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True)`.
2. verify: `read_timeseries` (default partition sizing) through the same cluster, each
   partition compared bit for bit with the generator's output for its time range on the worker
   that fetched it; only counts come back.
3. read, in rounds, clients taking turns: (a) `read_timeseries(...).map_partitions(...)` on a
   fresh 2-worker LocalCluster (the values stay on the workers), (b) `dataframes.download` in
   one process.

Each measure: wall time, CPU time of the client's processes (the caller, which runs the
scheduler and the nannies, and each worker process), peak RSS per process (VmHWM, reset before),
the server's CPU (API processes and PostgreSQL backends) and the floor = (server + client CPU)
/ cores. Writes its section of bench/RESULTS.md, between `<!-- dask: start -->` and
`<!-- dask: end -->`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.dataframes import _peak, _reset_peak, new_timeseries, post_json

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv-bench/bin/python"
RESULTS = ROOT / "bench" / "RESULTS.md"
START_MARK, END_MARK = "<!-- dask: start -->", "<!-- dask: end -->"
SERIES = 10
POINTS = int(os.environ.get("BENCH_DASK_POINTS", 1_000_000))  # per series (smaller: a smoke run)
BLOCK = max(1, POINTS // 10)  # rows per generated (written) partition: 10 partitions
GAP_EVERY, GAP_MINUTES = 1000, 10  # one value a minute, a 10-minute gap every 1,000 values
SEED = 21
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
START_NS = int(START.timestamp()) * 10**9
MINUTE_NS = 60 * 10**9
WORKERS = 2
LOADS: list[float] = []
SERVER_ENV: dict[str, str] = {}


def _minutes(rows):
    """Minutes after START of rows `rows` (a numpy array): the time gaps."""
    return rows + GAP_MINUTES * (rows // GAP_EVERY)


END = START + dt.timedelta(minutes=int(_minutes(POINTS - 1)) + 1)  # after the last value


# -- the data, made the same on any process (runs on the workers) ------------------------------


def block(number: int, ids: tuple[int, ...]):
    """Rows [number * BLOCK, (number + 1) * BLOCK) of the data set: random float64 (every bit of
    the mantissa used), one column per timeseries, a UTC index with gaps."""
    import numpy as np
    import pandas as pd

    rows = np.arange(number * BLOCK, min((number + 1) * BLOCK, POINTS), dtype=np.int64)
    rng = np.random.default_rng([SEED, number])
    values = rng.standard_normal((len(rows), len(ids))) * 1000.0
    index = pd.DatetimeIndex(START_NS + _minutes(rows) * MINUTE_NS, tz="UTC")
    return pd.DataFrame(values, index=index, columns=list(ids))


def expected(low_ns: int, high_ns: int, ids: tuple[int, ...]):
    """The data set's rows stamped in [low_ns, high_ns), from the blocks that hold them."""
    import numpy as np
    import pandas as pd

    stamps = START_NS + _minutes(np.arange(POINTS, dtype=np.int64)) * MINUTE_NS
    first, last = np.searchsorted(stamps, [low_ns, high_ns])
    if first >= last:
        return block(0, ids).iloc[:0]
    parts = [block(n, ids) for n in range(first // BLOCK, (last - 1) // BLOCK + 1)]
    frame = pd.concat(parts)
    offset = (first // BLOCK) * BLOCK
    return frame.iloc[first - offset : last - offset]


def check(part, edges_ns: tuple[int, ...], ids: tuple[int, ...], partition_info=None):
    """One partition of read_timeseries against the generator, on the worker: counts only."""
    import numpy as np
    import pandas as pd

    number = int(partition_info["number"])
    want = expected(edges_ns[number], edges_ns[number + 1], ids)
    got_index = part.index.tz_convert("UTC").as_unit("ns").asi8
    same_shape = part.shape == want.shape and list(part.columns) == list(ids)
    index_mismatches = (
        int((got_index != want.index.as_unit("ns").asi8).sum())
        if same_shape
        else max(len(part), len(want))
    )
    value_mismatches = (
        int((part.to_numpy().view(np.int64) != want.to_numpy().view(np.int64)).sum())
        if same_shape
        else max(part.size, want.size)
    )
    return pd.DataFrame(
        {
            "partition": [number],
            "rows": [len(part)],
            "expected_rows": [len(want)],
            "index_mismatches": [index_mismatches],
            "value_mismatches": [value_mismatches],
            "bytes": [int(part.memory_usage(index=True, deep=True).sum())],
        }
    )


def points(part):
    import pandas as pd

    return pd.Series([int(part.count().sum())], dtype="int64")


# -- process statistics (each worker process, through client.run) -------------------------------


def _stats() -> dict:
    return {"pid": os.getpid(), "cpu": time.process_time(), "peak": _peak()}


def _reset() -> dict:
    _reset_peak()
    return _stats()


def _server_cpu() -> float:
    from bench.servers import group_cpu

    return group_cpu([int(pgid) for pgid in os.environ["BENCH_SERVER_PGIDS"].split(",")])


class Measure:
    """Wall, CPU of this process and of the cluster's workers, peak RSS of each, server CPU."""

    def __init__(self, cluster=None) -> None:
        self.cluster = cluster

    def __enter__(self) -> Measure:
        self.workers = self.cluster.run(_reset) if self.cluster else {}
        _reset_peak()
        self.base = _peak()
        self.server = _server_cpu()
        self.cpu = time.process_time()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.result = {
            "seconds": time.perf_counter() - self.started,
            "caller_cpu": time.process_time() - self.cpu,
            "server_cpu": _server_cpu() - self.server,
            "caller_peak": _peak(),
            "caller_base": self.base,
        }
        if self.cluster:
            after = self.cluster.run(_stats)
            self.result["workers"] = [
                {
                    "cpu": after[a]["cpu"] - self.workers[a]["cpu"],
                    "peak": after[a]["peak"],
                    "base": self.workers[a]["peak"],  # RSS when the peak was reset
                }
                for a in sorted(after)
            ]
        else:
            self.result["workers"] = []


# -- worker side (runs in .venv-bench, with the dask extra) -----------------------------------


def _client(url: str, token: str):
    from bemserver_api_client import BEMServerApiClient

    host = url.split("://", 1)[1]
    # Access and refresh tokens: the write outlasts an access token (15 minutes).
    auth = BEMServerApiClient.make_bearer_token_auth(*token.split(" "))
    return BEMServerApiClient(host, use_ssl=False, authentication_method=auth)


def _cluster():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return cluster, Client(cluster)


def worker(mode: str, url: str, token: str, ids: list[int], state: int) -> None:
    import pandas as pd

    client = _client(url, token)
    columns = tuple(ids)
    result: dict = {}
    _server_cpu()  # its imports, before anything is measured
    if mode == "download":
        from bemserver_api_client import dataframes

        dataframes.download(client, START, START + dt.timedelta(hours=1), state, ids)  # warm up
        with Measure() as measure:
            frame = dataframes.download(client, START, END, state, ids)
        result = measure.result
        result["points"] = int(frame.count().sum())
        result["frame_bytes"] = int(frame.memory_usage(index=True, deep=True).sum())
        print(json.dumps(result))
        return

    import dask.dataframe as dd

    from bemserver_api_client.dask import read_timeseries, write_timeseries

    cluster, dask_client = _cluster()
    try:
        if mode == "write":
            numbers = list(range(-(-POINTS // BLOCK)))
            edges = [
                pd.Timestamp(START_NS + int(_minutes(n * BLOCK)) * MINUTE_NS, tz="UTC")
                for n in numbers
            ] + [pd.Timestamp(END)]
            meta = block(0, columns).iloc[:0]
            ddf = dd.from_map(
                block, numbers, ids=columns, meta=meta, divisions=tuple(edges),
                enforce_metadata=False,
            )  # fmt: skip
            with Measure(dask_client) as measure:
                report = write_timeseries(ddf, client, state)
            result["write"] = measure.result
            result["write"]["points"] = int(report["points"].sum())
            result["write"]["partitions"] = len(report)
            result["write"]["partition_rows"] = BLOCK
            result["write"]["partition_bytes"] = int(
                block(0, columns).memory_usage(index=True, deep=True).sum()
            )
            result["write"]["stored"] = int((report["status"] == "stored").sum())
            # Verify: read back (default partition sizing), compared on the workers.
            with Measure(dask_client) as measure:
                ddf = read_timeseries(client, START, END, state, ids, "UTC")
                edges_ns = tuple(pd.Timestamp(d).value for d in ddf.divisions)
                meta = check(block(0, columns).iloc[:0], (START_NS, START_NS), columns,
                             {"number": 0})  # fmt: skip
                counts = ddf.map_partitions(check, edges_ns, columns, meta=meta).compute()
            result["verify"] = measure.result
            result["verify"].update(
                partitions=len(counts),
                rows=int(counts["rows"].sum()),
                expected_rows=int(counts["expected_rows"].sum()),
                index_mismatches=int(counts["index_mismatches"].sum()),
                value_mismatches=int(counts["value_mismatches"].sum()),
                largest_partition_bytes=int(counts["bytes"].max()),
                largest_partition_rows=int(counts["rows"].max()),
            )
        else:  # read
            warm = read_timeseries(client, START, START + dt.timedelta(hours=1), state, ids)
            warm.map_partitions(points, meta=pd.Series(dtype="int64")).compute()
            with Measure(dask_client) as measure:
                ddf = read_timeseries(client, START, END, state, ids, "UTC")
                counts = ddf.map_partitions(points, meta=pd.Series(dtype="int64")).compute()
            result = measure.result
            result["points"] = int(counts.sum())
            result["partitions"] = ddf.npartitions
    finally:
        dask_client.close()
        cluster.close()
    print(json.dumps(result))


# -- orchestrator (stdlib only) ---------------------------------------------------------------


def run_worker(mode: str, url: str, token: str, ids: list[int], state: int) -> dict:
    command = [str(PYTHON), "-m", "bench.dask_cluster", "--worker", mode, url, token, json.dumps(ids),
               str(state)]  # fmt: skip
    LOADS.append(os.getloadavg()[0])
    env = {**os.environ, **SERVER_ENV}
    output = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=ROOT)
    if output.returncode != 0:
        raise SystemExit(f"dask {mode} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each read")
    args = parser.parse_args()
    if not PYTHON.exists():
        raise SystemExit(f"no {PYTHON}: run `make bench` (it makes the bench venv)")
    from tools.server.harness import LocalServer

    cores = os.cpu_count() or 1
    reads: dict[str, list[dict]] = {"cluster": [], "download": []}
    with LocalServer(api_workers=cores) as server:
        url = server.url
        SERVER_ENV["BENCH_SERVER_PGIDS"] = ",".join(map(str, server.pgids.values()))
        tokens = post_json(
            f"{url}/auth/token", {"email": server.email, "password": server.password}
        )
        token = tokens["access_token"]
        campaign = post_json(f"{url}/campaigns/", {"name": "bench", "timezone": "UTC"}, token)["id"]
        scope = post_json(f"{url}/campaign_scopes/", {"name": "s", "campaign_id": campaign}, token)[
            "id"
        ]
        state = 1  # "Raw"
        ids = new_timeseries(url, token, campaign, scope, "dask")
        both = f"{token} {tokens['refresh_token']}"
        written = run_worker("write", url, both, ids, state)
        print(f"write  {json.dumps(written['write'])}", flush=True)
        print(f"verify {json.dumps(written['verify'])}", flush=True)
        for round_ in range(args.rounds):
            for mode in ("download", "cluster") if round_ % 2 else ("cluster", "download"):
                result = run_worker("read" if mode == "cluster" else mode, url, both, ids, state)
                reads[mode].append(result)
                print(f"read   {mode:<9} {json.dumps(result)}", flush=True)
    write_results(written, reads, args.rounds, cores)


def _mb(value: float) -> str:
    return f"{value / 1e6:.0f} MB"


def write_results(written: dict, reads: dict[str, list[dict]], rounds: int, cores: int) -> None:
    write, verify = written["write"], written["verify"]
    values = SERIES * POINTS

    def client_cpu(result: dict) -> float:
        return result["caller_cpu"] + sum(w["cpu"] for w in result["workers"])

    def floor(result: dict) -> float:
        return (result["server_cpu"] + client_cpu(result)) / cores

    def cpu_cell(result: dict) -> str:
        workers = " + ".join(f"{w['cpu']:.1f}" for w in result["workers"])
        return f"{client_cpu(result):.1f} s (caller {result['caller_cpu']:.1f}" + (
            f", workers {workers})" if workers else ")"
        )

    def peaks(result: dict) -> str:
        """Peak RSS (the RSS it grew from when the peak was reset)."""
        workers = ", ".join(f"{_mb(w['peak'])} ({_mb(w['base'])})" for w in result["workers"])
        caller = f"caller {_mb(result['caller_peak'])} ({_mb(result['caller_base'])})"
        return caller + (f"; workers {workers}" if workers else "")

    def med(results: list[dict], key) -> float:
        return statistics.median(key(r) for r in results)

    partition_mb = write["partition_bytes"] / 1e6
    read_mb = verify["largest_partition_bytes"] / 1e6
    ok = (
        verify["index_mismatches"] == 0
        and verify["value_mismatches"] == 0
        and verify["rows"] == verify["expected_rows"] == POINTS
    )
    rows = [
        f"| measure ({SERIES} x {POINTS:,} points = {values:,} values, real server) | value |",
        "|---|---|",
        f"| write: `write_timeseries`, {WORKERS}-worker LocalCluster, frame made on the workers "
        f"| {write['seconds']:.0f} s; report: {write['points']:,} points, "
        f"{write['stored']}/{write['partitions']} partitions stored |",
        f"| write: partitions | {write['partitions']} x {write['partition_rows']:,} rows x "
        f"{SERIES} columns = {partition_mb:.1f} MB each |",
        f"| write: server CPU | {write['server_cpu']:.0f} s = "
        f"{write['server_cpu'] / values * 1e6:.1f} us per point |",
        f"| write: client CPU | {cpu_cell(write)} |",
        f"| write: floor (server + client CPU) / {cores} cores | {floor(write):.0f} s "
        f"({floor(write) / write['seconds']:.2f} of the wall time) |",
        f"| write: peak RSS per process | {peaks(write)} (partition {partition_mb:.1f} MB) |",
        f"| read back bit for bit: `read_timeseries` (default partitions), compared on the "
        f"workers | {'identical' if ok else '**DIFFERENT**'}: {verify['rows']:,} of "
        f"{verify['expected_rows']:,} rows, {verify['index_mismatches']} index and "
        f"{verify['value_mismatches']} value mismatches, {verify['partitions']} partitions; "
        f"{verify['seconds']:.0f} s |",
        f"| read back: peak RSS per process | {peaks(verify)} (largest partition "
        f"{read_mb:.1f} MB, {verify['largest_partition_rows']:,} rows) |",
    ]
    cluster, download = reads["cluster"], reads["download"]
    compare = [
        f"| read {SERIES} x {POINTS:,} points (median of {rounds}; per round below) | "
        f"LocalCluster, {WORKERS} worker processes | `dataframes.download`, one process |",
        "|---|---|---|",
        f"| wall | {med(cluster, lambda r: r['seconds']):.1f} s | "
        f"{med(download, lambda r: r['seconds']):.1f} s |",
        f"| client CPU (all its processes) | {med(cluster, client_cpu):.1f} s | "
        f"{med(download, client_cpu):.1f} s |",
        f"| server CPU | {med(cluster, lambda r: r['server_cpu']):.1f} s "
        f"({med(cluster, lambda r: r['server_cpu']) / values * 1e6:.1f} us per point) | "
        f"{med(download, lambda r: r['server_cpu']):.1f} s "
        f"({med(download, lambda r: r['server_cpu']) / values * 1e6:.1f} us per point) |",
        f"| floor: (server + client CPU) / {cores} cores | {med(cluster, floor):.1f} s | "
        f"{med(download, floor):.1f} s |",
        f"| points read | {cluster[0]['points']:,} ({cluster[0]['partitions']} partitions) | "
        f"{download[0]['points']:,} |",
    ]
    for number, (c, d) in enumerate(zip(cluster, download, strict=True), 1):
        compare += [
            f"| round {number}: wall, CPU | {c['seconds']:.1f} s; {cpu_cell(c)} | "
            f"{d['seconds']:.1f} s; {cpu_cell(d)} |",
            f"| round {number}: peak RSS per process | {peaks(c)} | {peaks(d)} (the frame: "
            f"{_mb(d['frame_bytes'])}) |",
        ]
    machine = f"{platform.machine()}, {cores} cores, CPython {platform.python_version()}"
    section = "\n".join(
        [
            START_MARK,
            "## Dask (`bench/dask_cluster.py`)",
            "",
            f"Measured {dt.date.today().isoformat()} on {machine} (1-minute load average "
            f"{min(LOADS):.1f} to {max(LOADS):.1f} as the measures started); a real server with "
            f"{cores} API workers; each measure in its own process of .venv-bench, a "
            f"`distributed.LocalCluster(n_workers={WORKERS}, threads_per_worker=1, "
            "processes=True)` of its own. Data: one random float64 a minute per timeseries "
            f"(a {GAP_MINUTES}-minute gap every {GAP_EVERY:,}), made by a deterministic "
            "function per partition on the workers. The caller's CPU and memory include the "
            "scheduler and the nannies; the floor is the least time the work can take on "
            "this machine (every CPU second spread over every core). Peak RSS per process: "
            "VmHWM, reset just before the measure, with the RSS it was reset to in brackets."
            + (
                ""
                if POINTS == 1_000_000
                else f" BENCH_DASK_POINTS={POINTS}: not make bench's 10 x 1,000,000 points."
            ),
            "",
            *rows,
            "",
            *compare,
            END_MARK,
        ]
    )
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results (`make bench`)\n"
    if START_MARK in text and END_MARK in text:
        head, rest = text.split(START_MARK, 1)
        text = head + section + rest.split(END_MARK, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text)
    print("\n".join([*rows, "", *compare]))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)} (between the dask markers)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        mode, url, token, ids, state = sys.argv[2:7]
        from bench.dask_cluster import (
            worker as run,
        )  # functions the cluster pickles: bench.dask_cluster's

        run(mode, url, token, json.loads(ids), int(state))
    else:
        main()
