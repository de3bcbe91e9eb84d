from typing import Literal

GetAnalysisEnergyConsumptionSiteSiteIdBucketWidthUnit = Literal[
    "day", "hour", "minute", "month", "second", "week", "year"
]

GET_ANALYSIS_ENERGY_CONSUMPTION_SITE_SITE_ID_BUCKET_WIDTH_UNIT_VALUES: set[
    GetAnalysisEnergyConsumptionSiteSiteIdBucketWidthUnit
] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_get_analysis_energy_consumption_site_site_id_bucket_width_unit(
    value: str,
) -> GetAnalysisEnergyConsumptionSiteSiteIdBucketWidthUnit:
    if value in GET_ANALYSIS_ENERGY_CONSUMPTION_SITE_SITE_ID_BUCKET_WIDTH_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ANALYSIS_ENERGY_CONSUMPTION_SITE_SITE_ID_BUCKET_WIDTH_UNIT_VALUES!r}"
    )
