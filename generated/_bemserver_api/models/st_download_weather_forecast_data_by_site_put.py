from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="STDownloadWeatherForecastDataBySitePut")


@_attrs_define
class STDownloadWeatherForecastDataBySitePut:
    id: int | Unset = UNSET
    is_enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        is_enabled = self.is_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if is_enabled is not UNSET:
            field_dict["is_enabled"] = is_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        is_enabled = d.pop("is_enabled", UNSET)

        st_download_weather_forecast_data_by_site_put = cls(
            id=id,
            is_enabled=is_enabled,
        )

        return st_download_weather_forecast_data_by_site_put
