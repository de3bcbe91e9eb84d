from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="STCleanupByCampaignFull")


@_attrs_define
class STCleanupByCampaignFull:
    id: int | Unset = UNSET
    campaign_id: int | Unset = UNSET
    campaign_name: str | Unset = UNSET
    is_enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        campaign_id = self.campaign_id

        campaign_name = self.campaign_name

        is_enabled = self.is_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if campaign_name is not UNSET:
            field_dict["campaign_name"] = campaign_name
        if is_enabled is not UNSET:
            field_dict["is_enabled"] = is_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        campaign_id = d.pop("campaign_id", UNSET)

        campaign_name = d.pop("campaign_name", UNSET)

        is_enabled = d.pop("is_enabled", UNSET)

        st_cleanup_by_campaign_full = cls(
            id=id,
            campaign_id=campaign_id,
            campaign_name=campaign_name,
            is_enabled=is_enabled,
        )

        return st_cleanup_by_campaign_full
