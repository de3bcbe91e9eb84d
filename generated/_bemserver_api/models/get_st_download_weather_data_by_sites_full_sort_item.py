from typing import Literal

GetStDownloadWeatherDataBySitesFullSortItem = Literal[
    "+campaign_id", "+site_name", "-campaign_id", "-site_name", "campaign_id", "site_name"
]

GET_ST_DOWNLOAD_WEATHER_DATA_BY_SITES_FULL_SORT_ITEM_VALUES: set[
    GetStDownloadWeatherDataBySitesFullSortItem
] = {
    "+campaign_id",
    "+site_name",
    "-campaign_id",
    "-site_name",
    "campaign_id",
    "site_name",
}


def check_get_st_download_weather_data_by_sites_full_sort_item(
    value: str,
) -> GetStDownloadWeatherDataBySitesFullSortItem:
    if value in GET_ST_DOWNLOAD_WEATHER_DATA_BY_SITES_FULL_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ST_DOWNLOAD_WEATHER_DATA_BY_SITES_FULL_SORT_ITEM_VALUES!r}"
    )
