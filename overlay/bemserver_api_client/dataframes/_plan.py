"""What a download asks for (`Query`), the column groups whose request lines fit, the server's
stats and the time ranges planned from them."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import json
import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import httpx

from ..exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIInternalError,
    BEMServerAPIResponseError,
)
from ._common import MAX_REQUEST_LINE, Labels, labels_of
from ._wire import _read_body

if TYPE_CHECKING:
    from ..client import BEMServerApiClient

# Request lines are measured with the longest datetime a query carries (microseconds, offset).
_LONGEST_TIME = dt.datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=dt.UTC)
_HTTP_VERSION = len(" HTTP/1.1")

Range = tuple[dt.datetime, dt.datetime]


class StatsUnavailableWarning(RuntimeWarning):
    """The server could not give the timeseries stats (e.g. a 500 when values above ~1e154
    overflow its standard deviation): the download is planned without them."""


class Plan(NamedTuple):
    """Time ranges covering [start, end) exactly, the points and the rows expected."""

    ranges: list[Range]
    points: int
    rows: int


@dataclass(frozen=True)
class Query:
    """What a download asks for; `labels` as the frame's columns (ids as int)."""

    client: BEMServerApiClient
    campaign_id: int | None
    data_state: int
    labels: list[Any]
    convert_to: list[str] | str | None = None
    max_request_line: int = MAX_REQUEST_LINE

    def operation(self, kind: str = "") -> str:
        """The GET of the data (kind ""), of its aggregates ("aggregate") or stats ("stats")."""
        if self.campaign_id is None:
            base = "timeseries_data.get_timeseries_data"
        else:
            base = "timeseries_data_for_campaign.get_timeseries_data_campaign_campaign_id"
        return f"{base}_{kind}" if kind else base

    @property
    def path(self) -> tuple[int, ...]:
        return () if self.campaign_id is None else (self.campaign_id,)

    def options(self, start: dt.datetime, end: dt.datetime, timezone: str) -> dict[str, Any]:
        return {
            "start_time": start,
            "end_time": end,
            "data_state": self.data_state,
            "timezone": timezone,
            "convert_to": self.convert_to,
        }

    @functools.cached_property
    def groups(self) -> list[list[Any]]:
        """The labels in consecutive groups, each fetched by one request of the data."""
        return self.groups_for("", **self.options(_LONGEST_TIME, _LONGEST_TIME, "UTC"))

    def groups_for(self, kind: str, **options: Any) -> list[list[Any]]:
        return label_groups(
            self.client,
            self.operation(kind),
            self.path,
            self.labels,
            self.max_request_line,
            **options,
        )

    def request(
        self,
        start: dt.datetime,
        end: dt.datetime,
        timezone: str,
        accept: str,
        labels: list[Any] | None = None,
        kind: str = "",
        **extra: Any,
    ) -> dict[str, Any]:
        """The keywords of `stream` for one range of some labels (default: all), of the data
        (kind "") or its aggregates ("aggregate", with their `extra` options)."""
        return {
            "operation": self.operation(kind),
            "path": self.path,
            "accept": accept,
            "timeseries": self.labels if labels is None else labels,
            **self.options(start, end, timezone),
            **extra,
        }

    def fetch(
        self,
        start: dt.datetime,
        end: dt.datetime,
        timezone: str,
        accept: str,
        labels: list[Any] | None = None,
    ) -> Any:
        """One range of some labels: the CSV bytes, or the decoded JSON. The body is read from
        the socket into bytes of ours: freed as soon as parsed (an httpx response keeps its
        body until the garbage collector breaks its reference cycle)."""
        body = _read_body(self.client, self.request(start, end, timezone, accept, labels))
        if accept == "text/csv":
            return body
        try:
            return json.loads(body)
        except ValueError as exc:
            raise BEMServerAPIResponseError(message=f"invalid JSON ({str(exc)[:100]})") from None

    def stats(self, timezone: str = "UTC") -> dict[str, Any]:
        """{label as text: the server's stats}, one request per group of labels."""
        merged: dict[str, Any] = {}
        options: dict[str, Any] = {"data_state": self.data_state, "timezone": timezone}
        for group in self.groups_for("stats", **options):
            data = self.client._request(
                self.operation("stats"), *self.path, timeseries=group, **options
            ).data
            stats = data.get("stats") if isinstance(data, dict) else None
            if not isinstance(stats, dict):
                raise BEMServerAPIResponseError(message="timeseries stats without 'stats'")
            merged.update(stats)
        return merged


def query_of(
    client: BEMServerApiClient,
    campaign_id: int | None,
    data_state: int,
    timeseries: Labels,
    convert_to: list[str] | str | None,
    max_request_line: int,
) -> Query:
    labels = labels_of(timeseries, by_names=campaign_id is not None)
    return Query(client, campaign_id, data_state, labels, convert_to, max_request_line)


def label_groups(
    client: BEMServerApiClient,
    operation: str,
    path: tuple[Any, ...],
    labels: list[Any],
    limit: int,
    **options: Any,
) -> list[list[Any]]:
    """`labels` in consecutive groups, each as large as fits: the request line of `operation`
    with one group as its `timeseries` ("GET /path?...&timeseries=...&timeseries=... HTTP/1.1")
    stays within `limit` bytes. Measured on the request the client builds (its encoding of
    names: UTF-8, percent-quoted), nothing sent."""

    def line(group: list[Any]) -> int:
        with contextlib.ExitStack() as opened:
            request, _, _ = client._build(
                operation, *path, opened=opened, timeseries=group, **options
            )
        return len(request.method) + 1 + len(request.url.raw_path) + _HTTP_VERSION

    # Each label adds "&timeseries=<its quoted text>" to what the other arguments take (the
    # whole list is never built: httpx refuses a query over 64 KiB).
    costs = [len(str(httpx.QueryParams([("timeseries", str(label))]))) + 1 for label in labels]
    fixed = line(labels[:1]) - costs[0]
    if fixed + sum(costs) <= limit:
        return [labels]
    groups: list[list[Any]] = []
    group: list[Any] = []
    size = fixed
    for label, cost in zip(labels, costs, strict=True):
        if fixed + cost > limit:
            raise BEMServerAPIClientValueError(
                f"timeseries {label!r} alone makes a request line of {fixed + cost} bytes, "
                f"more than max_request_line={limit}"
            )
        if group and size + cost > limit:
            groups.append(group)
            group, size = [], fixed
        group.append(label)
        size += cost
    groups.append(group)
    for group in groups:  # the sum is exact by construction: say so loudly if it ever is not
        if line(group) > limit:
            raise RuntimeError(f"{operation}: a group of {len(group)} labels measures over {limit}")
    return groups


def plan_ranges(
    query: Query,
    start: dt.datetime,
    end: dt.datetime,
    chunk_points: int | None,
    *,
    stacklevel: int = 4,
) -> Plan:
    """Time ranges of about `chunk_points` values covering [start, end) exactly, from the
    server's stats (first, last, count per timeseries; values are assumed evenly spread between
    first and last). Without stats (chunk_points None, or a server error on them: warned), one
    range."""
    if end <= start or chunk_points is None:
        return Plan([(start, end)], 0, 0)
    try:
        stats = query.stats()
    except BEMServerAPIInternalError as exc:
        if isinstance(exc, BEMServerAPIConnectionError):
            raise
        warnings.warn(
            f"the server could not give the timeseries stats ({exc}): "
            "planned without them, in one time range",
            StatsUnavailableWarning,
            stacklevel=stacklevel,  # the caller's call: download (4) or read_timeseries (3)
        )
        return Plan([(start, end)], 0, 0)
    expected, rows = 0.0, 0.0
    low: dt.datetime | None = None
    high: dt.datetime | None = None
    for entry in stats.values():
        count = entry.get("count") or 0
        if not count or not entry.get("first_timestamp"):
            continue
        first = dt.datetime.fromisoformat(entry["first_timestamp"])
        last = dt.datetime.fromisoformat(entry["last_timestamp"])
        lo, hi = max(first, start), min(last, end)
        if last < start or first >= end:
            continue
        span = (last - first).total_seconds()
        share = 1.0 if span <= 0 else max(0.0, (hi - lo).total_seconds()) / span
        expected += count * min(share, 1.0)
        rows = max(rows, count * min(share, 1.0))
        low = lo if low is None else min(low, lo)
        high = hi if high is None else max(high, hi)
    total = round(expected)
    if low is None or high is None or total <= chunk_points:
        return Plan([(start, end)], total, round(rows))
    pieces = math.ceil(total / chunk_points)
    step = (high - low) / pieces
    # Inner bounds on whole seconds (a second is never split: the CSV shows whole seconds);
    # the outer ones are the range asked, so nothing stored since the stats is left out.
    bounds = [start]
    for k in range(1, pieces):
        bound = (low + step * k).replace(microsecond=0)
        if bounds[-1] < bound < end:
            bounds.append(bound)
    bounds.append(end)
    return Plan(list(itertools.pairwise(bounds)), total, round(rows))
