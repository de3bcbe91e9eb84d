from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.event_exclude_id_level import EventExcludeIdLevel, check_event_exclude_id_level
from ..types import UNSET, Unset

T = TypeVar("T", bound="EventExcludeId")


@_attrs_define
class EventExcludeId:
    campaign_scope_id: int
    category_id: int
    source: str
    timestamp: datetime.datetime | Unset = UNSET
    level: EventExcludeIdLevel | Unset = UNSET
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        campaign_scope_id = self.campaign_scope_id

        category_id = self.category_id

        source = self.source

        timestamp: str | Unset = UNSET
        if not isinstance(self.timestamp, Unset):
            timestamp = self.timestamp.isoformat()

        level: str | Unset = UNSET
        if not isinstance(self.level, Unset):
            level = self.level

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "campaign_scope_id": campaign_scope_id,
                "category_id": category_id,
                "source": source,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if level is not UNSET:
            field_dict["level"] = level
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_scope_id = d.pop("campaign_scope_id")

        category_id = d.pop("category_id")

        source = d.pop("source")

        _timestamp = d.pop("timestamp", UNSET)
        timestamp: datetime.datetime | Unset
        if isinstance(_timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = datetime.datetime.fromisoformat(_timestamp)

        _level = d.pop("level", UNSET)
        level: EventExcludeIdLevel | Unset
        if isinstance(_level, Unset):
            level = UNSET
        else:
            level = check_event_exclude_id_level(_level)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        event_exclude_id = cls(
            campaign_scope_id=campaign_scope_id,
            category_id=category_id,
            source=source,
            timestamp=timestamp,
            level=level,
            description=description,
        )

        return event_exclude_id
