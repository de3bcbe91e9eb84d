from typing import Literal

GetStoreysSortItem = Literal["+name", "-name", "name"]

GET_STOREYS_SORT_ITEM_VALUES: set[GetStoreysSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_storeys_sort_item(value: str) -> GetStoreysSortItem:
    if value in GET_STOREYS_SORT_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_STOREYS_SORT_ITEM_VALUES!r}")
