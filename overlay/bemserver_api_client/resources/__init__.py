"""Entry-point building blocks: `Resources` and the special actions; each entry point's own classes
(typed common functions) are rendered from `table.py` into `_generated/entry_points/<name>.py`."""

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
