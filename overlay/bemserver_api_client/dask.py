"""Dask DataFrames backed by BEMServer (the `dask` extra: `pip install "bemserver-client[dask]"`;
neither `import bemserver_api_client` nor `dataframes` loads dask).

    from bemserver_api_client.dask import read_timeseries, write_timeseries

    ddf = read_timeseries(client, start, end, data_state, ids, "Europe/Paris")
    daily = ddf.resample("1D").mean().compute()        # each worker fetches its partitions
    report = write_timeseries(ddf, client, data_state)  # one row per partition

Reading: the partitions are time ranges planned on the caller from the server's stats (one
request per group of timeseries whose request line fits, and nothing else is sent while the
graph is built). Divisions are the ranges' edges in the frame's timezone, so `.loc[a:b]` fetches
only the partitions it overlaps; a column selection reaches the requests (`ddf[[a]]` and
`ddf[a].sum()` ask the server for `a` only). Each partition is fetched by the worker that
computes it, with the client pickled in the graph: one copy per worker process, whose bearer
tokens refresh there. The graph's keys and tokens name the server and the user, never a secret.

Writing: each partition is uploaded by the worker that computes it, through `dataframes.upload`.
The server makes a timeseries' per-data-state record on its first write, and two first writes at
once collide: before its bulk, a partition sends the first value of each of its columns alone,
under a cluster-wide lock (columns a process has already written skip it), so concurrent
partitions never race. Uploads never overwrite a stored timestamp: a partition sent twice (a
worker killed and the task run again, or a rerun after a failure) stores nothing twice.

Requests in flight across the cluster are bounded (`max_requests`, per server, default
`MAX_REQUESTS`): a `distributed.Semaphore` on a distributed cluster, a semaphore per process
otherwise (the threaded scheduler). The multiprocessing scheduler has no cluster-wide lock: use
`distributed` (a `LocalCluster` on one machine) or threads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

try:
    import dask
    import dask.dataframe as dd
    from dask.base import compute as dask_compute
except ImportError as exc:  # pragma: no cover (the extra is installed for the tests)
    raise ImportError(
        'bemserver_api_client.dask needs dask: pip install "bemserver-client[dask]"'
    ) from exc
import numpy as np
import pandas as pd

from .dataframes._common import (
    DOWNLOAD_CHUNK_POINTS,
    MAX_REQUEST_LINE,
    UPLOAD_CHUNK_POINTS,
    Labels,
    bound,
    check_bounds,
    check_client,
    zone_of,
)
from .dataframes._download import fetch_frame
from .dataframes._plan import Plan, Query, Range, plan_ranges, query_of
from .dataframes._upload import _columns, upload
from .dataframes._wire import _Assembly
from .exceptions import BEMServerAPIClientValueError, BEMServerAPIError

if TYPE_CHECKING:
    from .client import BEMServerApiClient

# Requests in flight to one server from all the workers of a cluster: a few per server process
# (gunicorn's workers x threads), so that a 100-worker cluster queues instead of flooding it.
MAX_REQUESTS = 8
# Values per partition: 1,000,000 float64 are 8 MB in memory (CSV on the wire: ~7.4 MB), fetched
# in ranges of DOWNLOAD_CHUNK_POINTS (one request each, ~6 s of the server's CPU at most).
PARTITION_POINTS = 1_000_000
RETRIES = 2  # a partition's upload is sent again this many times after an error (idempotent)

REPORT_COLUMNS = ("partition", "first", "last", "points", "seconds", "status", "error")


# -- the client in the graph -------------------------------------------------------------------


class _SharedClient:
    """A client in a task graph. Pickled with the graph, unpickled as one client per worker
    process for each client of the caller and user (`key`): the process's tasks share its
    connections and its bearer refreshes, from one graph to the next. Dask tokenizes it by the
    client's token (server and user, no secret)."""

    _clients: ClassVar[dict[str, BEMServerApiClient]] = {}  # per process: key -> the client
    _keys: ClassVar[weakref.WeakKeyDictionary[BEMServerApiClient, str]] = (
        weakref.WeakKeyDictionary()
    )  # the caller's clients -> their key
    _lock = threading.Lock()

    def __init__(self, client: BEMServerApiClient, key: str) -> None:
        self.client = client
        self.key = key

    @classmethod
    def of(cls, client: BEMServerApiClient) -> _SharedClient:
        """The caller's `client`, keyed by itself and by who it authenticates as (a client
        switched to another user is another copy on the workers)."""
        with cls._lock:
            key = cls._keys.setdefault(client, uuid.uuid4().hex)
        return cls(client, f"{key}:{client.__dask_tokenize__()[-1]}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_shared_client, (self.key, self.client))

    def __dask_tokenize__(self) -> Any:
        return self.client.__dask_tokenize__()


def _shared_client(key: str, client: BEMServerApiClient) -> _SharedClient:
    with _SharedClient._lock:
        return _SharedClient(_SharedClient._clients.setdefault(key, client), key)


# -- cluster-wide coordination -----------------------------------------------------------------

_local: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_distributed: dict[tuple[str, int], Any] = {}
_coordination = threading.Lock()


def _on_distributed_worker() -> bool:
    try:
        from distributed import get_worker
    except ImportError:  # pragma: no cover (the extra installs distributed)
        return False
    try:
        get_worker()
    except ValueError:
        return False
    return True


def _semaphore(name: str, limit: int) -> contextlib.AbstractContextManager[Any]:
    """`limit` holders at once of `name`: across the cluster on a distributed worker, else in
    this process."""
    with _coordination:
        if _on_distributed_worker():
            from distributed import Semaphore

            semaphore = _distributed.get((name, limit))
            if semaphore is None:
                semaphore = _distributed[name, limit] = Semaphore(max_leases=limit, name=name)
            return semaphore
        return _local.setdefault((name, limit), threading.BoundedSemaphore(limit))


@dataclass(frozen=True)
class _Server:
    """Which server a graph talks to, and the bound on its requests."""

    client: _SharedClient
    max_requests: int

    def requests(self) -> contextlib.AbstractContextManager[Any]:
        """One of the `max_requests` request slots of this server."""
        limit = self.max_requests
        return _semaphore(f"bemserver-requests-{limit}:{self.client.client.base_url}", limit)

    def first_writes(self) -> contextlib.AbstractContextManager[Any]:
        """The lock first writes take (one at a time per server)."""
        return _semaphore(f"bemserver-first-writes:{self.client.client.base_url}", 1)

    def __dask_tokenize__(self) -> Any:
        return (self.client.__dask_tokenize__(), self.max_requests)


def _check_max_requests(max_requests: int) -> None:
    if not isinstance(max_requests, int) or max_requests < 1:
        raise BEMServerAPIClientValueError(f"max_requests must be >= 1, got {max_requests!r}")


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """What every partition of a `read_timeseries` frame asks for."""

    server: _Server
    campaign_id: int | None
    data_state: int
    labels: tuple[Any, ...]
    zone: str
    convert_to: tuple[str, ...] | str | None
    wire_format: Literal["csv", "json"]
    max_request_line: int

    def __dask_tokenize__(self) -> Any:
        return (
            self.server.__dask_tokenize__(),
            self.campaign_id,
            self.data_state,
            self.labels,
            self.zone,
            self.convert_to,
            self.wire_format,
            self.max_request_line,
        )


def read_timeseries(
    client: BEMServerApiClient,
    start_time: dt.datetime | str,
    end_time: dt.datetime | str,
    data_state: int,
    timeseries: Labels,
    timezone: str = "UTC",
    *,
    campaign_id: int | None = None,
    convert_to: list[str] | str | None = None,
    partition_points: int = PARTITION_POINTS,
    chunk_points: int = DOWNLOAD_CHUNK_POINTS,
    freq: str | pd.Timedelta | dt.timedelta | None = None,
    max_requests: int = MAX_REQUESTS,
    wire_format: Literal["csv", "json"] = "csv",
    max_request_line: int = MAX_REQUEST_LINE,
) -> dd.DataFrame:
    """Values in [start_time, end_time) as a Dask DataFrame whose partitions are fetched by the
    workers: the frame `dataframes.download` would return (a DatetimeIndex in `timezone`, one
    float64 column per timeseries in the order asked, ids or names with `campaign_id`), cut in
    time ranges of about `partition_points` values, each fetched in requests of about
    `chunk_points` values. The ranges are planned from the server's stats; `freq="7D"` (or a
    timedelta) cuts fixed ranges instead and sends nothing while planning.

    Divisions are known (the ranges' edges, in `timezone`): `.loc` fetches only the partitions it
    overlaps. A column selection reaches the requests. At most `max_requests` requests are in
    flight to the server from the whole cluster."""
    check_client(client)
    check_bounds(chunk_points=chunk_points, max_workers=1, max_request_line=max_request_line)
    _check_max_requests(max_requests)
    if not isinstance(partition_points, int) or partition_points < 1:
        raise BEMServerAPIClientValueError(
            f"partition_points must be >= 1, got {partition_points!r}"
        )
    start, end = bound(start_time, "start_time"), bound(end_time, "end_time")
    if end <= start:
        raise BEMServerAPIClientValueError(
            f"end_time ({end.isoformat()}) must be after start_time ({start.isoformat()})"
        )
    zone = zone_of(timezone)
    query = query_of(client, campaign_id, data_state, timeseries, convert_to, max_request_line)
    if freq is not None:
        partitions = _fixed_ranges(start, end, freq)
    else:
        plan = plan_ranges(query, start, end, chunk_points, stacklevel=3)
        per_partition = max(1, round(partition_points / chunk_points))
        partitions = [
            plan.ranges[i : i + per_partition] for i in range(0, len(plan.ranges), per_partition)
        ]
    source = _Source(
        _Server(_SharedClient.of(client), max_requests),
        campaign_id,
        data_state,
        tuple(query.labels),
        zone,
        tuple(convert_to) if isinstance(convert_to, list) else convert_to,
        wire_format,
        max_request_line,
    )
    edges = [partitions[0][0][0]] + [ranges[-1][1] for ranges in partitions]
    divisions = tuple(pd.Timestamp(edge).tz_convert(zone) for edge in edges)
    # No string conversion layer: the values are floats, the labels stay as given.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(
            _read_partition,
            [tuple(ranges) for ranges in partitions],
            source=source,
            meta=_empty_frame(query.labels, zone),
            divisions=divisions,
            label="bemserver-timeseries",
            enforce_metadata=False,
        )


def _fixed_ranges(
    start: dt.datetime, end: dt.datetime, freq: str | pd.Timedelta | dt.timedelta
) -> list[list[Range]]:
    try:
        step = pd.Timedelta(freq)
    except (ValueError, TypeError):
        raise BEMServerAPIClientValueError(f"freq: not a duration: {freq!r}") from None
    if step <= pd.Timedelta(0):
        raise BEMServerAPIClientValueError(f"freq must be positive, got {freq!r}")
    bounds = [start]
    while (following := bounds[-1] + step.to_pytimedelta()) < end:
        bounds.append(following)
    bounds.append(end)
    return [[(low, high)] for low, high in itertools.pairwise(bounds)]


def _empty_frame(labels: list[Any], zone: str) -> pd.DataFrame:
    """The frame `dataframes.download` returns for no values: dtypes, index unit and zone."""
    return _Assembly(len(labels), capacity=0).frame(labels, zone)


def _read_partition(
    ranges: tuple[Range, ...], source: _Source, columns: list[Any] | None = None
) -> pd.DataFrame:
    """One partition, fetched by the worker that computes it: `columns` only (dask's column
    projection), all of them when none or no column is asked (the index alone needs every
    column's timestamps)."""
    wanted = list(source.labels) if columns is None else list(columns)
    unknown = [label for label in wanted if label not in source.labels]
    if unknown:
        raise KeyError(f"not columns of this frame: {unknown!r}")
    query = Query(
        source.server.client.client,
        source.campaign_id,
        source.data_state,
        wanted or list(source.labels),
        list(source.convert_to) if isinstance(source.convert_to, tuple) else source.convert_to,
        source.max_request_line,
    )
    with source.server.requests():
        frame = fetch_frame(
            query, source.zone, Plan(list(ranges), 0, 0), 1, None, source.wire_format
        )
    return frame if wanted else frame[[]]


# -- writing -----------------------------------------------------------------------------------


class BEMServerAPIPartitionError(BEMServerAPIError):
    """Partition not stored."""

    default_status = None


class BEMServerAPIPartitionsError(BEMServerAPIError):
    """Partitions not stored."""

    default_status = None

    def __init__(self, report: pd.DataFrame, errors: dict[int, BaseException]) -> None:
        self.report = report  # one row per partition: see write_timeseries
        self.stored = [int(n) for n in report.loc[report["status"] == "stored", "partition"]]
        self.not_stored = sorted(set(range(len(report))) - set(self.stored))
        self.errors = errors  # partition number -> its error
        first = next(iter(errors.values()), None)
        points = int(report.loc[report["status"] == "stored", "points"].sum())
        message = (
            f"{len(self.stored)} of {len(report)} partitions stored ({points:,} points); "
            f"not stored: partitions {', '.join(map(str, self.not_stored))}"
            + (f"; first error: {type(first).__name__}: {first}" if first else "")
            + "; run write_timeseries again (stored timestamps are never overwritten), or on "
            "ddf.partitions[exc.not_stored]"
        )
        super().__init__(None, message=message)


@dataclass(frozen=True)
class _Sink:
    """Where every partition of a `write_timeseries` goes."""

    server: _Server
    campaign_id: int | None
    data_state: int
    chunk_points: int
    retries: int
    errors: Literal["raise", "report"]

    def __dask_tokenize__(self) -> Any:
        return (
            self.server.__dask_tokenize__(),
            self.campaign_id,
            self.data_state,
            self.chunk_points,
            self.retries,
            self.errors,
        )


# Per process: the (server, data state, campaign, column) whose first write this process made.
_first_written: set[tuple[str, int, int | None, Any]] = set()


def write_timeseries(
    ddf: dd.DataFrame,
    client: BEMServerApiClient,
    data_state: int,
    *,
    campaign_id: int | None = None,
    chunk_points: int = UPLOAD_CHUNK_POINTS,
    max_requests: int = MAX_REQUESTS,
    retries: int = RETRIES,
    compute: bool = True,
) -> pd.DataFrame | dd.DataFrame:
    """Upload a Dask DataFrame (a timezone-aware DatetimeIndex, one column per timeseries: ids,
    or names with `campaign_id`), each partition by the worker that computes it through
    `dataframes.upload` (requests of at most `chunk_points` values, one at a time per
    partition, at most `max_requests` in flight across the cluster), sent again up to `retries`
    times after an error. Returns one report row per partition: `partition`, `first` and `last`
    (its timestamps), `points`, `seconds`, `status` ("stored"), `error` (None).

    Raises `BEMServerAPIPartitionsError` if some partitions were not stored (`exc.report`,
    `exc.stored`, `exc.not_stored`, `exc.errors`): sending the frame again stores exactly the
    rest. `compute=False` returns the report as a lazy Dask DataFrame and sends nothing; its
    computation raises the first partition's error."""
    check_client(client)
    check_bounds(chunk_points=chunk_points, max_workers=1)
    _check_max_requests(max_requests)
    if not isinstance(retries, int) or retries < 0:
        raise BEMServerAPIClientValueError(f"retries must be >= 0, got {retries!r}")
    if not isinstance(ddf, dd.DataFrame):
        raise BEMServerAPIClientValueError(
            f"expected a dask DataFrame, got {type(ddf).__name__} (dataframes.upload takes pandas)"
        )
    meta = ddf._meta
    index = meta.index
    if not isinstance(index, pd.DatetimeIndex) or index.tz is None:
        raise BEMServerAPIClientValueError(
            "the index must be a timezone-aware DatetimeIndex (the server refuses naive "
            "timestamps): localize each partition first, e.g. "
            "ddf.map_partitions(lambda part: part.tz_localize('Europe/Paris'))"
        )
    _columns(meta.columns, by_names=campaign_id is not None)
    server = _Server(_SharedClient.of(client), max_requests)
    report_meta = _report_rows([], index.dtype)

    def sink(errors: Literal["raise", "report"]) -> _Sink:
        return _Sink(server, campaign_id, data_state, chunk_points, retries, errors)

    if not compute:
        return ddf.map_partitions(
            _write_partition, sink("raise"), meta=report_meta, align_dataframes=False
        )
    lazy = ddf.map_partitions(
        _write_partition, sink("report"), meta=report_meta, align_dataframes=False
    )
    rows, errors = _computed(lazy, index.dtype)
    report = pd.concat(rows, ignore_index=True) if rows else report_meta
    if errors or (report["status"] != "stored").any():
        raise BEMServerAPIPartitionsError(report, errors)
    return report


def _computed(
    lazy: dd.DataFrame, stamps: Any
) -> tuple[list[pd.DataFrame], dict[int, BaseException]]:
    """Every partition's report row, and the errors of those that failed: on a distributed
    cluster as futures, so that a partition whose worker died every time (KilledWorker) is
    reported beside the others instead of ending the computation."""
    parts = lazy.to_delayed()
    errors: dict[int, BaseException] = {}
    try:
        from distributed import as_completed, default_client

        cluster = default_client()
    except (ImportError, ValueError):
        cluster = None
    if cluster is None:
        rows = list(dask_compute(*parts))
    else:
        # Each row is gathered as soon as its partition is done: a worker that dies later
        # takes no finished row with it.
        futures = cluster.compute(parts)
        numbers = {future.key: number for number, future in enumerate(futures)}
        found: dict[int, pd.DataFrame] = {}
        for future, result in as_completed(futures, with_results=True, raise_errors=False):
            number = numbers[future.key]
            if future.status == "finished":
                found[number] = result
            else:
                errors[number] = future.exception()
                found[number] = _report_rows([_failed_row(number, errors[number])], stamps)
        rows = [found[number] for number in range(len(futures))]
    for row in rows:
        if (row["status"] != "stored").any():
            number = int(row["partition"].iloc[0])
            errors.setdefault(number, RuntimeError(str(row["error"].iloc[0])))
    return rows, dict(sorted(errors.items()))


def _failed_row(number: int, error: BaseException) -> dict[str, Any]:
    return {
        "partition": number,
        "first": pd.NaT,
        "last": pd.NaT,
        "points": 0,
        "seconds": 0.0,
        "status": "failed",
        "error": f"{type(error).__name__}: {error}",
    }


def _report_rows(rows: list[dict[str, Any]], stamps: Any) -> pd.DataFrame:
    """Report rows with fixed dtypes (`stamps`: the frame's index dtype, for first and last)."""
    dtypes = {"partition": "int64", "first": stamps, "last": stamps, "points": "int64",
              "seconds": "float64", "status": object, "error": object}  # fmt: skip
    return pd.DataFrame(
        {
            name: pd.Series([row[name] for row in rows], dtype=dtypes[name])
            for name in REPORT_COLUMNS
        }
    )


def _write_partition(
    part: pd.DataFrame, sink: _Sink, partition_info: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Upload one partition (the worker computing it): its columns' first values alone under
    the first-write lock if this process has not written them yet, then the rest; sent again
    up to `sink.retries` times after an error."""
    number = int(partition_info["number"]) if partition_info else 0
    started = time.perf_counter()
    row: dict[str, Any] = {
        "partition": number,
        "first": part.index.min() if len(part) else pd.NaT,
        "last": part.index.max() if len(part) else pd.NaT,
        "points": int(part.notna().to_numpy().sum()),
        "seconds": 0.0,
        "status": "stored",
        "error": None,
    }
    for attempt in range(sink.retries + 1):
        try:
            _upload_partition(part, sink)
            break
        except BEMServerAPIError as exc:
            if attempt < sink.retries:
                time.sleep(min(0.5 * 2**attempt, 8.0))
                continue
            if sink.errors == "raise":
                raise BEMServerAPIPartitionError(
                    message=f"partition {number} ({row['first']} to {row['last']}) not stored: "
                    f"{type(exc).__name__}: {exc}",
                ) from exc
            row["status"], row["error"] = "failed", f"{type(exc).__name__}: {exc}"
    row["seconds"] = time.perf_counter() - started
    return _report_rows([row], part.index.dtype)


def _upload_partition(part: pd.DataFrame, sink: _Sink) -> None:
    client = sink.server.client.client
    present = part.notna()
    if not present.to_numpy().any():
        return
    key = (client.base_url, sink.data_state, sink.campaign_id)
    new = [c for c in part.columns if present[c].any() and (*key, c) not in _first_written]
    if new:
        # The first value of each new column, alone (one request, one row per timestamp).
        firsts = {}
        for column in new:
            first = np.zeros(len(part), dtype=bool)
            first[int(present[column].to_numpy().argmax())] = True
            firsts[column] = part[column].where(first)
        frame = pd.DataFrame(firsts)
        frame = frame[frame.notna().any(axis=1)]
        with sink.server.first_writes(), sink.server.requests():
            upload(client, sink.data_state, frame, campaign_id=sink.campaign_id, max_workers=1)
        _first_written.update((*key, column) for column in new)
    with sink.server.requests():
        upload(
            client,
            sink.data_state,
            part,
            campaign_id=sink.campaign_id,
            chunk_points=sink.chunk_points,
            max_workers=1,
        )


__all__ = [
    "MAX_REQUESTS",
    "PARTITION_POINTS",
    "RETRIES",
    "BEMServerAPIPartitionError",
    "BEMServerAPIPartitionsError",
    "read_timeseries",
    "write_timeseries",
]
