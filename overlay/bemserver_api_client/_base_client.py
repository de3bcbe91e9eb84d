"""The core both clients share: construction, requests built from the operations table, retry
decisions, error mapping, responses, server versions, pickling and fork safety.

`BEMServerApiClient` (client.py) and `AsyncBEMServerApiClient` (async_client.py) only send,
sleep between retries and close differently. Entry points (resources/) are typed against
`BaseClient`, never against a concrete client.

Production shape: the httpx client (its connection pool) is made on the first request, not at
construction (bemserver-ui builds a client per page); it belongs to one process: after a fork
the child notices the new pid on its next request and opens its own connections, never
reading from a socket the parent also reads, and replaces the locks a parent thread may have
held. An httpx.AsyncClient of ours also belongs to one event loop (a new loop gets a new one).
A client pickles without its connections; copy.copy is with_options(), copy.deepcopy an
independent client.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import importlib
import logging
import os
import ssl
import sys
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote

import httpx

from _bemserver_api import _spec
from _bemserver_api._operations import OPERATIONS, VERSIONS

from . import _versions
from ._arguments import JSONStream, Rewindable, encode_json, query_parameters
from ._retry import RetryPolicy, retry_after
from .authentication import BearerTokenAuth, HTTPBasicAuth, fork_lock, identity
from .exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
    BEMServerAPIError,
    BEMServerAPITimeoutError,
    BEMServerAPIVersionError,
    error_for,
)
from .resources.base import ENTRY_POINTS
from .resources.table import OLDEST_API_VERSION, REPLACEMENTS
from .response import BEMServerApiClientResponse

if TYPE_CHECKING:
    import asyncio  # imported when a coroutine needs it: 10 ms of a sync script's cold start

logger = logging.getLogger("bemserver_api_client")

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
GENERATED = "_bemserver_api"
Version = _versions.Version
Verify = bool | str | ssl.SSLContext


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


# verify=True trusts the CAs these name: requests' own (the upstream client's library, so an
# application configured for it keeps working) and httpx's / OpenSSL's.
CA_ENVIRONMENT = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")


def ssl_context(verify: bool | str, plain_http: bool) -> ssl.SSLContext | bool:
    """The SSL context of a `verify` setting (one per setting and environment, per process)."""
    environment = tuple(os.environ.get(name) or None for name in CA_ENVIRONMENT)
    return _ssl_context(verify, plain_http, environment if verify is True else ())


@functools.cache
def _ssl_context(
    verify: bool | str, plain_http: bool, environment: tuple[str | None, ...]
) -> ssl.SSLContext | bool:
    """Building one loads the CA bundle (~100 ms): cached."""
    if verify is False:
        return False
    if plain_http and verify is True:
        # No TLS will be spoken: skip the CA bundle. This context still verifies: a TLS
        # connection would fail, never pass unverified.
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if isinstance(verify, str):
        return _trusting([("verify", verify)])
    requests_bundle, curl_bundle, cert_file, cert_dir = environment
    bundle = requests_bundle or curl_bundle  # requests' precedence
    if bundle is None:
        return httpx.create_ssl_context()  # SSL_CERT_FILE / SSL_CERT_DIR, else certifi's CAs
    # As requests: that bundle instead of certifi's; and what httpx would read besides.
    name = "REQUESTS_CA_BUNDLE" if requests_bundle else "CURL_CA_BUNDLE"
    named = [(name, bundle), ("SSL_CERT_FILE", cert_file), ("SSL_CERT_DIR", cert_dir)]
    return _trusting([(name, path) for name, path in named if path])


def _trusting(sources: list[tuple[str, str]]) -> ssl.SSLContext:
    """A verifying context that trusts the CAs of these files or directories only (each named
    by where it was given, for the error)."""
    context: ssl.SSLContext | None = None
    for name, path in sources:
        cafile, capath = (None, path) if os.path.isdir(path) else (path, None)
        try:
            if context is None:
                context = ssl.create_default_context(cafile=cafile, capath=capath)
            else:
                context.load_verify_locations(cafile=cafile, capath=capath)
        except (OSError, ssl.SSLError) as exc:
            raise BEMServerAPIClientValueError(
                f"{name}={path!r}: no CA certificates read there ({exc})"
            ) from None
    assert context is not None
    return context


def running_loop() -> asyncio.AbstractEventLoop | None:
    if "asyncio" not in sys.modules:  # no asyncio imported, no event loop running
        return None
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def loop_ref(loop: asyncio.AbstractEventLoop) -> Callable[[], Any]:
    """A weak reference to `loop` (a strong one if its class refuses weak references)."""
    try:
        return weakref.ref(loop)
    except TypeError:
        return lambda: loop


class _Shared:
    """What a client shares with its `with_options` copies: the httpx client (made on first
    use, in this process only; an httpx.AsyncClient of ours serves one event loop) and the
    server's API version (read once)."""

    def __init__(self, http: Any, api_version: str | None, *, per_loop: bool = False) -> None:
        self.http_lock = threading.Lock()  # making the httpx client
        self.version_lock = threading.Lock()  # reading /about/ (never nested in the other)
        self.http = http
        self.owned = http is None
        self.per_loop = per_loop and self.owned  # async: one httpx client per event loop
        self.loop: Callable[[], Any] | None = None  # the event loop of `http` (per_loop)
        self._version_alock: tuple[Callable[[], Any], asyncio.Lock] | None = None
        self.pid = os.getpid()
        self.version = api_version
        self.document = None if api_version is None else document_for(api_version)

    def __del__(self) -> None:
        """The last client sharing this is gone, unclosed: close the sync httpx client it made,
        in the process that made it (httpx's pool is a reference cycle: left to the garbage
        collector, its sockets stay open until a full collection). An async one needs its event
        loop to close: the garbage collector's."""
        http = self.http
        if self.owned and isinstance(http, httpx.Client) and self.pid == os.getpid():
            with contextlib.suppress(Exception):  # also at interpreter exit
                http.close()

    def forked(self) -> bool:
        """True in a child process, whose parent made this: forget the parent's connections
        (never close them: their sockets are the parent's too) and its locks, which a thread
        the child does not have may hold."""
        if self.pid == os.getpid():
            return False
        with fork_lock():  # several threads of the child may get here at once
            if self.pid != os.getpid():
                self.http_lock, self.version_lock = threading.Lock(), threading.Lock()
                self._version_alock = None
                if self.owned:
                    self.http = self.loop = None
                self.pid = os.getpid()  # last: a thread that reads our pid finds our locks
        return True

    def usable(self) -> Any:
        """The httpx client if this process (and, per_loop, the running event loop) may use
        it, else None. An httpx.AsyncClient of a finished event loop is forgotten, never closed:
        its connections belong to that loop (reusing them raises "Event loop is closed")."""
        self.forked()
        if self.per_loop and self.http is not None:
            loop = running_loop()
            if loop is not None:
                if self.loop is None:
                    self.loop = loop_ref(loop)
                elif self.loop() is not loop:
                    self.http = self.loop = None
        return self.http

    def async_version_lock(self) -> asyncio.Lock:
        """The lock of reading /about/ for the running event loop (an asyncio lock serves one)."""
        import asyncio

        loop = asyncio.get_running_loop()
        self.forked()
        held = self._version_alock
        if held is None or held[0]() is not loop:
            held = self._version_alock = (loop_ref(loop), asyncio.Lock())
        return held[1]


class _Attempts:
    """The retry policy applied to one call: each outcome is returned, raised or retried."""

    def __init__(self, policy: RetryPolicy, request: httpx.Request) -> None:
        self.policy, self.request = policy, request
        self.idempotent = policy.idempotent(request.method, request.headers)
        self.deadline = time.monotonic() + policy.deadline
        self.retries = 0
        self.started = time.perf_counter()

    def failed(self, exc: Exception) -> float:
        """A transport failure: the delay before the next attempt, or raise the library error."""
        _clear_finished_frames(exc)
        where = f"{self.request.url.scheme}://{self.request.url.netloc.decode()}"
        kind: type[BEMServerAPIError]
        if isinstance(exc, httpx.TimeoutException):
            kind, message = BEMServerAPITimeoutError, f"no answer from {where} in time"
            message += f" ({type(exc).__name__})"
            retryable = self.idempotent or isinstance(exc, httpx.ConnectTimeout)
        else:
            kind = BEMServerAPIConnectionError
            message = f"{where}: {type(exc).__name__}: {str(exc)[:200]}"
            retryable = self.idempotent or isinstance(exc, httpx.ConnectError)
        # The error is made in the call, never bound here: see _next.
        request = self.request
        return self._next(
            kind(message=message, method=request.method, path=request.url.path), retryable, None
        )

    def answered(self, response: httpx.Response, parser: Any) -> Any:
        """A response: the BEMServerApiClientResponse of a success, else a delay or raise."""
        status, method, path = response.status_code, self.request.method, self.request.url.path
        logger.debug(
            "%s %s -> %s (%.1f ms)",
            method,
            path,
            status,
            (time.perf_counter() - self.started) * 1000,
        )
        if 200 <= status < 300:
            return BEMServerApiClientResponse(response, parser)
        retryable = self.idempotent and status in self.policy.statuses
        delay = retry_after(response.headers.get("Retry-After"), time.time())
        if retryable and delay is not None and delay > self.policy.max_retry_after:
            retryable = False  # the server asks for longer than we wait: say so now
        content_type = response.headers.get("Content-Type", "")
        # The error is made in the call, never bound here: see _next.
        return self._next(
            error_for(status, response.content, content_type, method, path), retryable, delay
        )

    def _next(self, error: BEMServerAPIError, retryable: bool, delay: float | None) -> float:
        policy = self.policy
        if retryable and self.retries < policy.max_retries:
            if delay is None:
                delay = policy.backoff_delay(self.retries)
            if time.monotonic() + delay <= self.deadline:
                self.retries += 1
                logger.info(
                    "%s %s: %s; retry %d of %d in %.2f s",
                    self.request.method,
                    self.request.url.path,
                    error.status_code,
                    self.retries,
                    policy.max_retries,
                    delay,
                )
                self.started = time.perf_counter()
                return delay
        # No frame of the traceback may hold the error in a variable: that would be a reference
        # cycle (error -> traceback -> frame -> error) keeping the frames' client, and so its
        # connections, alive until a garbage collection.
        try:
            raise error
        finally:
            del error


def _clear_finished_frames(exc: BaseException) -> None:
    """Drop the local variables of the finished frames in the tracebacks of `exc` and of the
    exceptions it was raised from or during (the frames still running refuse: they are kept).

    From Python 3.12 on, an exception thrown into a generator-based context manager keeps, in its
    traceback, the generator's frame, whose caller is contextlib's `__exit__` frame, whose `value`
    is that exception: a reference cycle. httpx maps every transport error that way
    (map_httpcore_exceptions), and the cycle holds the frames of the whole call, ours with the
    client, until a garbage collection. Tracebacks print the same without the locals."""
    pending, seen = [exc], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        tb = current.__traceback__
        while tb is not None:
            with contextlib.suppress(RuntimeError):  # a frame still running
                tb.tb_frame.clear()
            tb = tb.tb_next
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]


class BaseClient:
    """What `BEMServerApiClient` and `AsyncBEMServerApiClient` share (see their docstrings)."""

    _http_class: type[httpx.Client] | type[httpx.AsyncClient]

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
        verify: Verify = True,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        api_version: str | None = None,
    ) -> None:
        if request_manager is not None:
            raise BEMServerAPIClientValueError(
                "request_manager (a requests-based manager) is not supported: pass http_client="
            )
        if http_client is not None and not isinstance(http_client, self._http_class):
            raise BEMServerAPIClientValueError(
                f"http_client must be an {self._http_class.__module__}.{self._http_class.__name__}"
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
        self.retry = retry or RetryPolicy()
        if max_retries is not None:
            self.retry = dataclasses.replace(self.retry, max_retries=max_retries)
        if verify is False:
            warnings.warn(
                "TLS certificate verification is off: anyone on the path can read the tokens",
                stacklevel=3,
            )
        self._verify = verify
        # Sent with each request; None: the httpx client's own (DEFAULT_TIMEOUT if ours).
        self._timeout = timeout
        self._shared = self._new_shared(http_client, api_version)
        self._closes_http = True  # False on with_options copies: they share the connections
        self._auth: httpx.Auth | None = None
        self.set_authentication_method(authentication_method)
        if auto_check:
            self._auto_check()

    def _auto_check(self) -> None:
        raise NotImplementedError

    # -- upstream attributes ------------------------------------------------------------------

    @property
    def uri_prefix(self) -> str:
        """ "https://" or "http://" (upstream attribute)."""
        prefix = self.base_uri_prefix
        return f"{prefix.replace('http', 'https') if self.use_ssl else prefix}://"

    @property
    def base_uri(self) -> str:
        """The server's URL (upstream attribute): `uri_prefix` + `host`."""
        return f"{self.uri_prefix}{self.host}"

    # -- authentication -----------------------------------------------------------------------

    @staticmethod
    def make_http_basic_auth(email: str, password: str) -> HTTPBasicAuth:
        """HTTP Basic authentication (the server checks the password on every call: slow)."""
        return HTTPBasicAuth(email, password)

    make_http_basic = make_http_basic_auth  # the name the upstream README uses

    @staticmethod
    def make_bearer_token_auth(
        access_token: str,
        refresh_token: str | None = None,
        after_refresh_tokens_callback: Any = None,
    ) -> BearerTokenAuth:
        """JWT bearer authentication, refreshed by itself before and on expiry (with a refresh
        token); `after_refresh_tokens_callback(access, refresh)` is called after each refresh."""
        return BearerTokenAuth(access_token, refresh_token, after_refresh_tokens_callback)

    def set_authentication_method(self, authentication_method: httpx.Auth | None) -> None:
        """Authenticate the next calls with this (from make_http_basic_auth or
        make_bearer_token_auth; None: no authentication)."""
        if isinstance(authentication_method, BearerTokenAuth):
            self._install_refresher(authentication_method)
        self._auth = authentication_method

    def _install_refresher(self, auth: BearerTokenAuth) -> None:
        raise NotImplementedError

    @property
    def authentication_method(self) -> httpx.Auth | None:
        return self._auth

    def _bearer_for_refresh(self) -> BearerTokenAuth:
        bearer = self._auth
        if not isinstance(bearer, BearerTokenAuth) or bearer.refresh_token is None:
            raise BEMServerAPIClientValueError(
                "refresh_tokens needs a bearer auth with a refresh token"
            )
        return bearer

    # -- versions -----------------------------------------------------------------------------

    @classmethod
    def check_api_version(cls, api_version: str) -> None:
        """Raise BEMServerAPIVersionError if this build does not support `api_version`."""
        document_for(api_version)

    def _record_version(self, about: Any) -> str:
        """Store the version read from /about/ (the caller holds the version lock)."""
        try:
            version = str(about["versions"]["bemserver_api"])
        except (TypeError, KeyError):
            raise BEMServerAPIVersionError(
                f"{self.base_url}/about/ does not give the API version"
            ) from None
        self._shared.document = document_for(version)
        self._shared.version = version
        return version

    def _refuse_unavailable(self, operation: str, entry_point: str, version: str) -> None:
        documents = VERSIONS[operation]
        if self._shared.document not in documents:
            having = _versions.describe(documents, _spec.DOCUMENT_VERSIONS, OLDEST_API_VERSION)
            replacement = REPLACEMENTS.get(entry_point)
            raise BEMServerAPIVersionError(
                f"{entry_point} is not in BEMServer API {version} (it exists for {having})"
                + (f": use {replacement}" if replacement else "")
            )

    # -- building requests --------------------------------------------------------------------

    def _new_shared(self, http: Any, api_version: str | None) -> _Shared:
        return _Shared(http, api_version, per_loop=self._http_class is httpx.AsyncClient)

    @property
    def _http(self) -> Any:
        """This process's httpx client (the async client's: this event loop's), made on first
        use."""
        shared = self._shared
        http = shared.usable()
        if http is None:
            with shared.http_lock:
                http = shared.usable()
                if http is None:
                    verify = self._verify
                    if not isinstance(verify, ssl.SSLContext):
                        verify = ssl_context(verify, self.base_url.startswith("http://"))
                    timeout = DEFAULT_TIMEOUT if self._timeout is None else self._timeout
                    http = shared.http = self._http_class(timeout=timeout, verify=verify)
                    if shared.per_loop and (loop := running_loop()) is not None:
                        shared.loop = loop_ref(loop)
        return http

    def _http_to_close(self) -> Any:
        """The httpx client close()/aclose() closes, forgotten here (the next call makes a new
        one): only one this client made, in this process (and event loop), else None."""
        shared = self._shared
        http = shared.usable()
        if http is None or not (self._closes_http and shared.owned):
            return None
        shared.http = shared.loop = None
        return http

    def _build(
        self,
        operation: str,
        *path: Any,
        opened: contextlib.ExitStack,
        etag: str | None = None,
        body: Any = None,
        content: Any = None,
        content_type: str | None = None,
        files: Mapping[str, Any] | None = None,
        accept: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: httpx.Timeout | float | None = None,
        drop_fields: tuple[str, ...] = (),
        extra_query: Mapping[str, Any] | None = None,
        **parameters: Any,
    ) -> tuple[httpx.Request, httpx.Auth | None, Any]:
        """The request of one API operation (`"site.get_sites"`: a generated module under api/),
        its authentication and its parser.

        Path arguments are positional, query arguments keywords; `body` is sent as JSON,
        `content` as is with `content_type` (a path or a file is streamed from `opened`),
        `files` as multipart ({field: (name, path, file or bytes, type)}, paths opened in
        `opened`); `extra_query`: query arguments the document does not declare, sent as given.
        `etag` becomes If-None-Match on GET and If-Match on PUT/DELETE. `drop_fields` are left
        out of the body (fields PUT refuses or ignores, so that a record from getone can be
        sent back as it is). The generated module itself is only imported to parse `.parsed`.
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
        if isinstance(content, os.PathLike):
            content = opened.enter_context(open(content, "rb"))  # noqa: SIM115 (closed by `opened`)
        if hasattr(content, "read"):  # a file: streamed, and rewound if the request is replayed
            content = self._stream(content)
            if content.length is not None:
                headers["Content-Length"] = str(content.length)
        elif isinstance(content, JSONStream):
            content = self._json_stream(content)
        if files is not None:
            files = {
                field: (name, _open(source, opened), kind)
                for field, (name, source, kind) in files.items()
            }
        http = self._http
        request = http.build_request(
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
        return request, auth or self._auth, functools.partial(parse, operation)

    def _stream(self, file: Any) -> Rewindable:
        return Rewindable(file)

    def _json_stream(self, stream: JSONStream) -> Any:
        return stream

    # -- copies, pickling ---------------------------------------------------------------------

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
    ) -> Self:
        """A client sharing this one's connections and authentication, with other options:
        `client.with_options(timeout=5, max_retries=0).sites.getall()`."""
        copy = self.__class__.__new__(self.__class__)
        copy.__dict__.update(self._own_state())  # the same _shared: connections and version
        copy._closes_http = False
        if timeout is not None:
            copy._timeout = timeout
        if retry is not None:
            copy.retry = retry
        if max_retries is not None:
            copy.retry = dataclasses.replace(copy.retry, max_retries=max_retries)
        return copy

    def _own_state(self) -> dict[str, Any]:
        """The instance state without the entry points (they are bound to their client)."""
        return {k: v for k, v in self.__dict__.items() if k != ENTRY_POINTS}

    def __copy__(self) -> Self:
        """copy.copy: `with_options()`, a client sharing this one's connections and
        authentication (closing it leaves them open)."""
        return self.with_options()

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        """copy.deepcopy: an independent client with connections of its own and a copy of the
        authentication. What cannot be copied is shared: an `http_client=` (its connections
        then too) and an SSLContext given as `verify=`."""
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        state = self._own_state()
        shared, verify = state.pop("_shared"), state.pop("_verify")
        clone.__dict__.update(copy.deepcopy(state, memo))
        clone._verify = verify
        clone._shared = self._new_shared(None if shared.owned else shared.http, shared.version)
        clone._closes_http = True
        clone.set_authentication_method(clone._auth)
        return clone

    def __getstate__(self) -> dict[str, Any]:
        """Options, retry policy, authentication and the known server version; never
        connections (the unpickled client opens its own)."""
        if not self._shared.owned:
            raise TypeError(
                f"cannot pickle a {type(self).__name__} built with http_client=: "
                "its connections belong to this process (build it without http_client=)"
            )
        if isinstance(self._verify, ssl.SSLContext):
            raise TypeError(
                f"cannot pickle a {type(self).__name__} whose verify= is an SSLContext: "
                "pass the CA bundle's path instead"
            )
        state = self._own_state()
        state["_shared"] = self._shared.version
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._shared = self._new_shared(None, state["_shared"])
        self._closes_http = True
        self.set_authentication_method(self._auth)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r}, authentication_method={self._auth!r})"

    def __dask_tokenize__(self) -> tuple[str, ...]:
        """Dask's token for this client (`bemserver_api_client.dask` puts clients in task
        graphs): the server and who asks, the same in every process, never a secret."""
        return (type(self).__name__, self.base_url, identity(self._auth))


def _open(source: Any, opened: contextlib.ExitStack) -> Any:
    """A multipart file: paths are opened here (and closed after the call)."""
    if isinstance(source, str | os.PathLike):
        return opened.enter_context(open(source, "rb"))
    return source


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


__all__ = ["BaseClient", "document_for", "supported_api_versions"]
