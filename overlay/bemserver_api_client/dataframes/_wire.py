"""The server's answers read and parsed: bodies into buffers of ours, CSV and JSON into
(UTC microseconds, values) arrays, parts of several column groups merged, rows assembled in place."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, cast

import httpx
import numpy as np
import pandas as pd

from ..exceptions import BEMServerAPIConnectionError, BEMServerAPIResponseError
from ._common import EXACT_FLOATS, US, stream

if TYPE_CHECKING:
    from ..client import BEMServerApiClient


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
    with stream(client, **request) as response:
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
            **EXACT_FLOATS,
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
    return stamps.astype("datetime64[s]").astype("int64") * US


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


def _merged(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One time range fetched in several column groups, as one (stamps, values): the union of
    their timestamps, the groups' columns side by side in the order of the groups, NaN where a
    group has no value at a timestamp another has."""
    if len(parts) == 1:
        return parts[0]
    union = np.unique(np.concatenate([stamps for stamps, _ in parts]))
    values = np.full((len(union), sum(part.shape[1] for _, part in parts)), np.nan)
    column = 0
    for stamps, part in parts:
        values[np.searchsorted(union, stamps), column : column + part.shape[1]] = part
        column += part.shape[1]
    return union, values


def _joined_csv(bodies: list[bytearray], widths: list[int]) -> tuple[bytes, bytes]:
    """The server's CSV of one time range fetched in several column groups, as one CSV (its
    header line, its data lines): timestamps and values as the server wrote them, rows in time
    order, empty fields where a group has no value at a timestamp another has."""
    header = b""
    rows: dict[int, list[str | None]] = {}
    stamps_text: dict[int, str] = {}
    for number, body in enumerate(bodies):
        text = body.decode("utf-8")
        head, _, data = text.partition("\n")
        header += (head.rstrip("\r") if number == 0 else "," + head.split(",", 1)[1]).encode()
        lines = [line for line in data.split("\n") if line]
        if not lines:
            continue
        stamps, _, rests = zip(*(line.partition(",") for line in lines), strict=True)
        try:
            utc = pd.to_datetime(list(stamps), format="%Y-%m-%dT%H:%M:%S%z", utc=True).asi8
        except (ValueError, TypeError) as exc:
            raise BEMServerAPIResponseError(message=f"unexpected CSV: {str(exc)[:200]}") from None
        for key, stamp, rest in zip(utc.tolist(), stamps, rests, strict=True):
            stamps_text.setdefault(key, stamp)
            rows.setdefault(key, [None] * len(bodies))[number] = rest
    empty = ["," * (width - 1) for width in widths]
    out = io.StringIO()
    for key in sorted(rows):
        fields = rows[key]
        out.write(stamps_text[key])
        for number, rest in enumerate(fields):
            out.write("," + (empty[number] if rest is None else rest))
        out.write("\n")
    return header + b"\n", out.getvalue().encode()
