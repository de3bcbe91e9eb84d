import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    item_id: int,
    *,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    forecast: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    params["forecast"] = forecast

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/sites/{item_id}/download_weather_data".format(
            item_id=quote(str(item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    forecast: bool | Unset = False,
) -> Response[Any | Error]:
    """Download weather data for a site

     Download weather data from external web service and store it in DB.
    Requires weather timeseries to be defined.

    Args:
        item_id (int):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        forecast (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        start_time=start_time,
        end_time=end_time,
        forecast=forecast,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    forecast: bool | Unset = False,
) -> Any | Error | None:
    """Download weather data for a site

     Download weather data from external web service and store it in DB.
    Requires weather timeseries to be defined.

    Args:
        item_id (int):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        forecast (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        item_id=item_id,
        client=client,
        start_time=start_time,
        end_time=end_time,
        forecast=forecast,
    ).parsed


async def asyncio_detailed(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    forecast: bool | Unset = False,
) -> Response[Any | Error]:
    """Download weather data for a site

     Download weather data from external web service and store it in DB.
    Requires weather timeseries to be defined.

    Args:
        item_id (int):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        forecast (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        start_time=start_time,
        end_time=end_time,
        forecast=forecast,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    forecast: bool | Unset = False,
) -> Any | Error | None:
    """Download weather data for a site

     Download weather data from external web service and store it in DB.
    Requires weather timeseries to be defined.

    Args:
        item_id (int):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        forecast (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            item_id=item_id,
            client=client,
            start_time=start_time,
            end_time=end_time,
            forecast=forecast,
        )
    ).parsed
