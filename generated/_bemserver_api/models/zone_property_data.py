from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.zone_property_exclude_id import ZonePropertyExcludeId


T = TypeVar("T", bound="ZonePropertyData")


@_attrs_define
class ZonePropertyData:
    zone_id: int
    zone_property_id: int
    value: str
    id: int | Unset = UNSET
    zone_property: ZonePropertyExcludeId | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        zone_id = self.zone_id

        zone_property_id = self.zone_property_id

        value = self.value

        id = self.id

        zone_property: dict[str, Any] | Unset = UNSET
        if not isinstance(self.zone_property, Unset):
            zone_property = self.zone_property.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "zone_id": zone_id,
                "zone_property_id": zone_property_id,
                "value": value,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if zone_property is not UNSET:
            field_dict["zone_property"] = zone_property

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.zone_property_exclude_id import ZonePropertyExcludeId  # noqa: PLC0415

        d = dict(src_dict)
        zone_id = d.pop("zone_id")

        zone_property_id = d.pop("zone_property_id")

        value = d.pop("value")

        id = d.pop("id", UNSET)

        _zone_property = d.pop("zone_property", UNSET)
        zone_property: ZonePropertyExcludeId | Unset
        if isinstance(_zone_property, Unset):
            zone_property = UNSET
        else:
            zone_property = ZonePropertyExcludeId.from_dict(_zone_property)

        zone_property_data = cls(
            zone_id=zone_id,
            zone_property_id=zone_property_id,
            value=value,
            id=id,
            zone_property=zone_property,
        )

        return zone_property_data
