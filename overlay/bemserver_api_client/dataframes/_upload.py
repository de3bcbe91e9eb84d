"""Uploads: a frame checked and normalised, split into chunks of rows, sent in parallel (the
first alone), with a report of what was stored."""

from __future__ import annotations

import csv
import io
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd

from ..exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIError,
)
from ._common import (
    UPLOAD_CHUNK_POINTS,
    UPLOAD_WORKERS,
    US,
    Progress,
    check_bounds,
    check_client,
    stream,
    timeseries_id,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..client import BEMServerApiClient

ChunkStatus = Literal["stored", "failed", "unknown", "not sent"]
_GATEWAY = frozenset({408, 502, 503, 504})  # the request may have been processed behind it


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
    check_client(client)
    check_bounds(chunk_points=chunk_points, max_workers=max_workers)
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
        with stream(
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
    ids = [timeseries_id(label) for label in columns]
    if len(set(ids)) != len(ids):
        raise BEMServerAPIClientValueError("two columns name the same timeseries id")
    return ids


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
    unit: Literal["s", "us"] = "s" if not (micros % US).any() else "us"
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
