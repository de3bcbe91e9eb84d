from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeseriesCompleteness")


@_attrs_define
class TimeseriesCompleteness:
    name: str | Unset = UNSET
    """ Timeseries name """
    count: list[int] | Unset = UNSET
    """ Number or values for each bucket """
    ratio: list[float | None] | Unset = UNSET
    """ Number or values / expected values for each bucket """
    total_count: int | Unset = UNSET
    """ Total number or values """
    avg_count: float | Unset = UNSET
    """ Average number or values """
    avg_ratio: float | None | Unset = UNSET
    """ Average number or values / expected values """
    interval: float | None | Unset = UNSET
    """ Interval between samples (seconds), defined or inferred """
    undefined_interval: bool | Unset = UNSET
    """ Whether the interval was not defined """
    expected_count: list[float | None] | Unset = UNSET
    """ Expected number or values for each bucket """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        count: list[int] | Unset = UNSET
        if not isinstance(self.count, Unset):
            count = self.count

        ratio: list[float | None] | Unset = UNSET
        if not isinstance(self.ratio, Unset):
            ratio = []
            for ratio_item_data in self.ratio:
                ratio_item: float | None
                ratio_item = ratio_item_data
                ratio.append(ratio_item)

        total_count = self.total_count

        avg_count = self.avg_count

        avg_ratio: float | None | Unset
        if isinstance(self.avg_ratio, Unset):
            avg_ratio = UNSET
        else:
            avg_ratio = self.avg_ratio

        interval: float | None | Unset
        if isinstance(self.interval, Unset):
            interval = UNSET
        else:
            interval = self.interval

        undefined_interval = self.undefined_interval

        expected_count: list[float | None] | Unset = UNSET
        if not isinstance(self.expected_count, Unset):
            expected_count = []
            for expected_count_item_data in self.expected_count:
                expected_count_item: float | None
                expected_count_item = expected_count_item_data
                expected_count.append(expected_count_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if count is not UNSET:
            field_dict["count"] = count
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if total_count is not UNSET:
            field_dict["total_count"] = total_count
        if avg_count is not UNSET:
            field_dict["avg_count"] = avg_count
        if avg_ratio is not UNSET:
            field_dict["avg_ratio"] = avg_ratio
        if interval is not UNSET:
            field_dict["interval"] = interval
        if undefined_interval is not UNSET:
            field_dict["undefined_interval"] = undefined_interval
        if expected_count is not UNSET:
            field_dict["expected_count"] = expected_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        count = cast(list[int], d.pop("count", UNSET))

        _ratio = d.pop("ratio", UNSET)
        ratio: list[float | None] | Unset = UNSET
        if _ratio is not UNSET:
            ratio = []
            for ratio_item_data in _ratio:

                def _parse_ratio_item(data: object) -> float | None:
                    if data is None:
                        return data
                    return cast(float | None, data)

                ratio_item = _parse_ratio_item(ratio_item_data)

                ratio.append(ratio_item)

        total_count = d.pop("total_count", UNSET)

        avg_count = d.pop("avg_count", UNSET)

        def _parse_avg_ratio(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_ratio = _parse_avg_ratio(d.pop("avg_ratio", UNSET))

        def _parse_interval(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        interval = _parse_interval(d.pop("interval", UNSET))

        undefined_interval = d.pop("undefined_interval", UNSET)

        _expected_count = d.pop("expected_count", UNSET)
        expected_count: list[float | None] | Unset = UNSET
        if _expected_count is not UNSET:
            expected_count = []
            for expected_count_item_data in _expected_count:

                def _parse_expected_count_item(data: object) -> float | None:
                    if data is None:
                        return data
                    return cast(float | None, data)

                expected_count_item = _parse_expected_count_item(expected_count_item_data)

                expected_count.append(expected_count_item)

        timeseries_completeness = cls(
            name=name,
            count=count,
            ratio=ratio,
            total_count=total_count,
            avg_count=avg_count,
            avg_ratio=avg_ratio,
            interval=interval,
            undefined_interval=undefined_interval,
            expected_count=expected_count,
        )

        return timeseries_completeness
