from typing import Literal

GetEventsLevel = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

GET_EVENTS_LEVEL_VALUES: set[GetEventsLevel] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_get_events_level(value: str) -> GetEventsLevel:
    if value in GET_EVENTS_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_EVENTS_LEVEL_VALUES!r}")
