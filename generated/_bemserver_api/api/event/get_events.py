import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event import Event
from ...models.get_events_level import GetEventsLevel
from ...models.get_events_level_min import GetEventsLevelMin
from ...models.get_events_sort_item import GetEventsSortItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: list[GetEventsSortItem] | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    source: str | Unset = UNSET,
    in_source: str | Unset = UNSET,
    category_id: int | Unset = UNSET,
    level: GetEventsLevel | Unset = UNSET,
    level_min: GetEventsLevelMin | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    timeseries_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
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

    params["campaign_id"] = campaign_id

    params["campaign_scope_id"] = campaign_scope_id

    params["user_id"] = user_id

    params["source"] = source

    params["in_source"] = in_source

    params["category_id"] = category_id

    json_level: str | Unset = UNSET
    if not isinstance(level, Unset):
        json_level = level

    params["level"] = json_level

    json_level_min: str | Unset = UNSET
    if not isinstance(level_min, Unset):
        json_level_min = level_min

    params["level_min"] = json_level_min

    json_timestamp_min: str | Unset = UNSET
    if not isinstance(timestamp_min, Unset):
        json_timestamp_min = timestamp_min.isoformat()
    params["timestamp_min"] = json_timestamp_min

    json_timestamp_max: str | Unset = UNSET
    if not isinstance(timestamp_max, Unset):
        json_timestamp_max = timestamp_max.isoformat()
    params["timestamp_max"] = json_timestamp_max

    params["timeseries_id"] = timeseries_id

    params["site_id"] = site_id

    params["recurse_site_id"] = recurse_site_id

    params["building_id"] = building_id

    params["recurse_building_id"] = recurse_building_id

    params["storey_id"] = storey_id

    params["recurse_storey_id"] = recurse_storey_id

    params["space_id"] = space_id

    params["zone_id"] = zone_id

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[Event]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Event.from_dict(response_200_item_data)

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
) -> Response[Any | Error | list[Event]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetEventsSortItem] | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    source: str | Unset = UNSET,
    in_source: str | Unset = UNSET,
    category_id: int | Unset = UNSET,
    level: GetEventsLevel | Unset = UNSET,
    level_min: GetEventsLevelMin | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    timeseries_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[Event]]:
    """List events

    Args:
        sort (list[GetEventsSortItem] | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        source (str | Unset):
        in_source (str | Unset):
        category_id (int | Unset):
        level (GetEventsLevel | Unset):
        level_min (GetEventsLevelMin | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        timeseries_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[Event]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        campaign_id=campaign_id,
        campaign_scope_id=campaign_scope_id,
        user_id=user_id,
        source=source,
        in_source=in_source,
        category_id=category_id,
        level=level,
        level_min=level_min,
        timestamp_min=timestamp_min,
        timestamp_max=timestamp_max,
        timeseries_id=timeseries_id,
        site_id=site_id,
        recurse_site_id=recurse_site_id,
        building_id=building_id,
        recurse_building_id=recurse_building_id,
        storey_id=storey_id,
        recurse_storey_id=recurse_storey_id,
        space_id=space_id,
        zone_id=zone_id,
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
    sort: list[GetEventsSortItem] | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    source: str | Unset = UNSET,
    in_source: str | Unset = UNSET,
    category_id: int | Unset = UNSET,
    level: GetEventsLevel | Unset = UNSET,
    level_min: GetEventsLevelMin | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    timeseries_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[Event] | None:
    """List events

    Args:
        sort (list[GetEventsSortItem] | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        source (str | Unset):
        in_source (str | Unset):
        category_id (int | Unset):
        level (GetEventsLevel | Unset):
        level_min (GetEventsLevelMin | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        timeseries_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[Event]
    """

    return sync_detailed(
        client=client,
        sort=sort,
        campaign_id=campaign_id,
        campaign_scope_id=campaign_scope_id,
        user_id=user_id,
        source=source,
        in_source=in_source,
        category_id=category_id,
        level=level,
        level_min=level_min,
        timestamp_min=timestamp_min,
        timestamp_max=timestamp_max,
        timeseries_id=timeseries_id,
        site_id=site_id,
        recurse_site_id=recurse_site_id,
        building_id=building_id,
        recurse_building_id=recurse_building_id,
        storey_id=storey_id,
        recurse_storey_id=recurse_storey_id,
        space_id=space_id,
        zone_id=zone_id,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetEventsSortItem] | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    source: str | Unset = UNSET,
    in_source: str | Unset = UNSET,
    category_id: int | Unset = UNSET,
    level: GetEventsLevel | Unset = UNSET,
    level_min: GetEventsLevelMin | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    timeseries_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[Event]]:
    """List events

    Args:
        sort (list[GetEventsSortItem] | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        source (str | Unset):
        in_source (str | Unset):
        category_id (int | Unset):
        level (GetEventsLevel | Unset):
        level_min (GetEventsLevelMin | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        timeseries_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[Event]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        campaign_id=campaign_id,
        campaign_scope_id=campaign_scope_id,
        user_id=user_id,
        source=source,
        in_source=in_source,
        category_id=category_id,
        level=level,
        level_min=level_min,
        timestamp_min=timestamp_min,
        timestamp_max=timestamp_max,
        timeseries_id=timeseries_id,
        site_id=site_id,
        recurse_site_id=recurse_site_id,
        building_id=building_id,
        recurse_building_id=recurse_building_id,
        storey_id=storey_id,
        recurse_storey_id=recurse_storey_id,
        space_id=space_id,
        zone_id=zone_id,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetEventsSortItem] | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    campaign_scope_id: int | Unset = UNSET,
    user_id: int | Unset = UNSET,
    source: str | Unset = UNSET,
    in_source: str | Unset = UNSET,
    category_id: int | Unset = UNSET,
    level: GetEventsLevel | Unset = UNSET,
    level_min: GetEventsLevelMin | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    timeseries_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    recurse_site_id: int | Unset = UNSET,
    building_id: int | Unset = UNSET,
    recurse_building_id: int | Unset = UNSET,
    storey_id: int | Unset = UNSET,
    recurse_storey_id: int | Unset = UNSET,
    space_id: int | Unset = UNSET,
    zone_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[Event] | None:
    """List events

    Args:
        sort (list[GetEventsSortItem] | Unset):
        campaign_id (int | Unset):
        campaign_scope_id (int | Unset):
        user_id (int | Unset):
        source (str | Unset):
        in_source (str | Unset):
        category_id (int | Unset):
        level (GetEventsLevel | Unset):
        level_min (GetEventsLevelMin | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        timeseries_id (int | Unset):
        site_id (int | Unset):
        recurse_site_id (int | Unset):
        building_id (int | Unset):
        recurse_building_id (int | Unset):
        storey_id (int | Unset):
        recurse_storey_id (int | Unset):
        space_id (int | Unset):
        zone_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[Event]
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            campaign_id=campaign_id,
            campaign_scope_id=campaign_scope_id,
            user_id=user_id,
            source=source,
            in_source=in_source,
            category_id=category_id,
            level=level,
            level_min=level_min,
            timestamp_min=timestamp_min,
            timestamp_max=timestamp_max,
            timeseries_id=timeseries_id,
            site_id=site_id,
            recurse_site_id=recurse_site_id,
            building_id=building_id,
            recurse_building_id=recurse_building_id,
            storey_id=storey_id,
            recurse_storey_id=recurse_storey_id,
            space_id=space_id,
            zone_id=zone_id,
            page=page,
            page_size=page_size,
            if_none_match=if_none_match,
        )
    ).parsed
