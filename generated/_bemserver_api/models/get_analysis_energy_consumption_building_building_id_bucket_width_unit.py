from typing import Literal

GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit = Literal[
    "day", "hour", "minute", "month", "second", "week", "year"
]

GET_ANALYSIS_ENERGY_CONSUMPTION_BUILDING_BUILDING_ID_BUCKET_WIDTH_UNIT_VALUES: set[
    GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit
] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_get_analysis_energy_consumption_building_building_id_bucket_width_unit(
    value: str,
) -> GetAnalysisEnergyConsumptionBuildingBuildingIdBucketWidthUnit:
    if value in GET_ANALYSIS_ENERGY_CONSUMPTION_BUILDING_BUILDING_ID_BUCKET_WIDTH_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ANALYSIS_ENERGY_CONSUMPTION_BUILDING_BUILDING_ID_BUCKET_WIDTH_UNIT_VALUES!r}"
    )
