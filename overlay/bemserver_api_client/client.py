"""`BEMServerApiClient`: the entry-point table, authentication, and the one request path."""

from __future__ import annotations

import importlib
import logging
import re
import time
from types import ModuleType, TracebackType
from typing import Any, Generic, Self, TypeVar, overload

import httpx

from . import resources as r
from ._arguments import encode_json, generated_arguments
from .authentication import BearerTokenAuth, HTTPBasicAuth, _StaticBearer
from .exceptions import (
    BEMServerAPIAuthenticationError,
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPITimeoutError,
    BEMServerAPIVersionError,
    error_for,
)
from .response import BEMServerApiClientResponse

logger = logging.getLogger("bemserver_api_client")

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
# The oldest server with the routes of the generated package (0.26.0 replaced /st_* by /tasks).
MIN_API_VERSION = (0, 26, 0)
GENERATED = "_bemserver_api"

R = TypeVar("R", bound="r.Resources")
Version = tuple[int, int, int]


class EntryPoint(Generic[R]):
    """A declared entry point: `sites = EntryPoint(r.SiteResources, "site", "/sites/")`.

    Made on first access, then stored on the client, so each access returns the same object;
    type checkers see `client.sites` as a `SiteResources`.
    """

    def __init__(self, kind: type[R], tag: str, path: str) -> None:
        self.kind, self.tag, self.path = kind, tag, path
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, client: None, owner: type) -> Self: ...
    @overload
    def __get__(self, client: BEMServerApiClient, owner: type) -> R: ...
    def __get__(self, client: BEMServerApiClient | None, owner: type) -> R | Self:
        if client is None:
            return self
        resource = self.kind(client, self.tag, self.path)
        # setdefault: two threads racing on the first access still share one object.
        return client.__dict__.setdefault(self.name, resource)  # type: ignore[no-any-return]


def parse_version(version: str) -> Version:
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", str(version).strip())
    if not match:
        raise BEMServerAPIVersionError(f"Invalid API version: {version!r}")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def supported_api_versions() -> tuple[Version, Version]:
    """[min, max) of the server versions this build supports: from MIN_API_VERSION up to the
    next minor version after the document in spec/ (minor versions may change routes)."""
    spec = importlib.import_module(f"{GENERATED}._spec")
    major, minor, _ = parse_version(spec.API_VERSION)
    return MIN_API_VERSION, (major, minor + 1, 0)


class BEMServerApiClient:
    """Client of the BEMServer API (drop-in for the upstream `bemserver-api-client`).

    `host` is "host[:port][/base/path]" as upstream (https unless `use_ssl=False`), or a full
    URL ("http://localhost:5000"). `base_url=` may replace it. One `httpx.Client` is kept for
    the client's life (keep-alive): use it as a context manager or call `close()`.
    """

    # -- the entry-point table: name = EntryPoint(resources class, generated tag, API path) --
    auth = EntryPoint(r.AuthResources, "authentication", "/auth/")
    about = EntryPoint(r.AboutResources, "about", "/about/")
    users = EntryPoint(r.UserResources, "user", "/users/")
    user_groups = EntryPoint(r.CrudResources, "user_group", "/user_groups/")
    user_by_user_groups = EntryPoint(
        r.LinkResources, "user_by_user_group", "/users_by_user_groups/"
    )
    user_groups_by_campaigns = EntryPoint(
        r.LinkResources, "user_group_by_campaign", "/user_groups_by_campaigns/"
    )
    user_groups_by_campaign_scopes = EntryPoint(
        r.LinkResources, "user_group_by_campaign_scope", "/user_groups_by_campaign_scopes/"
    )
    campaigns = EntryPoint(r.CrudResources, "campaign", "/campaigns/")
    campaign_scopes = EntryPoint(r.CrudResources, "campaign_scope", "/campaign_scopes/")
    sites = EntryPoint(r.SiteResources, "site", "/sites/")
    buildings = EntryPoint(r.CrudResources, "building", "/buildings/")
    storeys = EntryPoint(r.CrudResources, "storey", "/storeys/")
    spaces = EntryPoint(r.CrudResources, "space", "/spaces/")
    zones = EntryPoint(r.CrudResources, "zone", "/zones/")
    structural_element_properties = EntryPoint(
        r.CrudResources, "structural_element_property", "/structural_element_properties/"
    )
    site_properties = EntryPoint(r.LinkResources, "site_property", "/site_properties/")
    site_property_data = EntryPoint(r.CrudResources, "site_property_data", "/site_property_data/")
    building_properties = EntryPoint(r.LinkResources, "building_property", "/building_properties/")
    building_property_data = EntryPoint(
        r.CrudResources, "building_property_data", "/building_property_data/"
    )
    storey_properties = EntryPoint(r.LinkResources, "storey_property", "/storey_properties/")
    storey_property_data = EntryPoint(
        r.CrudResources, "storey_property_data", "/storey_property_data/"
    )
    space_properties = EntryPoint(r.LinkResources, "space_property", "/space_properties/")
    space_property_data = EntryPoint(
        r.CrudResources, "space_property_data", "/space_property_data/"
    )
    zone_properties = EntryPoint(r.LinkResources, "zone_property", "/zone_properties/")
    zone_property_data = EntryPoint(r.CrudResources, "zone_property_data", "/zone_property_data/")
    timeseries = EntryPoint(r.CrudResources, "timeseries", "/timeseries/")
    timeseries_properties = EntryPoint(
        r.CrudResources, "timeseries_property", "/timeseries_properties/"
    )
    timeseries_property_data = EntryPoint(
        r.CrudResources, "timeseries_property_data", "/timeseries_property_data/"
    )
    timeseries_by_sites = EntryPoint(r.LinkResources, "timeseries_by_site", "/timeseries_by_sites/")
    timeseries_by_buildings = EntryPoint(
        r.LinkResources, "timeseries_by_building", "/timeseries_by_buildings/"
    )
    timeseries_by_storeys = EntryPoint(
        r.LinkResources, "timeseries_by_storey", "/timeseries_by_storeys/"
    )
    timeseries_by_spaces = EntryPoint(
        r.LinkResources, "timeseries_by_space", "/timeseries_by_spaces/"
    )
    timeseries_by_zones = EntryPoint(r.LinkResources, "timeseries_by_zone", "/timeseries_by_zones/")
    timeseries_by_events = EntryPoint(
        r.LinkResources, "timeseries_by_event", "/timeseries_by_events/"
    )
    weather_ts_by_sites = EntryPoint(
        r.CrudResources, "weather_timeseries_by_site", "/weather_timeseries_by_sites/"
    )
    timeseries_datastates = EntryPoint(
        r.CrudResources, "timeseries_data_state", "/timeseries_data_states/"
    )
    timeseries_data = EntryPoint(r.TimeseriesDataResources, "timeseries_data", "/timeseries_data/")
    analysis = EntryPoint(r.AnalysisResources, "analysis", "/analysis/")
    energies = EntryPoint(r.ListResources, "energy", "/energies/")
    energy_end_uses = EntryPoint(r.ListResources, "energy_end_use", "/energy_end_uses/")
    energy_cons_ts_by_sites = EntryPoint(
        r.CrudResources,
        "energy_consumption_timeseries_by_site",
        "/energy_consumption_timeseries_by_sites/",
    )
    energy_cons_ts_by_buildings = EntryPoint(
        r.CrudResources,
        "energy_consumption_timeseries_by_building",
        "/energy_consumption_timeseries_by_buildings/",
    )
    energy_prod_technologies = EntryPoint(
        r.ListResources, "energy_production_technology", "/energy_production_technologies/"
    )
    energy_prod_ts_by_sites = EntryPoint(
        r.CrudResources,
        "energy_production_timeseries_by_site",
        "/energy_production_timeseries_by_sites/",
    )
    energy_prod_ts_by_buildings = EntryPoint(
        r.CrudResources,
        "energy_production_timeseries_by_building",
        "/energy_production_timeseries_by_buildings/",
    )
    events = EntryPoint(r.CrudResources, "event", "/events/")
    event_by_sites = EntryPoint(r.LinkResources, "event_by_site", "/events_by_sites/")
    event_by_buildings = EntryPoint(r.LinkResources, "event_by_building", "/events_by_buildings/")
    event_by_storeys = EntryPoint(r.LinkResources, "event_by_storey", "/events_by_storeys/")
    event_by_spaces = EntryPoint(r.LinkResources, "event_by_space", "/events_by_spaces/")
    event_by_zones = EntryPoint(r.LinkResources, "event_by_zone", "/events_by_zones/")
    event_categories = EntryPoint(r.CrudResources, "event_category", "/event_categories/")
    event_categories_by_users = EntryPoint(
        r.CrudResources, "event_category_by_user", "/event_categories_by_users/"
    )
    notifications = EntryPoint(r.NotificationResources, "notification", "/notifications/")
    io = EntryPoint(r.IOResources, "input_output", "/io/")
    tasks = EntryPoint(r.TaskResources, "task", "/tasks/")
    task_by_campaign = EntryPoint(r.CrudResources, "task_by_campaign", "/tasks_by_campaigns/")

    def __init__(
        self,
        host: str | None = None,
        use_ssl: bool = True,
        authentication_method: httpx.Auth | None = None,
        uri_prefix: str = "http",
        auto_check: bool = False,
        request_manager: None = None,
        *,
        base_url: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        http_client: httpx.Client | None = None,
    ) -> None:
        if request_manager is not None:
            raise BEMServerAPIClientValueError(
                "request_manager (a requests-based manager) is not supported: pass http_client="
            )
        if base_url is None:
            if not host:
                raise BEMServerAPIClientValueError("give a host ('localhost:5000') or base_url=")
            if "://" in host:
                base_url = host
            else:
                scheme = (
                    (uri_prefix or "http").replace("http", "https")
                    if use_ssl
                    else uri_prefix or "http"
                )
                base_url = f"{scheme}://{host}"
        self.base_url = base_url.rstrip("/")
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout, verify=verify)
        self._auth: httpx.Auth | None = None
        self._modules: dict[str, ModuleType] = {}
        self.set_authentication_method(authentication_method)
        if auto_check:
            self.check_api_version(self.about.getall().data["versions"]["bemserver_api"])

    # -- authentication -----------------------------------------------------------------------

    @staticmethod
    def make_http_basic_auth(email: str, password: str) -> HTTPBasicAuth:
        return HTTPBasicAuth(email, password)

    make_http_basic = make_http_basic_auth  # the name the upstream README uses

    @staticmethod
    def make_bearer_token_auth(
        access_token: str,
        refresh_token: str | None = None,
        after_refresh_tokens_callback: Any = None,
    ) -> BearerTokenAuth:
        return BearerTokenAuth(access_token, refresh_token, after_refresh_tokens_callback)

    def set_authentication_method(self, authentication_method: httpx.Auth | None) -> None:
        if isinstance(authentication_method, BearerTokenAuth):
            authentication_method.refresher = self._refresh_tokens
        self._auth = authentication_method

    @property
    def authentication_method(self) -> httpx.Auth | None:
        return self._auth

    def _refresh_tokens(self, refresh_token: str) -> tuple[str, str]:
        """POST /auth/token/refresh with the refresh token; the new (access, refresh) tokens."""
        response = self._call(
            "authentication.post_auth_token_refresh", auth=_StaticBearer(refresh_token)
        )
        data = response.data
        if not isinstance(data, dict) or data.get("status") != "success":
            raise BEMServerAPIAuthenticationError(message="token refresh failed")
        return data["access_token"], data["refresh_token"]

    # -- versions -----------------------------------------------------------------------------

    @classmethod
    def check_api_version(cls, api_version: str) -> None:
        """Raise BEMServerAPIVersionError if this build does not support `api_version`."""
        version = parse_version(api_version)
        low, high = supported_api_versions()
        if not low <= version < high:
            expected = f">={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
            raise BEMServerAPIVersionError(
                f"API version ({api_version}) not supported! (expected: {expected})"
            )

    # -- the one request path -----------------------------------------------------------------

    def _module(self, operation: str) -> ModuleType:
        module = self._modules.get(operation)
        if module is None:
            module = importlib.import_module(f"{GENERATED}.api.{operation}")
            self._modules[operation] = module
        return module

    def _call(
        self,
        operation: str,
        *path: Any,
        etag: str | None = None,
        body: Any = None,
        content: Any = None,
        content_type: str | None = None,
        files: Any = None,
        accept: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: httpx.Timeout | float | None = None,
        **parameters: Any,
    ) -> BEMServerApiClientResponse:
        """Send one API operation (`"site.get_sites"`: a generated module under api/).

        Path arguments are positional, query arguments keywords; `body` is sent as JSON,
        `content` as is with `content_type`, `files` as multipart. `etag` becomes If-None-Match
        on GET and If-Match on PUT/DELETE.
        """
        module = self._module(operation)
        get_kwargs = module._get_kwargs
        arguments = generated_arguments(get_kwargs, parameters, operation)
        for name, placeholder in PLACEHOLDERS.items():
            if name in get_kwargs.__annotations__:
                arguments[name] = placeholder
        try:
            kwargs = get_kwargs(*path, **arguments)
        except (TypeError, ValueError, AttributeError) as exc:
            raise BEMServerAPIClientValueError(f"{operation}: {exc}") from None
        method: str = kwargs["method"].upper()
        url: str = kwargs["url"]
        params: dict[str, Any] = kwargs.get("params") or {}
        for name in NON_EXPLODED & params.keys():
            if isinstance(params[name], list):
                params[name] = ",".join(map(str, params[name]))
        headers: dict[str, str] = {}
        if etag is not None:
            headers["If-None-Match" if method in ("GET", "HEAD") else "If-Match"] = etag
        if accept is not None:
            headers["Accept"] = accept
        if body is not None:
            content, content_type = encode_json(body), "application/json"
        if content_type is not None:
            headers["Content-Type"] = content_type
        request = self._http.build_request(
            method,
            self.base_url + url,
            params=params,
            headers=headers,
            content=content,
            files=files,
            timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )
        started = time.perf_counter()
        try:
            response = self._http.send(request, auth=auth or self._auth or httpx.USE_CLIENT_DEFAULT)
        except httpx.TimeoutException as exc:
            raise BEMServerAPITimeoutError(
                message=f"no answer in time ({type(exc).__name__})", method=method, path=url
            ) from None
        except (httpx.TransportError, httpx.StreamError) as exc:
            raise BEMServerAPIConnectionError(
                message=f"{type(exc).__name__}: {str(exc)[:200]}", method=method, path=url
            ) from None
        status = response.status_code
        logger.debug(
            "%s %s -> %s (%.1f ms)", method, url, status, (time.perf_counter() - started) * 1000
        )
        if status >= 300 or status < 200:
            raise error_for(
                status, response.content, response.headers.get("Content-Type", ""), method, url
            )
        return BEMServerApiClientResponse(response, module._parse_response)

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connections (only those of an httpx.Client this client created)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"BEMServerApiClient({self.base_url!r}, authentication_method={self._auth!r})"


class _BodyPlaceholder:
    """Stands for a body in the generated `_get_kwargs`: this module encodes bodies itself."""

    payload = b""

    def to_dict(self) -> dict[str, Any]:
        return {}

    def to_multipart(self) -> list[Any]:
        return []


# Arguments some generated `_get_kwargs` require but whose output `_call` replaces with its own
# (JSON body, files, If-Match from `etag`).
PLACEHOLDERS: dict[str, Any] = {"body": _BodyPlaceholder(), "if_match": ""}


def _non_exploded() -> frozenset[str]:
    spec: Any = importlib.import_module(f"{GENERATED}._spec")
    names: frozenset[str] = spec.NON_EXPLODED_QUERY_PARAMETERS
    return names


NON_EXPLODED = _non_exploded()  # query lists sent comma-joined (`sort`), from the document

__all__ = ["BEMServerApiClient", "EntryPoint"]
