import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.completeness import Completeness
from ...models.error import Error
from ...models.get_analysis_completeness_bucket_width_unit import (
    GetAnalysisCompletenessBucketWidthUnit,
)
from ...models.timezone import Timezone
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisCompletenessBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timeseries: list[int],
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["bucket_width_value"] = bucket_width_value

    json_bucket_width_unit: str = bucket_width_unit
    params["bucket_width_unit"] = json_bucket_width_unit

    json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    json_timeseries = timeseries

    params["timeseries"] = json_timeseries

    params["data_state"] = data_state

    json_timezone: str | Unset = UNSET
    if not isinstance(timezone, Unset):
        json_timezone = timezone

    params["timezone"] = json_timezone

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/analysis/completeness",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Completeness | Error:
    if response.status_code == 200:
        response_200 = Completeness.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Completeness | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisCompletenessBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timeseries: list[int],
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Completeness | Error]:
    """Get timeseries data completeness

     Returns a report about data completeness, involving the number of values
    per time bucket and the sample interval.

    If the theoretical time interval for a timeseries is not defined in database,
    it is inferred from the maximum number of values per bucket.

    Args:
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisCompletenessBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timeseries (list[int]):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Completeness | Error]
    """

    kwargs = _get_kwargs(
        bucket_width_value=bucket_width_value,
        bucket_width_unit=bucket_width_unit,
        start_time=start_time,
        end_time=end_time,
        timeseries=timeseries,
        data_state=data_state,
        timezone=timezone,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisCompletenessBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timeseries: list[int],
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    if_none_match: str | Unset = UNSET,
) -> Any | Completeness | Error | None:
    """Get timeseries data completeness

     Returns a report about data completeness, involving the number of values
    per time bucket and the sample interval.

    If the theoretical time interval for a timeseries is not defined in database,
    it is inferred from the maximum number of values per bucket.

    Args:
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisCompletenessBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timeseries (list[int]):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Completeness | Error
    """

    return sync_detailed(
        client=client,
        bucket_width_value=bucket_width_value,
        bucket_width_unit=bucket_width_unit,
        start_time=start_time,
        end_time=end_time,
        timeseries=timeseries,
        data_state=data_state,
        timezone=timezone,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisCompletenessBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timeseries: list[int],
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Completeness | Error]:
    """Get timeseries data completeness

     Returns a report about data completeness, involving the number of values
    per time bucket and the sample interval.

    If the theoretical time interval for a timeseries is not defined in database,
    it is inferred from the maximum number of values per bucket.

    Args:
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisCompletenessBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timeseries (list[int]):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Completeness | Error]
    """

    kwargs = _get_kwargs(
        bucket_width_value=bucket_width_value,
        bucket_width_unit=bucket_width_unit,
        start_time=start_time,
        end_time=end_time,
        timeseries=timeseries,
        data_state=data_state,
        timezone=timezone,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisCompletenessBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timeseries: list[int],
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    if_none_match: str | Unset = UNSET,
) -> Any | Completeness | Error | None:
    """Get timeseries data completeness

     Returns a report about data completeness, involving the number of values
    per time bucket and the sample interval.

    If the theoretical time interval for a timeseries is not defined in database,
    it is inferred from the maximum number of values per bucket.

    Args:
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisCompletenessBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timeseries (list[int]):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Completeness | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            bucket_width_value=bucket_width_value,
            bucket_width_unit=bucket_width_unit,
            start_time=start_time,
            end_time=end_time,
            timeseries=timeseries,
            data_state=data_state,
            timezone=timezone,
            if_none_match=if_none_match,
        )
    ).parsed
