from typing import Literal

GetCampaignsSortItem = Literal["+name", "-name", "name"]

GET_CAMPAIGNS_SORT_ITEM_VALUES: set[GetCampaignsSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_campaigns_sort_item(value: str) -> GetCampaignsSortItem:
    if value in GET_CAMPAIGNS_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_CAMPAIGNS_SORT_ITEM_VALUES!r}"
    )
