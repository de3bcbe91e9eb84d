from typing import Literal

GetStCheckOutliersByCampaignsFullSortItem = Literal[
    "+campaign_name", "-campaign_name", "campaign_name"
]

GET_ST_CHECK_OUTLIERS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES: set[
    GetStCheckOutliersByCampaignsFullSortItem
] = {
    "+campaign_name",
    "-campaign_name",
    "campaign_name",
}


def check_get_st_check_outliers_by_campaigns_full_sort_item(
    value: str,
) -> GetStCheckOutliersByCampaignsFullSortItem:
    if value in GET_ST_CHECK_OUTLIERS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ST_CHECK_OUTLIERS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES!r}"
    )
