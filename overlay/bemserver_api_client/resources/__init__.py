"""Entry-point classes; `BEMServerApiClient` declares which entry point uses which."""

from .base import CrudResources, LinkResources, ListResources, Resources
from .specials import (
    AboutResources,
    AnalysisResources,
    AuthResources,
    IOResources,
    NotificationResources,
    SiteResources,
    TaskResources,
    TimeseriesDataResources,
    UserResources,
)

__all__ = [
    "AboutResources",
    "AnalysisResources",
    "AuthResources",
    "CrudResources",
    "IOResources",
    "LinkResources",
    "ListResources",
    "NotificationResources",
    "Resources",
    "SiteResources",
    "TaskResources",
    "TimeseriesDataResources",
    "UserResources",
]
