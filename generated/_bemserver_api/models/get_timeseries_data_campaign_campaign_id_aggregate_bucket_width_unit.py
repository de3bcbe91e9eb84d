from typing import Literal

GetTimeseriesDataCampaignCampaignIdAggregateBucketWidthUnit = Literal[
    "day", "hour", "minute", "month", "second", "week", "year"
]

GET_TIMESERIES_DATA_CAMPAIGN_CAMPAIGN_ID_AGGREGATE_BUCKET_WIDTH_UNIT_VALUES: set[
    GetTimeseriesDataCampaignCampaignIdAggregateBucketWidthUnit
] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_get_timeseries_data_campaign_campaign_id_aggregate_bucket_width_unit(
    value: str,
) -> GetTimeseriesDataCampaignCampaignIdAggregateBucketWidthUnit:
    if value in GET_TIMESERIES_DATA_CAMPAIGN_CAMPAIGN_ID_AGGREGATE_BUCKET_WIDTH_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_DATA_CAMPAIGN_CAMPAIGN_ID_AGGREGATE_BUCKET_WIDTH_UNIT_VALUES!r}"
    )
