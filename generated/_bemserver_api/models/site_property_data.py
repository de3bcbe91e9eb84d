from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.site_property_exclude_id import SitePropertyExcludeId


T = TypeVar("T", bound="SitePropertyData")


@_attrs_define
class SitePropertyData:
    site_id: int
    site_property_id: int
    value: str
    id: int | Unset = UNSET
    site_property: SitePropertyExcludeId | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        site_id = self.site_id

        site_property_id = self.site_property_id

        value = self.value

        id = self.id

        site_property: dict[str, Any] | Unset = UNSET
        if not isinstance(self.site_property, Unset):
            site_property = self.site_property.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "site_id": site_id,
                "site_property_id": site_property_id,
                "value": value,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if site_property is not UNSET:
            field_dict["site_property"] = site_property

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.site_property_exclude_id import SitePropertyExcludeId  # noqa: PLC0415

        d = dict(src_dict)
        site_id = d.pop("site_id")

        site_property_id = d.pop("site_property_id")

        value = d.pop("value")

        id = d.pop("id", UNSET)

        _site_property = d.pop("site_property", UNSET)
        site_property: SitePropertyExcludeId | Unset
        if isinstance(_site_property, Unset):
            site_property = UNSET
        else:
            site_property = SitePropertyExcludeId.from_dict(_site_property)

        site_property_data = cls(
            site_id=site_id,
            site_property_id=site_property_id,
            value=value,
            id=id,
            site_property=site_property,
        )

        return site_property_data
