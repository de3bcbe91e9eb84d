"""Enums of the upstream client, same names and values.

Every argument that accepts one of these also accepts its string value (`"month"` for
`DegreeDaysPeriod.month`).
"""

import enum
from typing import Literal

# The string forms each argument accepts beside the member, for type checkers (an invalid
# string is then an error in the IDE, not only at run time). tests/unit/test_enums.py checks
# that they list exactly the values (and, for DataFormat, the names) of their enums.
DataFormatValue = Literal["text/csv", "application/json", "csv", "json"]
AggregationValue = Literal["avg", "sum", "min", "max", "count"]
BucketWidthUnitValue = Literal["second", "minute", "hour", "day", "week", "month", "year"]
StructuralElementValue = Literal["site", "building", "storey", "space", "zone"]
DegreeDaysPeriodValue = Literal["day", "month", "year"]
DegreeDaysTypeValue = Literal["heating", "cooling"]


class DataFormat(enum.Enum):
    csv = "text/csv"
    json = "application/json"


class Aggregation(enum.Enum):
    avg = "avg"
    sum = "sum"
    min = "min"
    max = "max"
    count = "count"


class BucketWidthUnit(enum.Enum):
    second = "second"
    minute = "minute"
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class EventLevel(enum.Enum):
    DEBUG = "DEBUG"
    INFO = "INFO"
    WARNING = "WARNING"
    ERROR = "ERROR"
    CRITICAL = "CRITICAL"


class StructuralElement(enum.Enum):
    site = "site"
    building = "building"
    storey = "storey"
    space = "space"
    zone = "zone"


class StructuralElementPropertyValueType(enum.Enum):
    integer = "integer"
    float = "float"
    boolean = "boolean"
    string = "string"


class WeatherParameter(enum.Enum):
    """Upstream's values; the server takes (and returns) the member *names*, which is what this
    client sends for a member (`WeatherParameter.AIR_TEMPERATURE` -> "AIR_TEMPERATURE")."""

    AIR_TEMPERATURE = "Air temperature"
    DEWPOINT_TEMPERATURE = "Dewpoint temperature"
    WETBULB_TEMPERATURE = "Wetbulb temperature"
    WIND_SPEED = "Wind speed"
    WIND_DIRECTION = "Wind direction"
    SURFACE_SOLAR_RADIATION = "Surface solar radiation"
    SURFACE_DIRECT_SOLAR_RADIATION = "Surface direct solar radiation"
    SURFACE_DIFFUSE_SOLAR_RADIATION = "Surface diffuse solar radiation"
    DIRECT_NORMAL_SOLAR_RADIATION = "Direct normal solar radiation"
    RELATIVE_HUMIDITY = "Relative humidity"
    SURFACE_PRESSURE = "Surface pressure"
    TOTAL_PRECIPITATION = "Total precipitation"


class DegreeDaysPeriod(enum.Enum):
    day = "day"
    month = "month"
    year = "year"


class DegreeDaysType(enum.Enum):
    heating = "heating"
    cooling = "cooling"


class TaskOffsetUnit(enum.Enum):
    second = "second"
    minute = "minute"
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


def wire_value(member: enum.Enum) -> object:
    """What the server expects for an enum member: its value, or its name for WeatherParameter."""
    return member.name if isinstance(member, WeatherParameter) else member.value
