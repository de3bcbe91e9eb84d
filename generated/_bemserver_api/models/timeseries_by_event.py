from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_exclude_id import EventExcludeId
    from ..models.timeseries_exclude_id import TimeseriesExcludeId


T = TypeVar("T", bound="TimeseriesByEvent")


@_attrs_define
class TimeseriesByEvent:
    timeseries_id: int
    event_id: int
    id: int | Unset = UNSET
    timeseries: TimeseriesExcludeId | Unset = UNSET
    event: EventExcludeId | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        timeseries_id = self.timeseries_id

        event_id = self.event_id

        id = self.id

        timeseries: dict[str, Any] | Unset = UNSET
        if not isinstance(self.timeseries, Unset):
            timeseries = self.timeseries.to_dict()

        event: dict[str, Any] | Unset = UNSET
        if not isinstance(self.event, Unset):
            event = self.event.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "timeseries_id": timeseries_id,
                "event_id": event_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if timeseries is not UNSET:
            field_dict["timeseries"] = timeseries
        if event is not UNSET:
            field_dict["event"] = event

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_exclude_id import EventExcludeId  # noqa: PLC0415
        from ..models.timeseries_exclude_id import TimeseriesExcludeId  # noqa: PLC0415

        d = dict(src_dict)
        timeseries_id = d.pop("timeseries_id")

        event_id = d.pop("event_id")

        id = d.pop("id", UNSET)

        _timeseries = d.pop("timeseries", UNSET)
        timeseries: TimeseriesExcludeId | Unset
        if isinstance(_timeseries, Unset):
            timeseries = UNSET
        else:
            timeseries = TimeseriesExcludeId.from_dict(_timeseries)

        _event = d.pop("event", UNSET)
        event: EventExcludeId | Unset
        if isinstance(_event, Unset):
            event = UNSET
        else:
            event = EventExcludeId.from_dict(_event)

        timeseries_by_event = cls(
            timeseries_id=timeseries_id,
            event_id=event_id,
            id=id,
            timeseries=timeseries,
            event=event,
        )

        return timeseries_by_event
