"""Timeseries data as pandas DataFrames, at any size (the `pandas` extra:
`pip install "bemserver-client[pandas]"`; `import bemserver_api_client` never loads pandas).

    from bemserver_api_client import dataframes

    dataframes.upload(client, data_state, frame)                  # columns: timeseries ids
    dataframes.upload(client, data_state, frame, campaign_id=1)   # columns: timeseries names
    frame = dataframes.download(client, start, end, data_state, [1, 2], "Europe/Paris")
    frame = dataframes.download_aggregate(client, start, end, data_state, [1, 2], aggregation="sum")
    points = dataframes.download_csv(client, "data.csv", start, end, data_state, [1, 2])

Frames have a timezone-aware DatetimeIndex (a naive one is refused before anything is sent) and
one float64 column per timeseries (its id, or its name with `campaign_id=`); NaN is a gap
(nothing is stored for it, nothing was stored there).

Large transfers are split: uploads into requests of at most `chunk_points` values, sent
`max_workers` at a time (the first one alone: the server makes each timeseries' per-data-state
record on its first write, and two concurrent first writes collide); downloads into time ranges
of about `chunk_points` values (planned from the server's stats), fetched `max_workers` at a
time and assembled in place. `progress(done, total)` is called with points, from the calling
thread, monotonic, ending at done == total.

An upload that fails raises `BEMServerAPIUploadError`: which chunks were stored and which were
not, and `exc.remaining`, the rows not known to be stored, to pass back to `upload` (the server
never overwrites a stored timestamp, so sending a chunk again cannot duplicate or change data).

Wire formats (measured, see the README's "Timeseries at scale"): CSV both ways. The server's CSV
export writes whole seconds: a downloaded chunk whose CSV repeats a timestamp is fetched again as
JSON (microseconds), and `wire_format="json"` always downloads JSON (for sub-second data).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import json
import math
import os
import tempfile
import time
import zoneinfo
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Literal, cast

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover (the extra is installed for the tests)
    raise ImportError(
        'bemserver_api_client.dataframes needs pandas: pip install "bemserver-client[pandas]"'
    ) from exc

import httpx

from ._arguments import aware_datetime
from .exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIError,
    BEMServerAPIResponseError,
)

if TYPE_CHECKING:
    from .client import BEMServerApiClient

# Defaults, measured on a real server (README, "Timeseries at scale").
UPLOAD_CHUNK_POINTS = 50_000
DOWNLOAD_CHUNK_POINTS = 100_000
UPLOAD_WORKERS = 4  # keep-alive connections stick to a server process: 4 spread better than 2
DOWNLOAD_WORKERS = 2  # more would hold more bodies at once (peak memory)

Progress = Callable[[int, int], object]  # (points done, points in all)
Labels = Sequence[int] | Sequence[str] | int | str
ChunkStatus = Literal["stored", "failed", "unknown", "not sent"]

_US = np.int64(1_000_000)
# pandas 3 reads floats exactly by default (and deprecates the option); pandas 2 needs asking.
_EXACT_FLOATS: dict[str, Any] = (
    {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}
)
_GATEWAY = frozenset({408, 502, 503, 504})  # the request may have been processed behind it


# -- uploads ----------------------------------------------------------------------------------


@dataclass(eq=False)
class Chunk:
    """One upload request: rows `frame` (a slice of the frame sent), `points` values in it.

    status: "stored" (the server answered 201), "failed" (it answered an error: its
    transaction was rolled back, nothing of the chunk is stored), "unknown" (sent, no answer:
    it may be stored; sending it again is harmless), "not sent" (the upload stopped first).
    """

    number: int
    first: pd.Timestamp
    last: pd.Timestamp
    points: int
    status: ChunkStatus = "not sent"
    error: BaseException | None = None
    frame: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)


@dataclass
class UploadReport:
    """What `upload` did: every chunk stored, `points` values in `len(chunks)` requests."""

    chunks: list[Chunk]
    points: int
    seconds: float


class BEMServerAPIUploadError(BEMServerAPIError):
    """Upload incomplete."""

    default_status = None

    def __init__(self, chunks: list[Chunk], columns: pd.Index) -> None:
        self.chunks = chunks
        self.stored = [chunk for chunk in chunks if chunk.status == "stored"]
        self.not_stored = [chunk for chunk in chunks if chunk.status != "stored"]
        self.stored_points = sum(chunk.points for chunk in self.stored)
        self.remaining_points = sum(chunk.points for chunk in self.not_stored)
        # The rows of every chunk not known to be stored, in order: `upload(..., exc.remaining)`.
        frames = [chunk.frame for chunk in self.not_stored]
        self.remaining: pd.DataFrame = (
            pd.concat(frames) if frames else pd.DataFrame(columns=columns, dtype="float64")
        )
        first = next((chunk.error for chunk in chunks if chunk.error is not None), None)
        self.errors = [chunk.error for chunk in chunks if chunk.error is not None]
        status = first.status_code if isinstance(first, BEMServerAPIError) else None
        super().__init__(
            status,
            message=self._summary(first),
            method=getattr(first, "method", None),
            path=getattr(first, "path", None),
        )

    def _summary(self, first: BaseException | None) -> str:
        counts: dict[str, int] = {}
        for chunk in self.not_stored:
            counts[chunk.status] = counts.get(chunk.status, 0) + 1
        total = self.stored_points + self.remaining_points
        parts = [
            f"{len(self.stored)} of {len(self.chunks)} chunks stored "
            f"({self.stored_points:,} of {total:,} points)",
            "not stored: " + ", ".join(f"{n} {status}" for status, n in counts.items()),
        ]
        if first is not None:
            parts.append(f"first error: {type(first).__name__}: {first}")
        parts.append(f"exc.remaining holds the {self.remaining_points:,} points to send again")
        return "; ".join(parts)


def upload(
    client: BEMServerApiClient,
    data_state: int,
    data: pd.DataFrame | pd.Series,
    *,
    campaign_id: int | None = None,
    chunk_points: int = UPLOAD_CHUNK_POINTS,
    max_workers: int = UPLOAD_WORKERS,
    progress: Progress | None = None,
) -> UploadReport:
    """Upload a DataFrame (one column per timeseries: ids, or names with `campaign_id`) or a
    named Series, in requests of at most `chunk_points` values (a row is never split),
    `max_workers` at a time. Timestamps already stored keep their value (the server never
    overwrites): to replace values, delete them first.

    Raises BEMServerAPIClientValueError before sending anything for a naive or non-datetime
    index, duplicate timestamps or columns, nanoseconds, non-numeric or infinite values; and
    BEMServerAPIUploadError if some chunks were not stored (`exc.remaining` to send again)."""
    started = time.perf_counter()
    _check_client(client)
    _check_bounds(chunk_points=chunk_points, max_workers=max_workers)
    frame = _normalise(data, by_names=campaign_id is not None)
    chunks = _split(frame, chunk_points)
    header = _csv_header(frame.columns)

    path: tuple[int, ...] = ()
    if campaign_id is None:
        operation = "timeseries_data.post_timeseries_data"
    else:
        operation = "timeseries_data_for_campaign.post_timeseries_data_campaign_campaign_id"
        path = (campaign_id,)

    def send(chunk: Chunk) -> None:
        body = _csv_body(header, chunk.frame)
        with _stream(
            client, operation, path, content=body, content_type="text/csv", data_state=data_state
        ) as response:
            response.read()  # 201, null

    total = sum(chunk.points for chunk in chunks)
    _run_upload(send, chunks, max_workers, progress, total)
    if any(chunk.status != "stored" for chunk in chunks):
        raise BEMServerAPIUploadError(chunks, frame.columns) from next(
            (chunk.error for chunk in chunks if chunk.error is not None), None
        )
    return UploadReport(chunks, total, time.perf_counter() - started)


def _run_upload(
    send: Callable[[Chunk], None],
    chunks: list[Chunk],
    max_workers: int,
    progress: Progress | None,
    total: int,
) -> None:
    """Send the chunks, the first alone, then up to `max_workers` at once; stop sending at the
    first failure (requests under way finish). Statuses are set on the chunks; progress is
    reported from this thread."""
    done = 0
    if progress is not None:
        progress(0, total)
    pending = deque(chunks)
    running: dict[Future[None], Chunk] = {}
    failed = False
    with ThreadPoolExecutor(max_workers, thread_name_prefix="bemserver-upload") as pool:
        while pending or running:
            # The first chunk goes alone (see the module docstring), the others in parallel.
            room = max_workers if chunks[0].status == "stored" else 1
            while not failed and pending and len(running) < room:
                chunk = pending.popleft()
                chunk.status = "unknown"  # sent, no answer yet
                running[pool.submit(send, chunk)] = chunk
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                chunk = running.pop(future)
                error = future.exception()
                if error is None:
                    chunk.status = "stored"
                    done += chunk.points
                    if progress is not None:
                        progress(done, total)
                else:
                    chunk.status, chunk.error = _failure(error), error
                    failed = True
    for chunk in pending:
        chunk.status = "not sent"


def _failure(error: BaseException) -> ChunkStatus:
    """An error answer means the server rolled the request back; no answer (or a gateway's)
    leaves it unknown."""
    if isinstance(error, BEMServerAPIConnectionError):
        return "unknown"
    if isinstance(error, BEMServerAPIError) and error.status_code not in _GATEWAY:
        return "failed"
    return "unknown"


def _normalise(data: pd.DataFrame | pd.Series, *, by_names: bool) -> pd.DataFrame:
    """A float64 frame sorted by time, its columns as sent (ids as int, names as str), rows
    without any value dropped; or a clear error before anything is sent."""
    if isinstance(data, pd.Series):
        if data.name is None:
            raise BEMServerAPIClientValueError(
                "a Series needs a name: its timeseries id (or name, with campaign_id=)"
            )
        data = data.to_frame()
    if not isinstance(data, pd.DataFrame):
        raise BEMServerAPIClientValueError(
            f"expected a pandas DataFrame or Series, got {type(data).__name__}"
        )
    index = data.index
    if not isinstance(index, pd.DatetimeIndex):
        raise BEMServerAPIClientValueError(
            f"the index must be a DatetimeIndex (timestamps), not {type(index).__name__}"
        )
    if index.tz is None:
        raise BEMServerAPIClientValueError(
            "naive timestamps (the index has no timezone): localize them first, e.g. "
            "frame.tz_localize('Europe/Paris') (the server refuses naive ones)"
        )
    if index.hasnans:
        raise BEMServerAPIClientValueError("the index has NaT (missing timestamps)")
    columns = _columns(data.columns, by_names)
    for name, dtype in data.dtypes.items():
        if not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)):
            raise BEMServerAPIClientValueError(
                f"column {name!r}: values must be numbers, not {dtype}"
            )
    try:
        values = data.to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise BEMServerAPIClientValueError(f"values must be numbers: {exc}") from None
    infinite = np.isinf(values)
    if infinite.any():
        row, column = (int(i[0]) for i in np.nonzero(infinite))
        raise BEMServerAPIClientValueError(
            f"infinite value at {index[row].isoformat()} in column {columns[column]!r}"
            " (the server stores numbers, and NaN as a gap)"
        )
    utc = index.tz_convert("UTC")
    stamps = utc.as_unit("ns").asi8
    if (stamps % 1000).any():
        raise BEMServerAPIClientValueError(
            "timestamps with nanoseconds: the server keeps microseconds (round the index)"
        )
    if index.has_duplicates:
        duplicate = index[index.duplicated()][0]
        raise BEMServerAPIClientValueError(
            f"duplicate timestamp {duplicate.isoformat()} (the server would keep one value)"
        )
    keep = ~np.isnan(values).all(axis=1)
    order = np.argsort(stamps[keep], kind="stable") if not utc.is_monotonic_increasing else None
    values, index = values[keep], index[keep]
    if order is not None:
        values, index = values[order], index[order]
    return pd.DataFrame(values, index=index, columns=pd.Index(columns, dtype=object), copy=False)


def _columns(columns: pd.Index, by_names: bool) -> list[Any]:
    if isinstance(columns, pd.MultiIndex):
        raise BEMServerAPIClientValueError("one column level only: a timeseries per column")
    if columns.has_duplicates:
        duplicate = columns[columns.duplicated()][0]
        raise BEMServerAPIClientValueError(f"timeseries {duplicate!r} has two columns")
    if by_names:
        for name in columns:
            if not isinstance(name, str) or not name:
                raise BEMServerAPIClientValueError(
                    f"with campaign_id=, columns are timeseries names (str), got {name!r}"
                )
        return list(columns)
    ids = [_timeseries_id(label) for label in columns]
    if len(set(ids)) != len(ids):
        raise BEMServerAPIClientValueError("two columns name the same timeseries id")
    return ids


def _timeseries_id(label: Any) -> int:
    if isinstance(label, bool | np.bool_):
        raise BEMServerAPIClientValueError(f"column {label!r} is not a timeseries id")
    if isinstance(label, int | np.integer):
        return int(label)
    if isinstance(label, str) and label.isascii() and label.isdigit():
        return int(label)
    raise BEMServerAPIClientValueError(
        f"{label!r} is not a timeseries id (with campaign_id=, timeseries are named)"
    )


def _split(frame: pd.DataFrame, chunk_points: int) -> list[Chunk]:
    """Consecutive row ranges of at most `chunk_points` values (one row at least). The first
    ends after each column's first value, when it can: it is sent alone (it makes the
    server's per-state records), so the shorter it is, the sooner the others go in parallel."""
    present = ~np.isnan(frame.to_numpy())
    cumulative = np.cumsum(present.sum(axis=1))
    first_writes = int(present.argmax(axis=0).max()) + 1 if len(frame) else 0
    chunks: list[Chunk] = []
    start, rows = 0, len(frame)
    while start < rows:
        before = int(cumulative[start - 1]) if start else 0
        end = int(np.searchsorted(cumulative, before + chunk_points, side="right"))
        if not chunks:
            end = min(end, first_writes)
        end = max(end, start + 1)
        chunks.append(
            Chunk(
                number=len(chunks),
                first=frame.index[start],
                last=frame.index[end - 1],
                points=int(cumulative[end - 1]) - before,
                frame=frame.iloc[start:end],
            )
        )
        start = end
    return chunks


def _csv_header(columns: pd.Index) -> bytes:
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(["Datetime", *map(str, columns)])
    return line.getvalue().encode()


def _iso_utc(index: pd.DatetimeIndex) -> list[str]:
    """ISO 8601 UTC strings (whole seconds when every timestamp is, else microseconds)."""
    micros = index.tz_convert("UTC").as_unit("us").asi8
    unit: Literal["s", "us"] = "s" if not (micros % _US).any() else "us"
    naive: np.ndarray[Any, np.dtype[np.datetime64]] = micros.view("datetime64[us]")
    return [text + "+00:00" for text in np.datetime_as_string(naive, unit=unit).tolist()]


def _csv_body(header: bytes, frame: pd.DataFrame) -> bytes:
    """The CSV the server reads: repr() of each float (exact), an empty field for NaN."""
    rows = frame.to_numpy().tolist()
    lines = [
        stamp + "," + ",".join(map(repr, row))
        for stamp, row in zip(_iso_utc(cast(pd.DatetimeIndex, frame.index)), rows, strict=True)
    ]
    return header + ("\n".join(lines).replace("nan", "") + "\n").encode()


# -- downloads --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Query:
    """What a download asks for; `labels` as the frame's columns (ids as int)."""

    client: BEMServerApiClient
    campaign_id: int | None
    data_state: int
    labels: list[Any]
    convert_to: list[str] | str | None

    @property
    def operation(self) -> str:
        if self.campaign_id is None:
            return "timeseries_data.get_timeseries_data"
        return "timeseries_data_for_campaign.get_timeseries_data_campaign_campaign_id"

    @property
    def path(self) -> tuple[int, ...]:
        return () if self.campaign_id is None else (self.campaign_id,)

    def fetch(self, start: dt.datetime, end: dt.datetime, timezone: str, accept: str) -> Any:
        """One range: the CSV bytes, or the decoded JSON. The body is read from the socket into
        bytes of ours: freed as soon as parsed (an httpx response keeps its body until the
        garbage collector breaks its reference cycle)."""
        body = _read_body(self.client, self.request(start, end, timezone, accept))
        if accept == "text/csv":
            return body
        try:
            return json.loads(body)
        except ValueError as exc:
            raise BEMServerAPIResponseError(message=f"invalid JSON ({str(exc)[:100]})") from None

    def request(
        self, start: dt.datetime, end: dt.datetime, timezone: str, accept: str
    ) -> dict[str, Any]:
        """The keywords of `_stream` for one range."""
        return {
            "operation": self.operation,
            "path": self.path,
            "accept": accept,
            "start_time": start,
            "end_time": end,
            "data_state": self.data_state,
            "timeseries": self.labels,
            "timezone": timezone,
            "convert_to": self.convert_to,
        }

    def stats(self) -> dict[str, Any]:
        actions = self.client.timeseries_data
        if self.campaign_id is None:
            data = actions.get_stats(self.data_state, self.labels, "UTC").data
        else:
            data = actions.get_stats_by_names(
                self.campaign_id, self.data_state, self.labels, "UTC"
            ).data
        stats = data.get("stats") if isinstance(data, dict) else None
        if not isinstance(stats, dict):
            raise BEMServerAPIResponseError(message="timeseries stats without 'stats'")
        return stats


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
    wire_format: Literal["csv", "json"] = "csv",
) -> pd.DataFrame:
    """Values in [start_time, end_time) as a DataFrame: a DatetimeIndex in `timezone`, one
    float64 column per timeseries in the order asked (ids, or names with `campaign_id`), NaN
    where a timeseries has no value at a timestamp another one has.

    Long ranges are fetched in time ranges of about `chunk_points` values (planned from the
    server's stats; None: one request), `max_workers` at a time; `progress(done, total)` in
    points (total: the server's count, estimated when the range cuts through the data, and
    equal to done at the end)."""
    query, zone, (plan, total, rows) = _planned(
        client, start_time, end_time, data_state, timeseries, timezone, campaign_id, convert_to,
        chunk_points, max_workers,
    )  # fmt: skip
    assembly = _Assembly(len(query.labels), capacity=rows)

    accept = "application/json" if wire_format == "json" else "text/csv"

    def fetch(piece: tuple[dt.datetime, dt.datetime]) -> Any:
        return query.fetch(*piece, "UTC", accept)

    done = 0
    if progress is not None:
        progress(0, total)
    # Bodies are fetched `max_workers` at a time (the server's work, in parallel) and parsed
    # here one at a time, in order (parsing is quick; one parse's buffers at a time).
    for piece, body in _ordered(fetch, plan, max_workers):
        if wire_format == "json":
            stamps, values = _parse_json(body, query.labels)
        else:
            stamps, values = _parse_csv(body, query.labels)
            if len(stamps) > 1 and not (np.diff(stamps) > 0).all():
                # The CSV repeats a timestamp (it shows whole seconds): sub-second data.
                del stamps, values
                stamps, values = _parse_json(_fetch_json(query, piece), query.labels)
        del body
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
) -> tuple[_Query, str, tuple[list[tuple[dt.datetime, dt.datetime]], int, int]]:
    """A download's arguments checked (before any request), its query, its timezone and its
    plan of time ranges (see _plan)."""
    _check_client(client)
    _check_bounds(chunk_points=chunk_points, max_workers=max_workers)
    start, end = aware_datetime(start_time, "start_time"), aware_datetime(end_time, "end_time")
    zone = _zone(timezone)
    query = _query(client, campaign_id, data_state, timeseries, convert_to)
    return query, zone, _plan(query, start, end, chunk_points)


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
) -> pd.DataFrame:
    """Aggregates by bucket (one request: buckets are aligned in `timezone` by the server, so a
    range is not split): a DatetimeIndex in `timezone` (one row per bucket), float64 columns
    (NaN: a bucket without data; 0 for aggregation="count"). `aggregation` and
    `bucket_width_unit` take the enums' members or values."""
    _check_client(client)
    start, end = aware_datetime(start_time, "start_time"), aware_datetime(end_time, "end_time")
    zone = _zone(timezone)
    query = _query(client, campaign_id, data_state, timeseries, convert_to)
    actions = client.timeseries_data
    options: dict[str, Any] = {
        "aggregation": aggregation,
        "bucket_width_value": bucket_width_value,
        "bucket_width_unit": bucket_width_unit,
        "format": "text/csv",
        "convert_to": convert_to,
    }
    if campaign_id is None:
        response = actions.download_aggregate(
            start, end, data_state, query.labels, timezone, **options
        )
    else:
        response = actions.download_aggregate_by_names(
            campaign_id, start, end, data_state, query.labels, timezone, **options
        )
    stamps, values = _parse_csv(response.data, query.labels)
    assembly = _Assembly(len(query.labels), capacity=len(stamps))
    assembly.add(stamps, values)
    if progress is not None:
        points = int(np.count_nonzero(~np.isnan(values)))
        progress(points, points)
    return assembly.frame(query.labels, zone)


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
) -> int:
    """Stream values in [start_time, end_time) into a CSV file (the server's format: a
    `Datetime` column in `timezone`, whole seconds, one column per timeseries) and return the
    number of values written. Each time range is streamed from the socket to the file, never
    held whole. A path is written to a temporary file beside it, renamed when complete (and
    removed on failure); an open binary file is written from where it stands."""
    query, _, (plan, total, _) = _planned(
        client, start_time, end_time, data_state, timeseries, timezone, campaign_id, convert_to,
        chunk_points, 1,
    )  # fmt: skip
    if isinstance(file, str | os.PathLike):
        target = os.fspath(file)
        directory = os.path.dirname(os.path.abspath(target))
        handle, partial = tempfile.mkstemp(dir=directory, prefix=".download-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                points = _stream_csv(query, plan, timezone, out, total, progress)
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise
        return points
    return _stream_csv(query, plan, timezone, file, total, progress)


def _stream_csv(
    query: _Query,
    plan: list[tuple[dt.datetime, dt.datetime]],
    timezone: str,
    out: IO[bytes],
    total: int,
    progress: Progress | None,
) -> int:
    done = 0
    if progress is not None:
        progress(0, total)
    for number, (start, end) in enumerate(plan):
        counter = _PointCounter(len(query.labels))
        with _stream(query.client, **query.request(start, end, timezone, "text/csv")) as response:
            head, in_header = b"", True  # every range starts with the header: written once
            try:
                for block in response.iter_bytes():
                    if in_header:
                        head += block
                        cut = head.find(b"\n")
                        if cut < 0:
                            continue
                        in_header = False
                        if number == 0:
                            out.write(head[: cut + 1])
                        block, head = head[cut + 1 :], b""
                    if block:
                        out.write(block)
                        counter.feed(block)
            except (httpx.TransportError, httpx.StreamError) as exc:
                raise _cut_short(exc, response) from None
        if in_header and number == 0 and head:  # a header without a line end
            out.write(head + b"\n")
        counter.finish()
        done += counter.points
        total = max(total, done)
        if progress is not None:
            progress(done, total)
    if progress is not None and total != done:
        progress(done, done)
    out.flush()
    return done


class _PointCounter:
    """Values in CSV lines streamed in blocks: per data line, the columns minus empty fields."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.points = 0
        self.carry = b""  # an unfinished line

    def feed(self, block: bytes) -> None:
        text = self.carry + block
        cut = text.rfind(b"\n") + 1
        self.carry = text[cut:]
        if cut:
            lines = np.frombuffer(text, dtype=np.uint8, count=cut)
            comma = lines[:-1] == ord(",")
            following = lines[1:]
            empty = comma & ((following == ord(",")) | (following == ord("\n")))
            rows = int(np.count_nonzero(lines == ord("\n")))
            self.points += rows * self.columns - int(np.count_nonzero(empty))

    def finish(self) -> None:
        if self.carry:  # a last line without a line end
            self.feed(b"\n")


def _read_body(client: BEMServerApiClient, request: dict[str, Any]) -> bytearray:
    """The body, read into one buffer of the announced length (no list of parts joined)."""
    with _stream(client, **request) as response:
        length = response.headers.get("Content-Length", "")
        encoded = response.headers.get("Content-Encoding", "identity") != "identity"
        body = bytearray(int(length) if length.isdigit() and not encoded else 0)
        size = 0
        try:
            for part in response.iter_bytes():
                end = size + len(part)
                if end <= len(body):
                    body[size:end] = part
                else:
                    body[size:] = part
                size = end
        except (httpx.TransportError, httpx.StreamError) as exc:
            raise _cut_short(exc, response) from None
    if size != len(body):
        del body[size:]
    return body


class _BufferReader(io.RawIOBase):
    """A bytearray as a read-only file, without copying it (io.BytesIO would)."""

    def __init__(self, buffer: bytearray) -> None:
        self.view = memoryview(buffer)
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        count = min(len(target), len(self.view) - self.position)
        target[:count] = self.view[self.position : self.position + count]
        self.position += count
        return count

    def close(self) -> None:
        self.view.release()
        super().close()


def _cut_short(exc: Exception, response: Any) -> BEMServerAPIConnectionError:
    return BEMServerAPIConnectionError(
        message=f"download cut short: {type(exc).__name__}: {str(exc)[:200]}",
        method="GET",
        path=response.request.url.path,
    )


def _stream(
    client: BEMServerApiClient, operation: str, path: tuple[Any, ...], **options: Any
) -> contextlib.AbstractContextManager[httpx.Response]:
    """One request whose answer's body is read as it comes: the client's `_stream_request`."""
    return client._stream_request(operation, *path, **options)


def _ordered(
    fetch: Callable[[tuple[dt.datetime, dt.datetime]], Any],
    plan: list[tuple[dt.datetime, dt.datetime]],
    max_workers: int,
) -> Iterator[tuple[tuple[dt.datetime, dt.datetime], Any]]:
    """(range, fetch(range)) for each range, in order, `max_workers` fetches under way (one
    less while the caller works on the one it was given)."""
    if max_workers == 1 or len(plan) == 1:
        for piece in plan:
            yield piece, fetch(piece)
        return
    with ThreadPoolExecutor(max_workers, thread_name_prefix="bemserver-download") as pool:
        pieces = iter(plan)
        queue: deque[tuple[tuple[dt.datetime, dt.datetime], Future[Any]]] = deque()

        def refill() -> None:
            while len(queue) < max_workers and (piece := next(pieces, None)) is not None:
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


def _fetch_json(query: _Query, piece: tuple[dt.datetime, dt.datetime]) -> Any:
    return query.fetch(*piece, "UTC", "application/json")


class _Assembly:
    """Ranges of rows copied in place into one block (timeseries x rows, the layout pandas
    keeps), grown when needed: the frame is built without a second copy of the values."""

    def __init__(self, columns: int, capacity: int) -> None:
        self.columns = columns
        self.rows = 0
        self.values = np.empty((columns, max(capacity, 1)), dtype="float64")
        self.stamps = np.empty(max(capacity, 1), dtype="int64")  # microseconds, UTC

    def add(self, stamps: np.ndarray, values: np.ndarray) -> None:
        count = len(stamps)
        needed = self.rows + count
        if needed > self.stamps.shape[0]:
            capacity = max(needed, int(self.stamps.shape[0] * 1.5))
            grown = np.empty((self.columns, capacity), dtype="float64")
            grown[:, : self.rows] = self.values[:, : self.rows]
            self.values = grown
            self.stamps = np.resize(self.stamps, capacity)
        self.values[:, self.rows : needed] = values.T
        self.stamps[self.rows : needed] = stamps
        self.rows = needed

    def frame(self, labels: list[Any], zone: str) -> pd.DataFrame:
        rows = self.rows
        values: np.ndarray[Any, Any] = self.values[:, :rows]
        stamps: np.ndarray[Any, Any] = self.stamps[:rows]
        if rows < 0.9 * self.values.shape[1]:  # much room left: give it back
            values, stamps = values.copy(), stamps.copy()
        self.values, self.stamps = np.empty((0, 0)), np.empty(0, dtype="int64")
        index = pd.DatetimeIndex(stamps.view("datetime64[us]")).tz_localize("UTC").tz_convert(zone)
        return pd.DataFrame(values.T, index=index, columns=pd.Index(labels), copy=False)


def _parse_csv(body: Any, labels: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """The server's CSV: (UTC microseconds, values rows x labels, in the order of `labels`).

    Lean: the values by pandas' C reader (the timestamp column skipped), the timestamps of a
    UTC answer ("2024-01-01T00:00:00+0000", the fixed layout plain downloads ask for) read by
    numpy from the bytes in place, never as Python strings; any other offset by pandas."""
    if not isinstance(body, bytes | bytearray):
        raise BEMServerAPIResponseError(message="expected a CSV body")
    cut = body.find(b"\n")
    header_line = body if cut < 0 else body[:cut]
    header = next(csv.reader([header_line.decode("utf-8", "replace").rstrip("\r")]), [])
    order = _column_order(header[1:], labels)
    if cut < 0 or cut + 1 >= len(body):
        return np.empty(0, dtype="int64"), np.empty((0, len(labels)))
    columns = len(header) - 1
    try:
        stamps = _utc_stamps(body, cut, columns)
        table = pd.read_csv(
            io.BufferedReader(_BufferReader(body))
            if isinstance(body, bytearray)
            else io.BytesIO(body),
            skiprows=1,
            header=None,
            names=range(columns + 1),
            usecols=range(0 if stamps is None else 1, columns + 1),
            dtype={i: "str" if i == 0 else "float64" for i in range(columns + 1)},
            keep_default_na=False,
            na_values=[""],
            low_memory=False,  # one pass: no per-block arrays concatenated at the end
            **_EXACT_FLOATS,
        )
        if stamps is None:  # another layout (an aggregate in a local timezone)
            parsed = pd.to_datetime(cast(Any, table).pop(0), format="%Y-%m-%dT%H:%M:%S%z", utc=True)
            stamps = pd.DatetimeIndex(parsed).as_unit("us").asi8
        values = table.to_numpy(dtype="float64", copy=False)
    except (ValueError, TypeError) as exc:
        raise BEMServerAPIResponseError(message=f"unexpected CSV: {str(exc)[:200]}") from None
    if len(stamps) != len(values):
        raise BEMServerAPIResponseError(message="unexpected CSV: ragged lines")
    if order != list(range(columns)):
        values = values[:, order]
    return stamps, values


_UTC_SUFFIX = np.frombuffer(b"+0000", dtype=np.uint8)


def _utc_stamps(body: bytes | bytearray, header_end: int, columns: int) -> np.ndarray | None:
    """UTC microseconds of lines that all start "YYYY-MM-DDTHH:MM:SS+0000" and a separator,
    read in place (19 bytes a line copied); None for any other layout."""
    raw = np.frombuffer(body, dtype=np.uint8)
    ends = np.flatnonzero(raw == ord("\n"))
    if not len(ends) or ends[-1] != len(raw) - 1 or ends[0] != header_end:
        return None
    starts = ends[:-1] + 1
    if len(starts) == 0 or int((ends[1:] - starts).min()) < 24 + (columns > 0):
        return None
    for offset, byte in enumerate(_UTC_SUFFIX.tolist(), start=19):  # one column at a time:
        if not (raw[starts + offset] == byte).all():  # no rows x 19 index array
            return None
    if columns and not (raw[starts + 24] == ord(",")).all():
        return None
    text = np.empty((len(starts), 19), dtype=np.uint8)
    for offset in range(19):
        text[:, offset] = raw[starts + offset]
    stamps = text.view("S19").ravel()
    return stamps.astype("datetime64[s]").astype("int64") * _US


def _parse_json(body: Any, labels: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """The server's JSON {label: {ISO datetime: value}} (microseconds kept)."""
    if not isinstance(body, dict):
        raise BEMServerAPIResponseError(message="expected a JSON object")
    columns = {str(label): body.get(str(label), {}) for label in labels}
    frame = pd.DataFrame({key: pd.Series(value, dtype="float64") for key, value in columns.items()})
    if frame.empty:
        return np.empty(0, dtype="int64"), np.empty((0, len(labels)))
    try:
        stamps = pd.DatetimeIndex(pd.to_datetime(frame.index, format="ISO8601", utc=True))
    except (ValueError, TypeError) as exc:
        raise BEMServerAPIResponseError(message=f"unexpected timestamps: {exc}") from None
    order = np.argsort(stamps.asi8, kind="stable")
    values = frame.to_numpy(dtype="float64")[order]
    return stamps.as_unit("us").asi8[order], values


def _column_order(header: list[str], labels: list[Any]) -> list[int]:
    """Positions in the CSV of each asked label (the server answers in the order asked)."""
    where = {name: i for i, name in enumerate(header)}
    try:
        return [where[str(label)] for label in labels]
    except KeyError as missing:
        raise BEMServerAPIResponseError(
            message=f"the CSV has no column {missing.args[0]!r} (columns: {header[:10]!r})"
        ) from None


def _plan(
    query: _Query, start: dt.datetime, end: dt.datetime, chunk_points: int | None
) -> tuple[list[tuple[dt.datetime, dt.datetime]], int, int]:
    """Time ranges of about `chunk_points` values covering [start, end) exactly, the points
    expected and the rows (timestamps) expected, from the server's stats (first, last, count
    per timeseries; values are assumed evenly spread between first and last)."""
    if end <= start or chunk_points is None:
        return [(start, end)], 0, 0
    expected, rows = 0.0, 0.0
    low: dt.datetime | None = None
    high: dt.datetime | None = None
    for entry in query.stats().values():
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
        return [(start, end)], total, round(rows)
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
    return list(itertools.pairwise(bounds)), total, round(rows)


def _query(
    client: BEMServerApiClient,
    campaign_id: int | None,
    data_state: int,
    timeseries: Labels,
    convert_to: list[str] | str | None,
) -> _Query:
    items = [timeseries] if isinstance(timeseries, int | str) else list(timeseries)
    if not items:
        raise BEMServerAPIClientValueError("no timeseries asked")
    labels = (
        [str(name) for name in items]
        if campaign_id is not None
        else [_timeseries_id(label) for label in items]
    )
    if len(set(labels)) != len(labels):
        raise BEMServerAPIClientValueError("a timeseries is asked twice")
    return _Query(client, campaign_id, data_state, labels, convert_to)


def _zone(timezone: str) -> str:
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise BEMServerAPIClientValueError(f"unknown timezone: {timezone!r}") from None
    return timezone


def _check_client(client: Any) -> None:
    from .client import BEMServerApiClient

    if not isinstance(client, BEMServerApiClient):
        raise BEMServerAPIClientValueError(
            f"expected a BEMServerApiClient, got {type(client).__name__} "
            "(the async client is not supported here: run this in a thread)"
        )


def _check_bounds(*, chunk_points: int | None, max_workers: int) -> None:
    if chunk_points is not None and (not isinstance(chunk_points, int) or chunk_points < 1):
        raise BEMServerAPIClientValueError(f"chunk_points must be >= 1, got {chunk_points!r}")
    if not isinstance(max_workers, int) or max_workers < 1:
        raise BEMServerAPIClientValueError(f"max_workers must be >= 1, got {max_workers!r}")


__all__ = [
    "DOWNLOAD_CHUNK_POINTS",
    "DOWNLOAD_WORKERS",
    "UPLOAD_CHUNK_POINTS",
    "UPLOAD_WORKERS",
    "BEMServerAPIUploadError",
    "Chunk",
    "UploadReport",
    "download",
    "download_aggregate",
    "download_csv",
    "upload",
]
