"""What the DataFrame modules share: pandas (the extra), defaults, argument checks, one request."""

from __future__ import annotations

import contextlib
import datetime as dt
import zoneinfo
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover (the extra is installed for the tests)
    raise ImportError(
        'bemserver_api_client.dataframes needs pandas: pip install "bemserver-client[pandas]"'
    ) from exc

import httpx

from .._arguments import aware_datetime
from ..exceptions import BEMServerAPIClientValueError

if TYPE_CHECKING:
    from ..client import BEMServerApiClient

# Defaults, measured on a real server (docs: DataFrames, "Why CSV both ways").
UPLOAD_CHUNK_POINTS = 50_000
DOWNLOAD_CHUNK_POINTS = 100_000
UPLOAD_WORKERS = 4  # keep-alive connections stick to a server process: 4 spread better than 2
DOWNLOAD_WORKERS = 2  # more would hold more bodies at once (peak memory)
# The longest request line BEMServer accepts: gunicorn's default `limit_request_line` (measured:
# "GET <path and query> HTTP/1.1" of 4094 bytes passes, 4095 gets 414). Downloads split the
# timeseries into groups whose request lines fit; lower it for a proxy with a lower limit.
MAX_REQUEST_LINE = 4094

Progress = Callable[[int, int], object]  # (points done, points in all)
Labels = Sequence[int] | Sequence[str] | int | str

US = np.int64(1_000_000)
# pandas 3 reads floats exactly by default (and deprecates the option); pandas 2 needs asking.
EXACT_FLOATS: dict[str, Any] = (
    {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}
)


def timeseries_id(label: Any) -> int:
    if isinstance(label, bool | np.bool_):
        raise BEMServerAPIClientValueError(f"column {label!r} is not a timeseries id")
    if isinstance(label, int | np.integer):
        return int(label)
    if isinstance(label, str) and label.isascii() and label.isdigit():
        return int(label)
    raise BEMServerAPIClientValueError(
        f"{label!r} is not a timeseries id (with campaign_id=, timeseries are named)"
    )


def labels_of(timeseries: Labels, by_names: bool) -> list[Any]:
    """The timeseries asked, as sent and as the frame's columns (ids as int, names as str):
    one label (a numpy integer from a frame's columns included) or a sequence of them."""
    if isinstance(timeseries, int | str | np.integer):
        items: list[Any] = [timeseries]
    else:
        try:
            items = list(timeseries)
        except TypeError:
            raise BEMServerAPIClientValueError(
                f"timeseries: expected ids or names, or one of them, got {type(timeseries).__name__}"
            ) from None
    if not items:
        raise BEMServerAPIClientValueError("no timeseries asked")
    labels = [str(name) for name in items] if by_names else [timeseries_id(i) for i in items]
    if len(set(labels)) != len(labels):
        raise BEMServerAPIClientValueError("a timeseries is asked twice")
    return labels


def zone_of(timezone: str) -> str:
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise BEMServerAPIClientValueError(f"unknown timezone: {timezone!r}") from None
    return timezone


def bound(value: dt.datetime | str, name: str) -> dt.datetime:
    """An aware datetime of the standard library (a pandas Timestamp's nanoseconds would make a
    longer query value than the request lines are measured with)."""
    value = aware_datetime(value, name)
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def check_client(client: Any) -> None:
    from ..client import BEMServerApiClient

    if not isinstance(client, BEMServerApiClient):
        raise BEMServerAPIClientValueError(
            f"expected a BEMServerApiClient, got {type(client).__name__} "
            "(the async client is not supported here: run this in a thread)"
        )


def check_bounds(
    *, chunk_points: int | None, max_workers: int, max_request_line: int = MAX_REQUEST_LINE
) -> None:
    if chunk_points is not None and (not isinstance(chunk_points, int) or chunk_points < 1):
        raise BEMServerAPIClientValueError(f"chunk_points must be >= 1, got {chunk_points!r}")
    if not isinstance(max_workers, int) or max_workers < 1:
        raise BEMServerAPIClientValueError(f"max_workers must be >= 1, got {max_workers!r}")
    if not isinstance(max_request_line, int) or max_request_line < 256:
        raise BEMServerAPIClientValueError(
            f"max_request_line must be >= 256 bytes, got {max_request_line!r}"
        )


def stream(
    client: BEMServerApiClient, operation: str, path: tuple[Any, ...], **options: Any
) -> contextlib.AbstractContextManager[httpx.Response]:
    """One request whose answer's body is read as it comes: the client's `_stream_request`."""
    return client._stream_request(operation, *path, **options)
