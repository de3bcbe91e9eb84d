from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.zone_exclude_id import ZoneExcludeId


T = TypeVar("T", bound="EventByZone")


@_attrs_define
class EventByZone:
    event_id: int
    zone_id: int
    id: int | Unset = UNSET
    zone: ZoneExcludeId | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        zone_id = self.zone_id

        id = self.id

        zone: dict[str, Any] | Unset = UNSET
        if not isinstance(self.zone, Unset):
            zone = self.zone.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_id": event_id,
                "zone_id": zone_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if zone is not UNSET:
            field_dict["zone"] = zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.zone_exclude_id import ZoneExcludeId  # noqa: PLC0415

        d = dict(src_dict)
        event_id = d.pop("event_id")

        zone_id = d.pop("zone_id")

        id = d.pop("id", UNSET)

        _zone = d.pop("zone", UNSET)
        zone: ZoneExcludeId | Unset
        if isinstance(_zone, Unset):
            zone = UNSET
        else:
            zone = ZoneExcludeId.from_dict(_zone)

        event_by_zone = cls(
            event_id=event_id,
            zone_id=zone_id,
            id=id,
            zone=zone,
        )

        return event_by_zone
