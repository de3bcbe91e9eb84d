from typing import Literal

GetAnalysisCompletenessBucketWidthUnit = Literal[
    "day", "hour", "minute", "month", "second", "week", "year"
]

GET_ANALYSIS_COMPLETENESS_BUCKET_WIDTH_UNIT_VALUES: set[GetAnalysisCompletenessBucketWidthUnit] = {
    "day",
    "hour",
    "minute",
    "month",
    "second",
    "week",
    "year",
}


def check_get_analysis_completeness_bucket_width_unit(
    value: str,
) -> GetAnalysisCompletenessBucketWidthUnit:
    if value in GET_ANALYSIS_COMPLETENESS_BUCKET_WIDTH_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ANALYSIS_COMPLETENESS_BUCKET_WIDTH_UNIT_VALUES!r}"
    )
