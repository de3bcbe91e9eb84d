from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationCountForCampaign")


@_attrs_define
class NotificationCountForCampaign:
    campaign_id: int | Unset = UNSET
    campaign_name: str | Unset = UNSET
    count: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        campaign_id = self.campaign_id

        campaign_name = self.campaign_name

        count = self.count

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if campaign_name is not UNSET:
            field_dict["campaign_name"] = campaign_name
        if count is not UNSET:
            field_dict["count"] = count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = d.pop("campaign_id", UNSET)

        campaign_name = d.pop("campaign_name", UNSET)

        count = d.pop("count", UNSET)

        notification_count_for_campaign = cls(
            campaign_id=campaign_id,
            campaign_name=campaign_name,
            count=count,
        )

        return notification_count_for_campaign
