from typing import Literal

GetZonesSortItem = Literal["+name", "-name", "name"]

GET_ZONES_SORT_ITEM_VALUES: set[GetZonesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_zones_sort_item(value: str) -> GetZonesSortItem:
    if value in GET_ZONES_SORT_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ZONES_SORT_ITEM_VALUES!r}")
