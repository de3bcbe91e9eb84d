from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.timeseries_data_values import TimeseriesDataValues
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: TimeseriesDataValues | File | Unset = UNSET,
    data_state: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["data_state"] = data_state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/timeseries_data/",
        "params": params,
    }

    if isinstance(body, TimeseriesDataValues):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error:
    if response.status_code == 201:
        response_201 = cast(Any, None)
        return response_201

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
    body: TimeseriesDataValues | File | Unset = UNSET,
    data_state: int,
) -> Response[Any | Error]:
    """Post timeseries data

     Loads data in either JSON or CSV format.

    JSON: Each key is a timeseries ID as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries IDs.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        data_state (int):
        body (TimeseriesDataValues | Unset): Values by timeseries (id or name), then by ISO 8601
            datetime.
        body (File | Unset):  Example: Datetime,1,2,3
            2020-01-01T00:00:00+00:00,0.1,1.1,2.1
            2020-01-01T00:10:00+00:00,0.2,1.2,2.2
            2020-01-01T00:20:00+00:00,0.3,1.3,2.3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        data_state=data_state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TimeseriesDataValues | File | Unset = UNSET,
    data_state: int,
) -> Any | Error | None:
    """Post timeseries data

     Loads data in either JSON or CSV format.

    JSON: Each key is a timeseries ID as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries IDs.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        data_state (int):
        body (TimeseriesDataValues | Unset): Values by timeseries (id or name), then by ISO 8601
            datetime.
        body (File | Unset):  Example: Datetime,1,2,3
            2020-01-01T00:00:00+00:00,0.1,1.1,2.1
            2020-01-01T00:10:00+00:00,0.2,1.2,2.2
            2020-01-01T00:20:00+00:00,0.3,1.3,2.3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        data_state=data_state,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TimeseriesDataValues | File | Unset = UNSET,
    data_state: int,
) -> Response[Any | Error]:
    """Post timeseries data

     Loads data in either JSON or CSV format.

    JSON: Each key is a timeseries ID as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries IDs.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        data_state (int):
        body (TimeseriesDataValues | Unset): Values by timeseries (id or name), then by ISO 8601
            datetime.
        body (File | Unset):  Example: Datetime,1,2,3
            2020-01-01T00:00:00+00:00,0.1,1.1,2.1
            2020-01-01T00:10:00+00:00,0.2,1.2,2.2
            2020-01-01T00:20:00+00:00,0.3,1.3,2.3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        data_state=data_state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TimeseriesDataValues | File | Unset = UNSET,
    data_state: int,
) -> Any | Error | None:
    """Post timeseries data

     Loads data in either JSON or CSV format.

    JSON: Each key is a timeseries ID as string. For each timeseries, values are
    passed as {timestamp: value} mappings.

    CSV: The first column is the timestamp and each other column is a timeseries data.
    Column headers are timeseries IDs.

    In both cases, timestamps are timezone aware datetimes.

    Args:
        data_state (int):
        body (TimeseriesDataValues | Unset): Values by timeseries (id or name), then by ISO 8601
            datetime.
        body (File | Unset):  Example: Datetime,1,2,3
            2020-01-01T00:00:00+00:00,0.1,1.1,2.1
            2020-01-01T00:10:00+00:00,0.2,1.2,2.2
            2020-01-01T00:20:00+00:00,0.3,1.3,2.3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            data_state=data_state,
        )
    ).parsed
