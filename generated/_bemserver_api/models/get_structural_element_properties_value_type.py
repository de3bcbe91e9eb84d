from typing import Literal

GetStructuralElementPropertiesValueType = Literal["boolean", "float", "integer", "string"]

GET_STRUCTURAL_ELEMENT_PROPERTIES_VALUE_TYPE_VALUES: set[
    GetStructuralElementPropertiesValueType
] = {
    "boolean",
    "float",
    "integer",
    "string",
}


def check_get_structural_element_properties_value_type(
    value: str,
) -> GetStructuralElementPropertiesValueType:
    if value in GET_STRUCTURAL_ELEMENT_PROPERTIES_VALUE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_STRUCTURAL_ELEMENT_PROPERTIES_VALUE_TYPE_VALUES!r}"
    )
