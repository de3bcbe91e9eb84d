from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.event_category_by_user_notification_level import (
    EventCategoryByUserNotificationLevel,
    check_event_category_by_user_notification_level,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="EventCategoryByUser")


@_attrs_define
class EventCategoryByUser:
    user_id: int
    category_id: int
    id: int | Unset = UNSET
    notification_level: EventCategoryByUserNotificationLevel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        category_id = self.category_id

        id = self.id

        notification_level: str | Unset = UNSET
        if not isinstance(self.notification_level, Unset):
            notification_level = self.notification_level

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "category_id": category_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if notification_level is not UNSET:
            field_dict["notification_level"] = notification_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("user_id")

        category_id = d.pop("category_id")

        id = d.pop("id", UNSET)

        _notification_level = d.pop("notification_level", UNSET)
        notification_level: EventCategoryByUserNotificationLevel | Unset
        if isinstance(_notification_level, Unset):
            notification_level = UNSET
        else:
            notification_level = check_event_category_by_user_notification_level(
                _notification_level
            )

        event_category_by_user = cls(
            user_id=user_id,
            category_id=category_id,
            id=id,
            notification_level=notification_level,
        )

        return event_category_by_user
