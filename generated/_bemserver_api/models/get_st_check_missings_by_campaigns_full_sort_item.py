from typing import Literal

GetStCheckMissingsByCampaignsFullSortItem = Literal[
    "+campaign_name", "-campaign_name", "campaign_name"
]

GET_ST_CHECK_MISSINGS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES: set[
    GetStCheckMissingsByCampaignsFullSortItem
] = {
    "+campaign_name",
    "-campaign_name",
    "campaign_name",
}


def check_get_st_check_missings_by_campaigns_full_sort_item(
    value: str,
) -> GetStCheckMissingsByCampaignsFullSortItem:
    if value in GET_ST_CHECK_MISSINGS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ST_CHECK_MISSINGS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES!r}"
    )
