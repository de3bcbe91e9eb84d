from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_jwt_args import GetJWTArgs
from ...models.get_jwt_resp import GetJWTResp
from ...types import Response


def _get_kwargs(
    *,
    body: GetJWTArgs,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/token",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GetJWTResp:
    if response.status_code == 200:
        response_200 = GetJWTResp.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | GetJWTResp]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetJWTArgs,
) -> Response[Error | GetJWTResp]:
    """Get access and refresh tokens

     Use login and password to get a pair of access and refresh tokens.

    No authentication header needed. Credentials must be passed in request payload.

    Args:
        body (GetJWTArgs):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetJWTResp]
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
    body: GetJWTArgs,
) -> Error | GetJWTResp | None:
    """Get access and refresh tokens

     Use login and password to get a pair of access and refresh tokens.

    No authentication header needed. Credentials must be passed in request payload.

    Args:
        body (GetJWTArgs):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetJWTResp
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetJWTArgs,
) -> Response[Error | GetJWTResp]:
    """Get access and refresh tokens

     Use login and password to get a pair of access and refresh tokens.

    No authentication header needed. Credentials must be passed in request payload.

    Args:
        body (GetJWTArgs):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetJWTResp]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GetJWTArgs,
) -> Error | GetJWTResp | None:
    """Get access and refresh tokens

     Use login and password to get a pair of access and refresh tokens.

    No authentication header needed. Credentials must be passed in request payload.

    Args:
        body (GetJWTArgs):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetJWTResp
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
