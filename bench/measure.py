"""Measuring: the run's settings, the worker processes and the rounds they take turns in.

Each worker (bench/workers.py) is one client in its own process; `interleaved` starts a worker
per client in each round and asks them for their measures in turn; `process_rounds` does the same
with whole cold processes. While the canned server runs, clients are pinned to the last core.
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

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
CLIENTS = ("ours", "upstream", "httpx")
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
