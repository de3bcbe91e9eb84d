import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_notifications_sort_item import (
    GetNotificationsSortItem,
)
from ...models.notification import Notification
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: list[GetNotificationsSortItem] | Unset = UNSET,
    user_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    read: bool | Unset = UNSET,
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

    params["user_id"] = user_id

    params["event_id"] = event_id

    params["campaign_id"] = campaign_id

    json_timestamp_min: str | Unset = UNSET
    if not isinstance(timestamp_min, Unset):
        json_timestamp_min = timestamp_min.isoformat()
    params["timestamp_min"] = json_timestamp_min

    json_timestamp_max: str | Unset = UNSET
    if not isinstance(timestamp_max, Unset):
        json_timestamp_max = timestamp_max.isoformat()
    params["timestamp_max"] = json_timestamp_max

    params["read"] = read

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/notifications/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[Notification]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Notification.from_dict(response_200_item_data)

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
) -> Response[Any | Error | list[Notification]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetNotificationsSortItem] | Unset = UNSET,
    user_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    read: bool | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[Notification]]:
    """List notifications

    Args:
        sort (list[GetNotificationsSortItem] | Unset):
        user_id (int | Unset):
        event_id (int | Unset):
        campaign_id (int | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        read (bool | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[Notification]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        user_id=user_id,
        event_id=event_id,
        campaign_id=campaign_id,
        timestamp_min=timestamp_min,
        timestamp_max=timestamp_max,
        read=read,
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
    sort: list[GetNotificationsSortItem] | Unset = UNSET,
    user_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    read: bool | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[Notification] | None:
    """List notifications

    Args:
        sort (list[GetNotificationsSortItem] | Unset):
        user_id (int | Unset):
        event_id (int | Unset):
        campaign_id (int | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        read (bool | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[Notification]
    """

    return sync_detailed(
        client=client,
        sort=sort,
        user_id=user_id,
        event_id=event_id,
        campaign_id=campaign_id,
        timestamp_min=timestamp_min,
        timestamp_max=timestamp_max,
        read=read,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetNotificationsSortItem] | Unset = UNSET,
    user_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    read: bool | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[Notification]]:
    """List notifications

    Args:
        sort (list[GetNotificationsSortItem] | Unset):
        user_id (int | Unset):
        event_id (int | Unset):
        campaign_id (int | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        read (bool | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[Notification]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        user_id=user_id,
        event_id=event_id,
        campaign_id=campaign_id,
        timestamp_min=timestamp_min,
        timestamp_max=timestamp_max,
        read=read,
        page=page,
        page_size=page_size,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetNotificationsSortItem] | Unset = UNSET,
    user_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    timestamp_min: datetime.datetime | Unset = UNSET,
    timestamp_max: datetime.datetime | Unset = UNSET,
    read: bool | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[Notification] | None:
    """List notifications

    Args:
        sort (list[GetNotificationsSortItem] | Unset):
        user_id (int | Unset):
        event_id (int | Unset):
        campaign_id (int | Unset):
        timestamp_min (datetime.datetime | Unset):
        timestamp_max (datetime.datetime | Unset):
        read (bool | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[Notification]
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            user_id=user_id,
            event_id=event_id,
            campaign_id=campaign_id,
            timestamp_min=timestamp_min,
            timestamp_max=timestamp_max,
            read=read,
            page=page,
            page_size=page_size,
            if_none_match=if_none_match,
        )
    ).parsed
