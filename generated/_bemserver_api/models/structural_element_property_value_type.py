from typing import Literal

StructuralElementPropertyValueType = Literal["boolean", "float", "integer", "string"]

STRUCTURAL_ELEMENT_PROPERTY_VALUE_TYPE_VALUES: set[StructuralElementPropertyValueType] = {
    "boolean",
    "float",
    "integer",
    "string",
}


def check_structural_element_property_value_type(value: str) -> StructuralElementPropertyValueType:
    if value in STRUCTURAL_ELEMENT_PROPERTY_VALUE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STRUCTURAL_ELEMENT_PROPERTY_VALUE_TYPE_VALUES!r}"
    )
