from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_run_parameters import TaskRunParameters


T = TypeVar("T", bound="TaskRun")


@_attrs_define
class TaskRun:
    task_name: str
    campaign_id: int
    start_time: datetime.datetime
    end_time: datetime.datetime
    parameters: TaskRunParameters | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        task_name = self.task_name

        campaign_id = self.campaign_id

        start_time = self.start_time.isoformat()

        end_time = self.end_time.isoformat()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task_name": task_name,
                "campaign_id": campaign_id,
                "start_time": start_time,
                "end_time": end_time,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_run_parameters import TaskRunParameters  # noqa: PLC0415

        d = dict(src_dict)
        task_name = d.pop("task_name")

        campaign_id = d.pop("campaign_id")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        _parameters = d.pop("parameters", UNSET)
        parameters: TaskRunParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = TaskRunParameters.from_dict(_parameters)

        task_run = cls(
            task_name=task_name,
            campaign_id=campaign_id,
            start_time=start_time,
            end_time=end_time,
            parameters=parameters,
        )

        return task_run
