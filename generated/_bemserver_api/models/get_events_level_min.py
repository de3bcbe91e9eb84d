from typing import Literal

GetEventsLevelMin = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

GET_EVENTS_LEVEL_MIN_VALUES: set[GetEventsLevelMin] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_get_events_level_min(value: str) -> GetEventsLevelMin:
    if value in GET_EVENTS_LEVEL_MIN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_EVENTS_LEVEL_MIN_VALUES!r}")
