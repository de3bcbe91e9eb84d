from typing import Literal

GetBuildingsSortItem = Literal["+name", "-name", "name"]

GET_BUILDINGS_SORT_ITEM_VALUES: set[GetBuildingsSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_buildings_sort_item(value: str) -> GetBuildingsSortItem:
    if value in GET_BUILDINGS_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_BUILDINGS_SORT_ITEM_VALUES!r}"
    )
