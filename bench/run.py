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

The parts: bench/measure.py (settings, worker processes, rounds), bench/stats.py (figures and
ratios), bench/servers.py (the canned and the real server), bench/scenarios.py (the rows),
bench/report.py (the table, the summary, RESULTS.md and results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench import measure, report
from bench.measure import FULL, QUICK
from bench.scenarios import Bench
from bench.servers import start_canned


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--quick", action="store_true", help="fewer rounds, no heavy timeseries; writes nothing"
    )
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    previous = json.loads(report.RESULTS_JSON.read_text()) if report.RESULTS_JSON.exists() else {}
    bench = Bench(settings, previous)
    code = report.measured_code()
    if previous:
        same_code = "the same code" if previous.get("code") == code else "other code"
        print(f"previous full run: {previous.get('date')}, {same_code} (fingerprint {code})")
    load_before = os.getloadavg()
    measure.pinned = True
    canned, canned_url = start_canned()
    try:
        bench.cold(canned_url)
        bench.canned(canned_url)
    finally:
        canned.terminate()
        canned.wait()
        measure.pinned = False
    bench.real()
    load_after = os.getloadavg()
    took = time.perf_counter() - bench.started

    print("\n" + "\n".join(report.summary(bench)))
    print(f"\ntook {took / 60:.1f} min; load average {load_before[0]:.1f} -> {load_after[0]:.1f}")
    if settings.quick:
        print("quick mode: nothing written (the full mode writes bench/RESULTS.md)")
        return

    report.write(bench, settings, code, took, load_before, load_after)


if __name__ == "__main__":
    main()
