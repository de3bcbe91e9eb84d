from typing import Literal

GetNotificationsSortItem = Literal["+timestamp", "-timestamp", "timestamp"]

GET_NOTIFICATIONS_SORT_ITEM_VALUES: set[GetNotificationsSortItem] = {
    "+timestamp",
    "-timestamp",
    "timestamp",
}


def check_get_notifications_sort_item(value: str) -> GetNotificationsSortItem:
    if value in GET_NOTIFICATIONS_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_NOTIFICATIONS_SORT_ITEM_VALUES!r}"
    )
