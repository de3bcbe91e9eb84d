from typing import Literal

EventLevel = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

EVENT_LEVEL_VALUES: set[EventLevel] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_event_level(value: str) -> EventLevel:
    if value in EVENT_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENT_LEVEL_VALUES!r}")
