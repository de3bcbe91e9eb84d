from typing import Literal

GetStructuralElementPropertiesSortItem = Literal["+name", "-name", "name"]

GET_STRUCTURAL_ELEMENT_PROPERTIES_SORT_ITEM_VALUES: set[GetStructuralElementPropertiesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_structural_element_properties_sort_item(
    value: str,
) -> GetStructuralElementPropertiesSortItem:
    if value in GET_STRUCTURAL_ELEMENT_PROPERTIES_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_STRUCTURAL_ELEMENT_PROPERTIES_SORT_ITEM_VALUES!r}"
    )
