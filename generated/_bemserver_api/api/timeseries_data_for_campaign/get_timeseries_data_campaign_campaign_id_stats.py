from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.timeseries_data_stats_by_name import TimeseriesDataStatsByName
from ...models.timezone import Timezone
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: int,
    *,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[str],
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
        "url": "/timeseries_data/campaign/{campaign_id}/stats".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TimeseriesDataStatsByName:
    if response.status_code == 200:
        response_200 = TimeseriesDataStatsByName.from_dict(response.json())

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
) -> Response[Error | TimeseriesDataStatsByName]:
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
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[str],
) -> Response[Error | TimeseriesDataStatsByName]:
    """Get timeseries data stats

    Args:
        campaign_id (int):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeseriesDataStatsByName]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        data_state=data_state,
        timezone=timezone,
        timeseries=timeseries,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[str],
) -> Error | TimeseriesDataStatsByName | None:
    """Get timeseries data stats

    Args:
        campaign_id (int):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeseriesDataStatsByName
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        data_state=data_state,
        timezone=timezone,
        timeseries=timeseries,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[str],
) -> Response[Error | TimeseriesDataStatsByName]:
    """Get timeseries data stats

    Args:
        campaign_id (int):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeseriesDataStatsByName]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        data_state=data_state,
        timezone=timezone,
        timeseries=timeseries,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    data_state: int,
    timezone: Timezone | Unset = "UTC",
    timeseries: list[str],
) -> Error | TimeseriesDataStatsByName | None:
    """Get timeseries data stats

    Args:
        campaign_id (int):
        data_state (int):
        timezone (Timezone | Unset):  Default: 'UTC'.
        timeseries (list[str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeseriesDataStatsByName
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            data_state=data_state,
            timezone=timezone,
            timeseries=timeseries,
        )
    ).parsed
