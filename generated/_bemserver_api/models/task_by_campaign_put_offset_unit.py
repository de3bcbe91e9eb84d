from typing import Literal

TaskByCampaignPutOffsetUnit = Literal["day", "hour", "minute", "month", "second", "week", "year"]

TASK_BY_CAMPAIGN_PUT_OFFSET_UNIT_VALUES: set[TaskByCampaignPutOffsetUnit] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_task_by_campaign_put_offset_unit(value: str) -> TaskByCampaignPutOffsetUnit:
    if value in TASK_BY_CAMPAIGN_PUT_OFFSET_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_BY_CAMPAIGN_PUT_OFFSET_UNIT_VALUES!r}"
    )
