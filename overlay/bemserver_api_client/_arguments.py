"""User-friendly arguments -> what the generated `_get_kwargs` functions expect.

Read once per generated module from its annotations: an ISO string becomes the `datetime` or
`date` the parameter is typed with (a naive datetime is refused before any request), an enum
member becomes its value, a dict for a string parameter becomes JSON (`properties`), a single
value for a list parameter becomes a list, and `type` reaches the generated `type_`. JSON bodies are encoded here (datetimes, enums and attrs models
included), never by `json.dumps` inside httpx.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from .enums import wire_value
from .exceptions import BEMServerAPIClientValueError

DATETIME, DATE, LIST, STRING, OTHER = "datetime", "date", "list", "string", "other"


def _kind(annotation: Any) -> str:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = typing.get_args(annotation)
    else:
        members = (annotation,)
    if dt.datetime in members:
        return DATETIME
    if dt.date in members:
        return DATE
    if any(typing.get_origin(member) is list for member in members):
        return LIST
    if str in members:
        return STRING
    return OTHER


@cache
def parameter_kinds(get_kwargs: Callable[..., Any]) -> dict[str, str]:
    """Parameter name -> kind, for one generated `_get_kwargs`."""
    return {
        name: _kind(annotation)
        for name, annotation in get_kwargs.__annotations__.items()
        if name != "return"
    }


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
        return wire_value(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def generated_arguments(
    get_kwargs: Callable[..., Any], arguments: dict[str, Any], operation: str
) -> dict[str, Any]:
    """Rename, coerce and check keyword arguments for `get_kwargs`; None means "not given"."""
    kinds = parameter_kinds(get_kwargs)
    result: dict[str, Any] = {}
    for name, value in arguments.items():
        if value is None:
            continue
        target = name if name in kinds else f"{name}_"
        kind = kinds.get(target)
        if kind is None or target in ("body", "if_match", "if_none_match"):
            expected = sorted(
                k.rstrip("_") for k in kinds if k not in ("body", "if_match", "if_none_match")
            )
            raise BEMServerAPIClientValueError(
                f"{operation}: unknown argument {name!r} "
                f"(expected one of: {', '.join(expected) or 'none'})"
            )
        if kind == DATETIME:
            value = aware_datetime(value, name)
        elif kind == DATE:
            value = to_date(value, name)
        elif kind == STRING and isinstance(value, dict):
            value = json.dumps(value, separators=(",", ":"))
        elif kind == LIST and not isinstance(value, list | tuple):
            value = [plain(value)]  # one timeseries id, one unit...
        else:
            value = plain(value)
        result[target] = value
    return result


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return aware_datetime(value, "datetime in payload").isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return wire_value(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):  # a generated attrs model
        return to_dict()
    raise BEMServerAPIClientValueError(f"cannot send {type(value).__name__} as JSON")


def encode_json(payload: Any) -> bytes:
    """A JSON body: dicts, lists, generated models, datetimes (aware only), dates and enums."""
    try:
        return json.dumps(payload, default=_json_default, allow_nan=False).encode()
    except ValueError as exc:  # NaN/inf, circular references
        if isinstance(exc, BEMServerAPIClientValueError):
            raise
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
