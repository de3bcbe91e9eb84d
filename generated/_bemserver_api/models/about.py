from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.versions import Versions


T = TypeVar("T", bound="About")


@_attrs_define
class About:
    versions: Versions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        versions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.versions, Unset):
            versions = self.versions.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if versions is not UNSET:
            field_dict["versions"] = versions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.versions import Versions  # noqa: PLC0415

        d = dict(src_dict)
        _versions = d.pop("versions", UNSET)
        versions: Versions | Unset
        if isinstance(_versions, Unset):
            versions = UNSET
        else:
            versions = Versions.from_dict(_versions)

        about = cls(
            versions=versions,
        )

        return about
