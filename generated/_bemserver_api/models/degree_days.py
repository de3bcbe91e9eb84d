from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.degree_days_degree_days import DegreeDaysDegreeDays


T = TypeVar("T", bound="DegreeDays")


@_attrs_define
class DegreeDays:
    degree_days: DegreeDaysDegreeDays | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        degree_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.degree_days, Unset):
            degree_days = self.degree_days.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if degree_days is not UNSET:
            field_dict["degree_days"] = degree_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.degree_days_degree_days import DegreeDaysDegreeDays  # noqa: PLC0415

        d = dict(src_dict)
        _degree_days = d.pop("degree_days", UNSET)
        degree_days: DegreeDaysDegreeDays | Unset
        if isinstance(_degree_days, Unset):
            degree_days = UNSET
        else:
            degree_days = DegreeDaysDegreeDays.from_dict(_degree_days)

        degree_days = cls(
            degree_days=degree_days,
        )

        return degree_days
