"""The rows of the bench: each scenario measured, per client, with its ratios and targets.

`Bench` runs the scenarios (cold processes, in-process calls on the canned server, DataFrames,
concurrency, the real server's end-to-end timeseries) and collects their rows, figures and notes.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from collections.abc import Callable

from bench.measure import CLIENTS, PYTHON, Settings, interleaved, process_rounds, same
from bench.results_file import RESULTS
from bench.servers import group_cpu, gunicorn_command, prepare_real
from bench.stats import Row, Stat, pair, ratio, time_cell, whole_process
from tools.server.harness import LocalServer

PAGE = 4096  # RSS moves by pages: a growth of 0 is "under a page" (and never a zero divisor)
REAL_POINTS = 10_000  # per series on the real server (10 x 100k takes it over a minute)
ASYNC_TARGET = 0.4  # 100 GETs 10 in flight / 100 sequential sync GETs, on the real server


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
                {c: time_cell(whole_process(bare[c]), "ms") for c in bare},
                [ratio("bare", "/upstream CPU", *pair(bare, "process_cpu"), "CPU")],
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
            ratio("cold_import", "/upstream CPU", *pair(imports, "cpu"), "CPU", 0.8),
            ratio("cold_import", "/httpx CPU", *pair(imports, "cpu", "httpx"), "CPU"),
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
                {c: time_cell(whole_process(cold[c]), "ms") for c in cold},
                [
                    ratio("cold_start", "/upstream CPU", *pair(cold, "process_cpu"), "CPU", 1.0),
                    ratio("cold_start", "/httpx CPU", *pair(cold, "process_cpu", "httpx"), "CPU"),
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
                    ratio("first_get", "/upstream CPU", *pair(cold, "first_get"), "CPU"),
                    ratio("first_get", "/httpx CPU", *pair(cold, "first_get", "httpx"), "CPU"),
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
                [ratio("construct", "/upstream CPU", *pair(built, "cpu"), "CPU", 1.5)],
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
                    ratio("small_get", "/httpx CPU", *pair(small, "cpu", "httpx"), "CPU", 1.10),
                    ratio("small_get", "/upstream CPU", *pair(small, "cpu"), "CPU", 1.0),
                    ratio("small_get", "/httpx wall", *pair(small, "wall", "httpx"), "wall"),
                    ratio("small_get", "/upstream wall", *pair(small, "wall"), "wall"),
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
                    ratio("sites_data", "/httpx CPU", *pair(sites, "cpu", "httpx"), "CPU", 1.10),
                    ratio("sites_data", "/upstream CPU", *pair(sites, "cpu"), "CPU"),
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
                    ratio(key, "/upstream CPU", *pair(figures, "cpu"), "CPU", 0.5),
                    ratio(key, "/upstream wall", *pair(figures, "wall"), "wall", 0.5),
                ],
            ),
            figures,
        )
        self.memory_row(key, "CSV payload", figures, 2.0)

    def timeseries_rows(self, key, label, figures, target, unit, end_to_end=False) -> None:
        """A timeseries row and its memory row; `end_to_end` (the real server): wall-time
        ratios only (the server's time dominates; the client's CPU time is shown)."""
        ratios = [
            ratio(key, "/upstream wall", *pair(figures, "wall"), "wall"),
            ratio(key, "/httpx wall", *pair(figures, "wall", "httpx"), "wall"),
        ]
        if not end_to_end:
            ratios = [
                ratio(key, "/upstream CPU", *pair(figures, "cpu"), "CPU", target),
                ratio(key, "/httpx CPU", *pair(figures, "cpu", "httpx"), "CPU"),
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
                    ratio(f"{where}_sequential", "/upstream CPU", *pair(figures, "cpu"), "CPU"),
                    ratio(
                        f"{where}_sequential", "/httpx CPU", *pair(figures, "cpu", "httpx"), "CPU"
                    ),
                    ratio(f"{where}_sequential", "/upstream wall", *pair(figures, "wall"), "wall"),
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


def previous_wall_import() -> float | None:
    """The cold import figure of a RESULTS.md written before rounds (whole process, wall)."""
    if not RESULTS.exists():
        return None
    found = re.search(
        r"\| cold import \(import bemserver_api_client\) \| ([\d.]+) ms", RESULTS.read_text()
    )
    return float(found.group(1)) / 1000 if found else None
