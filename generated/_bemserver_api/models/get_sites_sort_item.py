from typing import Literal

GetSitesSortItem = Literal["+name", "-name", "name"]

GET_SITES_SORT_ITEM_VALUES: set[GetSitesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_sites_sort_item(value: str) -> GetSitesSortItem:
    if value in GET_SITES_SORT_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_SITES_SORT_ITEM_VALUES!r}")
