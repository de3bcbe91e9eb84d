from typing import Literal

StructuralElementPropertyExcludeIdValueType = Literal["boolean", "float", "integer", "string"]

STRUCTURAL_ELEMENT_PROPERTY_EXCLUDE_ID_VALUE_TYPE_VALUES: set[
    StructuralElementPropertyExcludeIdValueType
] = {
    "boolean",
    "float",
    "integer",
    "string",
}


def check_structural_element_property_exclude_id_value_type(
    value: str,
) -> StructuralElementPropertyExcludeIdValueType:
    if value in STRUCTURAL_ELEMENT_PROPERTY_EXCLUDE_ID_VALUE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STRUCTURAL_ELEMENT_PROPERTY_EXCLUDE_ID_VALUE_TYPE_VALUES!r}"
    )
