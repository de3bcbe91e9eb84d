"""Downloads: into a DataFrame (time ranges x column groups fetched in parallel, parsed and
assembled in order), aggregates, streamed to a CSV file, and the timeseries' stats."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar

import httpx
import numpy as np
import pandas as pd

from ._common import (
    DOWNLOAD_CHUNK_POINTS,
    DOWNLOAD_WORKERS,
    MAX_REQUEST_LINE,
    Labels,
    Progress,
    bound,
    check_bounds,
    check_client,
    stream,
    zone_of,
)
from ._plan import Plan, Query, Range, plan_ranges, query_of
from ._wire import (
    _Assembly,
    _cut_short,
    _joined_csv,
    _merged,
    _parse_csv,
    _parse_json,
    _PointCounter,
    _read_body,
)

if TYPE_CHECKING:
    from ..client import BEMServerApiClient

Piece = TypeVar("Piece")
WireFormat = Literal["csv", "json"]


def download(
    client: BEMServerApiClient,
    start_time: dt.datetime | str,
    end_time: dt.datetime | str,
    data_state: int,
    timeseries: Labels,
    timezone: str = "UTC",
    *,
    campaign_id: int | None = None,
    convert_to: list[str] | str | None = None,
    chunk_points: int | None = DOWNLOAD_CHUNK_POINTS,
    max_workers: int = DOWNLOAD_WORKERS,
    progress: Progress | None = None,
    wire_format: WireFormat = "csv",
    max_request_line: int = MAX_REQUEST_LINE,
) -> pd.DataFrame:
    """Values in [start_time, end_time) as a DataFrame: a DatetimeIndex in `timezone`, one
    float64 column per timeseries in the order asked (ids, or names with `campaign_id`), NaN
    where a timeseries has no value at a timestamp another one has.

    Long ranges are fetched in time ranges of about `chunk_points` values (planned from the
    server's stats; None: one request), `max_workers` at a time; many timeseries in groups
    whose request lines stay within `max_request_line` bytes (the server refuses longer ones).
    `progress(done, total)` in points (total: the server's count, estimated when the range
    cuts through the data, and equal to done at the end)."""
    query, zone, plan = _planned(
        client, start_time, end_time, data_state, timeseries, timezone, campaign_id, convert_to,
        chunk_points, max_workers, max_request_line,
    )  # fmt: skip
    return fetch_frame(query, zone, plan, max_workers, progress, wire_format)


def fetch_frame(
    query: Query,
    zone: str,
    plan: Plan,
    max_workers: int = 1,
    progress: Progress | None = None,
    wire_format: WireFormat = "csv",
) -> pd.DataFrame:
    """The frame of `plan`'s ranges: each range fetched in `query.groups`, `max_workers`
    requests at a time, parsed here one at a time and in order, merged, assembled in place."""
    groups = query.groups
    assembly = _Assembly(len(query.labels), capacity=plan.rows)
    accept = "application/json" if wire_format == "json" else "text/csv"

    def fetch(piece: tuple[Range, list[Any]]) -> Any:
        (start, end), group = piece
        return query.fetch(start, end, "UTC", accept, group)

    done, total = 0, plan.points
    if progress is not None:
        progress(0, total)
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    pieces = [(piece, group) for piece in plan.ranges for group in groups]
    for ((start, end), group), body in _ordered(fetch, pieces, max_workers):
        if wire_format == "json":
            stamps, values = _parse_json(body, group)
        else:
            stamps, values = _parse_csv(body, group)
            if len(stamps) > 1 and not (np.diff(stamps) > 0).all():
                # The CSV repeats a timestamp (it shows whole seconds): sub-second data.
                del stamps, values
                json_body = query.fetch(start, end, "UTC", "application/json", group)
                stamps, values = _parse_json(json_body, group)
        del body
        parts.append((stamps, values))
        del stamps, values
        if len(parts) < len(groups):
            continue
        stamps, values = _merged(parts)
        parts.clear()
        assembly.add(stamps, values)
        done += int(np.count_nonzero(~np.isnan(values)))
        del stamps, values
        total = max(total, done)
        if progress is not None:
            progress(done, total)
    if progress is not None and total != done:
        progress(done, done)
    return assembly.frame(query.labels, zone)


def _planned(
    client: BEMServerApiClient,
    start_time: dt.datetime | str,
    end_time: dt.datetime | str,
    data_state: int,
    timeseries: Labels,
    timezone: str,
    campaign_id: int | None,
    convert_to: list[str] | str | None,
    chunk_points: int | None,
    max_workers: int,
    max_request_line: int,
) -> tuple[Query, str, Plan]:
    """A download's arguments checked (before any request), its query, its timezone and its
    plan of time ranges (see plan_ranges)."""
    check_client(client)
    check_bounds(
        chunk_points=chunk_points, max_workers=max_workers, max_request_line=max_request_line
    )
    start, end = bound(start_time, "start_time"), bound(end_time, "end_time")
    zone = zone_of(timezone)
    query = query_of(client, campaign_id, data_state, timeseries, convert_to, max_request_line)
    return query, zone, plan_ranges(query, start, end, chunk_points)


def download_aggregate(
    client: BEMServerApiClient,
    start_time: dt.datetime | str,
    end_time: dt.datetime | str,
    data_state: int,
    timeseries: Labels,
    timezone: str = "UTC",
    aggregation: str = "avg",
    bucket_width_value: int = 1,
    bucket_width_unit: str = "hour",
    *,
    campaign_id: int | None = None,
    convert_to: list[str] | str | None = None,
    progress: Progress | None = None,
    max_request_line: int = MAX_REQUEST_LINE,
) -> pd.DataFrame:
    """Aggregates by bucket (one request per group of timeseries: buckets are aligned in
    `timezone` by the server, so a range is not split): a DatetimeIndex in `timezone` (one row
    per bucket), float64 columns (NaN: a bucket without data; 0 for aggregation="count").
    `aggregation` and `bucket_width_unit` take the enums' members or values."""
    check_client(client)
    check_bounds(chunk_points=None, max_workers=1, max_request_line=max_request_line)
    start, end = bound(start_time, "start_time"), bound(end_time, "end_time")
    zone = zone_of(timezone)
    query = query_of(client, campaign_id, data_state, timeseries, convert_to, max_request_line)
    buckets: dict[str, Any] = {
        "aggregation": aggregation,
        "bucket_width_value": bucket_width_value,
        "bucket_width_unit": bucket_width_unit,
    }
    parts = []
    for group in query.groups_for("aggregate", **query.options(start, end, timezone), **buckets):
        request = query.request(start, end, timezone, "text/csv", group, "aggregate", **buckets)
        body = _read_body(client, request)
        parts.append(_parse_csv(body, group))
        del body
    stamps, values = _merged(parts)
    assembly = _Assembly(len(query.labels), capacity=len(stamps))
    assembly.add(stamps, values)
    if progress is not None:
        points = int(np.count_nonzero(~np.isnan(values)))
        progress(points, points)
    return assembly.frame(query.labels, zone)


def stats(
    client: BEMServerApiClient,
    data_state: int,
    timeseries: Labels,
    timezone: str = "UTC",
    *,
    campaign_id: int | None = None,
    max_request_line: int = MAX_REQUEST_LINE,
) -> pd.DataFrame:
    """The server's stats of each timeseries in a data state, one row per timeseries (the
    index: ids, or names with `campaign_id`, in the order asked): `first_timestamp`,
    `last_timestamp` (in `timezone`; NaT without data), `count`, `min`, `max`, `avg`, `stddev`
    (NaN without data). One request per group of timeseries whose request line fits."""
    check_client(client)
    check_bounds(chunk_points=None, max_workers=1, max_request_line=max_request_line)
    zone = zone_of(timezone)
    query = query_of(client, campaign_id, data_state, timeseries, None, max_request_line)
    entries = query.stats()
    rows = [entries.get(str(label), {}) for label in query.labels]

    def stamps(key: str) -> pd.DatetimeIndex:
        parsed = pd.to_datetime([row.get(key) for row in rows], utc=True, format="ISO8601")
        return pd.DatetimeIndex(parsed).as_unit("us").tz_convert(zone)

    frame = pd.DataFrame(
        {
            "first_timestamp": stamps("first_timestamp"),
            "last_timestamp": stamps("last_timestamp"),
            "count": [int(row.get("count") or 0) for row in rows],
            **{
                key: pd.array([row.get(key) for row in rows], dtype="float64").to_numpy(
                    na_value=np.nan
                )
                for key in ("min", "max", "avg", "stddev")
            },
        },
        index=pd.Index(query.labels, name="timeseries"),
    )
    return frame


def download_csv(
    client: BEMServerApiClient,
    file: str | os.PathLike[str] | IO[bytes],
    start_time: dt.datetime | str,
    end_time: dt.datetime | str,
    data_state: int,
    timeseries: Labels,
    timezone: str = "UTC",
    *,
    campaign_id: int | None = None,
    convert_to: list[str] | str | None = None,
    chunk_points: int | None = DOWNLOAD_CHUNK_POINTS,
    progress: Progress | None = None,
    max_request_line: int = MAX_REQUEST_LINE,
) -> int:
    """Stream values in [start_time, end_time) into a CSV file (the server's format: a
    `Datetime` column in `timezone`, whole seconds, one column per timeseries) and return the
    number of values written. Each time range is streamed from the socket to the file, never
    held whole (with more timeseries than one request line holds, the range's groups are
    fetched and joined in memory, one range at a time). A path is written to a temporary file
    beside it, renamed when complete (and removed on failure); an open binary file is written
    from where it stands."""
    query, _, plan = _planned(
        client, start_time, end_time, data_state, timeseries, timezone, campaign_id, convert_to,
        chunk_points, 1, max_request_line,
    )  # fmt: skip
    if isinstance(file, str | os.PathLike):
        target = os.fspath(file)
        directory = os.path.dirname(os.path.abspath(target))
        handle, partial = tempfile.mkstemp(dir=directory, prefix=".download-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                points = _stream_csv(query, plan, timezone, out, progress)
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise
        return points
    return _stream_csv(query, plan, timezone, file, progress)


def _stream_csv(
    query: Query, plan: Plan, timezone: str, out: IO[bytes], progress: Progress | None
) -> int:
    done, total = 0, plan.points
    if progress is not None:
        progress(0, total)
    groups = query.groups
    for number, (start, end) in enumerate(plan.ranges):
        counter = _PointCounter(len(query.labels))
        if len(groups) == 1:
            _copy_csv(query, start, end, timezone, out, counter, header=number == 0)
        else:
            bodies = [
                _read_body(query.client, query.request(start, end, timezone, "text/csv", group))
                for group in groups
            ]
            header, data = _joined_csv(bodies, [len(group) for group in groups])
            del bodies
            if number == 0:
                out.write(header)
            out.write(data)
            counter.feed(data)
        counter.finish()
        done += counter.points
        total = max(total, done)
        if progress is not None:
            progress(done, total)
    if progress is not None and total != done:
        progress(done, done)
    out.flush()
    return done


def _copy_csv(
    query: Query,
    start: dt.datetime,
    end: dt.datetime,
    timezone: str,
    out: IO[bytes],
    counter: _PointCounter,
    *,
    header: bool,
) -> None:
    """One range's CSV from the socket to `out`, its header line only if `header`."""
    with stream(query.client, **query.request(start, end, timezone, "text/csv")) as response:
        head, in_header = b"", True  # every range starts with the header: written once
        try:
            for block in response.iter_bytes():
                if in_header:
                    head += block
                    cut = head.find(b"\n")
                    if cut < 0:
                        continue
                    in_header = False
                    if header:
                        out.write(head[: cut + 1])
                    block, head = head[cut + 1 :], b""
                if block:
                    out.write(block)
                    counter.feed(block)
        except (httpx.TransportError, httpx.StreamError) as exc:
            raise _cut_short(exc, response) from None
    if in_header and header and head:  # a header without a line end
        out.write(head + b"\n")


def _ordered(
    fetch: Callable[[Piece], Any], pieces: list[Piece], max_workers: int
) -> Iterator[tuple[Piece, Any]]:
    """(piece, fetch(piece)) for each piece, in order, `max_workers` fetches under way (one
    less while the caller works on the one it was given)."""
    if max_workers == 1 or len(pieces) == 1:
        for piece in pieces:
            yield piece, fetch(piece)
        return
    with ThreadPoolExecutor(max_workers, thread_name_prefix="bemserver-download") as pool:
        remaining = iter(pieces)
        queue: deque[tuple[Piece, Future[Any]]] = deque()

        def refill() -> None:
            while len(queue) < max_workers and (piece := next(remaining, None)) is not None:
                queue.append((piece, pool.submit(fetch, piece)))

        try:
            refill()
            while queue:
                piece, future = queue.popleft()
                result = future.result()
                yield piece, result
                del result  # before the next fetch starts: at most max_workers bodies held
                refill()
        finally:
            for _, future in queue:
                future.cancel()
