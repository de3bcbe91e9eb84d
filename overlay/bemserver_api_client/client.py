"""`BEMServerApiClient`: the entry-point table, authentication, and the one request path."""

from __future__ import annotations

import importlib
import logging
import re
import time
from collections.abc import Iterator, Mapping
from types import ModuleType, TracebackType
from typing import Any, Self

import httpx

from ._arguments import Rewindable, encode_json, generated_arguments
from ._entry_points import EntryPoints
from .authentication import BearerTokenAuth, HTTPBasicAuth, _StaticBearer
from .exceptions import (
    BEMServerAPIAuthenticationError,
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIResponseError,
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

Version = tuple[int, int, int]


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


class BEMServerApiClient(EntryPoints):
    """Client of the BEMServer API (drop-in for the upstream `bemserver-api-client`).

    `host` is "host[:port][/base/path]" as upstream (https unless `use_ssl=False`), or a full
    URL ("http://localhost:5000"). `base_url=` may replace it. One `httpx.Client` is kept for
    the client's life (keep-alive): use it as a context manager or call `close()`. Its entry
    points (`client.sites`...) are declared in `EntryPoints`, rendered from resources/table.py.
    """

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
        drop_fields: tuple[str, ...] = (),
        **parameters: Any,
    ) -> BEMServerApiClientResponse[Any]:
        """Send one API operation (`"site.get_sites"`: a generated module under api/).

        Path arguments are positional, query arguments keywords; `body` is sent as JSON,
        `content` as is with `content_type`, `files` as multipart. `etag` becomes If-None-Match
        on GET and If-Match on PUT/DELETE. `drop_fields` are left out of the body (fields PUT
        refuses or ignores, so that a record from getone can be sent back as it is).
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
            if drop_fields:
                body = without(body, drop_fields)
            content, content_type = encode_json(body), "application/json"
        if content_type is not None:
            headers["Content-Type"] = content_type
        if hasattr(content, "read"):  # a file: streamed, and rewound if the request is replayed
            content = Rewindable(content)
            if content.length is not None:
                headers["Content-Length"] = str(content.length)
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

    def _iter_pages(self, operation: str, *, page_size: int, **filters: Any) -> Iterator[Any]:
        """Every item of a paginated list, following X-Pagination's next_page."""
        page = 1
        while True:
            response = self._call(operation, page=page, page_size=page_size, **filters)
            yield from response.data
            next_page = response.pagination.get("next_page")
            if not next_page:
                return
            if not isinstance(next_page, int) or next_page <= page:
                raise BEMServerAPIResponseError(
                    message=f"X-Pagination next_page {next_page!r} after page {page}"
                )
            page = next_page

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


def without(body: Any, fields: tuple[str, ...]) -> Any:
    """A JSON body (dict or generated model) as a dict without `fields`."""
    if hasattr(body, "to_dict"):
        body = body.to_dict()
    if isinstance(body, Mapping):
        return {key: value for key, value in body.items() if key not in fields}
    return body


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

__all__ = ["BEMServerApiClient"]
