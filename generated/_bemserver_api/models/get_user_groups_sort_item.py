from typing import Literal

GetUserGroupsSortItem = Literal["+name", "-name", "name"]

GET_USER_GROUPS_SORT_ITEM_VALUES: set[GetUserGroupsSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_user_groups_sort_item(value: str) -> GetUserGroupsSortItem:
    if value in GET_USER_GROUPS_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_USER_GROUPS_SORT_ITEM_VALUES!r}"
    )
