from typing import Literal

GetTimeseriesDataAggregateAggregation = Literal["avg", "count", "max", "min", "sum"]

GET_TIMESERIES_DATA_AGGREGATE_AGGREGATION_VALUES: set[GetTimeseriesDataAggregateAggregation] = {
    "avg",
    "count",
    "max",
    "min",
    "sum",
}


def check_get_timeseries_data_aggregate_aggregation(
    value: str,
) -> GetTimeseriesDataAggregateAggregation:
    if value in GET_TIMESERIES_DATA_AGGREGATE_AGGREGATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_DATA_AGGREGATE_AGGREGATION_VALUES!r}"
    )
