import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.degree_days import DegreeDays
from ...models.error import Error
from ...models.get_sites_item_id_degree_days_period import (
    GetSitesItemIdDegreeDaysPeriod,
)
from ...models.get_sites_item_id_degree_days_type import (
    GetSitesItemIdDegreeDaysType,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    item_id: int,
    *,
    start_date: datetime.date,
    end_date: datetime.date,
    period: GetSitesItemIdDegreeDaysPeriod,
    type_: GetSitesItemIdDegreeDaysType | Unset = "heating",
    base: float | Unset = 18.0,
    unit: str | Unset = "°C",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start_date = start_date.isoformat()
    params["start_date"] = json_start_date

    json_end_date = end_date.isoformat()
    params["end_date"] = json_end_date

    json_period: str = period
    params["period"] = json_period

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    params["base"] = base

    params["unit"] = unit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sites/{item_id}/degree_days".format(
            item_id=quote(str(item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DegreeDays | Error:
    if response.status_code == 200:
        response_200 = DegreeDays.from_dict(response.json())

        return response_200

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
) -> Response[DegreeDays | Error]:
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
    start_date: datetime.date,
    end_date: datetime.date,
    period: GetSitesItemIdDegreeDaysPeriod,
    type_: GetSitesItemIdDegreeDaysType | Unset = "heating",
    base: float | Unset = 18.0,
    unit: str | Unset = "°C",
) -> Response[DegreeDays | Error]:
    """Get degree days for a site

     Computes degree days on-the-fly.
    Requires air temperature timeseries to be defined.

    Args:
        item_id (int):
        start_date (datetime.date):
        end_date (datetime.date):
        period (GetSitesItemIdDegreeDaysPeriod):
        type_ (GetSitesItemIdDegreeDaysType | Unset):  Default: 'heating'.
        base (float | Unset):  Default: 18.0.
        unit (str | Unset):  Default: '°C'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DegreeDays | Error]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        start_date=start_date,
        end_date=end_date,
        period=period,
        type_=type_,
        base=base,
        unit=unit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date,
    end_date: datetime.date,
    period: GetSitesItemIdDegreeDaysPeriod,
    type_: GetSitesItemIdDegreeDaysType | Unset = "heating",
    base: float | Unset = 18.0,
    unit: str | Unset = "°C",
) -> DegreeDays | Error | None:
    """Get degree days for a site

     Computes degree days on-the-fly.
    Requires air temperature timeseries to be defined.

    Args:
        item_id (int):
        start_date (datetime.date):
        end_date (datetime.date):
        period (GetSitesItemIdDegreeDaysPeriod):
        type_ (GetSitesItemIdDegreeDaysType | Unset):  Default: 'heating'.
        base (float | Unset):  Default: 18.0.
        unit (str | Unset):  Default: '°C'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DegreeDays | Error
    """

    return sync_detailed(
        item_id=item_id,
        client=client,
        start_date=start_date,
        end_date=end_date,
        period=period,
        type_=type_,
        base=base,
        unit=unit,
    ).parsed


async def asyncio_detailed(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date,
    end_date: datetime.date,
    period: GetSitesItemIdDegreeDaysPeriod,
    type_: GetSitesItemIdDegreeDaysType | Unset = "heating",
    base: float | Unset = 18.0,
    unit: str | Unset = "°C",
) -> Response[DegreeDays | Error]:
    """Get degree days for a site

     Computes degree days on-the-fly.
    Requires air temperature timeseries to be defined.

    Args:
        item_id (int):
        start_date (datetime.date):
        end_date (datetime.date):
        period (GetSitesItemIdDegreeDaysPeriod):
        type_ (GetSitesItemIdDegreeDaysType | Unset):  Default: 'heating'.
        base (float | Unset):  Default: 18.0.
        unit (str | Unset):  Default: '°C'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DegreeDays | Error]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        start_date=start_date,
        end_date=end_date,
        period=period,
        type_=type_,
        base=base,
        unit=unit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    item_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date,
    end_date: datetime.date,
    period: GetSitesItemIdDegreeDaysPeriod,
    type_: GetSitesItemIdDegreeDaysType | Unset = "heating",
    base: float | Unset = 18.0,
    unit: str | Unset = "°C",
) -> DegreeDays | Error | None:
    """Get degree days for a site

     Computes degree days on-the-fly.
    Requires air temperature timeseries to be defined.

    Args:
        item_id (int):
        start_date (datetime.date):
        end_date (datetime.date):
        period (GetSitesItemIdDegreeDaysPeriod):
        type_ (GetSitesItemIdDegreeDaysType | Unset):  Default: 'heating'.
        base (float | Unset):  Default: 18.0.
        unit (str | Unset):  Default: '°C'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DegreeDays | Error
    """

    return (
        await asyncio_detailed(
            item_id=item_id,
            client=client,
            start_date=start_date,
            end_date=end_date,
            period=period,
            type_=type_,
            base=base,
            unit=unit,
        )
    ).parsed
