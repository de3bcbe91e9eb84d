from typing import Literal

EventCategoryByUserNotificationLevel = Literal["CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING"]

EVENT_CATEGORY_BY_USER_NOTIFICATION_LEVEL_VALUES: set[EventCategoryByUserNotificationLevel] = {
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
}


def check_event_category_by_user_notification_level(
    value: str,
) -> EventCategoryByUserNotificationLevel:
    if value in EVENT_CATEGORY_BY_USER_NOTIFICATION_LEVEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENT_CATEGORY_BY_USER_NOTIFICATION_LEVEL_VALUES!r}"
    )
