import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.timeseries_data_values import TimeseriesDataValues
from ...models.timezone import Timezone
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: int,
    *,
    timeseries: list[str],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    convert_to: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_timeseries = timeseries

    params["timeseries"] = json_timeseries

    json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    params["data_state"] = data_state

    json_timezone: str | Unset = UNSET
    if not isinstance(timezone, Unset):
        json_timezone = timezone

    params["timezone"] = json_timezone

    json_convert_to: list[str] | Unset = UNSET
    if not isinstance(convert_to, Unset):
        json_convert_to = convert_to

    params["convert_to"] = json_convert_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/timeseries_data/campaign/{campaign_id}/".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TimeseriesDataValues:
    if response.status_code == 200:
        response_200 = TimeseriesDataValues.from_dict(response.json())

        return response_200

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
) -> Response[Error | TimeseriesDataValues]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[str],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    convert_to: list[str] | Unset = UNSET,
) -> Response[Error | TimeseriesDataValues]:
    """Get timeseries data for a given campaign

     Returns data in either JSON or CSV format.

    JSON: Each key is a timeseries name as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries names.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        campaign_id (int):
        timeseries (list[str]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        convert_to (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeseriesDataValues]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        timeseries=timeseries,
        start_time=start_time,
        end_time=end_time,
        data_state=data_state,
        timezone=timezone,
        convert_to=convert_to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[str],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    convert_to: list[str] | Unset = UNSET,
) -> Error | TimeseriesDataValues | None:
    """Get timeseries data for a given campaign

     Returns data in either JSON or CSV format.

    JSON: Each key is a timeseries name as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries names.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        campaign_id (int):
        timeseries (list[str]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        convert_to (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeseriesDataValues
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        timeseries=timeseries,
        start_time=start_time,
        end_time=end_time,
        data_state=data_state,
        timezone=timezone,
        convert_to=convert_to,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[str],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    convert_to: list[str] | Unset = UNSET,
) -> Response[Error | TimeseriesDataValues]:
    """Get timeseries data for a given campaign

     Returns data in either JSON or CSV format.

    JSON: Each key is a timeseries name as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries names.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        campaign_id (int):
        timeseries (list[str]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        convert_to (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeseriesDataValues]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        timeseries=timeseries,
        start_time=start_time,
        end_time=end_time,
        data_state=data_state,
        timezone=timezone,
        convert_to=convert_to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[str],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    convert_to: list[str] | Unset = UNSET,
) -> Error | TimeseriesDataValues | None:
    """Get timeseries data for a given campaign

     Returns data in either JSON or CSV format.

    JSON: Each key is a timeseries name as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries names.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        campaign_id (int):
        timeseries (list[str]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        convert_to (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeseriesDataValues
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            timeseries=timeseries,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
            timezone=timezone,
            convert_to=convert_to,
        )
    ).parsed
