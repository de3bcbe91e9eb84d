from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.timeseries_data_stats_by_id import TimeseriesDataStatsByID
from ...models.timezone import Timezone
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[int],
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["data_state"] = data_state

    json_timezone: str | Unset = UNSET
    if not isinstance(timezone, Unset):
        json_timezone = timezone

    params["timezone"] = json_timezone

    json_timeseries = timeseries

    params["timeseries"] = json_timeseries

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/timeseries_data/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TimeseriesDataStatsByID:
    if response.status_code == 200:
        response_200 = TimeseriesDataStatsByID.from_dict(response.json())

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
) -> Response[Error | TimeseriesDataStatsByID]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[int],
) -> Response[Error | TimeseriesDataStatsByID]:
    """Get timeseries data stats

    Args:
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[int]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeseriesDataStatsByID]
    """

    kwargs = _get_kwargs(
        data_state=data_state,
        timezone=timezone,
        timeseries=timeseries,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[int],
) -> Error | TimeseriesDataStatsByID | None:
    """Get timeseries data stats

    Args:
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[int]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeseriesDataStatsByID
    """

    return sync_detailed(
        client=client,
        data_state=data_state,
        timezone=timezone,
        timeseries=timeseries,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[int],
) -> Response[Error | TimeseriesDataStatsByID]:
    """Get timeseries data stats

    Args:
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[int]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeseriesDataStatsByID]
    """

    kwargs = _get_kwargs(
        data_state=data_state,
        timezone=timezone,
        timeseries=timeseries,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[int],
) -> Error | TimeseriesDataStatsByID | None:
    """Get timeseries data stats

    Args:
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[int]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeseriesDataStatsByID
    """

    return (
        await asyncio_detailed(
            client=client,
            data_state=data_state,
            timezone=timezone,
            timeseries=timeseries,
        )
    ).parsed
