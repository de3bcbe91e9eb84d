from typing import Literal

GetCampaignScopesSortItem = Literal["+name", "-name", "name"]

GET_CAMPAIGN_SCOPES_SORT_ITEM_VALUES: set[GetCampaignScopesSortItem] = {
    "+name",
    "-name",
    "name",
}


def check_get_campaign_scopes_sort_item(value: str) -> GetCampaignScopesSortItem:
    if value in GET_CAMPAIGN_SCOPES_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_CAMPAIGN_SCOPES_SORT_ITEM_VALUES!r}"
    )
