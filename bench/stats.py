"""The figures of a run: one value per round, ratios computed per round, and their display."""

from __future__ import annotations

import dataclasses
import statistics

SPREAD_LIMIT = 0.10  # a spread (max - min) / median above this is not a firm figure


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


def pair(figures: dict, key: str, other: str = "upstream") -> tuple[list[float], list[float]]:
    return figures["ours"][key], figures[other][key]


def whole_process(figures: dict[str, list[float]]) -> dict[str, list[float]]:
    return {"cpu": figures["process_cpu"], "wall": figures["process_wall"]}
