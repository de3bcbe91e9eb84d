"""What the DataFrame and Dask tests share besides conftest.py's fixtures (`api`, `raw_state`,
`scope`): new timeseries in a scope, and a bit-for-bit comparison of frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import unique


def new_timeseries(api, scope, count: int, prefix: str = "ts") -> list[dict]:
    return [
        api.timeseries.create(
            {"name": unique(f"{prefix}{i}"), "campaign_id": scope["campaign_id"],
             "campaign_scope_id": scope["id"]}
        ).data
        for i in range(count)
    ]  # fmt: skip


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Identical columns, timestamps (to the microsecond) and values (bit for bit)."""
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    assert (a.index.as_unit("us").asi8 == b.index.as_unit("us").asi8).all()
    assert np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=True)
