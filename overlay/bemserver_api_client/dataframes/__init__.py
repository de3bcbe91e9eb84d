"""Timeseries data as pandas DataFrames, at any size (the `pandas` extra:
`pip install "bemserver-client[pandas]"`; `import bemserver_api_client` never loads pandas).

    from bemserver_api_client import dataframes

    dataframes.upload(client, data_state, frame)                  # columns: timeseries ids
    dataframes.upload(client, data_state, frame, campaign_id=1)   # columns: timeseries names
    frame = dataframes.download(client, start, end, data_state, [1, 2], "Europe/Paris")
    frame = dataframes.download_aggregate(client, start, end, data_state, [1, 2], aggregation="sum")
    points = dataframes.download_csv(client, "data.csv", start, end, data_state, [1, 2])
    table = dataframes.stats(client, data_state, [1, 2])

Frames have a timezone-aware DatetimeIndex (a naive one is refused before anything is sent) and
one float64 column per timeseries (its id, or its name with `campaign_id=`); NaN is a gap
(nothing is stored for it, nothing was stored there).

Large transfers are split: uploads into requests of at most `chunk_points` values, sent
`max_workers` at a time (the first one alone: the server makes each timeseries' per-data-state
record on its first write, and two concurrent first writes collide); downloads into time ranges
of about `chunk_points` values (planned from the server's stats), and many timeseries into
groups whose request lines the server accepts (`max_request_line`), fetched `max_workers` at a
time and assembled in place. `progress(done, total)` is called with points, from the calling
thread, monotonic, ending at done == total.

An upload that fails raises `BEMServerAPIUploadError`: which chunks were stored and which were
not, and `exc.remaining`, the rows not known to be stored, to pass back to `upload` (the server
never overwrites a stored timestamp, so sending a chunk again cannot duplicate or change data).

Wire formats: CSV both ways. The server's CSV export writes whole seconds: a downloaded range
whose CSV repeats a timestamp is fetched again as JSON (microseconds), and `wire_format="json"`
always downloads JSON (for sub-second data).

The modules: `_common` (defaults, checks), `_upload`, `_download`, `_plan` (what a download
asks, column groups, time ranges), `_wire` (bodies read and parsed).
"""

from ._common import (
    DOWNLOAD_CHUNK_POINTS,
    DOWNLOAD_WORKERS,
    MAX_REQUEST_LINE,
    UPLOAD_CHUNK_POINTS,
    UPLOAD_WORKERS,
)
from ._download import download, download_aggregate, download_csv, stats
from ._plan import StatsUnavailableWarning
from ._upload import BEMServerAPIUploadError, Chunk, UploadReport, upload

__all__ = [
    "DOWNLOAD_CHUNK_POINTS",
    "DOWNLOAD_WORKERS",
    "MAX_REQUEST_LINE",
    "UPLOAD_CHUNK_POINTS",
    "UPLOAD_WORKERS",
    "BEMServerAPIUploadError",
    "Chunk",
    "StatsUnavailableWarning",
    "UploadReport",
    "download",
    "download_aggregate",
    "download_csv",
    "stats",
    "upload",
]
