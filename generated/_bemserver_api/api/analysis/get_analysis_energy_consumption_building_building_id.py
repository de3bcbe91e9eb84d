import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.energy_consumption import EnergyConsumption
from ...models.error import Error
from ...models.get_analysis_energy_consumption_building_building_id_bucket_width_unit import (
    GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit,
)
from ...models.timezone import Timezone
from ...types import UNSET, Response, Unset


def _get_kwargs(
    building_id: int,
    *,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timezone: Timezone | Unset = "UTC",
    unit: str | Unset = "Wh",
    ratio_property: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["bucket_width_value"] = bucket_width_value

    json_bucket_width_unit: str = bucket_width_unit
    params["bucket_width_unit"] = json_bucket_width_unit

    json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    json_timezone: str | Unset = UNSET
    if not isinstance(timezone, Unset):
        json_timezone = timezone

    params["timezone"] = json_timezone

    params["unit"] = unit

    params["ratio_property"] = ratio_property

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/analysis/energy_consumption/building/{building_id}".format(
            building_id=quote(str(building_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EnergyConsumption | Error:
    if response.status_code == 200:
        response_200 = EnergyConsumption.from_dict(response.json())

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
) -> Response[Any | EnergyConsumption | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    building_id: int,
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timezone: Timezone | Unset = "UTC",
    unit: str | Unset = "Wh",
    ratio_property: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | EnergyConsumption | Error]:
    """Get energy consumption breakdown for a building

    Args:
        building_id (int):
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timezone (Timezone | Unset):  Default: 'UTC'.
        unit (str | Unset):  Default: 'Wh'.
        ratio_property (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnergyConsumption | Error]
    """

    kwargs = _get_kwargs(
        building_id=building_id,
        bucket_width_value=bucket_width_value,
        bucket_width_unit=bucket_width_unit,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone,
        unit=unit,
        ratio_property=ratio_property,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    building_id: int,
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timezone: Timezone | Unset = "UTC",
    unit: str | Unset = "Wh",
    ratio_property: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | EnergyConsumption | Error | None:
    """Get energy consumption breakdown for a building

    Args:
        building_id (int):
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timezone (Timezone | Unset):  Default: 'UTC'.
        unit (str | Unset):  Default: 'Wh'.
        ratio_property (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnergyConsumption | Error
    """

    return sync_detailed(
        building_id=building_id,
        client=client,
        bucket_width_value=bucket_width_value,
        bucket_width_unit=bucket_width_unit,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone,
        unit=unit,
        ratio_property=ratio_property,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    building_id: int,
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timezone: Timezone | Unset = "UTC",
    unit: str | Unset = "Wh",
    ratio_property: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | EnergyConsumption | Error]:
    """Get energy consumption breakdown for a building

    Args:
        building_id (int):
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timezone (Timezone | Unset):  Default: 'UTC'.
        unit (str | Unset):  Default: 'Wh'.
        ratio_property (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnergyConsumption | Error]
    """

    kwargs = _get_kwargs(
        building_id=building_id,
        bucket_width_value=bucket_width_value,
        bucket_width_unit=bucket_width_unit,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone,
        unit=unit,
        ratio_property=ratio_property,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    building_id: int,
    *,
    client: AuthenticatedClient | Client,
    bucket_width_value: int,
    bucket_width_unit: GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit,
    start_time: datetime.datetime,
    end_time: datetime.datetime,
    timezone: Timezone | Unset = "UTC",
    unit: str | Unset = "Wh",
    ratio_property: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | EnergyConsumption | Error | None:
    """Get energy consumption breakdown for a building

    Args:
        building_id (int):
        bucket_width_value (int):
        bucket_width_unit (GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        timezone (Timezone | Unset):  Default: 'UTC'.
        unit (str | Unset):  Default: 'Wh'.
        ratio_property (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnergyConsumption | Error
    """

    return (
        await asyncio_detailed(
            building_id=building_id,
            client=client,
            bucket_width_value=bucket_width_value,
            bucket_width_unit=bucket_width_unit,
            start_time=start_time,
            end_time=end_time,
            timezone=timezone,
            unit=unit,
            ratio_property=ratio_property,
            if_none_match=if_none_match,
        )
    ).parsed
