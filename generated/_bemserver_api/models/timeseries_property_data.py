from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeseriesPropertyData")


@_attrs_define
class TimeseriesPropertyData:
    timeseries_id: int
    property_id: int
    value: str
    id: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        timeseries_id = self.timeseries_id

        property_id = self.property_id

        value = self.value

        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "timeseries_id": timeseries_id,
                "property_id": property_id,
                "value": value,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timeseries_id = d.pop("timeseries_id")

        property_id = d.pop("property_id")

        value = d.pop("value")

        id = d.pop("id", UNSET)

        timeseries_property_data = cls(
            timeseries_id=timeseries_id,
            property_id=property_id,
            value=value,
            id=id,
        )

        return timeseries_property_data
