from typing import Literal

GetSitesItemIdDegreeDaysPeriod = Literal["day", "month", "year"]

GET_SITES_ITEM_ID_DEGREE_DAYS_PERIOD_VALUES: set[GetSitesItemIdDegreeDaysPeriod] = {
    "day",
    "month",
    "year",
}


def check_get_sites_item_id_degree_days_period(value: str) -> GetSitesItemIdDegreeDaysPeriod:
    if value in GET_SITES_ITEM_ID_DEGREE_DAYS_PERIOD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_SITES_ITEM_ID_DEGREE_DAYS_PERIOD_VALUES!r}"
    )
