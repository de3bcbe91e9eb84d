from typing import Literal

GetUsersSortItem = Literal[
    "+email",
    "+is_active",
    "+is_admin",
    "+name",
    "-email",
    "-is_active",
    "-is_admin",
    "-name",
    "email",
    "is_active",
    "is_admin",
    "name",
]

GET_USERS_SORT_ITEM_VALUES: set[GetUsersSortItem] = {
    "+email",
    "+is_active",
    "+is_admin",
    "+name",
    "-email",
    "-is_active",
    "-is_admin",
    "-name",
    "email",
    "is_active",
    "is_admin",
    "name",
}


def check_get_users_sort_item(value: str) -> GetUsersSortItem:
    if value in GET_USERS_SORT_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_USERS_SORT_ITEM_VALUES!r}")
