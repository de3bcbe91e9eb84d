from typing import Literal

GetTimeseriesPropertiesValueType = Literal["boolean", "float", "integer", "string"]

GET_TIMESERIES_PROPERTIES_VALUE_TYPE_VALUES: set[GetTimeseriesPropertiesValueType] = {
    "boolean",
    "float",
    "integer",
    "string",
}


def check_get_timeseries_properties_value_type(value: str) -> GetTimeseriesPropertiesValueType:
    if value in GET_TIMESERIES_PROPERTIES_VALUE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_PROPERTIES_VALUE_TYPE_VALUES!r}"
    )
