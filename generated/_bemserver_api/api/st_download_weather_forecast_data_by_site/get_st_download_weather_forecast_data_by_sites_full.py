from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_st_download_weather_forecast_data_by_sites_full_sort_item import (
    GetStDownloadWeatherForecastDataBySitesFullSortItem,
)
from ...models.st_download_weather_forecast_data_by_site_full import (
    STDownloadWeatherForecastDataBySiteFull,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset = UNSET,
    is_enabled: bool | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    in_site_name: str | Unset = UNSET,
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

    params["is_enabled"] = is_enabled

    params["campaign_id"] = campaign_id

    params["site_id"] = site_id

    params["in_site_name"] = in_site_name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/st_download_weather_forecast_data_by_sites/full",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[STDownloadWeatherForecastDataBySiteFull]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = STDownloadWeatherForecastDataBySiteFull.from_dict(
                response_200_item_data
            )

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
) -> Response[Any | Error | list[STDownloadWeatherForecastDataBySiteFull]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset = UNSET,
    is_enabled: bool | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    in_site_name: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[STDownloadWeatherForecastDataBySiteFull]]:
    """List download weather forecast data service state for all sites

    Args:
        sort (list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset):
        is_enabled (bool | Unset):
        campaign_id (int | Unset):
        site_id (int | Unset):
        in_site_name (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[STDownloadWeatherForecastDataBySiteFull]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        is_enabled=is_enabled,
        campaign_id=campaign_id,
        site_id=site_id,
        in_site_name=in_site_name,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset = UNSET,
    is_enabled: bool | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    in_site_name: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[STDownloadWeatherForecastDataBySiteFull] | None:
    """List download weather forecast data service state for all sites

    Args:
        sort (list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset):
        is_enabled (bool | Unset):
        campaign_id (int | Unset):
        site_id (int | Unset):
        in_site_name (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[STDownloadWeatherForecastDataBySiteFull]
    """

    return sync_detailed(
        client=client,
        sort=sort,
        is_enabled=is_enabled,
        campaign_id=campaign_id,
        site_id=site_id,
        in_site_name=in_site_name,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset = UNSET,
    is_enabled: bool | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    in_site_name: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | list[STDownloadWeatherForecastDataBySiteFull]]:
    """List download weather forecast data service state for all sites

    Args:
        sort (list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset):
        is_enabled (bool | Unset):
        campaign_id (int | Unset):
        site_id (int | Unset):
        in_site_name (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[STDownloadWeatherForecastDataBySiteFull]]
    """

    kwargs = _get_kwargs(
        sort=sort,
        is_enabled=is_enabled,
        campaign_id=campaign_id,
        site_id=site_id,
        in_site_name=in_site_name,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sort: list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset = UNSET,
    is_enabled: bool | Unset = UNSET,
    campaign_id: int | Unset = UNSET,
    site_id: int | Unset = UNSET,
    in_site_name: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | list[STDownloadWeatherForecastDataBySiteFull] | None:
    """List download weather forecast data service state for all sites

    Args:
        sort (list[GetStDownloadWeatherForecastDataBySitesFullSortItem] | Unset):
        is_enabled (bool | Unset):
        campaign_id (int | Unset):
        site_id (int | Unset):
        in_site_name (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[STDownloadWeatherForecastDataBySiteFull]
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            is_enabled=is_enabled,
            campaign_id=campaign_id,
            site_id=site_id,
            in_site_name=in_site_name,
            if_none_match=if_none_match,
        )
    ).parsed
