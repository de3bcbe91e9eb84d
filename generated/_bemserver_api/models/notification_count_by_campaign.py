from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_count_for_campaign import NotificationCountForCampaign


T = TypeVar("T", bound="NotificationCountByCampaign")


@_attrs_define
class NotificationCountByCampaign:
    total: int | Unset = UNSET
    campaigns: list[NotificationCountForCampaign] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        campaigns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.campaigns, Unset):
            campaigns = []
            for campaigns_item_data in self.campaigns:
                campaigns_item = campaigns_item_data.to_dict()
                campaigns.append(campaigns_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if campaigns is not UNSET:
            field_dict["campaigns"] = campaigns

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_count_for_campaign import NotificationCountForCampaign  # noqa: PLC0415

        d = dict(src_dict)
        total = d.pop("total", UNSET)

        _campaigns = d.pop("campaigns", UNSET)
        campaigns: list[NotificationCountForCampaign] | Unset = UNSET
        if _campaigns is not UNSET:
            campaigns = []
            for campaigns_item_data in _campaigns:
                campaigns_item = NotificationCountForCampaign.from_dict(campaigns_item_data)

                campaigns.append(campaigns_item)

        notification_count_by_campaign = cls(
            total=total,
            campaigns=campaigns,
        )

        return notification_count_by_campaign
