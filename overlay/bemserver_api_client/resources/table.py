"""The entry-point table: every entry point of the client, declared once (pure data).

    name: (API path, generated tag folder, common functions, class of special actions)

Special actions are classes of resources/specials.py (upstream names and argument order).

Common functions: "CF" (getall, getone, create, update, delete), "CF-update" (all but update),
"getall", or "" (specials only); "+full" adds get_full (`GET {path}full`, the 0.25 st_* lists).
Names, functions and specials follow the upstream client's tables. generator/render_entry_points.py
turns this table into the generator-owned `_generated/entry_points/` (one module of typed classes
per entry point, and the clients' declared attributes in its `__init__.py`) and the pages of
docs/reference/entry-points/; a test checks that every operation of every API document in spec/
is reachable from it.

Which server versions have an entry point is not written here: it is read from the documents in
spec/ (an operation exists for the servers its documents cover). Only what no document says is:
the oldest version served, and what replaces an entry point on servers that lack it.
"""

# JWT authentication (/auth/token) appeared in 0.24.0: older servers are refused.
OLDEST_API_VERSION = "0.24.0"

ENTRY_POINTS: dict[str, tuple[str, str, str, str]] = {
    "auth": ("/auth/", "authentication", "", "AuthActions"),
    "about": ("/about/", "about", "getall", ""),
    "users": ("/users/", "user", "CF", "UserActions"),
    "user_by_user_groups": ("/users_by_user_groups/", "user_by_user_group", "CF-update", ""),
    "user_groups": ("/user_groups/", "user_group", "CF", ""),
    "user_groups_by_campaigns": (
        "/user_groups_by_campaigns/",
        "user_group_by_campaign",
        "CF-update",
        "",
    ),
    "user_groups_by_campaign_scopes": (
        "/user_groups_by_campaign_scopes/",
        "user_group_by_campaign_scope",
        "CF-update",
        "",
    ),
    "campaigns": ("/campaigns/", "campaign", "CF", ""),
    "campaign_scopes": ("/campaign_scopes/", "campaign_scope", "CF", ""),
    "io": ("/io/", "input_output", "", "IOActions"),
    "sites": ("/sites/", "site", "CF", "SiteActions"),
    "buildings": ("/buildings/", "building", "CF", ""),
    "storeys": ("/storeys/", "storey", "CF", ""),
    "spaces": ("/spaces/", "space", "CF", ""),
    "zones": ("/zones/", "zone", "CF", ""),
    "structural_element_properties": (
        "/structural_element_properties/",
        "structural_element_property",
        "CF",
        "",
    ),
    "site_properties": ("/site_properties/", "site_property", "CF-update", ""),
    "site_property_data": ("/site_property_data/", "site_property_data", "CF", ""),
    "building_properties": ("/building_properties/", "building_property", "CF-update", ""),
    "building_property_data": ("/building_property_data/", "building_property_data", "CF", ""),
    "storey_properties": ("/storey_properties/", "storey_property", "CF-update", ""),
    "storey_property_data": ("/storey_property_data/", "storey_property_data", "CF", ""),
    "space_properties": ("/space_properties/", "space_property", "CF-update", ""),
    "space_property_data": ("/space_property_data/", "space_property_data", "CF", ""),
    "zone_properties": ("/zone_properties/", "zone_property", "CF-update", ""),
    "zone_property_data": ("/zone_property_data/", "zone_property_data", "CF", ""),
    "timeseries": ("/timeseries/", "timeseries", "CF", ""),
    "timeseries_properties": ("/timeseries_properties/", "timeseries_property", "CF", ""),
    "timeseries_property_data": (
        "/timeseries_property_data/",
        "timeseries_property_data",
        "CF",
        "",
    ),
    "timeseries_by_sites": ("/timeseries_by_sites/", "timeseries_by_site", "CF-update", ""),
    "timeseries_by_buildings": (
        "/timeseries_by_buildings/",
        "timeseries_by_building",
        "CF-update",
        "",
    ),
    "timeseries_by_storeys": ("/timeseries_by_storeys/", "timeseries_by_storey", "CF-update", ""),
    "timeseries_by_spaces": ("/timeseries_by_spaces/", "timeseries_by_space", "CF-update", ""),
    "timeseries_by_zones": ("/timeseries_by_zones/", "timeseries_by_zone", "CF-update", ""),
    "timeseries_by_events": ("/timeseries_by_events/", "timeseries_by_event", "CF-update", ""),
    "weather_ts_by_sites": (
        "/weather_timeseries_by_sites/",
        "weather_timeseries_by_site",
        "CF",
        "",
    ),
    "timeseries_datastates": ("/timeseries_data_states/", "timeseries_data_state", "CF", ""),
    "timeseries_data": ("/timeseries_data/", "timeseries_data", "", "TimeseriesDataActions"),
    "analysis": ("/analysis/", "analysis", "", "AnalysisActions"),
    "energies": ("/energies/", "energy", "getall", ""),
    "energy_end_uses": ("/energy_end_uses/", "energy_end_use", "getall", ""),
    "energy_cons_ts_by_sites": (
        "/energy_consumption_timeseries_by_sites/",
        "energy_consumption_timeseries_by_site",
        "CF",
        "",
    ),
    "energy_cons_ts_by_buildings": (
        "/energy_consumption_timeseries_by_buildings/",
        "energy_consumption_timeseries_by_building",
        "CF",
        "",
    ),
    "energy_prod_technologies": (
        "/energy_production_technologies/",
        "energy_production_technology",
        "getall",
        "",
    ),
    "energy_prod_ts_by_sites": (
        "/energy_production_timeseries_by_sites/",
        "energy_production_timeseries_by_site",
        "CF",
        "",
    ),
    "energy_prod_ts_by_buildings": (
        "/energy_production_timeseries_by_buildings/",
        "energy_production_timeseries_by_building",
        "CF",
        "",
    ),
    "events": ("/events/", "event", "CF", ""),
    "event_by_sites": ("/events_by_sites/", "event_by_site", "CF-update", ""),
    "event_by_buildings": ("/events_by_buildings/", "event_by_building", "CF-update", ""),
    "event_by_storeys": ("/events_by_storeys/", "event_by_storey", "CF-update", ""),
    "event_by_spaces": ("/events_by_spaces/", "event_by_space", "CF-update", ""),
    "event_by_zones": ("/events_by_zones/", "event_by_zone", "CF-update", ""),
    "event_categories": ("/event_categories/", "event_category", "CF", ""),
    "event_categories_by_users": (
        "/event_categories_by_users/",
        "event_category_by_user",
        "CF",
        "",
    ),
    "notifications": ("/notifications/", "notification", "CF", "NotificationActions"),
    "tasks": ("/tasks/", "task", "getall", "TaskActions"),
    "task_by_campaign": ("/tasks_by_campaigns/", "task_by_campaign", "CF", ""),
    # Scheduled tasks of servers <= 0.25 (0.26 replaced them by tasks and task_by_campaign).
    "st_cleanup_by_campaign": (
        "/st_cleanups_by_campaigns/",
        "st_cleanup_by_campaign",
        "CF+full",
        "",
    ),
    "st_cleanup_by_timeseries": (
        "/st_cleanups_by_timeseries/",
        "st_cleanup_by_timeseries",
        "read+full",
        "",
    ),
    "st_check_missing_by_campaign": (
        "/st_check_missings_by_campaigns/",
        "st_check_missing_by_campaign",
        "CF+full",
        "",
    ),
    "st_check_outlier_by_campaign": (
        "/st_check_outliers_by_campaigns/",
        "st_check_outliers_by_campaign",
        "CF+full",
        "",
    ),
    "st_download_weather_by_site": (
        "/st_download_weather_data_by_sites/",
        "st_download_weather_data_by_site",
        "CF+full",
        "",
    ),
    "st_download_weather_forecast_by_site": (
        "/st_download_weather_forecast_data_by_sites/",
        "st_download_weather_forecast_data_by_site",
        "CF+full",
        "",
    ),
}

_TASKS = 'tasks and task_by_campaign (task_name "{}")'
_ST = "the st_* entry points (st_cleanup_by_campaign, st_check_missing_by_campaign, ...)"
# What to use instead on servers that lack an entry point (named in the version error).
REPLACEMENTS = {
    "st_cleanup_by_campaign": _TASKS.format("Cleanup"),
    "st_cleanup_by_timeseries": _TASKS.format("Cleanup") + " (per campaign, not per timeseries)",
    "st_check_missing_by_campaign": _TASKS.format("CheckMissingData"),
    "st_check_outlier_by_campaign": _TASKS.format("CheckOutliers"),
    "st_download_weather_by_site": _TASKS.format("DownloadWeatherData")
    + ' with parameters {"sites": [names]}',
    "st_download_weather_forecast_by_site": _TASKS.format("DownloadWeatherData")
    + ' with parameters {"sites": [names], "forecast": true}',
    "tasks": _ST,
    "task_by_campaign": _ST,
}

COMMON_FUNCTIONS = {
    "CF": ("getall", "getone", "create", "update", "delete"),
    "CF-update": ("getall", "getone", "create", "delete"),
    "getall": ("getall",),
    "": (),
    "CF+full": ("getall", "getone", "create", "update", "delete", "get_full"),
    "read+full": ("getall", "getone", "get_full"),
}
