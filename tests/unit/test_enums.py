"""The Literal string forms of the enums list exactly what the enums accept."""

import typing

import pytest

from bemserver_api_client import enums


@pytest.mark.parametrize(
    "name",
    ["Aggregation", "BucketWidthUnit", "StructuralElement", "DegreeDaysPeriod", "DegreeDaysType"],
)
def test_literal_values_are_the_enum_values(name):
    values = typing.get_args(getattr(enums, f"{name}Value"))
    assert sorted(values) == sorted(member.value for member in getattr(enums, name))


def test_data_format_accepts_values_and_names():
    values = typing.get_args(enums.DataFormatValue)
    assert sorted(values) == sorted(
        [m.value for m in enums.DataFormat] + [m.name for m in enums.DataFormat]
    )
