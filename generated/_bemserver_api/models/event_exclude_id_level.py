from typing import Literal

EventExcludeIdLevel = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

EVENT_EXCLUDE_ID_LEVEL_VALUES: set[EventExcludeIdLevel] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_event_exclude_id_level(value: str) -> EventExcludeIdLevel:
    if value in EVENT_EXCLUDE_ID_LEVEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENT_EXCLUDE_ID_LEVEL_VALUES!r}"
    )
