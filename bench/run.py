"""`make bench`: ours, the upstream client and raw httpx, side by side, in alternating rounds.

    python -m bench.run            # full: writes its section of bench/RESULTS.md, bench/results.json
    python -m bench.run --quick    # fewer rounds, no 100k-point or end-to-end timeseries; writes nothing

(from the repository's root, as `make bench` runs it: it imports bench and tools from there).

Uses .venv-bench (this project, installed as a user would: not editable) and
.venv-bench-upstream (bemserver-api-client 0.22.0 + packaging), a canned loopback server
(bench/canned_server.py, its own process) and a real local BEMServer (tools/server/harness.py,
one API worker per core).

How it measures (the machine is shared and noisy):
- Each worker (bench/workers.py) is one client in its own process; it times its calls with
  its own CPU time (time.process_time) beside the wall time (per call: the median call of a
  batch). CPU time is what the client costs; the targets are on it, except where the point is
  elapsed time (async concurrency; the real server's end-to-end timeseries).
- In each round, every client's worker is started (and warmed up), then they make their
  batches in turn: ours, upstream, raw, then again; a client's figure for the round is the
  median of its batches. Cold rows alternate whole processes the same way. Round i runs with
  PYTHONHASHSEED=i, in every run. With the canned server, the server is pinned to the first
  core and the clients to the last (the real server's phase is left to the scheduler).
- Each ratio is computed per round (ours / other in that round) and reported as the median
  over rounds with its spread (min-max). A target is met when every round meets it, missed when none does,
  "within noise" when the rounds disagree (the median decides which way it leans). A spread
  over 10 % of the median is printed as such, not as a firm figure.
- A full run compares its CPU-time ratios with the previous full run (bench/results.json).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.results_file import RESULTS, read_section, write_section
from tools.server.harness import LocalServer

ROOT = Path(__file__).resolve().parent.parent

OURS_PYTHON = ROOT / ".venv-bench/bin/python"
PYTHON = {
    "ours": OURS_PYTHON,
    "upstream": ROOT / ".venv-bench-upstream/bin/python",
    "httpx": OURS_PYTHON,
    "async": OURS_PYTHON,
    "httpx_async": OURS_PYTHON,
}
WORKERS = ROOT / "bench" / "workers.py"
RESULTS_JSON = ROOT / "bench" / "results.json"
SECTION = "bench/run.py"
CLIENTS = ("ours", "upstream", "httpx")
PAGE = 4096  # RSS moves by pages: a growth of 0 is "under a page" (and never a zero divisor)
SPREAD_LIMIT = 0.10  # a spread (max - min) / median above this is not a firm figure
AGREEMENT = 0.10  # two full runs agree when their CPU-time ratios differ by at most this
REAL_POINTS = 10_000  # per series on the real server (10 x 100k takes it over a minute)
ASYNC_TARGET = 0.4  # 100 GETs 10 in flight / 100 sequential sync GETs, on the real server
# With the canned server, it runs on the first core and the clients on the last one: a client
# and the server it streams to always run side by side (when the scheduler may put them on one
# core or two, the kernel's share of a large upload's CPU time flips between two levels).
SERVER_CPUS, CLIENT_CPUS = {0}, {(os.cpu_count() or 1) - 1}
pinned = False  # True while the canned server runs (the real server's phase is left free)


def pin(pid: int, cpus: set[int]) -> None:
    if pinned and len(SERVER_CPUS | CLIENT_CPUS) > 1:
        os.sched_setaffinity(pid, cpus)


@dataclasses.dataclass
class Settings:
    quick: bool
    rounds: int  # rounds of the rows measured in worker processes (but the heavy ones)
    cold_rounds: int  # rounds of the cold-process rows
    heavy_rounds: int  # rounds of the 10 x 100k JSON timeseries rows (0: none, nor CSV)
    real_rounds: int  # rounds of the real server's end-to-end timeseries rows (0: none)
    processes: int  # processes per client and round in the cold-start rows
    measures: int  # measures (batches of calls) per client and round
    heavy_measures: int  # measures per client and round of the 10 x 100k JSON timeseries rows


FULL = Settings(
    quick=False,
    rounds=7,
    cold_rounds=5,
    heavy_rounds=5,
    real_rounds=3,
    processes=7,
    measures=6,
    heavy_measures=3,
)
QUICK = Settings(
    quick=True,
    rounds=3,
    cold_rounds=3,
    heavy_rounds=0,
    real_rounds=0,
    processes=3,
    measures=3,
    heavy_measures=1,
)


# -- statistics ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Stat:
    """One ratio (or absolute figure) of a row: one value per round."""

    key: str  # stable across runs: "row key:label"
    label: str  # "/upstream CPU", "vs previous run CPU", "our share CPU"...
    values: list[float]
    basis: str  # "CPU", "wall" or "memory"
    target: float | None = None  # met when <= target
    unit: str = ""  # "" for a ratio, "ms" or "x" for an absolute figure

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> float:
        """(max - min) / median over the rounds."""
        return (max(self.values) - min(self.values)) / self.median if self.median else 0.0

    @property
    def firm(self) -> bool:
        return self.spread <= SPREAD_LIMIT

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "-"
        meeting = sum(value <= self.target for value in self.values)
        if meeting == len(self.values):
            return "met"
        if meeting == 0:
            return "missed"
        leaning = "meets" if self.median <= self.target else "misses"
        return f"within noise (median {leaning})"

    def show(self, value: float) -> str:
        if self.unit == "ms":
            return f"{value * 1000:.2f} ms"
        if self.unit == "x":
            return f"{value:.2f} x"
        return f"{value:.2f}"

    def summary(self) -> str:
        """The median with its spread, or, for a spread over the limit, that it is noisy."""
        low, high = self.show(min(self.values)), self.show(max(self.values))
        rounds = f"{len(self.values)} rounds"
        if self.firm:
            return f"{self.show(self.median)} ({low}-{high}, {rounds})"
        return (
            f"noisy: spread {self.spread:.0%} > {SPREAD_LIMIT:.0%}, not a firm figure"
            f" (median {self.show(self.median)}, {low}-{high}, {rounds})"
        )

    def target_text(self) -> str:
        if self.target is None:
            return "-"
        return f"<= {self.show(self.target)}"


@dataclasses.dataclass
class Row:
    key: str
    what: str
    cells: dict[str, str]  # column (ours, upstream, httpx) -> figure shown
    stats: list[Stat]


def ratio(row: str, label: str, top: list[float], bottom: list[float], basis: str, target=None):
    return Stat(
        f"{row}:{label}", label, [a / b for a, b in zip(top, bottom, strict=True)], basis, target
    )


def show_time(seconds: float, unit: str) -> str:
    scale = {"us": 1e6, "ms": 1e3, "s": 1.0}[unit]
    value = seconds * scale
    return f"{value:.0f} {unit}" if value >= 100 else f"{value:.3g} {unit}"


def time_cell(figures: dict[str, list[float]], unit: str) -> str:
    """`cpu` and `wall`: one figure per round; shows their medians."""
    return (
        f"{show_time(statistics.median(figures['cpu']), unit)} CPU, "
        f"{show_time(statistics.median(figures['wall']), unit)} wall"
    )


# -- running workers and processes ------------------------------------------------------------


class Worker:
    """One client's scenario in its own process (bench/workers.py), measuring on request."""

    def __init__(self, client: str, scenario: str, options: dict, seed: int) -> None:
        self.name = f"{client} {scenario}"
        command = [str(PYTHON[client]), str(WORKERS), client, scenario, json.dumps(options)]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        )
        pin(self.process.pid, CLIENT_CPUS)

    def ready(self) -> None:
        """Wait until it is set up and warmed up (workers start together: nothing is measured
        until all are ready)."""
        self.read()

    def read(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise SystemExit(f"worker {self.name} failed (exit {self.process.returncode})")
        return json.loads(line)

    def measure(self) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def interleaved(
    participants: dict[str, tuple[str, str]],
    rounds: int,
    measures: int,
    options: Callable[[int, str], dict],
    around: Callable[[str, Callable[[], dict]], dict] | None = None,
) -> dict[str, dict[str, list[float]]]:
    """Per round: a fresh worker per participant (name -> (client, scenario)), then `measures`
    measures of each in turn (ours, upstream, raw, then again); per participant and key, one
    figure per round: the median of its measures in that round."""
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in participants}
    for index in range(rounds):
        workers: dict[str, Worker] = {}
        samples: dict[str, list[dict]] = {name: [] for name in participants}
        try:
            for name, (client, scenario) in participants.items():
                workers[name] = Worker(client, scenario, options(index, client), seed(index))
            for worker in workers.values():
                worker.ready()
            for _ in range(measures):
                for name, worker in workers.items():
                    samples[name].append(
                        around(name, worker.measure) if around else worker.measure()
                    )
        finally:
            for worker in workers.values():
                worker.close()
        for name, runs in samples.items():
            for key in runs[0]:
                figures[name].setdefault(key, []).append(
                    statistics.median(r[key] for r in runs if key in r)
                )
    return figures


def seed(index: int) -> int:
    """The hash seed of round `index`: string hashes (hence dict and set layouts) change a
    process's speed by a few percent; each round has its own seed, the same in every run, so
    that two runs are compared on the same layouts and each is a median over several."""
    return index + 1


def same(scenario: str, clients: tuple[str, ...] = CLIENTS) -> dict[str, tuple[str, str]]:
    return {client: (client, scenario) for client in clients}


def process(python: Path, code: str, index: int) -> dict[str, float]:
    """One `python -c code` (in round `index`): the whole process's CPU time (from wait4) and
    wall time, and the numbers the code prints (its own measures: a JSON object)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": str(seed(index))}
    started = time.perf_counter()
    child = subprocess.Popen([str(python), "-c", code], stdout=subprocess.PIPE, env=env)
    pin(child.pid, CLIENT_CPUS)
    assert child.stdout is not None
    printed = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{python} -c {code!r} failed")
    return {
        "process_cpu": usage.ru_utime + usage.ru_stime,
        "process_wall": wall,
        **(json.loads(printed) if printed.strip() else {}),
    }


def process_rounds(
    programs: dict[str, tuple[Path, str]], settings: Settings
) -> dict[str, dict[str, list[float]]]:
    """Cold processes: the programs take turns, `processes` times per round; per client and
    measure, one figure per round (the median of its processes)."""
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in programs}
    for index in range(settings.cold_rounds):
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for _ in range(settings.processes):
            for name, (python, code) in programs.items():
                samples[name].append(process(python, code, index))
        for name, runs in samples.items():
            for key in runs[0]:
                figures[name].setdefault(key, []).append(statistics.median(r[key] for r in runs))
    return figures


# -- servers ---------------------------------------------------------------------------------------


def start_canned() -> tuple[subprocess.Popen, str]:
    port_file = Path(tempfile.mkdtemp()) / "port"
    process = subprocess.Popen([sys.executable, ROOT / "bench" / "canned_server.py", port_file])
    pin(process.pid, SERVER_CPUS)
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


def prepare_real(server: LocalServer) -> tuple[str, dict[str, list[int]]]:
    """A token, a site (for GET /sites/1) and 10 timeseries per client on the real server (each
    client uploads into its own)."""
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
    return token, ids


def group_cpu(pgids: list[int]) -> float:
    """CPU seconds used so far by the processes of these process groups and their descendants
    (each PostgreSQL backend starts a session of its own: counting by group alone misses
    them), reaped children included: the server's own cost, whatever else runs on the machine."""
    processes: dict[int, tuple[int, int, int]] = {}  # pid -> (parent, group, CPU ticks)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        processes[int(entry)] = (int(fields[1]), int(fields[2]), ticks)

    def counted(pid: int) -> bool:
        while pid in processes:
            parent, group, _ = processes[pid]
            if group in pgids:
                return True
            pid = parent
        return False

    total = sum(ticks for pid, (_, _, ticks) in processes.items() if counted(pid))
    return total / os.sysconf("SC_CLK_TCK")


def gunicorn_command(server: LocalServer) -> str:
    try:
        with open(f"/proc/{server.pgids['gunicorn']}/cmdline", "rb") as file:
            words = file.read().decode().split("\0")
    except (OSError, KeyError):
        return "?"
    start = next((i for i, w in enumerate(words) if w.endswith("gunicorn")), 0)
    return " ".join(["gunicorn", *[w for w in words[start + 1 :] if w][:-5]])


# -- the rows --------------------------------------------------------------------------------------


class Bench:
    def __init__(self, settings: Settings, previous: dict) -> None:
        self.settings = settings
        self.previous = previous
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.figures: dict[str, dict] = {}
        self.started = time.perf_counter()

    def add(self, row: Row, figures: dict | None = None) -> None:
        self.rows.append(row)
        if figures is not None:
            self.figures[row.key] = figures
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:5.0f} s] {row.what}", flush=True)
        for column in CLIENTS:
            if row.cells.get(column):
                print(f"    {column:<9} {row.cells[column]}", flush=True)
        for stat in row.stats:
            target = f"  target {stat.target_text()}: {stat.verdict}" if stat.target else ""
            print(f"    {stat.label:<28} {stat.summary()}{target}", flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"    note: {text}", flush=True)

    # -- cold processes ---------------------------------------------------------------------------

    def cold(self, canned_url: str) -> None:
        s = self.settings
        ours, upstream = PYTHON["ours"], PYTHON["upstream"]
        bare = process_rounds({"ours": (ours, "pass"), "upstream": (upstream, "pass")}, s)
        self.add(
            Row(
                "bare",
                "bare interpreter (python -c pass), whole process",
                {c: time_cell(_process(bare[c]), "ms") for c in bare},
                [ratio("bare", "/upstream CPU", *_pair(bare, "process_cpu"), "CPU")],
            ),
            bare,
        )

        timed_import = (
            "import time\nc, w = time.process_time(), time.perf_counter()\nimport {}\n"
            "c, w = time.process_time() - c, time.perf_counter() - w\n"
            'print(\'{{"cpu": %r, "wall": %r}}\' % (c, w))'
        )
        imports = process_rounds(
            {
                "ours": (ours, timed_import.format("bemserver_api_client")),
                "upstream": (upstream, timed_import.format("bemserver_api_client")),
                "httpx": (ours, timed_import.format("httpx")),
            },
            s,
        )
        stats = [
            ratio("cold_import", "/upstream CPU", *_pair(imports, "cpu"), "CPU", 0.8),
            ratio("cold_import", "/httpx CPU", *_pair(imports, "cpu", "httpx"), "CPU"),
        ]
        stats.append(
            Stat("cold_import:ours CPU", "ours CPU", imports["ours"]["cpu"], "CPU", None, "ms")
        )
        # Against the previous run: CPU times move with the machine's load (other processes'
        # cache traffic), so ours is measured in units of upstream's import (fixed code, its
        # processes alternating with ours): (ours / upstream) now / (ours / upstream) then.
        before = self.previous.get("stats", {}).get("cold_import:/upstream CPU")
        if before:
            stats.append(
                Stat(
                    "cold_import:vs previous run",
                    "vs previous run (CPU, in upstream-import units)",
                    [value / before["median"] for value in stats[0].values],
                    "CPU",
                    1.1,
                )
            )
        else:
            wall = previous_wall_import()
            now = statistics.median(imports["ours"]["process_wall"])
            self.note(
                "cold import vs the previous run: not judged in this run. The previous "
                "RESULTS.md gave only a whole-process wall time"
                + (f" ({wall * 1000:.1f} ms)" if wall else "")
                + f"; this run's is {now * 1000:.1f} ms at load average "
                f"{os.getloadavg()[0]:.1f}, which on a shared machine says nothing about the "
                "code. This run records CPU times: the next full run compares with them."
            )
        self.add(
            Row(
                "cold_import",
                "cold import: `import bemserver_api_client` (httpx column: `import httpx`), in process",
                {c: time_cell(imports[c], "ms") for c in imports},
                stats,
            ),
            imports,
        )

        host = canned_url.split("://", 1)[1]
        script = (
            "import time\nc0 = time.process_time()\nimport {lib}\nc1 = time.process_time()\n"
            "from bemserver_api_client import BEMServerApiClient\n"
            f"client = BEMServerApiClient({host!r}, use_ssl=False)\nclient.sites\n"
            "c2 = time.process_time()\nclient.sites.getone(1).data\nc3 = time.process_time()\n"
            'print(\'{{"share": %r, "first_get": %r}}\' % (c2 - c1, c3 - c2))'
        )
        # Raw httpx configured as ours is for plain HTTP (no CA bundle loaded).
        raw = (
            "import time\nc0 = time.process_time()\nimport ssl, httpx\nc2 = time.process_time()\n"
            "httpx.Client(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))"
            f".get({canned_url + '/sites/1'!r}).json()\nc3 = time.process_time()\n"
            "print('{\"first_get\": %r}' % (c3 - c2))"
        )
        cold = process_rounds(
            {
                "ours": (ours, script.format(lib="httpx")),
                "upstream": (upstream, script.format(lib="requests")),
                "httpx": (ours, raw),
            },
            s,
        )
        self.add(
            Row(
                "cold_start",
                "script cold start (import + construct + one GET), whole process",
                {c: time_cell(_process(cold[c]), "ms") for c in cold},
                [
                    ratio("cold_start", "/upstream CPU", *_pair(cold, "process_cpu"), "CPU", 1.0),
                    ratio("cold_start", "/httpx CPU", *_pair(cold, "process_cpu", "httpx"), "CPU"),
                ],
            ),
            cold,
        )
        self.add(
            Row(
                "share",
                "  our code's share: CPU of import + construction + `.sites` "
                "(its HTTP library imported before: httpx, requests)",
                {
                    c: f"{statistics.median(cold[c]['share']) * 1000:.2f} ms CPU"
                    for c in ("ours", "upstream")
                },
                [Stat("share:CPU", "CPU (ours)", cold["ours"]["share"], "CPU", 0.015, "ms")],
            )
        )
        self.add(
            Row(
                "first_get",
                "  then the first GET (makes the httpx client; raw: httpx.Client() + GET)",
                {
                    c: f"{statistics.median(cold[c]['first_get']) * 1000:.2f} ms CPU"
                    for c in CLIENTS
                },
                [
                    ratio("first_get", "/upstream CPU", *_pair(cold, "first_get"), "CPU"),
                    ratio("first_get", "/httpx CPU", *_pair(cold, "first_get", "httpx"), "CPU"),
                ],
            )
        )

    # -- in-process calls on the canned server ------------------------------------------------------

    def canned(self, url: str) -> None:
        s = self.settings
        options = lambda _, __: {"url": url}  # noqa: E731
        built = interleaved(same("construct", ("ours", "upstream")), s.rounds, s.measures, options)
        self.add(
            Row(
                "construct",
                "construction: `BEMServerApiClient(url).sites`, per client (warm, in process)",
                {c: time_cell(built[c], "us") for c in built},
                [ratio("construct", "/upstream CPU", *_pair(built, "cpu"), "CPU", 1.5)],
            ),
            built,
        )

        small = interleaved(same("small_get"), s.rounds, s.measures, options)
        self.add(
            Row(
                "small_get",
                "small GET /sites/1, keep-alive, canned server, per call",
                {c: time_cell(small[c], "us") for c in CLIENTS},
                [
                    ratio("small_get", "/httpx CPU", *_pair(small, "cpu", "httpx"), "CPU", 1.10),
                    ratio("small_get", "/upstream CPU", *_pair(small, "cpu"), "CPU", 1.0),
                    ratio("small_get", "/httpx wall", *_pair(small, "wall", "httpx"), "wall"),
                    ratio("small_get", "/upstream wall", *_pair(small, "wall"), "wall"),
                ],
            ),
            small,
        )

        # .parsed takes its turn in the same rounds
        participants = {**same("sites_data"), "parsed": ("ours", "sites_parsed")}
        sites = interleaved(participants, s.rounds, s.measures, options)
        self.add(
            Row(
                "sites_data",
                "10,000 sites: .data (raw httpx: .json())",
                {c: time_cell(sites[c], "ms") for c in CLIENTS},
                [
                    ratio("sites_data", "/httpx CPU", *_pair(sites, "cpu", "httpx"), "CPU", 1.10),
                    ratio("sites_data", "/upstream CPU", *_pair(sites, "cpu"), "CPU"),
                ],
            ),
            sites,
        )
        parsed = sites["parsed"]
        self.add(
            Row(
                "sites_parsed",
                "10,000 sites: .parsed (typed models) vs raw httpx + json",
                {"ours": time_cell(parsed, "ms"), "httpx": time_cell(sites["httpx"], "ms")},
                [
                    ratio(
                        "sites_parsed",
                        "/httpx CPU",
                        parsed["cpu"],
                        sites["httpx"]["cpu"],
                        "CPU",
                        3.0,
                    )
                ],
            )
        )

        if s.heavy_rounds:
            for scenario, label in (
                ("download_json", "timeseries download 10 x 100k, JSON (.data)"),
                ("download_csv", "timeseries download 10 x 100k, CSV"),
                ("upload_json", "timeseries upload 10 x 100k, JSON"),
                ("upload_csv", "timeseries upload 10 x 100k, CSV"),
            ):
                # CSV calls take 3 to 20 ms: as many rounds as the light rows, 10 per measure
                csv = scenario.endswith("csv")
                figures = interleaved(
                    same(scenario),
                    s.rounds if csv else s.heavy_rounds,
                    1 + (s.measures if csv else s.heavy_measures),
                    lambda _, __, csv=csv: {"url": url, "group": 10 if csv else 1},
                )
                self.timeseries_rows(scenario, label, figures, 1.0, "ms")
            self.dataframe_rows(url)

        self.concurrency("canned", url, None, None)

    def dataframe_rows(self, url: str) -> None:
        """Into a DataFrame, 10 x 100k: ours (dataframes.download: CSV in ranges) against
        upstream's obvious `pd.DataFrame(.data)` (JSON); raw httpx has no DataFrame path."""
        s = self.settings
        figures = interleaved(
            same("dataframe_download", ("ours", "upstream")),
            s.heavy_rounds,
            1 + s.heavy_measures,
            lambda _, __: {"url": url},
        )
        key = "dataframe_download"
        cells = {c: time_cell(figures[c], "ms") for c in ("ours", "upstream")}
        self.add(
            Row(
                key,
                "DataFrame download 10 x 100k (ours: dataframes.download, CSV in ranges; "
                "upstream: pd.DataFrame(.data), JSON)",
                {**cells, "httpx": "-"},
                [
                    ratio(key, "/upstream CPU", *_pair(figures, "cpu"), "CPU", 0.5),
                    ratio(key, "/upstream wall", *_pair(figures, "wall"), "wall", 0.5),
                ],
            ),
            figures,
        )
        self.memory_row(key, "CSV payload", figures, 2.0)

    def timeseries_rows(self, key, label, figures, target, unit, end_to_end=False) -> None:
        """A timeseries row and its memory row; `end_to_end` (the real server): wall-time
        ratios only (the server's time dominates; the client's CPU time is shown)."""
        ratios = [
            ratio(key, "/upstream wall", *_pair(figures, "wall"), "wall"),
            ratio(key, "/httpx wall", *_pair(figures, "wall", "httpx"), "wall"),
        ]
        if not end_to_end:
            ratios = [
                ratio(key, "/upstream CPU", *_pair(figures, "cpu"), "CPU", target),
                ratio(key, "/httpx CPU", *_pair(figures, "cpu", "httpx"), "CPU"),
                ratios[0],
            ]
        self.add(
            Row(key, label, {c: time_cell(figures[c], unit) for c in CLIENTS}, ratios), figures
        )
        self.memory_row(key, "payload", figures, None if end_to_end else 2.0)

    def memory_row(self, key: str, unit: str, figures: dict, target: float | None) -> None:
        """Peak memory growth during the first call of each round, per byte of `payload`."""
        growth = {
            c: [max(g, PAGE) / p for g, p in zip(f["peak_growth"], f["payload"], strict=True)]
            for c, f in figures.items()
        }
        payload = statistics.median(figures["ours"]["payload"]) / 1e6
        self.add(
            Row(
                key + "_memory",
                f"  peak memory growth / {unit} size ({payload:.1f} MB)",
                {
                    c: f"{statistics.median(growth[c]):.2f} x" if c in growth else "-"
                    for c in CLIENTS
                },
                [
                    Stat(f"{key}_memory:ours", "ours", growth["ours"], "memory", target, "x"),
                    ratio(
                        key + "_memory", "/upstream", growth["ours"], growth["upstream"], "memory"
                    ),
                ],
            )
        )

    # -- concurrency: 100 GETs, 10 in flight -----------------------------------------------------

    def concurrency(self, where: str, url: str, token: str | None, server: LocalServer | None):
        s = self.settings
        clients = ("ours", "upstream", "httpx", "async", "httpx_async")
        server_cpu: dict[str, list[float]] = {c: [] for c in clients}

        def around(client: str, call: Callable[[], dict]) -> dict:
            if server is None:
                return call()
            groups = [server.pgids["gunicorn"], server.pgids["postgres"]]
            before = group_cpu(groups)
            result = call()
            server_cpu[client].append((group_cpu(groups) - before) / 100)
            return result

        options = lambda _, __: {"url": url, "token": token}  # noqa: E731
        measures = s.measures if server is None or not s.quick else 2
        figures = interleaved(same("gets", clients), s.rounds, measures, options, around)
        place = "real server" if server else "canned server"
        self.add(
            Row(
                f"{where}_sequential",
                f"{place}: 100 small GETs, sequential (sync)",
                {c: time_cell(figures[c], "ms") for c in CLIENTS},
                [
                    ratio(f"{where}_sequential", "/upstream CPU", *_pair(figures, "cpu"), "CPU"),
                    ratio(
                        f"{where}_sequential", "/httpx CPU", *_pair(figures, "cpu", "httpx"), "CPU"
                    ),
                    ratio(f"{where}_sequential", "/upstream wall", *_pair(figures, "wall"), "wall"),
                ],
            ),
            figures,
        )
        key = f"{where}_async"
        wall = {c: figures[c]["wall"] for c in clients}
        cpu = {c: figures[c]["cpu"] for c in clients}
        self.add(
            Row(
                key,
                f"{place}: 100 small GETs, 10 in flight (AsyncBEMServerApiClient; "
                "raw: httpx.AsyncClient)",
                {
                    "ours": time_cell(figures["async"], "ms"),
                    "httpx": time_cell(figures["httpx_async"], "ms"),
                },
                [
                    ratio(
                        key,
                        "/ours sequential wall",
                        wall["async"],
                        wall["ours"],
                        "wall",
                        ASYNC_TARGET if server else None,
                    ),
                    ratio(
                        key, "/upstream sequential wall", wall["async"], wall["upstream"], "wall"
                    ),
                    ratio(key, "/raw async wall", wall["async"], wall["httpx_async"], "wall"),
                    # CPU: like for like only. Async against sequential CPU time is no ratio of
                    # client overheads: the async client's CPU per GET depends on how answers
                    # arrive (how many per event-loop wake-up), so on the machine's load (it
                    # moved by 13 to 15 % between full runs that agreed on everything else).
                    ratio(key, "/raw async CPU", cpu["async"], cpu["httpx_async"], "CPU"),
                ],
            ),
            figures,
        )
        if server is not None:
            per_get = statistics.median(v for c in clients for v in server_cpu[c])
            client_cpu = statistics.median(cpu["async"])
            cores = os.cpu_count() or 1
            floor = (100 * per_get + client_cpu) / cores
            self.note(
                f"real server: the server (gunicorn + PostgreSQL) spends {per_get * 1000:.2f} ms "
                f"CPU per GET (median over all workers); with the client's own "
                f"{client_cpu * 1000:.0f} ms CPU per 100 async GETs, on {cores} cores shared by "
                f"both, 100 GETs cannot take less than {floor * 1000:.0f} ms, i.e. "
                f"{floor / statistics.median(wall['ours']):.2f} x the sequential median "
                f"({statistics.median(wall['ours']) * 1000:.0f} ms), before any other load on "
                "the machine."
            )
            self.figures[key]["server_cpu_per_get"] = server_cpu

    # -- the real server ---------------------------------------------------------------------------

    def real(self) -> None:
        s = self.settings
        with LocalServer(api_workers=os.cpu_count() or 2) as server:
            self.note(f"real server: bemserver-api {server.version}, `{gunicorn_command(server)}`")
            token, ids = prepare_real(server)
            self.concurrency("real", server.url, token, server)
            for scenario, label in (
                ("upload_csv_once", "real server: upload 10 x 10k, CSV (end to end)"),
                ("download_json_once", "real server: download 10 x 10k, JSON (end to end)"),
                ("download_csv_once", "real server: download 10 x 10k, CSV (end to end)"),
            ):
                if not s.real_rounds:
                    break

                def options(index: int, client: str) -> dict:
                    return {"url": server.url, "token": token, "ids": ids[client],
                            "points": REAL_POINTS, "offset": index * REAL_POINTS}  # fmt: skip

                # One call per client and round (uploads: a new time range per round, as the
                # server keeps the values it has: a second upload would cost it less).
                figures = interleaved(same(scenario), s.real_rounds, 1, options)
                self.timeseries_rows(scenario, label, figures, None, "s", end_to_end=True)


def _pair(figures: dict, key: str, other: str = "upstream") -> tuple[list[float], list[float]]:
    return figures["ours"][key], figures[other][key]


def _process(figures: dict[str, list[float]]) -> dict[str, list[float]]:
    return {"cpu": figures["process_cpu"], "wall": figures["process_wall"]}


def previous_wall_import() -> float | None:
    """The cold import figure of a RESULTS.md written before rounds (whole process, wall)."""
    if not RESULTS.exists():
        return None
    found = re.search(
        r"\| cold import \(import bemserver_api_client\) \| ([\d.]+) ms", RESULTS.read_text()
    )
    return float(found.group(1)) / 1000 if found else None


# -- output ------------------------------------------------------------------------------------------


def compared_across_runs(stat: Stat) -> bool:
    """CPU-time ratios (not the comparison with the previous run itself)."""
    return stat.basis == "CPU" and stat.unit == "" and "previous" not in stat.key


def table(bench: Bench) -> list[str]:
    previous = bench.previous.get("stats", {})
    lines = [
        "| measure | ours | upstream 0.22.0 | raw httpx | ratio (ours / other) or figure | "
        "median (min-max over rounds) | target | verdict | previous full run |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in bench.rows:
        cells = [row.cells.get(c, "") or "-" for c in CLIENTS]
        for index, stat in enumerate(row.stats):
            before = previous.get(stat.key)
            if before:
                change = stat.median / before["median"] - 1
                apart = compared_across_runs(stat) and abs(change) > AGREEMENT
                flag = " **differs**" if apart else ""
                earlier = f"{stat.show(before['median'])} ({change:+.0%}){flag}"
            else:
                earlier = "-"
            first = index == 0
            lines.append(
                "| "
                + " | ".join(
                    [
                        row.what if first else "",
                        *(cells if first else ["", "", ""]),
                        stat.label,
                        stat.summary(),
                        stat.target_text(),
                        stat.verdict,
                        earlier,
                    ]
                )
                + " |"
            )
    return lines


def summary(bench: Bench) -> list[str]:
    stats = [stat for row in bench.rows for stat in row.stats]
    targeted = [s for s in stats if s.target is not None]
    lines = []
    for verdict in ("met", "missed", "within noise"):
        chosen = [s for s in targeted if s.verdict.startswith(verdict)]
        names = "; ".join(f"{s.key} {s.show(s.median)}" for s in chosen) or "none"
        lines.append(f"- targets {verdict}: {len(chosen)} of {len(targeted)}: {names}")
    noisy = [s for s in stats if not s.firm]
    lines.append(
        f"- spread over {SPREAD_LIMIT:.0%} (not firm figures): "
        + ("; ".join(f"{s.key} {s.spread:.0%}" for s in noisy) or "none")
    )
    previous = bench.previous.get("stats", {})
    compared = [
        (s, s.median / previous[s.key]["median"] - 1)
        for s in stats
        if compared_across_runs(s) and s.key in previous
    ]
    if compared:
        apart = [(s, change) for s, change in compared if abs(change) > AGREEMENT]
        lines.append(
            f"- CPU-time ratios vs the previous full run ({bench.previous.get('date', '?')}): "
            f"{len(compared) - len(apart)} of {len(compared)} within {AGREEMENT:.0%}"
            + (
                "; apart: " + "; ".join(f"{s.key} {change:+.0%}" for s, change in apart)
                if apart
                else ""
            )
        )
        figures = [
            f"{s.key} {s.show(s.median)} (previous {s.show(previous[s.key]['median'])}, "
            f"{s.median / previous[s.key]['median'] - 1:+.0%})"
            for s in stats
            if s.basis == "CPU" and s.unit and s.key in previous
        ]
        if figures:
            lines.append(
                "- absolute CPU figures vs the previous full run (they move with the machine's "
                "load, which ratios cancel): " + "; ".join(figures)
            )
    else:
        lines.append("- no previous full run with the same ratios to compare with")
    return lines


def code_state() -> str:
    """Which client code was measured: the packages installed in .venv-bench (`make bench`
    installs the working tree; bench/run.py alone measures what is installed), against the
    working tree and its commit."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--", "overlay", "generated", "pyproject.toml")
    tree = f"working tree: commit {head}" + (" with uncommitted changes" if dirty else "")
    differ = []
    packages = (("bemserver_api_client", ROOT / "overlay"), ("_bemserver_api", ROOT / "generated"))
    for site in OURS_PYTHON.parent.parent.glob("lib/python3*/site-packages"):
        for package, tree_root in packages:
            installed = {p.relative_to(site) for p in (site / package).rglob("*.py")}
            source = {p.relative_to(tree_root) for p in (tree_root / package).rglob("*.py")}
            for path in sorted(installed | source):
                ours, theirs = site / path, tree_root / path
                same = (
                    ours.exists() and theirs.exists() and ours.read_bytes() == theirs.read_bytes()
                )
                if not same:
                    differ.append(str(path))
    if not differ:
        return f"the client measured is the {tree}"
    return (
        f"the client measured differs from the {tree} in {', '.join(differ)} "
        "(installed before they changed; `make bench` reinstalls)"
    )


def measured_code() -> str:
    """A fingerprint of the code measured: the .py files of the packages in .venv-bench."""
    digest = hashlib.sha256()
    for site in sorted(OURS_PYTHON.parent.parent.glob("lib/python3*/site-packages")):
        for package in ("bemserver_api_client", "_bemserver_api"):
            for path in sorted((site / package).rglob("*.py")):
                digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--quick", action="store_true", help="fewer rounds, no heavy timeseries; writes nothing"
    )
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    previous = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    bench = Bench(settings, previous)
    code = measured_code()
    if previous:
        same_code = "the same code" if previous.get("code") == code else "other code"
        print(f"previous full run: {previous.get('date')}, {same_code} (fingerprint {code})")
    load_before = os.getloadavg()
    global pinned
    pinned = True
    canned, canned_url = start_canned()
    try:
        bench.cold(canned_url)
        bench.canned(canned_url)
    finally:
        canned.terminate()
        canned.wait()
        pinned = False
    bench.real()
    load_after = os.getloadavg()
    took = time.perf_counter() - bench.started

    print("\n" + "\n".join(summary(bench)))
    print(f"\ntook {took / 60:.1f} min; load average {load_before[0]:.1f} -> {load_after[0]:.1f}")
    if settings.quick:
        print("quick mode: nothing written (the full mode writes bench/RESULTS.md)")
        return

    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.platform()}"
    )
    stamp = dt.datetime.now().isoformat(timespec="minutes")
    if not previous:
        against = "no previous full run"
    elif previous.get("code") == code:
        against = f"previous full run {previous.get('date')}: the same code"
    else:
        against = f"previous full run {previous.get('date')}: other code ({previous.get('code')})"
    body = [
        "## Clients side by side (`make bench`: bench/run.py)",
        "",
        f"Measured {stamp} on {machine}; {code_state()}; installed code fingerprint {code} "
        f"({against}). Took {took / 60:.1f} min; load average (1 min) {load_before[0]:.1f} at "
        f"the start, {load_after[0]:.1f} at the end (the machine is shared).",
        "",
        "CPU is the client process's own CPU time around its calls (time.process_time; for "
        "whole processes, wait4's rusage); wall is elapsed time. Per-call figures are the "
        "median call of a batch (a call the scheduler interrupts is outvoted). Rounds: "
        f"{settings.rounds} for the in-process rows, {settings.cold_rounds} for the cold "
        f"processes ({settings.processes} per client and round), {settings.heavy_rounds} for "
        f"the 10 x 100k timeseries, {settings.real_rounds} for the real server's timeseries. In "
        "a round, each client's worker process makes its batches in turn with the others' "
        "(ours, upstream, raw, then again) and its figure is the median of its batches; round "
        "i runs with PYTHONHASHSEED=i in every run. While the canned server runs, it is pinned "
        "to the first core and every client process to the last. Figures shown are medians over rounds; each "
        "ratio is computed per round, then shown as its median and min-max. A target is met "
        "when every round meets it, missed when none does, within noise otherwise. A spread "
        f"(max - min) / median over {SPREAD_LIMIT:.0%} is marked noisy. `previous full run`: "
        "that run's median and the change; **differs** marks a CPU-time ratio more than "
        f"{AGREEMENT:.0%} away.",
        "",
        *table(bench),
        "",
        *summary(bench),
        *(f"- {note}" for note in bench.notes),
    ]
    write_section(SECTION, "\n".join(body))
    stats = {
        s.key: {"median": s.median, "values": s.values, "basis": s.basis}
        for row in bench.rows
        for s in row.stats
    }
    RESULTS_JSON.write_text(
        json.dumps(
            {
                "date": dt.datetime.now().isoformat(timespec="minutes"),
                "took_s": round(took),
                "code": code,
                "stats": stats,
                "figures": bench.figures,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"written: {RESULTS.relative_to(ROOT)} (section {SECTION}), bench/results.json")
    assert read_section(SECTION)


if __name__ == "__main__":
    main()
