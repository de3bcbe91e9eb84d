from typing import Literal

GetStCleanupsByTimeseriesFullSortItem = Literal[
    "+last_timestamp",
    "+timeseries_name",
    "-last_timestamp",
    "-timeseries_name",
    "last_timestamp",
    "timeseries_name",
]

GET_ST_CLEANUPS_BY_TIMESERIES_FULL_SORT_ITEM_VALUES: set[GetStCleanupsByTimeseriesFullSortItem] = {
    "+last_timestamp",
    "+timeseries_name",
    "-last_timestamp",
    "-timeseries_name",
    "last_timestamp",
    "timeseries_name",
}


def check_get_st_cleanups_by_timeseries_full_sort_item(
    value: str,
) -> GetStCleanupsByTimeseriesFullSortItem:
    if value in GET_ST_CLEANUPS_BY_TIMESERIES_FULL_SORT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ST_CLEANUPS_BY_TIMESERIES_FULL_SORT_ITEM_VALUES!r}"
    )
