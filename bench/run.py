"""`make bench`: ours, the upstream client and raw httpx, side by side in one run.

    python bench/run.py [--quick]

Uses .venv-bench (this project, installed as a user would: not editable) and
.venv-bench-upstream (bemserver-api-client 0.22.0 + packaging), a canned loopback server
(bench/canned_server.py, in its own process) and a real local BEMServer (tests/server/harness.py).
Prints the table and writes bench/RESULTS.md. Medians; ratios are ours / other.
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
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "server"))
from harness import LocalServer  # noqa: E402

PYTHON = {
    "ours": ROOT / ".venv-bench/bin/python",
    "upstream": ROOT / ".venv-bench-upstream/bin/python",
}
PYTHON["httpx"] = PYTHON["ours"]
WORKERS = ROOT / "bench" / "workers.py"
CLIENTS = ("ours", "upstream", "httpx")


REAL_POINTS = 10_000  # per series on the real server: it takes over a minute per 10 x 100k upload


def run_worker(
    client: str,
    scenario: str,
    url: str,
    token: str = "",
    ids: list[int] | None = None,
    data_state: int = 1,
) -> dict:
    command = [
        PYTHON[client],
        WORKERS,
        client,
        scenario,
        url,
        token,
        json.dumps(ids or list(range(1, 11))),
        str(data_state),
    ]
    env = {
        **os.environ,
        "BENCH_POINTS": str(REAL_POINTS if scenario.endswith("_once") else 100_000),
    }
    output = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, env=env
    )
    if output.returncode != 0:
        raise SystemExit(f"{client} {scenario} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout)


def process_times(programs: dict[str, tuple[Path, str]], runs: int) -> dict[str, float]:
    """Median wall time (ms) of each `python -c code`, whole process; the programs take turns,
    so that the machine's noise falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in programs}
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(runs):
        for name, (python, code) in programs.items():
            started = time.perf_counter()
            subprocess.run([str(python), "-c", code], check=True, env=env)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def start_canned() -> tuple[subprocess.Popen, str]:
    port_file = Path(tempfile.mkdtemp()) / "port"
    process = subprocess.Popen([sys.executable, ROOT / "bench" / "canned_server.py", port_file])
    while not port_file.exists() or not port_file.read_text():
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port_file.read_text()}"


def post_json(url: str, body: dict, token: str | None = None) -> dict:
    headers = {
        "Content-Type": "application/json",
        **({"Authorization": f"Bearer {token}"} if token else {}),
    }
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read() or b"null")


def prepare_real(server: LocalServer) -> tuple[str, dict[str, list[int]], int]:
    """Tokens, a site (for GET /sites/1) and 10 timeseries per client on the real server (each
    client uploads into its own: the server keeps existing values, so a re-upload is cheaper)."""
    token = post_json(
        f"{server.url}/auth/token", {"email": server.email, "password": server.password}
    )["access_token"]
    campaign = post_json(f"{server.url}/campaigns/", {"name": "bench", "timezone": "UTC"}, token)[
        "id"
    ]
    scope = post_json(
        f"{server.url}/campaign_scopes/", {"name": "bench", "campaign_id": campaign}, token
    )["id"]
    post_json(f"{server.url}/sites/", {"name": "Site 1", "campaign_id": campaign}, token)
    ids = {
        client: [
            post_json(
                f"{server.url}/timeseries/",
                {"name": f"{client} {i}", "campaign_id": campaign, "campaign_scope_id": scope},
                token,
            )["id"]
            for i in range(10)
        ]
        for client in CLIENTS
    }
    return token, ids, 1  # data state 1: "Raw"


def median_ms(result: dict) -> float:
    return statistics.median(result["times"]) * 1000


def rounds(
    scenario: str, url: str, count: int, clients: tuple[str, ...] = CLIENTS, **options
) -> dict[str, dict]:
    """Run the clients' workers in alternation, `count` rounds (the machine's noise hits all
    alike); times are pooled, memory is the median of the rounds."""
    pooled: dict[str, dict] = {
        client: {"times": [], "peak_growth": [], "payload": 0} for client in clients
    }
    for _ in range(count):
        for client in clients:
            result = run_worker(client, scenario, url, **options)
            pooled[client]["times"] += result["times"]
            if "peak_growth" in result:
                pooled[client]["peak_growth"].append(result["peak_growth"])
                pooled[client]["payload"] = result["payload"]
    for result in pooled.values():
        result["peak_growth"] = (
            statistics.median(result["peak_growth"]) if result["peak_growth"] else 0
        )
    return pooled


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs, no real-server timeseries"
    )
    args = parser.parse_args()
    runs = 10 if args.quick else 30
    rows: list[tuple[str, str, str, str, str]] = []  # what, ours, upstream, httpx, ratios

    def add(
        what: str, values: dict[str, float | None], unit: str = "ms", targets: str = ""
    ) -> None:
        def show(value: float | None) -> str:
            return (
                "-"
                if value is None
                else f"{value:.3f} {unit}"
                if value < 10
                else f"{value:.1f} {unit}"
            )

        ours = values.get("ours")
        ratios = ", ".join(
            f"/{other} {ours / values[other]:.2f}"
            for other in ("upstream", "httpx")
            if ours and values.get(other)
        )
        rows.append(
            (
                what,
                show(ours),
                show(values.get("upstream")),
                show(values.get("httpx")),
                f"{ratios} {targets}".strip(),
            )
        )
        print(
            f"{what:<48} {rows[-1][1]:>12} {rows[-1][2]:>12} {rows[-1][3]:>12}  {rows[-1][4]}",
            flush=True,
        )

    print(f"{'':<48} {'ours':>12} {'upstream':>12} {'raw httpx':>12}  ratios (ours / other)")
    add(
        "bare interpreter (python -c pass)",
        process_times(
            {"ours": (PYTHON["ours"], "pass"), "upstream": (PYTHON["upstream"], "pass")}, runs
        ),
    )
    add(
        "cold import (import bemserver_api_client)",
        process_times(
            {
                "ours": (PYTHON["ours"], "import bemserver_api_client"),
                "upstream": (PYTHON["upstream"], "import bemserver_api_client"),
                "httpx": (PYTHON["ours"], "import httpx"),
            },
            runs,
        ),
        targets="(target /upstream <= 0.8; httpx column: import httpx)",
    )

    canned, canned_url = start_canned()
    try:
        host = canned_url.split("://", 1)[1]
        script = (
            "from bemserver_api_client import BEMServerApiClient;"
            f"BEMServerApiClient({host!r}, use_ssl=False).sites.getone(1).data"
        )
        # Raw httpx configured as ours is for plain HTTP (no CA bundle loaded), so that the
        # difference is our code alone.
        raw_script = (
            "import ssl, httpx; httpx.Client(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))"
            f".get({canned_url + '/sites/1'!r}).json()"
        )
        cold = process_times(
            {
                "ours": (PYTHON["ours"], script),
                "upstream": (PYTHON["upstream"], script),
                "httpx": (PYTHON["ours"], raw_script),
            },
            runs,
        )
        add(
            "script cold start (import + construct + GET)",
            cold,
            targets="(target /upstream <= 1.0)",
        )
        add(
            "  our own code's share (ours - raw httpx script)",
            {"ours": cold["ours"] - cold["httpx"]},
            targets="(target <= 15 ms)",
        )

        repeat = 1 if args.quick else 3
        small = {c: median_ms(r) * 1000 for c, r in rounds("small_get", canned_url, repeat).items()}
        add(
            "small GET /sites/1, keep-alive, canned server",
            small,
            unit="us",
            targets="(target /httpx <= 1.10, /upstream <= 1)",
        )
        sites = {c: median_ms(r) for c, r in rounds("sites_data", canned_url, repeat).items()}
        add("10,000 sites: .data (httpx: .json())", sites, targets="(target /httpx <= 1.10)")
        parsed = median_ms(rounds("sites_parsed", canned_url, repeat, ("ours",))["ours"])
        add(
            "10,000 sites: .parsed (typed models)",
            {"ours": parsed, "httpx": sites["httpx"]},
            targets="(target /httpx <= 3.0)",
        )
        for scenario, label in (
            ("download_json", "timeseries download 10 x 100k, JSON (.data)"),
            ("download_csv", "timeseries download 10 x 100k, CSV"),
            ("upload_json", "timeseries upload 10 x 100k, JSON"),
            ("upload_csv", "timeseries upload 10 x 100k, CSV"),
        ):
            results = rounds(scenario, canned_url, repeat)
            add(
                label,
                {c: median_ms(r) for c, r in results.items()},
                targets="(target /upstream <= 1)",
            )
            add(
                "  peak memory growth / payload size",
                {c: r["peak_growth"] / r["payload"] for c, r in results.items()},
                unit="x",
                targets=f"(payload {results['ours']['payload'] / 1e6:.1f} MB; target <= 2)",
            )
    finally:
        canned.terminate()
        canned.wait()

    with LocalServer() as server:
        token, ids, state = prepare_real(server)
        small = {
            client: median_ms(run_worker(client, "small_get_real", server.url, token))
            for client in CLIENTS
        }
        add("small GET /sites/1, real server (reference)", small)
        if not args.quick:
            for scenario, label in (
                ("upload_csv_once", "real server: upload 10 x 10k, CSV (end to end)"),
                ("download_json_once", "real server: download 10 x 10k, JSON (end to end)"),
                ("download_csv_once", "real server: download 10 x 10k, CSV (end to end)"),
            ):
                results = {
                    client: run_worker(client, scenario, server.url, token, ids[client], state)
                    for client in CLIENTS
                }
                add(label, {c: median_ms(r) / 1000 for c, r in results.items()}, unit="s")
                add(
                    "  peak memory growth / payload size",
                    {c: r["peak_growth"] / r["payload"] for c, r in results.items()},
                    unit="x",
                )

    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, {platform.platform()}"
    table = [
        "| measure | ours | upstream 0.22.0 | raw httpx | ratios (ours / other), targets |",
        "|---|---|---|---|---|",
    ]
    table += [f"| {' | '.join(row)} |" for row in rows]
    (ROOT / "bench" / "RESULTS.md").write_text(
        "# Benchmark results (`make bench`)\n\n"
        f"Measured {dt.date.today().isoformat()} on {machine}; medians of whole processes "
        f"({runs} runs) or of calls in one process; `python bench/run.py{' --quick' if args.quick else ''}`.\n\n"
        + "\n".join(table)
        + "\n"
    )
    print("\nwritten to bench/RESULTS.md")


if __name__ == "__main__":
    main()
