from typing import Literal

GetStCleanupsByCampaignsFullSortItem = Literal["+campaign_name", "-campaign_name", "campaign_name"]

GET_ST_CLEANUPS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES: set[GetStCleanupsByCampaignsFullSortItem] = {
    "+campaign_name",
    "-campaign_name",
    "campaign_name",
}


def check_get_st_cleanups_by_campaigns_full_sort_item(
    value: str,
) -> GetStCleanupsByCampaignsFullSortItem:
    if value in GET_ST_CLEANUPS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ST_CLEANUPS_BY_CAMPAIGNS_FULL_SORT_ITEM_VALUES!r}"
    )
