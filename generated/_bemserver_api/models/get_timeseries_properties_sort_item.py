from typing import Literal

GetTimeseriesPropertiesSortItem = Literal["+name", "-name", "name"]

GET_TIMESERIES_PROPERTIES_SORT_ITEM_VALUES: set[GetTimeseriesPropertiesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_timeseries_properties_sort_item(value: str) -> GetTimeseriesPropertiesSortItem:
    if value in GET_TIMESERIES_PROPERTIES_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_PROPERTIES_SORT_ITEM_VALUES!r}"
    )
