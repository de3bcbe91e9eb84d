from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpaceExcludeId")


@_attrs_define
class SpaceExcludeId:
    name: str
    storey_id: int
    description: None | str | Unset = UNSET
    ifc_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        storey_id = self.storey_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        ifc_id: None | str | Unset
        if isinstance(self.ifc_id, Unset):
            ifc_id = UNSET
        else:
            ifc_id = self.ifc_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "storey_id": storey_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if ifc_id is not UNSET:
            field_dict["ifc_id"] = ifc_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        storey_id = d.pop("storey_id")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_ifc_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ifc_id = _parse_ifc_id(d.pop("ifc_id", UNSET))

        space_exclude_id = cls(
            name=name,
            storey_id=storey_id,
            description=description,
            ifc_id=ifc_id,
        )

        return space_exclude_id
