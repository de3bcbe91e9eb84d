from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_by_space import EventBySpace
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    space_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["space_id"] = space_id

    params["event_id"] = event_id

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events_by_spaces/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[EventBySpace]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = EventBySpace.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | list[EventBySpace]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    space_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[Error | list[EventBySpace]]:
    """List event x space associations

    Args:
        space_id (int | Unset):
        event_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[EventBySpace]]
    """

    kwargs = _get_kwargs(
        space_id=space_id,
        event_id=event_id,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    space_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Error | list[EventBySpace] | None:
    """List event x space associations

    Args:
        space_id (int | Unset):
        event_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[EventBySpace]
    """

    return sync_detailed(
        client=client,
        space_id=space_id,
        event_id=event_id,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    space_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Response[Error | list[EventBySpace]]:
    """List event x space associations

    Args:
        space_id (int | Unset):
        event_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[EventBySpace]]
    """

    kwargs = _get_kwargs(
        space_id=space_id,
        event_id=event_id,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    space_id: int | Unset = UNSET,
    event_id: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
) -> Error | list[EventBySpace] | None:
    """List event x space associations

    Args:
        space_id (int | Unset):
        event_id (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[EventBySpace]
    """

    return (
        await asyncio_detailed(
            client=client,
            space_id=space_id,
            event_id=event_id,
            page=page,
            page_size=page_size,
        )
    ).parsed
