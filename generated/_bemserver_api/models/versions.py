from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Versions")


@_attrs_define
class Versions:
    bemserver_core: str | Unset = UNSET
    bemserver_api: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        bemserver_core = self.bemserver_core

        bemserver_api = self.bemserver_api

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if bemserver_core is not UNSET:
            field_dict["bemserver_core"] = bemserver_core
        if bemserver_api is not UNSET:
            field_dict["bemserver_api"] = bemserver_api

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bemserver_core = d.pop("bemserver_core", UNSET)

        bemserver_api = d.pop("bemserver_api", UNSET)

        versions = cls(
            bemserver_core=bemserver_core,
            bemserver_api=bemserver_api,
        )

        return versions
