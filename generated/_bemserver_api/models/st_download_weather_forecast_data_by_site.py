from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="STDownloadWeatherForecastDataBySite")


@_attrs_define
class STDownloadWeatherForecastDataBySite:
    site_id: int
    id: int | Unset = UNSET
    is_enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        site_id = self.site_id

        id = self.id

        is_enabled = self.is_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "site_id": site_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if is_enabled is not UNSET:
            field_dict["is_enabled"] = is_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        site_id = d.pop("site_id")

        id = d.pop("id", UNSET)

        is_enabled = d.pop("is_enabled", UNSET)

        st_download_weather_forecast_data_by_site = cls(
            site_id=site_id,
            id=id,
            is_enabled=is_enabled,
        )

        return st_download_weather_forecast_data_by_site
