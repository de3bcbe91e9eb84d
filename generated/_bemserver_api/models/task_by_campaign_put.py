from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.task_by_campaign_put_offset_unit import (
    TaskByCampaignPutOffsetUnit,
    check_task_by_campaign_put_offset_unit,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_by_campaign_put_parameters import TaskByCampaignPutParameters


T = TypeVar("T", bound="TaskByCampaignPut")


@_attrs_define
class TaskByCampaignPut:
    id: int | Unset = UNSET
    is_enabled: bool | Unset = True
    parameters: TaskByCampaignPutParameters | Unset = UNSET
    offset_unit: TaskByCampaignPutOffsetUnit | Unset = UNSET
    start_offset: int | Unset = UNSET
    end_offset: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        is_enabled = self.is_enabled

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        offset_unit: str | Unset = UNSET
        if not isinstance(self.offset_unit, Unset):
            offset_unit = self.offset_unit

        start_offset = self.start_offset

        end_offset = self.end_offset

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if is_enabled is not UNSET:
            field_dict["is_enabled"] = is_enabled
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if offset_unit is not UNSET:
            field_dict["offset_unit"] = offset_unit
        if start_offset is not UNSET:
            field_dict["start_offset"] = start_offset
        if end_offset is not UNSET:
            field_dict["end_offset"] = end_offset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_by_campaign_put_parameters import TaskByCampaignPutParameters  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        is_enabled = d.pop("is_enabled", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: TaskByCampaignPutParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = TaskByCampaignPutParameters.from_dict(_parameters)

        _offset_unit = d.pop("offset_unit", UNSET)
        offset_unit: TaskByCampaignPutOffsetUnit | Unset
        if isinstance(_offset_unit, Unset):
            offset_unit = UNSET
        else:
            offset_unit = check_task_by_campaign_put_offset_unit(_offset_unit)

        start_offset = d.pop("start_offset", UNSET)

        end_offset = d.pop("end_offset", UNSET)

        task_by_campaign_put = cls(
            id=id,
            is_enabled=is_enabled,
            parameters=parameters,
            offset_unit=offset_unit,
            start_offset=start_offset,
            end_offset=end_offset,
        )

        return task_by_campaign_put
