"""User-friendly arguments -> what goes on the wire.

By the kind of each query parameter (from the operations table): an aware datetime or an ISO
string becomes ISO 8601 (a naive datetime is refused before any request), a date too, an enum
member becomes its value, a dict for a string parameter becomes JSON (`properties`), a single
value for a list parameter becomes a list (comma-joined where the document says
`explode: false`, e.g. `sort`). JSON bodies are encoded here (datetimes, enums and
attrs models included), never by `json.dumps` inside httpx.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from .exceptions import BEMServerAPIClientValueError

DATETIME, DATE, LIST, JOINED, STRING = (
    "datetime",
    "date",
    "list",
    "joined",
    "string",
)  # the table's kinds


def aware_datetime(value: dt.datetime | str, name: str) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise BEMServerAPIClientValueError(
                f"{name}: not an ISO 8601 datetime: {value!r}"
            ) from None
    if not isinstance(value, dt.datetime):
        raise BEMServerAPIClientValueError(
            f"{name}: expected a datetime or an ISO 8601 string, got {type(value).__name__}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise BEMServerAPIClientValueError(
            f"{name}: naive datetime {value.isoformat()!r}: give a timezone (the server refuses naive ones)"
        )
    return value


def to_date(value: dt.date | str, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise BEMServerAPIClientValueError(f"{name}: expected a date, got a datetime")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise BEMServerAPIClientValueError(f"{name}: not an ISO 8601 date: {value!r}") from None
    return value


def plain(value: Any) -> Any:
    """Enum members -> their values, in lists too."""
    if isinstance(value, enum.Enum):
        from .enums import wire_value  # loaded by whoever made the member

        return wire_value(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def query_parameters(
    query: dict[str, tuple[str, str]],
    arguments: dict[str, Any],
    operation: str,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Query parameters on the wire from keyword arguments; None means "not given".

    `query` is the operation's {python name: (query name, kind)} from the operations table;
    `extra` holds arguments it does not declare, sent as given (enums as their values).
    """
    params: dict[str, Any] = {}
    for name, value in (extra or {}).items():
        if value is not None:
            params[name] = plain(value)
    for name, value in arguments.items():
        if value is None:
            continue
        spec = query.get(name) or query.get(f"{name}_")  # `type` reaches the generated `type_`
        if spec is None:
            expected = sorted(key.rstrip("_") for key in query)
            raise BEMServerAPIClientValueError(
                f"{operation}: unknown argument {name!r} "
                f"(expected one of: {', '.join(expected) or 'none'})"
            )
        wire, kind = spec
        if kind == DATETIME:
            value = aware_datetime(value, name).isoformat()
        elif kind == DATE:
            value = to_date(value, name).isoformat()
        elif kind == STRING and isinstance(value, dict):
            value = json.dumps(value, separators=(",", ":"))
        elif kind == LIST and not isinstance(value, list | tuple):
            value = [plain(value)]  # one timeseries id, one unit...
        elif kind == JOINED:  # `explode: false` (`sort`): one comma-joined value
            items = value if isinstance(value, list | tuple) else [value]
            value = ",".join(str(plain(item)) for item in items)
        else:
            value = plain(value)
        params[wire] = value
    return params


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return aware_datetime(value, "datetime in payload").isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return plain(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):  # a generated attrs model
        return to_dict()
    raise BEMServerAPIClientValueError(f"cannot send {type(value).__name__} as JSON")


def _key(key: Any) -> Any:
    """A dict key as JSON allows (aware datetimes as ISO 8601: timeseries data's timestamps)."""
    if isinstance(key, dt.datetime | dt.date | enum.Enum):
        return _json_default(key)
    return key


def _with_plain_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_key(k): _with_plain_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_with_plain_keys(item) for item in value]
    return value


def encode_json(payload: Any) -> bytes:
    """A JSON body: dicts, lists, generated models, datetimes (aware only, keys too), dates and
    enums. Anything else raises BEMServerAPIClientValueError."""
    try:
        try:
            return json.dumps(payload, default=_json_default, allow_nan=False).encode()
        except TypeError:  # keys that JSON does not take as they are (datetimes): a second pass
            return json.dumps(
                _with_plain_keys(payload), default=_json_default, allow_nan=False
            ).encode()
    except BEMServerAPIClientValueError:
        raise
    except (ValueError, TypeError) as exc:  # NaN/inf, circular references, odd keys
        raise BEMServerAPIClientValueError(f"cannot send as JSON: {exc}") from None


class Rewindable:
    """A binary file as a request body that can be sent twice (a replay after a token refresh):
    read in chunks from where it stood, never whole."""

    CHUNK = 64 * 1024

    def __init__(self, file: Any) -> None:
        self.file = file
        try:
            self.start: int | None = file.tell()
            self.length: int | None = file.seek(0, 2) - self.start
            file.seek(self.start)
        except (AttributeError, OSError, ValueError):  # not seekable: one pass only
            self.start = self.length = None

    def __iter__(self) -> Iterator[bytes]:
        if self.start is not None:
            self.file.seek(self.start)
        while chunk := self.file.read(self.CHUNK):
            yield chunk.encode() if isinstance(chunk, str) else chunk


class JSONStream:
    """A large JSON object as a request body, encoded one top-level entry at a time (each by
    the C encoder): peak memory is one entry's encoding, not the whole document's (timeseries
    data: one series). Iterable again for a replay after a token refresh."""

    def __init__(self, payload: Mapping[Any, Any]) -> None:
        self.payload = payload

    def __iter__(self) -> Iterator[bytes]:
        separator = b"{"
        for key, value in self.payload.items():
            yield separator + encode_json(str(plain(key))) + b":" + encode_json(value)
            separator = b","
        yield b"{}" if separator == b"{" else b"}"


class AsyncRewindable(Rewindable):
    """`Rewindable` for the async client: each chunk is read in a worker thread, so a large
    file never blocks the event loop."""

    # Not a sync iterable: httpx takes any iterable body for a sync stream, which an
    # httpx.AsyncClient refuses ("Attempted to send an sync request").
    __iter__ = None  # type: ignore[assignment]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import asyncio  # here: the sync client never imports it

        if self.start is not None:
            await asyncio.to_thread(self.file.seek, self.start)
        while chunk := await asyncio.to_thread(self.file.read, self.CHUNK):
            yield chunk.encode() if isinstance(chunk, str) else chunk


class AsyncJSONStream(JSONStream):
    """`JSONStream` for the async client (one series encoded per step)."""

    __iter__ = None  # type: ignore[assignment]  # async only (see AsyncRewindable)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in JSONStream.__iter__(self):
            yield chunk
