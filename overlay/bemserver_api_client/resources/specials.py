"""Entry points with actions beyond the common functions, with upstream names and argument order."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, Never

import httpx

from .._arguments import JSONStream
from ..exceptions import BEMServerAPIClientValueError
from .base import Resources, choice

if TYPE_CHECKING:
    from ..enums import (
        Aggregation,
        AggregationValue,
        BucketWidthUnit,
        BucketWidthUnitValue,
        DataFormat,
        DataFormatValue,
        DegreeDaysPeriod,
        DegreeDaysPeriodValue,
        DegreeDaysType,
        DegreeDaysTypeValue,
        StructuralElement,
        StructuralElementValue,
    )
    from ..response import BEMServerApiClientResponse as Response

DateTime = dt.datetime | str  # an aware datetime or an ISO 8601 string with an offset
Date = dt.date | str
NO_AUTH = httpx.Auth()  # sends no Authorization header
# A CSV file to import: a path, an open binary file or bytes (streamed, never copied).
CSVSource = str | bytes | os.PathLike[str] | IO[bytes]


class AuthActions(Resources):
    """/auth/: JWT tokens."""

    def get_tokens(self, email: str, password: str) -> Response[Any]:
        """`data` is {"status": "success", "access_token", "refresh_token"}, or
        {"status": "failure"} for bad credentials or an inactive user (the server answers 200)."""
        return self._call(
            "authentication.post_auth_token",
            body={"email": email, "password": password},
            auth=NO_AUTH,
        )

    def refresh_tokens(self) -> Response[Any]:
        """Renew the tokens of the client's bearer authentication, and store the new ones
        (`authentication.post_auth_token_refresh`, sent by the same single refresh path as the
        automatic refresh; `data` as from the server)."""
        return self._client._refresh_tokens_now()  # type: ignore[no-any-return]


class UserActions(Resources):
    def set_admin(self, id: int, state: bool, *, etag: str | None = None) -> Response[Any]:
        """Make the user an admin or not (PUT {"value": state}; pass the user's `etag`)."""
        return self._call("user.put_users_item_id_set_admin", id, body={"value": state}, etag=etag)

    def set_active(self, id: int, state: bool, *, etag: str | None = None) -> Response[Any]:
        """Activate or deactivate the user (PUT {"value": state}; pass the user's `etag`)."""
        return self._call("user.put_users_item_id_set_active", id, body={"value": state}, etag=etag)


class SiteActions(Resources):
    def download_weather_data(
        self, id: int, start_time: DateTime, end_time: DateTime, *, forecast: bool = False
    ) -> Response[Any]:
        """Ask the server to fetch weather data (or forecasts) for the site's weather timeseries."""
        return self._call(
            "site.put_sites_item_id_download_weather_data",
            id,
            start_time=start_time,
            end_time=end_time,
            forecast=forecast,
        )

    def get_degree_days(
        self,
        id: int,
        start_date: Date,
        end_date: Date,
        *,
        period: DegreeDaysPeriod | DegreeDaysPeriodValue = "day",
        type: DegreeDaysType | DegreeDaysTypeValue = "heating",
        base: float = 18,
        unit: str = "°C",
        etag: str | None = None,
    ) -> Response[Any]:
        """Degree days from the site's outdoor air temperature timeseries ("Clean" data)."""
        return self._call(
            "site.get_sites_item_id_degree_days",
            id,
            start_date=start_date,
            end_date=end_date,
            period=choice("DegreeDaysPeriod", period, "period"),
            type=choice("DegreeDaysType", type, "type"),
            base=base,
            unit=unit,
            etag=etag,
        )


class AnalysisActions(Resources):
    def get_completeness(
        self,
        start_time: DateTime,
        end_time: DateTime,
        timeseries: list[int] | int,
        data_state: int,
        bucket_width_value: int,
        bucket_width_unit: BucketWidthUnit | BucketWidthUnitValue,
        timezone: str = "UTC",
        *,
        etag: str | None = None,
    ) -> Response[Any]:
        """Share of expected values present per bucket, for each timeseries: `data` is
        {"timestamps": [...], "timeseries": {id: {"name", "count", "ratio", ...}}}."""
        return self._call(
            "analysis.get_analysis_completeness",
            start_time=start_time,
            end_time=end_time,
            timeseries=timeseries,
            data_state=data_state,
            bucket_width_value=bucket_width_value,
            bucket_width_unit=choice("BucketWidthUnit", bucket_width_unit, "bucket width unit"),
            timezone=timezone,
            etag=etag,
        )

    def get_energy_consumption_breakdown(
        self,
        structural_element_type: StructuralElement | StructuralElementValue,
        structural_element_id: int,
        start_time: DateTime,
        end_time: DateTime,
        bucket_width_value: int,
        bucket_width_unit: BucketWidthUnit | BucketWidthUnitValue,
        timezone: str = "UTC",
        unit: str = "kWh",
        ratio_property: str | None = None,
        *,
        etag: str | None = None,
    ) -> Response[Any]:
        """Energy consumption by energy and end use, for a site or a building (upstream
        defaults `unit` to "kWh"; the server's own default is "Wh")."""
        element = choice("StructuralElement", structural_element_type, "structural element type")
        if element.value not in ("site", "building"):
            raise BEMServerAPIClientValueError(
                f"Invalid structural element type: {element.value!r} (expected 'site' or 'building')"
            )
        return self._call(
            {
                "site": "analysis.get_analysis_energy_consumption_site_site_id",
                "building": "analysis.get_analysis_energy_consumption_building_building_id",
            }[element.value],
            structural_element_id,
            start_time=start_time,
            end_time=end_time,
            bucket_width_value=bucket_width_value,
            bucket_width_unit=choice("BucketWidthUnit", bucket_width_unit, "bucket width unit"),
            timezone=timezone,
            unit=unit,
            ratio_property=ratio_property,
            etag=etag,
        )


class NotificationActions(Resources):
    def count_by_campaign(
        self,
        *,
        etag: str | None = None,
        user_id: int,
        read: bool | None = None,
        **undeclared: Never,
    ) -> Response[Any]:
        """A user's notifications counted by campaign: {"total", "campaigns": [...]}."""
        return self._call(
            "notification.get_notifications_count_by_campaign",
            etag=etag,
            user_id=user_id,
            read=read,
            undeclared=undeclared,
        )

    def mark_all_as_read(
        self, *, user_id: int, campaign_id: int | None = None, **undeclared: Never
    ) -> Response[Any]:
        """Mark a user's notifications (of one campaign, or all) as read."""
        return self._call(
            "notification.put_notifications_mark_all_as_read",
            user_id=user_id,
            campaign_id=campaign_id,
            undeclared=undeclared,
        )


def _is_empty(source: CSVSource) -> bool:
    """Whether nothing is left to read (a file is measured from where it stands, then put back)."""
    if isinstance(source, bytes | bytearray):
        return not source
    if isinstance(source, str | os.PathLike):
        return os.path.getsize(source) == 0
    try:
        start = source.tell()
        end = source.seek(0, os.SEEK_END)
        source.seek(start)
    except (AttributeError, OSError, ValueError):  # not seekable: cannot tell, send it
        return False
    return end <= start


def _files(sources: Mapping[str, CSVSource | None]) -> dict[str, tuple[str, CSVSource, str]]:
    """Multipart files (paths are opened by the request path, and closed after). None and
    empty sources are left out, as upstream does: a browser form submits every file input,
    empty ones included, and the server refuses an empty CSV file."""
    return {
        field: (f"{field}.csv", source, "text/csv")
        for field, source in sources.items()
        if source is not None and not _is_empty(source)
    }


class IOActions(Resources):
    """/io/: CSV imports. Each value of `csv_files` is a path, an open binary file or bytes."""

    def upload_sites_csv(
        self, campaign_id: int, csv_files: Mapping[str, CSVSource | None]
    ) -> Response[Any]:
        """Keys: sites_csv, buildings_csv, storeys_csv, spaces_csv, zones_csv."""
        return self._call(
            "input_output.post_io_sites", files=_files(csv_files), campaign_id=campaign_id
        )

    def upload_timeseries_csv(
        self, campaign_id: int, csv_files: Mapping[str, CSVSource | None]
    ) -> Response[Any]:
        """Key: timeseries_csv."""
        return self._call(
            "input_output.post_io_timeseries", files=_files(csv_files), campaign_id=campaign_id
        )


class TaskActions(Resources):
    def run_async(self, payload: Any) -> Response[Any]:
        """Run a task now, in the worker: {"task_name", "campaign_id", "start_time", "end_time",
        "parameters"} (the server needs `parameters`, even {})."""
        return self._call("task.post_tasks_run", body=payload)


def _data_format(format: DataFormat | DataFormatValue | str) -> str:
    return choice("DataFormat", format, "data format").value  # type: ignore[no-any-return]


class TimeseriesDataActions(Resources):
    """/timeseries_data/: values by timeseries ids, or by names within a campaign."""

    def endpoint_uri_by_campaign(self, campaign_id: int) -> str:
        """The path of the by-names actions of a campaign (upstream helper)."""
        return f"{self.endpoint_base_uri}campaign/{campaign_id}/"

    # By ids, or by names within a campaign (`campaign`: () or (its id,), a path argument).

    def _download(
        self,
        operation: str,
        campaign: tuple[Any, ...],
        format: DataFormat | DataFormatValue,
        **query: Any,
    ) -> Response[Any]:
        return self._call(
            operation,
            *campaign,
            accept=_data_format(format),
            **query,
        )

    def _aggregate(
        self,
        operation: str,
        campaign: tuple[Any, ...],
        aggregation: Aggregation | AggregationValue,
        bucket_width_value: int | str,
        bucket_width_unit: BucketWidthUnit | BucketWidthUnitValue,
        format: DataFormat | DataFormatValue,
        **query: Any,
    ) -> Response[Any]:
        return self._download(
            operation, campaign, format,
            aggregation=choice("Aggregation", aggregation, "aggregation"),
            bucket_width_value=int(bucket_width_value),
            bucket_width_unit=choice("BucketWidthUnit", bucket_width_unit, "bucket width unit"),
            **query,
        )  # fmt: skip

    def _upload(
        self,
        operation: str,
        campaign: tuple[Any, ...],
        data_state: int,
        data: Any,
        format: DataFormat | DataFormatValue,
    ) -> Response[Any]:
        if _data_format(format) == "text/csv":  # a path or a file is streamed
            content, content_type = (data.encode() if isinstance(data, str) else data), "text/csv"
        elif isinstance(data, bytes | str):  # already JSON
            content, content_type = data, "application/json"
        elif isinstance(data, Mapping):  # {timeseries: {datetime: value}}: streamed per series
            content, content_type = JSONStream(data), "application/json"
        else:
            return self._call(operation, *campaign, body=data, data_state=data_state)
        return self._call(
            operation, *campaign, content=content, content_type=content_type, data_state=data_state
        )

    def upload(
        self, data_state: int, data: Any, format: DataFormat | DataFormatValue = "application/json"
    ) -> Response[Any]:
        """Upload values. JSON (default): a mapping {timeseries id: {timestamp: value}} (ISO 8601
        strings with an offset, or aware datetimes), streamed one series at a time; or JSON
        already encoded, as str or bytes. CSV (format=DataFormat.csv): a str or bytes is the CSV
        content itself; an os.PathLike (pathlib.Path) is a file read from disk; an open binary
        file is read from where it stands. Files are streamed, never read whole. Timestamps
        already stored are kept, not overwritten."""
        return self._upload("timeseries_data.post_timeseries_data", (), data_state, data, format)

    def upload_by_names(
        self,
        campaign_id: int,
        data_state: int,
        data: Any,
        format: DataFormat | DataFormatValue = "application/json",
    ) -> Response[Any]:
        """`upload`, with timeseries named (within the campaign) instead of given by id."""
        return self._upload(
            "timeseries_data_for_campaign.post_timeseries_data_campaign_campaign_id",
            (campaign_id,),
            data_state,
            data,
            format,
        )

    def get_stats(
        self, data_state: int, timeseries_ids: list[int] | int, timezone: str = "UTC"
    ) -> Response[Any]:
        """First and last timestamps, count, min, max, average and standard deviation of
        each timeseries in a data state: `data` is {id: {"first_timestamp", ...}}."""
        return self._download(
            "timeseries_data.get_timeseries_data_stats",
            (),
            "application/json",
            data_state=data_state,
            timeseries=timeseries_ids,
            timezone=timezone,
        )

    def get_stats_by_names(
        self,
        campaign_id: int,
        data_state: int,
        timeseries_names: list[str] | str,
        timezone: str = "UTC",
    ) -> Response[Any]:
        """`get_stats`, with timeseries named (within the campaign) instead of given by id."""
        return self._download(
            "timeseries_data_for_campaign.get_timeseries_data_campaign_campaign_id_stats",
            (campaign_id,),
            "application/json",
            data_state=data_state,
            timeseries=timeseries_names,
            timezone=timezone,
        )

    def download(
        self,
        start_time: DateTime,
        end_time: DateTime,
        data_state: int,
        timeseries_ids: list[int] | int,
        timezone: str = "UTC",
        format: DataFormat | DataFormatValue = "application/json",
        convert_to: list[str] | str | None = None,
    ) -> Response[Any]:
        """`data` is {id: {datetime: value}} (JSON) or the CSV bytes (format=DataFormat.csv)."""
        return self._download(
            "timeseries_data.get_timeseries_data",
            (),
            format,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timeseries=timeseries_ids,
            timezone=timezone,
            convert_to=convert_to,
        )

    def download_by_names(
        self,
        campaign_id: int,
        start_time: DateTime,
        end_time: DateTime,
        data_state: int,
        timeseries_names: list[str] | str,
        timezone: str = "UTC",
        format: DataFormat | DataFormatValue = "application/json",
        convert_to: list[str] | str | None = None,
    ) -> Response[Any]:
        """`download`, with timeseries named (within the campaign) instead of given by id."""
        return self._download(
            "timeseries_data_for_campaign.get_timeseries_data_campaign_campaign_id",
            (campaign_id,),
            format,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timeseries=timeseries_names,
            timezone=timezone,
            convert_to=convert_to,
        )

    def download_aggregate(
        self,
        start_time: DateTime,
        end_time: DateTime,
        data_state: int,
        timeseries_ids: list[int] | int,
        timezone: str = "UTC",
        aggregation: Aggregation | AggregationValue = "avg",
        bucket_width_value: int | str = "1",
        bucket_width_unit: BucketWidthUnit | BucketWidthUnitValue = "hour",
        format: DataFormat | DataFormatValue = "application/json",
        convert_to: list[str] | str | None = None,
    ) -> Response[Any]:
        """Values aggregated per bucket (`aggregation` over `bucket_width_value`
        `bucket_width_unit` buckets, aligned in `timezone`): `data` as for `download`."""
        return self._aggregate(
            "timeseries_data.get_timeseries_data_aggregate",
            (),
            aggregation,
            bucket_width_value,
            bucket_width_unit,
            format,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timeseries=timeseries_ids,
            timezone=timezone,
            convert_to=convert_to,
        )

    def download_aggregate_by_names(
        self,
        campaign_id: int,
        start_time: DateTime,
        end_time: DateTime,
        data_state: int,
        timeseries_names: list[str] | str,
        timezone: str = "UTC",
        aggregation: Aggregation | AggregationValue = "avg",
        bucket_width_value: int | str = "1",
        bucket_width_unit: BucketWidthUnit | BucketWidthUnitValue = "hour",
        format: DataFormat | DataFormatValue = "application/json",
        convert_to: list[str] | str | None = None,
    ) -> Response[Any]:
        """`download_aggregate`, with timeseries named (within the campaign) instead of by id."""
        return self._aggregate(
            "timeseries_data_for_campaign.get_timeseries_data_campaign_campaign_id_aggregate",
            (campaign_id,),
            aggregation,
            bucket_width_value,
            bucket_width_unit,
            format,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timeseries=timeseries_names,
            timezone=timezone,
            convert_to=convert_to,
        )

    def delete(
        self,
        start_time: DateTime,
        end_time: DateTime,
        data_state: int,
        timeseries_ids: list[int] | int,
    ) -> Response[Any]:
        """Delete the values of the timeseries between start_time and end_time (exclusive)."""
        return self._call(
            "timeseries_data.delete_timeseries_data",
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timeseries=timeseries_ids,
        )

    def delete_by_names(
        self,
        campaign_id: int,
        start_time: DateTime,
        end_time: DateTime,
        data_state: int,
        timeseries_names: list[str] | str,
    ) -> Response[Any]:
        """`delete`, with timeseries named (within the campaign) instead of given by id."""
        return self._call(
            "timeseries_data_for_campaign.delete_timeseries_data_campaign_campaign_id",
            campaign_id,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timeseries=timeseries_names,
        )


__all__ = [
    "AnalysisActions",
    "AuthActions",
    "IOActions",
    "NotificationActions",
    "SiteActions",
    "TaskActions",
    "TimeseriesDataActions",
    "UserActions",
]
