import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, Response


def _get_kwargs(
    *,
    timeseries: list[int],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_timeseries = timeseries

    params["timeseries"] = json_timeseries

    json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    params["data_state"] = data_state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/timeseries_data/",
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
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[int],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
) -> Response[Any | Error]:
    """Delete timeseries data

    Args:
        timeseries (list[int]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        timeseries=timeseries,
        start_time=start_time,
        end_time=end_time,
        data_state=data_state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[int],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
) -> Any | Error | None:
    """Delete timeseries data

    Args:
        timeseries (list[int]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        client=client,
        timeseries=timeseries,
        start_time=start_time,
        end_time=end_time,
        data_state=data_state,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[int],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
) -> Response[Any | Error]:
    """Delete timeseries data

    Args:
        timeseries (list[int]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        timeseries=timeseries,
        start_time=start_time,
        end_time=end_time,
        data_state=data_state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    timeseries: list[int],
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    data_state: int,
) -> Any | Error | None:
    """Delete timeseries data

    Args:
        timeseries (list[int]):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        data_state (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            timeseries=timeseries,
            start_time=start_time,
            end_time=end_time,
            data_state=data_state,
        )
    ).parsed
