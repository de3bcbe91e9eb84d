from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.building_exclude_id import BuildingExcludeId
    from ..models.site_exclude_id import SiteExcludeId


T = TypeVar("T", bound="EventByBuilding")


@_attrs_define
class EventByBuilding:
    event_id: int
    building_id: int
    id: int | Unset = UNSET
    site: SiteExcludeId | Unset = UNSET
    building: BuildingExcludeId | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        building_id = self.building_id

        id = self.id

        site: dict[str, Any] | Unset = UNSET
        if not isinstance(self.site, Unset):
            site = self.site.to_dict()

        building: dict[str, Any] | Unset = UNSET
        if not isinstance(self.building, Unset):
            building = self.building.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_id": event_id,
                "building_id": building_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if site is not UNSET:
            field_dict["site"] = site
        if building is not UNSET:
            field_dict["building"] = building

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.building_exclude_id import BuildingExcludeId  # noqa: PLC0415
        from ..models.site_exclude_id import SiteExcludeId  # noqa: PLC0415

        d = dict(src_dict)
        event_id = d.pop("event_id")

        building_id = d.pop("building_id")

        id = d.pop("id", UNSET)

        _site = d.pop("site", UNSET)
        site: SiteExcludeId | Unset
        if isinstance(_site, Unset):
            site = UNSET
        else:
            site = SiteExcludeId.from_dict(_site)

        _building = d.pop("building", UNSET)
        building: BuildingExcludeId | Unset
        if isinstance(_building, Unset):
            building = UNSET
        else:
            building = BuildingExcludeId.from_dict(_building)

        event_by_building = cls(
            event_id=event_id,
            building_id=building_id,
            id=id,
            site=site,
            building=building,
        )

        return event_by_building
