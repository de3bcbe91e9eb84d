from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.user_group_by_campaign import UserGroupByCampaign
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    user_group_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["user_group_id"] = user_group_id

    params["campaign_id"] = campaign_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/user_groups_by_campaigns/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[UserGroupByCampaign]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = UserGroupByCampaign.from_dict(response_200_item_data)

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
) -> Response[Error | list[UserGroupByCampaign]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    user_group_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
) -> Response[Error | list[UserGroupByCampaign]]:
    """List user group x campaign associations

    Args:
        user_group_id (int | Unset):
        campaign_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[UserGroupByCampaign]]
    """

    kwargs = _get_kwargs(
        user_group_id=user_group_id,
        campaign_id=campaign_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    user_group_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
) -> Error | list[UserGroupByCampaign] | None:
    """List user group x campaign associations

    Args:
        user_group_id (int | Unset):
        campaign_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[UserGroupByCampaign]
    """

    return sync_detailed(
        client=client,
        user_group_id=user_group_id,
        campaign_id=campaign_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    user_group_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
) -> Response[Error | list[UserGroupByCampaign]]:
    """List user group x campaign associations

    Args:
        user_group_id (int | Unset):
        campaign_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[UserGroupByCampaign]]
    """

    kwargs = _get_kwargs(
        user_group_id=user_group_id,
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    user_group_id: int | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
) -> Error | list[UserGroupByCampaign] | None:
    """List user group x campaign associations

    Args:
        user_group_id (int | Unset):
        campaign_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[UserGroupByCampaign]
    """

    return (
        await asyncio_detailed(
            client=client,
            user_group_id=user_group_id,
            campaign_id=campaign_id,
        )
    ).parsed
