from typing import Literal

GetSitesItemIdDegreeDaysType = Literal["cooling", "heating"]

GET_SITES_ITEM_ID_DEGREE_DAYS_TYPE_VALUES: set[GetSitesItemIdDegreeDaysType] = {
    "cooling",
    "heating",
}


def check_get_sites_item_id_degree_days_type(value: str) -> GetSitesItemIdDegreeDaysType:
    if value in GET_SITES_ITEM_ID_DEGREE_DAYS_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_SITES_ITEM_ID_DEGREE_DAYS_TYPE_VALUES!r}"
    )
