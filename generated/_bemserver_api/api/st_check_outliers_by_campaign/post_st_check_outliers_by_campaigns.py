from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.st_check_outliers_by_campaign import STCheckOutliersByCampaign
from ...types import Response


def _get_kwargs(
    *,
    body: STCheckOutliersByCampaign,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/st_check_outliers_by_campaigns/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | STCheckOutliersByCampaign:
    if response.status_code == 201:
        response_201 = STCheckOutliersByCampaign.from_dict(response.json())

        return response_201

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
) -> Response[Error | STCheckOutliersByCampaign]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: STCheckOutliersByCampaign,
) -> Response[Error | STCheckOutliersByCampaign]:
    """Add a new check outliers scheduled tasks x campaign association

    Args:
        body (STCheckOutliersByCampaign):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | STCheckOutliersByCampaign]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: STCheckOutliersByCampaign,
) -> Error | STCheckOutliersByCampaign | None:
    """Add a new check outliers scheduled tasks x campaign association

    Args:
        body (STCheckOutliersByCampaign):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | STCheckOutliersByCampaign
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: STCheckOutliersByCampaign,
) -> Response[Error | STCheckOutliersByCampaign]:
    """Add a new check outliers scheduled tasks x campaign association

    Args:
        body (STCheckOutliersByCampaign):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | STCheckOutliersByCampaign]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: STCheckOutliersByCampaign,
) -> Error | STCheckOutliersByCampaign | None:
    """Add a new check outliers scheduled tasks x campaign association

    Args:
        body (STCheckOutliersByCampaign):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | STCheckOutliersByCampaign
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
