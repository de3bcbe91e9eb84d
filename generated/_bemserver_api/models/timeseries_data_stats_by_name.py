from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.timeseries_data_stats_by_name_stats import TimeseriesDataStatsByNameStats


T = TypeVar("T", bound="TimeseriesDataStatsByName")


@_attrs_define
class TimeseriesDataStatsByName:
    stats: TimeseriesDataStatsByNameStats | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if stats is not UNSET:
            field_dict["stats"] = stats

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeseries_data_stats_by_name_stats import TimeseriesDataStatsByNameStats  # noqa: PLC0415

        d = dict(src_dict)
        _stats = d.pop("stats", UNSET)
        stats: TimeseriesDataStatsByNameStats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = TimeseriesDataStatsByNameStats.from_dict(_stats)

        timeseries_data_stats_by_name = cls(
            stats=stats,
        )

        return timeseries_data_stats_by_name
