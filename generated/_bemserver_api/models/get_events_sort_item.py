from typing import Literal

GetEventsSortItem = Literal["+level", "+timestamp", "-level", "-timestamp", "level", "timestamp"]

GET_EVENTS_SORT_ITEM_VALUES: set[GetEventsSortItem] = {
    "+level",
    "+timestamp",
    "-level",
    "-timestamp",
    "level",
    "timestamp",
}


def check_get_events_sort_item(value: str) -> GetEventsSortItem:
    if value in GET_EVENTS_SORT_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_EVENTS_SORT_ITEM_VALUES!r}")
