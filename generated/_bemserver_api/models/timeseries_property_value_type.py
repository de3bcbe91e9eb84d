from typing import Literal

TimeseriesPropertyValueType = Literal["boolean", "float", "integer", "string"]

TIMESERIES_PROPERTY_VALUE_TYPE_VALUES: set[TimeseriesPropertyValueType] = {
    "boolean",
    "float",
    "integer",
    "string",
}


def check_timeseries_property_value_type(value: str) -> TimeseriesPropertyValueType:
    if value in TIMESERIES_PROPERTY_VALUE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TIMESERIES_PROPERTY_VALUE_TYPE_VALUES!r}"
    )
