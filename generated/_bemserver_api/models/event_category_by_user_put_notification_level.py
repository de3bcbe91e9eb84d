from typing import Literal

EventCategoryByUserPutNotificationLevel = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

EVENT_CATEGORY_BY_USER_PUT_NOTIFICATION_LEVEL_VALUES: set[
    EventCategoryByUserPutNotificationLevel
] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_event_category_by_user_put_notification_level(
    value: str,
) -> EventCategoryByUserPutNotificationLevel:
    if value in EVENT_CATEGORY_BY_USER_PUT_NOTIFICATION_LEVEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENT_CATEGORY_BY_USER_PUT_NOTIFICATION_LEVEL_VALUES!r}"
    )
