from typing import Literal

GetTimeseriesDataAggregateBucketWidthUnit = Literal[
    "day", "hour", "minute", "month", "second", "week", "year"
]

GET_TIMESERIES_DATA_AGGREGATE_BUCKET_WIDTH_UNIT_VALUES: set[
    GetTimeseriesDataAggregateBucketWidthUnit
] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_get_timeseries_data_aggregate_bucket_width_unit(
    value: str,
) -> GetTimeseriesDataAggregateBucketWidthUnit:
    if value in GET_TIMESERIES_DATA_AGGREGATE_BUCKET_WIDTH_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_DATA_AGGREGATE_BUCKET_WIDTH_UNIT_VALUES!r}"
    )
