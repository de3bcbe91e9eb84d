from typing import Literal

GetTimeseriesDataCampaignCampaignIdAggregateAggregation = Literal[
    "avg", "count", "max", "min", "sum"
]

GET_TIMESERIES_DATA_CAMPAIGN_CAMPAIGN_ID_AGGREGATE_AGGREGATION_VALUES: set[
    GetTimeseriesDataCampaignCampaignIdAggregateAggregation
] = {
    "avg",
    "count",
    "max",
    "min",
    "sum",
}


def check_get_timeseries_data_campaign_campaign_id_aggregate_aggregation(
    value: str,
) -> GetTimeseriesDataCampaignCampaignIdAggregateAggregation:
    if value in GET_TIMESERIES_DATA_CAMPAIGN_CAMPAIGN_ID_AGGREGATE_AGGREGATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_TIMESERIES_DATA_CAMPAIGN_CAMPAIGN_ID_AGGREGATE_AGGREGATION_VALUES!r}"
    )
