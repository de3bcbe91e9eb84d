from typing import Literal

GetSpacesSortItem = Literal["+name", "-name", "name"]

GET_SPACES_SORT_ITEM_VALUES: set[GetSpacesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_spaces_sort_item(value: str) -> GetSpacesSortItem:
    if value in GET_SPACES_SORT_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_SPACES_SORT_ITEM_VALUES!r}")
