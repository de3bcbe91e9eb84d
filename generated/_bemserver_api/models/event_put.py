from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.event_put_level import EventPutLevel, check_event_put_level
from ..types import UNSET, Unset

T = TypeVar("T", bound="EventPut")


@_attrs_define
class EventPut:
    category_id: int
    source: str
    id: int | Unset = UNSET
    level: EventPutLevel | Unset = UNSET
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category_id = self.category_id

        source = self.source

        id = self.id

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
                "category_id": category_id,
                "source": source,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if level is not UNSET:
            field_dict["level"] = level
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category_id = d.pop("category_id")

        source = d.pop("source")

        id = d.pop("id", UNSET)

        _level = d.pop("level", UNSET)
        level: EventPutLevel | Unset
        if isinstance(_level, Unset):
            level = UNSET
        else:
            level = check_event_put_level(_level)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        event_put = cls(
            category_id=category_id,
            source=source,
            id=id,
            level=level,
            description=description,
        )

        return event_put
