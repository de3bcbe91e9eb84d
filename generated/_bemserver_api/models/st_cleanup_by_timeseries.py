from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="STCleanupByTimeseries")


@_attrs_define
class STCleanupByTimeseries:
    timeseries_id: int
    id: int | Unset = UNSET
    last_timestamp: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        timeseries_id = self.timeseries_id

        id = self.id

        last_timestamp: None | str | Unset
        if isinstance(self.last_timestamp, Unset):
            last_timestamp = UNSET
        elif isinstance(self.last_timestamp, datetime.datetime):
            last_timestamp = self.last_timestamp.isoformat()
        else:
            last_timestamp = self.last_timestamp

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "timeseries_id": timeseries_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if last_timestamp is not UNSET:
            field_dict["last_timestamp"] = last_timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timeseries_id = d.pop("timeseries_id")

        id = d.pop("id", UNSET)

        def _parse_last_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return last_timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_timestamp = _parse_last_timestamp(d.pop("last_timestamp", UNSET))

        st_cleanup_by_timeseries = cls(
            timeseries_id=timeseries_id,
            id=id,
            last_timestamp=last_timestamp,
        )

        return st_cleanup_by_timeseries
