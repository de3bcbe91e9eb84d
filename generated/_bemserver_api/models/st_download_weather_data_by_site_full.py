from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="STDownloadWeatherDataBySiteFull")


@_attrs_define
class STDownloadWeatherDataBySiteFull:
    id: int | Unset = UNSET
    site_id: int | Unset = UNSET
    site_name: str | Unset = UNSET
    is_enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        site_id = self.site_id

        site_name = self.site_name

        is_enabled = self.is_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if site_id is not UNSET:
            field_dict["site_id"] = site_id
        if site_name is not UNSET:
            field_dict["site_name"] = site_name
        if is_enabled is not UNSET:
            field_dict["is_enabled"] = is_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        site_id = d.pop("site_id", UNSET)

        site_name = d.pop("site_name", UNSET)

        is_enabled = d.pop("is_enabled", UNSET)

        st_download_weather_data_by_site_full = cls(
            id=id,
            site_id=site_id,
            site_name=site_name,
            is_enabled=is_enabled,
        )

        return st_download_weather_data_by_site_full
