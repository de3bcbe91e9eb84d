from typing import Literal

GetTimeseriesSortItem = Literal["+name", "-name", "name"]

GET_TIMESERIES_SORT_ITEM_VALUES: set[GetTimeseriesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_timeseries_sort_item(value: str) -> GetTimeseriesSortItem:
    if value in GET_TIMESERIES_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_SORT_ITEM_VALUES!r}"
    )
