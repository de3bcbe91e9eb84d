from typing import Literal

TaskByCampaignOffsetUnit = Literal["day", "hour", "minute", "month", "second", "week", "year"]

TASK_BY_CAMPAIGN_OFFSET_UNIT_VALUES: set[TaskByCampaignOffsetUnit] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_task_by_campaign_offset_unit(value: str) -> TaskByCampaignOffsetUnit:
    if value in TASK_BY_CAMPAIGN_OFFSET_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_BY_CAMPAIGN_OFFSET_UNIT_VALUES!r}"
    )
