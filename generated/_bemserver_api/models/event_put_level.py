from typing import Literal

EventPutLevel = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

EVENT_PUT_LEVEL_VALUES: set[EventPutLevel] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_event_put_level(value: str) -> EventPutLevel:
    if value in EVENT_PUT_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENT_PUT_LEVEL_VALUES!r}")
