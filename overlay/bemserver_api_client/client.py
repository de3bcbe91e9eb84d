"""`BEMServerApiClient`: the entry-point table, authentication, and the one request path."""

from __future__ import annotations

import copy as copy_module
import dataclasses
import functools
import importlib
import logging
import ssl
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx

from _bemserver_api import _spec
from _bemserver_api._operations import OPERATIONS, VERSIONS

from . import _versions
from ._arguments import Rewindable, encode_json, query_parameters
from ._entry_points import EntryPoints
from ._retry import RetryPolicy, retry_after
from .authentication import BearerTokenAuth, HTTPBasicAuth, _StaticBearer
from .exceptions import (
    BEMServerAPIAuthenticationError,
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIError,
    BEMServerAPIResponseError,
    BEMServerAPITimeoutError,
    BEMServerAPIVersionError,
    error_for,
)
from .resources.table import OLDEST_API_VERSION, REPLACEMENTS
from .response import BEMServerApiClientResponse

logger = logging.getLogger("bemserver_api_client")

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
GENERATED = "_bemserver_api"

Version = _versions.Version


def parse_version(version: str) -> Version:
    parsed = _versions.parse_version(version)
    if parsed is None:
        raise BEMServerAPIVersionError(f"Invalid API version: {version!r}")
    return parsed


def supported_api_versions() -> tuple[Version, Version]:
    """[min, max) of the server versions this build supports: from the table's oldest version
    up to the next minor version after the newest document in spec/ (minors may change routes)."""
    return _versions.supported_range(_spec.DOCUMENT_VERSIONS, OLDEST_API_VERSION)


def document_for(version: str) -> str:
    """The API document (its version) that describes a server of `version`; raises
    BEMServerAPIVersionError outside the supported range."""
    document = _versions.document_for(
        parse_version(version), _spec.DOCUMENT_VERSIONS, OLDEST_API_VERSION
    )
    if document is None:
        low, high = supported_api_versions()
        expected = f">={_versions.show(low)},<{_versions.show(high)}"
        raise BEMServerAPIVersionError(
            f"API version ({version}) not supported! (expected: {expected})"
        )
    return document


class _ServerVersion:
    """The server's API version, found once (GET /about/) and shared by a client's copies."""

    def __init__(self, version: str | None) -> None:
        self.lock = threading.Lock()
        self.version = version
        self.document = None if version is None else document_for(version)


class BEMServerApiClient(EntryPoints):
    """Client of the BEMServer API (drop-in for the upstream `bemserver-api-client`).

    `host` is "host[:port][/base/path]" as upstream (https unless `use_ssl=False`), or a full
    URL ("http://localhost:5000"). `base_url=` may replace it. One `httpx.Client` is kept for
    the client's life (keep-alive): use it as a context manager or call `close()`. Its entry
    points (`client.sites`...) are declared in `EntryPoints`, rendered from resources/table.py.

    Beyond upstream (keywords): `timeout` (default connect 5 s, read 60 s; never unbounded),
    `verify` (True, a CA bundle path or an SSLContext; False warns), `http_client` (your own
    httpx.Client), `max_retries` / `retry` (a RetryPolicy: 2 retries of what cannot write
    twice), `api_version` (the server's version, e.g. "0.25.0": else it is read from /about/
    the first time a call depends on it). `with_options(timeout=..., max_retries=...)` changes
    them for some calls.
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
        timeout: httpx.Timeout | float | None = None,
        verify: bool | str | ssl.SSLContext = True,
        http_client: httpx.Client | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        api_version: str | None = None,
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
        # Upstream's attributes, read by applications (bemserver-ui shows `host`).
        scheme, _, self.host = self.base_url.partition("://")
        self.use_ssl = scheme == "https"
        self.base_uri_prefix = "http" if scheme in ("http", "https") else scheme
        self._server = _ServerVersion(api_version)
        self.retry = retry or RetryPolicy()
        if max_retries is not None:
            self.retry = dataclasses.replace(self.retry, max_retries=max_retries)
        if verify is False:
            warnings.warn(
                "TLS certificate verification is off: anyone on the path can read the tokens",
                stacklevel=2,
            )
        self._owns_http = http_client is None
        # Sent with each request; None: the httpx.Client's own (DEFAULT_TIMEOUT if ours).
        self._timeout = timeout
        if isinstance(verify, str):  # a CA bundle
            verify = ssl.create_default_context(cafile=verify)
        elif verify is True and self.base_url.startswith("http://"):
            # Plain HTTP uses no TLS: skip loading the CA bundle (httpx does it eagerly, ~100 ms
            # at startup). This context still verifies: a TLS connection would fail, not pass.
            verify = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        own_timeout = timeout if timeout is not None else DEFAULT_TIMEOUT
        self._http = http_client or httpx.Client(timeout=own_timeout, verify=verify)
        self._auth: httpx.Auth | None = None
        self.set_authentication_method(authentication_method)
        if auto_check:
            self.api_version  # noqa: B018 (reads /about/ and checks the version now)

    @property
    def uri_prefix(self) -> str:
        """ "https://" or "http://" (upstream attribute)."""
        return f"{self.base_uri_prefix.replace('http', 'https') if self.use_ssl else self.base_uri_prefix}://"

    @property
    def base_uri(self) -> str:
        """The server's URL (upstream attribute): `uri_prefix` + `host`."""
        return f"{self.uri_prefix}{self.host}"

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

    def _refresh_request(self, refresh_token: str) -> BEMServerApiClientResponse[Any]:
        """POST /auth/token/refresh, sending the refresh token as the bearer."""
        return self._call(
            "authentication.post_auth_token_refresh", auth=_StaticBearer(refresh_token)
        )

    def _refresh_tokens(self, refresh_token: str) -> tuple[str, str]:
        """The new (access, refresh) tokens: the refresher of a BearerTokenAuth."""
        data = self._refresh_request(refresh_token).data
        if not isinstance(data, dict) or data.get("status") != "success":
            raise BEMServerAPIAuthenticationError(message="token refresh failed")
        return data["access_token"], data["refresh_token"]

    # -- versions -----------------------------------------------------------------------------

    @property
    def api_version(self) -> str:
        """The server's API version: `api_version=` if given, else read from /about/ once
        (raises BEMServerAPIVersionError if this client does not support it)."""
        server = self._server
        with server.lock:
            if server.version is None:
                about = self._call("about.get_about").data
                try:
                    version = str(about["versions"]["bemserver_api"])
                except (TypeError, KeyError):
                    raise BEMServerAPIVersionError(
                        f"{self.base_url}/about/ does not give the API version"
                    ) from None
                server.document = document_for(version)
                server.version = version
            return server.version

    def _check_available(self, operation: str, entry_point: str) -> None:
        """Raise BEMServerAPIVersionError, before sending, if the server's version lacks
        `operation`. Operations of every document need no version (nor a request to find it)."""
        documents = VERSIONS.get(operation)
        if documents is None:
            return
        version = self.api_version
        if self._server.document not in documents:
            having = _versions.describe(documents, _spec.DOCUMENT_VERSIONS, OLDEST_API_VERSION)
            replacement = REPLACEMENTS.get(entry_point)
            raise BEMServerAPIVersionError(
                f"{entry_point} is not in BEMServer API {version} (it exists for {having})"
                + (f": use {replacement}" if replacement else "")
            )

    @classmethod
    def check_api_version(cls, api_version: str) -> None:
        """Raise BEMServerAPIVersionError if this build does not support `api_version`."""
        document_for(api_version)

    # -- the one request path -----------------------------------------------------------------

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
        extra_query: Mapping[str, Any] | None = None,
        **parameters: Any,
    ) -> BEMServerApiClientResponse[Any]:
        """Send one API operation (`"site.get_sites"`: a generated module under api/).

        Path arguments are positional, query arguments keywords; `body` is sent as JSON,
        `content` as is with `content_type`, `files` as multipart; `extra_query`: query arguments
        the document does not declare, sent as given. `etag` becomes If-None-Match
        on GET and If-Match on PUT/DELETE. `drop_fields` are left out of the body (fields PUT
        refuses or ignores, so that a record from getone can be sent back as it is).
        The request is built from the operations table; the generated module itself is only
        imported to parse `.parsed`.
        """
        method, template, path_names, query = OPERATIONS[operation]
        if len(path) != len(path_names):
            raise BEMServerAPIClientValueError(
                f"{operation}: expected {len(path_names)} path arguments"
            )
        url = template.format(
            **{n: quote(str(v), safe="") for n, v in zip(path_names, path, strict=True)}
        )
        params = query_parameters(query, parameters, operation, extra_query)
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
            params=params or None,  # an empty dict would make httpx parse the URL again
            headers=headers,
            content=content,
            files=files,
            timeout=next(
                (t for t in (timeout, self._timeout) if t is not None), httpx.USE_CLIENT_DEFAULT
            ),
        )
        return self._send(request, auth or self._auth, functools.partial(parse, operation))

    def _send(
        self, request: httpx.Request, auth: httpx.Auth | None, parser: Any
    ) -> BEMServerApiClientResponse[Any]:
        """Send with the retry policy; map transport failures and error statuses."""
        method, path, policy = request.method, request.url.path, self.retry
        idempotent = policy.idempotent(method, request.headers)
        deadline = time.monotonic() + policy.deadline
        retries = 0
        while True:
            started = time.perf_counter()
            error: BEMServerAPIError
            delay: float | None = None
            try:
                response = self._http.send(request, auth=auth or httpx.USE_CLIENT_DEFAULT)
            except httpx.TimeoutException as exc:
                error = BEMServerAPITimeoutError(
                    message=f"no answer in time ({type(exc).__name__})", method=method, path=path
                )
                retryable = idempotent or isinstance(exc, httpx.ConnectTimeout)
            except (httpx.TransportError, httpx.StreamError) as exc:
                error = BEMServerAPIConnectionError(
                    message=f"{type(exc).__name__}: {str(exc)[:200]}", method=method, path=path
                )
                retryable = idempotent or isinstance(exc, httpx.ConnectError)
            else:
                status = response.status_code
                logger.debug(
                    "%s %s -> %s (%.1f ms)",
                    method,
                    path,
                    status,
                    (time.perf_counter() - started) * 1000,
                )
                if 200 <= status < 300:
                    return BEMServerApiClientResponse(response, parser)
                error = error_for(
                    status, response.content, response.headers.get("Content-Type", ""), method, path
                )
                retryable = idempotent and status in policy.statuses
                delay = retry_after(response.headers.get("Retry-After"), time.time())
                if retryable and delay is not None and delay > policy.max_retry_after:
                    retryable = False  # the server asks for longer than we wait: say so now
            if not retryable or retries >= policy.max_retries:
                raise error
            if delay is None:
                delay = policy.backoff_delay(retries)
            if time.monotonic() + delay > deadline:
                raise error
            retries += 1
            logger.info(
                "%s %s: %s; retry %d of %d in %.2f s",
                method,
                path,
                error.status_code,
                retries,
                policy.max_retries,
                delay,
            )
            time.sleep(delay)

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

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
    ) -> Self:
        """A client sharing this one's connections and authentication, with other options:
        `client.with_options(timeout=5, max_retries=0).sites.getall()`."""
        copy = copy_module.copy(self)
        for name in EntryPoints.__dict__:  # entry points are bound to their client: make new ones
            copy.__dict__.pop(name, None)
        copy._owns_http = False
        if timeout is not None:
            copy._timeout = timeout
        if retry is not None:
            copy.retry = retry
        if max_retries is not None:
            copy.retry = dataclasses.replace(copy.retry, max_retries=max_retries)
        return copy

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
        return f"{type(self).__name__}({self.base_url!r}, authentication_method={self._auth!r})"


def without(body: Any, fields: tuple[str, ...]) -> Any:
    """A JSON body (dict or generated model) as a dict without `fields`."""
    if hasattr(body, "to_dict"):
        body = body.to_dict()
    if isinstance(body, Mapping):
        return {key: value for key, value in body.items() if key not in fields}
    return body


def parse(operation: str, response: httpx.Response) -> Any:
    """The generated parser of `operation` (its module loads here, on first `.parsed`)."""
    module = importlib.import_module(f"{GENERATED}.api.{operation}")
    return module._parse_response(client=None, response=response)


__all__ = ["BEMServerApiClient"]
