"""Reporting: the results table and summary, which code was measured, and the files written
(its section of bench/RESULTS.md, bench/results.json)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import subprocess

from bench.measure import CLIENTS, OURS_PYTHON, ROOT, Settings
from bench.results_file import RESULTS, read_section, write_section
from bench.scenarios import Bench
from bench.stats import SPREAD_LIMIT, Stat

RESULTS_JSON = ROOT / "bench" / "results.json"
SECTION = "bench/run.py"
AGREEMENT = 0.10  # two full runs agree when their CPU-time ratios differ by at most this


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
    installs the working tree; `python -m bench.run` alone measures what is installed), against the
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


def write(
    bench: Bench,
    settings: Settings,
    code: str,
    took: float,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> None:
    """A full run's section of bench/RESULTS.md and bench/results.json."""
    previous = bench.previous
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
