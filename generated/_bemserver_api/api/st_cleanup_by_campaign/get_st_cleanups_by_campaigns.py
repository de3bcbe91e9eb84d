from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.st_cleanup_by_campaign import STCleanupByCampaign
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    campaign_id: int | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["campaign_id"] = campaign_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/st_cleanups_by_campaigns/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[STCleanupByCampaign]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = STCleanupByCampaign.from_dict(response_200_item_data)

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
) -> Response[Any | Error | list[STCleanupByCampaign]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[STCleanupByCampaign]]:
    """List cleanup scheduled tasks x campaign associations

    Args:
        campaign_id (int | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[STCleanupByCampaign]]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[STCleanupByCampaign] | None:
    """List cleanup scheduled tasks x campaign associations

    Args:
        campaign_id (int | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[STCleanupByCampaign]
    """

    return sync_detailed(
        client=client,
        campaign_id=campaign_id,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[STCleanupByCampaign]]:
    """List cleanup scheduled tasks x campaign associations

    Args:
        campaign_id (int | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[STCleanupByCampaign]]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[STCleanupByCampaign] | None:
    """List cleanup scheduled tasks x campaign associations

    Args:
        campaign_id (int | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[STCleanupByCampaign]
    """

    return (
        await asyncio_detailed(
            client=client,
            campaign_id=campaign_id,
            if_none_match=if_none_match,
        )
    ).parsed
