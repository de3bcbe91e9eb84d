from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_timeseries_sort_item import GetTimeseriesSortItem
from ...models.timeseries import Timeseries
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: list[GetTimeseriesSortItem] | Unset = UNSET,
    name: str | Unset = UNSET,
    in_name: str | Unset = UNSET,
    unit_symbol: str | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    properties: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    json_sort: list[str] | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = []
        for sort_item_data in sort:
            sort_item: str = sort_item_data
            json_sort.append(sort_item)

    params["sort"] = json_sort

    params["name"] = name

    params["in_name"] = in_name

    params["unit_symbol"] = unit_symbol

    params["campaign_id"] = campaign_id

    params["campaign_scope_id"] = campaign_scope_id

    params["user_id"] = user_id

    params["site_id"] = site_id

    params["recurse_site_id"] = recurse_site_id

    params["building_id"] = building_id

    params["recurse_building_id"] = recurse_building_id

    params["storey_id"] = storey_id

    params["recurse_storey_id"] = recurse_storey_id

    params["space_id"] = space_id

    params["zone_id"] = zone_id

    params["event_id"] = event_id

    params["properties"] = properties

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/timeseries/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[Timeseries]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Timeseries.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Any | Error | list[Timeseries]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetTimeseriesSortItem] | Unset = UNSET,
    name: str | Unset = UNSET,
    in_name: str | Unset = UNSET,
    unit_symbol: str | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    properties: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[Timeseries]]:
    """List timeseries

    Args:
        sort (list[GetTimeseriesSortItem] | Unset):
        name (str | Unset):
        in_name (str | Unset):
        unit_symbol (str | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        event_id (int | Unset):
        properties (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[Timeseries]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        name=name,
        in_name=in_name,
        unit_symbol=unit_symbol,
        campaign_id=campaign_id,
        campaign_scope_id=campaign_scope_id,
        user_id=user_id,
        site_id=site_id,
        recurse_site_id=recurse_site_id,
        building_id=building_id,
        recurse_building_id=recurse_building_id,
        storey_id=storey_id,
        recurse_storey_id=recurse_storey_id,
        space_id=space_id,
        zone_id=zone_id,
        event_id=event_id,
        properties=properties,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetTimeseriesSortItem] | Unset = UNSET,
    name: str | Unset = UNSET,
    in_name: str | Unset = UNSET,
    unit_symbol: str | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    properties: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[Timeseries] | None:
    """List timeseries

    Args:
        sort (list[GetTimeseriesSortItem] | Unset):
        name (str | Unset):
        in_name (str | Unset):
        unit_symbol (str | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        event_id (int | Unset):
        properties (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[Timeseries]
    """

    return sync_detailed(
        client=client,
        sort=sort,
        name=name,
        in_name=in_name,
        unit_symbol=unit_symbol,
        campaign_id=campaign_id,
        campaign_scope_id=campaign_scope_id,
        user_id=user_id,
        site_id=site_id,
        recurse_site_id=recurse_site_id,
        building_id=building_id,
        recurse_building_id=recurse_building_id,
        storey_id=storey_id,
        recurse_storey_id=recurse_storey_id,
        space_id=space_id,
        zone_id=zone_id,
        event_id=event_id,
        properties=properties,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetTimeseriesSortItem] | Unset = UNSET,
    name: str | Unset = UNSET,
    in_name: str | Unset = UNSET,
    unit_symbol: str | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    properties: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[Timeseries]]:
    """List timeseries

    Args:
        sort (list[GetTimeseriesSortItem] | Unset):
        name (str | Unset):
        in_name (str | Unset):
        unit_symbol (str | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        event_id (int | Unset):
        properties (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[Timeseries]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        name=name,
        in_name=in_name,
        unit_symbol=unit_symbol,
        campaign_id=campaign_id,
        campaign_scope_id=campaign_scope_id,
        user_id=user_id,
        site_id=site_id,
        recurse_site_id=recurse_site_id,
        building_id=building_id,
        recurse_building_id=recurse_building_id,
        storey_id=storey_id,
        recurse_storey_id=recurse_storey_id,
        space_id=space_id,
        zone_id=zone_id,
        event_id=event_id,
        properties=properties,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetTimeseriesSortItem] | Unset = UNSET,
    name: str | Unset = UNSET,
    in_name: str | Unset = UNSET,
    unit_symbol: str | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    properties: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[Timeseries] | None:
    """List timeseries

    Args:
        sort (list[GetTimeseriesSortItem] | Unset):
        name (str | Unset):
        in_name (str | Unset):
        unit_symbol (str | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        event_id (int | Unset):
        properties (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[Timeseries]
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            name=name,
            in_name=in_name,
            unit_symbol=unit_symbol,
            campaign_id=campaign_id,
            campaign_scope_id=campaign_scope_id,
            user_id=user_id,
            site_id=site_id,
            recurse_site_id=recurse_site_id,
            building_id=building_id,
            recurse_building_id=recurse_building_id,
            storey_id=storey_id,
            recurse_storey_id=recurse_storey_id,
            space_id=space_id,
            zone_id=zone_id,
            event_id=event_id,
            properties=properties,
            page=page,
            page_size=page_size,
            if_none_match=if_none_match,
        )
    ).parsed
