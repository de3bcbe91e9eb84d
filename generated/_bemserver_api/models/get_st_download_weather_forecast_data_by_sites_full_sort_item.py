from typing import Literal

GetStDownloadWeatherForecastDataBySitesFullSortItem = Literal[
    "+campaign_id", "+site_name", "-campaign_id", "-site_name", "campaign_id", "site_name"
]

GET_ST_DOWNLOAD_WEATHER_FORECAST_DATA_BY_SITES_FULL_SORT_ITEM_VALUES: set[
    GetStDownloadWeatherForecastDataBySitesFullSortItem
] = {
    "+campaign_id",
    "+site_name",
    "-campaign_id",
    "-site_name",
    "campaign_id",
    "site_name",
}


def check_get_st_download_weather_forecast_data_by_sites_full_sort_item(
    value: str,
) -> GetStDownloadWeatherForecastDataBySitesFullSortItem:
    if value in GET_ST_DOWNLOAD_WEATHER_FORECAST_DATA_BY_SITES_FULL_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ST_DOWNLOAD_WEATHER_FORECAST_DATA_BY_SITES_FULL_SORT_ITEM_VALUES!r}"
    )
