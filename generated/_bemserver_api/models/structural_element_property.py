from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.structural_element_property_value_type import (
    StructuralElementPropertyValueType,
    check_structural_element_property_value_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="StructuralElementProperty")


@_attrs_define
class StructuralElementProperty:
    name: str
    id: int | Unset = UNSET
    value_type: StructuralElementPropertyValueType | Unset = "string"
    unit_symbol: str | Unset = UNSET
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        value_type: str | Unset = UNSET
        if not isinstance(self.value_type, Unset):
            value_type = self.value_type

        unit_symbol = self.unit_symbol

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if value_type is not UNSET:
            field_dict["value_type"] = value_type
        if unit_symbol is not UNSET:
            field_dict["unit_symbol"] = unit_symbol
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        _value_type = d.pop("value_type", UNSET)
        value_type: StructuralElementPropertyValueType | Unset
        if isinstance(_value_type, Unset):
            value_type = UNSET
        else:
            value_type = check_structural_element_property_value_type(_value_type)

        unit_symbol = d.pop("unit_symbol", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        structural_element_property = cls(
            name=name,
            id=id,
            value_type=value_type,
            unit_symbol=unit_symbol,
            description=description,
        )

        return structural_element_property
