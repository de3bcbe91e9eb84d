"""Entry-point building blocks: `Resources` and the special actions; each entry point's own class (typed
common functions) is in `_entry_points.py`, rendered from `table.py`."""

from .base import EntryPoint, Resources
from .specials import (
    AnalysisActions,
    AuthActions,
    IOActions,
    NotificationActions,
    SiteActions,
    TaskActions,
    TimeseriesDataActions,
    UserActions,
)

__all__ = [
    "AnalysisActions",
    "AuthActions",
    "EntryPoint",
    "IOActions",
    "NotificationActions",
    "Resources",
    "SiteActions",
    "TaskActions",
    "TimeseriesDataActions",
    "UserActions",
]
