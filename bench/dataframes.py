"""`make bench` (after bench/run.py): DataFrames of 10 x 100,000 points, ours
(bemserver_api_client.dataframes) against the upstream client doing the obvious thing.

    python -m bench.dataframes [--rounds N]   # from the repository's root (as `make bench`)

On a real local BEMServer started with as many API workers as cores
(tools/server/harness.py), each measure in its own process (.venv-bench: this project as a user
installs it; .venv-bench-upstream: bemserver-api-client 0.22.0; both with pandas): wall time,
peak RSS growth during the call (VmHWM, reset before it), the longest single request.

- upload: ours `dataframes.upload(client, state, frame)`; upstream
  `client.timeseries_data.upload(state, {id: {iso: value}})`, one request.
- download: ours `dataframes.download(client, start, end, state, ids)`; upstream
  `pd.DataFrame(client.timeseries_data.download(start, end, state, ids).data)`.

Writes its section of bench/RESULTS.md, between `<!-- dataframes: start -->` and
`<!-- dataframes: end -->` (the rest of the file is bench/run.py's).
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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = {
    "ours": ROOT / ".venv-bench/bin/python",
    "upstream": ROOT / ".venv-bench-upstream/bin/python",
}
RESULTS = ROOT / "bench" / "RESULTS.md"
START_MARK, END_MARK = "<!-- dataframes: start -->", "<!-- dataframes: end -->"
SERIES, POINTS = 10, 100_000  # per series
POINTS_ALL = SERIES * POINTS
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
END = START + dt.timedelta(minutes=POINTS)
READ_TIMEOUT = 60.0  # the client's default read timeout: no request may come near it
LOADS: list[float] = []
SERVER_ENV: dict[str, str] = {}  # BENCH_SERVER_PGIDS for the workers


# -- worker side (runs in a bench venv, with pandas) ----------------------------------------


def _rss() -> int:
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as file:
        file.write("5")  # VmHWM := current RSS


def _peak() -> int:
    with open("/proc/self/status") as file:
        line = next(line for line in file if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def _server_cpu() -> float:
    """CPU seconds used so far by the server's processes (API workers, PostgreSQL: the process
    groups the orchestrator passes in BENCH_SERVER_PGIDS)."""
    from bench.servers import group_cpu  # workers run as `python -m bench.dataframes`

    return group_cpu([int(pgid) for pgid in os.environ["BENCH_SERVER_PGIDS"].split(",")])


def _frame(ids: list[int]):
    import numpy as np
    import pandas as pd

    index = pd.date_range(START, periods=POINTS, freq="min")
    values = (np.arange(POINTS)[:, None] % 1000 / 10.0).repeat(len(ids), axis=1)
    return pd.DataFrame(values, index=index, columns=ids)


def worker(client_name: str, scenario: str, url: str, token: str, ids: list[int], state: int):
    import logging

    import pandas as pd

    from bemserver_api_client import BEMServerApiClient

    host = url.split("://", 1)[1]
    auth = BEMServerApiClient.make_bearer_token_auth(token)
    client = BEMServerApiClient(host, use_ssl=False, authentication_method=auth)
    requests: list[float] = []  # seconds per request (ours: from the client's debug log)

    class Timings(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.args and len(record.args) == 4:
                requests.append(float(record.args[3]) / 1000)

    if client_name == "ours":
        logger = logging.getLogger("bemserver_api_client")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(Timings())
    result: dict = {}
    _server_cpu()  # its imports, before any peak memory is measured
    if scenario == "upload":
        frame = _frame(ids)
        _reset_peak()
        before = _rss()
        started, cpu, server_cpu = time.perf_counter(), time.process_time(), _server_cpu()
        if client_name == "ours":
            from bemserver_api_client import dataframes

            dataframes.upload(client, state, frame)
        else:  # the obvious: one JSON request of {id: {ISO timestamp: value}}
            data = {
                str(column): {stamp.isoformat(): value for stamp, value in frame[column].items()}
                for column in frame.columns
            }
            sent = time.perf_counter()
            client.timeseries_data.upload(state, data)
            requests.append(time.perf_counter() - sent)
        result["seconds"] = time.perf_counter() - started
        result["client_cpu"] = time.process_time() - cpu
        result["server_cpu"] = _server_cpu() - server_cpu
    else:
        # Warm up (imports, first parse) on one hour, then the whole range.
        small = START + dt.timedelta(hours=1)
        if client_name == "ours":
            from bemserver_api_client import dataframes

            def call(end):
                return dataframes.download(client, START, end, state, ids)
        else:

            def call(end):
                data = client.timeseries_data.download(
                    START.isoformat(), end.isoformat(), state, ids
                )
                return pd.DataFrame(data.data)

        call(small)
        requests.clear()
        _reset_peak()
        before = _rss()
        started, cpu, server_cpu = time.perf_counter(), time.process_time(), _server_cpu()
        frame = call(END)
        result["seconds"] = time.perf_counter() - started
        result["client_cpu"] = time.process_time() - cpu
        result["server_cpu"] = _server_cpu() - server_cpu
        result["peak_growth"] = max(0, _peak() - before)  # before anything else runs
        result["shape"] = list(frame.shape)
        result["points"] = int(frame.count().sum())
        del frame
        result["longest_request"] = max(requests, default=0.0)  # before the payload's request
        result["requests"] = len(requests)
        if client_name == "ours":  # the CSV of the whole range, in one request
            payload = client.timeseries_data.download(
                START.isoformat(), END.isoformat(), state, ids, format="text/csv"
            ).data
            result["csv_payload"] = len(payload)
    result.setdefault("peak_growth", max(0, _peak() - before))
    result.setdefault("longest_request", max(requests, default=0.0))
    result.setdefault("requests", len(requests))
    print(json.dumps(result))


# -- orchestrator (stdlib only) ---------------------------------------------------------------


def run_worker(client: str, scenario: str, url: str, token: str, ids: list[int], state: int):
    command = [
        str(PYTHON[client]), "-m", "bench.dataframes", "--worker", client, scenario, url, token,
        json.dumps(ids), str(state),
    ]  # fmt: skip
    LOADS.append(os.getloadavg()[0])  # the machine's load when each measure starts
    output = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **SERVER_ENV},
        cwd=ROOT,  # `-m bench.dataframes` from the root
    )
    if output.returncode != 0:
        raise SystemExit(f"{client} {scenario} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def post_json(url: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read() or b"null")


def new_timeseries(url: str, token: str, campaign: int, scope: int, prefix: str) -> list[int]:
    return [
        post_json(
            f"{url}/timeseries/",
            {"name": f"{prefix} {i}", "campaign_id": campaign, "campaign_scope_id": scope},
            token,
        )["id"]
        for i in range(SERIES)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each measure")
    args = parser.parse_args()
    for python in PYTHON.values():
        if not python.exists():
            raise SystemExit(f"no {python}: run `make bench` (it makes the bench venvs)")
    from tools.server.harness import LocalServer  # here: the workers run this file as a script

    cores = os.cpu_count() or 1
    results: dict[str, dict[str, list[dict]]] = {"upload": {}, "download": {}}
    with LocalServer(api_workers=cores) as server:
        url = server.url
        SERVER_ENV["BENCH_SERVER_PGIDS"] = ",".join(map(str, server.pgids.values()))
        token = post_json(
            f"{url}/auth/token", {"email": server.email, "password": server.password}
        )["access_token"]
        campaign = post_json(f"{url}/campaigns/", {"name": "bench", "timezone": "UTC"}, token)["id"]
        scope = post_json(f"{url}/campaign_scopes/", {"name": "s", "campaign_id": campaign}, token)[
            "id"
        ]
        state = 1  # "Raw"
        # Uploads: each into timeseries of its own (the server keeps stored values, so an upload
        # into filled ones would be cheaper); the clients take turns.
        downloads: list[int] = []
        for round_ in range(args.rounds):
            for client in ("upstream", "ours") if round_ % 2 else ("ours", "upstream"):
                ids = new_timeseries(url, token, campaign, scope, f"{client} {round_}")
                result = run_worker(client, "upload", url, token, ids, state)
                results["upload"].setdefault(client, []).append(result)
                print(f"upload   {client:<9} {json.dumps(result)}", flush=True)
                downloads = downloads or ids
        for round_ in range(args.rounds + 1):
            for client in ("upstream", "ours") if round_ % 2 else ("ours", "upstream"):
                result = run_worker(client, "download", url, token, downloads, state)
                results["download"].setdefault(client, []).append(result)
                print(f"download {client:<9} {json.dumps(result)}", flush=True)
    write_results(results, args.rounds, cores)


def median(results: list[dict], key: str) -> float:
    return statistics.median(result[key] for result in results)


def write_results(results: dict[str, dict[str, list[dict]]], rounds: int, cores: int) -> None:
    up, down = results["upload"], results["download"]
    ours_up, upstream_up = median(up["ours"], "seconds"), median(up["upstream"], "seconds")
    ours_down, upstream_down = median(down["ours"], "seconds"), median(down["upstream"], "seconds")
    payload = median(down["ours"], "csv_payload")
    ours_peak, upstream_peak = (
        median(down["ours"], "peak_growth"),
        median(down["upstream"], "peak_growth"),
    )
    longest = max(r["longest_request"] for r in up["ours"])
    upstream_longest = max(r["longest_request"] for r in up["upstream"])

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    def floor(results: list[dict]) -> float:
        """The least time the work measured can take on this machine: the server's CPU time
        and the client's, spread perfectly over every core."""
        return median(results, "server_cpu") / cores + median(results, "client_cpu") / cores

    def cpu_cell(results: list[dict]) -> str:
        server_us = median(results, "server_cpu") / POINTS_ALL * 1e6
        return f"{server_us:.1f} us server + {median(results, 'client_cpu'):.1f} s client"

    machine = f"{platform.machine()}, {cores} cores, CPython {platform.python_version()}"
    rows = [
        "| measure (10 x 100,000 points, real server, median) | ours | upstream 0.22.0 | ratio | target |",
        "|---|---|---|---|---|",
        f"| upload a DataFrame, end to end | {ours_up:.1f} s | {upstream_up:.1f} s | "
        f"{ours_up / upstream_up:.2f} | <= 0.60: {verdict(ours_up <= 0.6 * upstream_up)} |",
        f"| longest upload request | {longest:.1f} s ({median(up['ours'], 'requests'):.0f} requests) "
        f"| {upstream_longest:.1f} s (1 request) | - | < {READ_TIMEOUT:.0f} s: "
        f"{verdict(longest < READ_TIMEOUT)} |",
        f"| CPU per point (server), and the client's in all, upload | {cpu_cell(up['ours'])} | "
        f"{cpu_cell(up['upstream'])} | - | - |",
        f"| upload floor: (server + client CPU) / {cores} cores | {floor(up['ours']):.1f} s | "
        f"{floor(up['upstream']):.1f} s | {floor(up['ours']) / upstream_up:.2f} (ours' floor / "
        "upstream's time) | - |",
        f"| peak RSS growth, upload | {median(up['ours'], 'peak_growth') / 1e6:.1f} MB | "
        f"{median(up['upstream'], 'peak_growth') / 1e6:.1f} MB | - | - |",
        f"| download into a DataFrame | {ours_down:.2f} s | {upstream_down:.2f} s | "
        f"{ours_down / upstream_down:.2f} | <= 0.50: {verdict(ours_down <= 0.5 * upstream_down)} |",
        f"| CPU per point (server), and the client's in all, download | "
        f"{cpu_cell(down['ours'])} | {cpu_cell(down['upstream'])} | - | - |",
        f"| download floor: (server + client CPU) / {cores} cores | {floor(down['ours']):.2f} s | "
        f"{floor(down['upstream']):.2f} s | {floor(down['ours']) / upstream_down:.2f} (ours' floor "
        "/ upstream's time) | - |",
        f"| peak RSS growth, download / CSV payload ({payload / 1e6:.1f} MB) | "
        f"{ours_peak / payload:.2f} x | {upstream_peak / payload:.2f} x | - | "
        f"ours <= 2: {verdict(ours_peak <= 2 * payload)} |",
    ]
    section = "\n".join(
        [
            START_MARK,
            "## DataFrames (`bench/dataframes.py`)",
            "",
            f"Measured {dt.date.today().isoformat()} on {machine} (1-minute load average "
            f"{min(LOADS):.1f} to {max(LOADS):.1f} as the measures started: other work on the "
            f"machine takes cores from the server); a real server with {cores} API workers; "
            f"{rounds} upload rounds and "
            f"{rounds + 1} download rounds, clients taking turns, each in its own process. "
            "Ours: `dataframes.upload` / `dataframes.download` (defaults); upstream: one JSON "
            "request of `{id: {iso: value}}`, and `pd.DataFrame(download(...).data)` (its index "
            "stays strings).",
            "",
            *rows,
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
    print("\n".join(rows))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)} (between the dataframes markers)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        name, scenario, url, token, ids, state = sys.argv[2:8]
        worker(name, scenario, url, token, json.loads(ids), int(state))
    else:
        main()
