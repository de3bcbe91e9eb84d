"""`BEMServerApiClient`: the synchronous client (sends with one `httpx.Client`)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Self

import httpx

from _bemserver_api._operations import VERSIONS

from ._base_client import (
    BaseClient,
    _Attempts,
    document_for,
    parse_version,
    supported_api_versions,
)
from ._generated.entry_points import EntryPoints
from .authentication import BearerTokenAuth, _StaticBearer
from .exceptions import BEMServerAPIResponseError
from .response import BEMServerApiClientResponse


class BEMServerApiClient(BaseClient, EntryPoints):
    """Client of the BEMServer API (drop-in for the upstream `bemserver-api-client`).

    `host` is `"host[:port][/base/path]"` as upstream (https unless `use_ssl=False`), or a full
    URL ("http://localhost:5000"). `base_url=` may replace it. Connections are opened on the
    first request and kept alive: use the client as a context manager or call `close()`. Its
    entry points (`client.sites`...) are declared in `EntryPoints`, rendered from
    resources/table.py.

    Beyond upstream (keywords): `timeout` (default connect 5 s, read 60 s; never unbounded),
    `verify` (True, a CA bundle path or an SSLContext; False warns), `http_client` (your own
    httpx.Client), `max_retries` / `retry` (a RetryPolicy: 2 retries of what cannot write
    twice), `api_version` (the server's version, e.g. "0.25.0": else it is read from /about/
    the first time a call depends on it). `with_options(timeout=..., max_retries=...)` changes
    them for some calls. A client survives a fork (the child opens its own connections) and
    pickles (with its credentials, without connections).
    """

    _http_class = httpx.Client

    def _auto_check(self) -> None:
        self.api_version  # noqa: B018 (reads /about/ and checks the version now)

    def _install_refresher(self, auth: BearerTokenAuth) -> None:
        auth.refresher = self._refresh_request

    def _refresh_request(self, refresh_token: str) -> BEMServerApiClientResponse[Any]:
        """POST /auth/token/refresh, sending the refresh token as the bearer."""
        return self._request(
            "authentication.post_auth_token_refresh", auth=_StaticBearer(refresh_token)
        )

    def _refresh_tokens_now(self) -> BEMServerApiClientResponse[Any]:
        """auth.refresh_tokens(): a refresh through the bearer's single-flight path."""
        return self._bearer_for_refresh().refresh_now()  # type: ignore[no-any-return]

    @property
    def api_version(self) -> str:
        """The server's API version: `api_version=` if given, else read from /about/ once
        (raises BEMServerAPIVersionError if this client does not support it)."""
        shared = self._shared
        if shared.version is None:
            shared.forked()  # the parent's lock may be held by a thread this process lacks
            with shared.version_lock:
                if shared.version is None:
                    self._record_version(self._request("about.get_about").data)
        assert shared.version is not None
        return shared.version

    # -- the one request path -----------------------------------------------------------------

    def _request(
        self, operation: str, *path: Any, entry_point: str = "", **options: Any
    ) -> BEMServerApiClientResponse[Any]:
        """Send one operation (see BaseClient._build for the arguments). An operation that only
        some server versions have is first checked against the server's version."""
        return self._send(operation, *path, entry_point=entry_point, **options)

    @contextlib.contextmanager
    def _stream_request(
        self, operation: str, *path: Any, **options: Any
    ) -> Iterator[httpx.Response]:
        """`_request` whose successful answer's body is read as it comes (`iter_bytes`, `read`),
        on a connection of its own (`Connection: close`: a kept-alive connection stays with the
        server process that accepted it, and parallel ones can load one process while another
        idles). Errors, retries, authentication and the log line are `_request`'s."""
        response = self._send(operation, *path, stream=True, **options)._response
        try:
            yield response
        finally:
            response.close()

    def _send(
        self,
        operation: str,
        *path: Any,
        entry_point: str = "",
        stream: bool = False,
        **options: Any,
    ) -> BEMServerApiClientResponse[Any]:
        """The one request loop: build, send, retry by the policy, raise or answer."""
        if operation in VERSIONS:
            self._refuse_unavailable(operation, entry_point or operation, self.api_version)
        with contextlib.ExitStack() as opened:
            request, auth, parser = self._build(operation, *path, opened=opened, **options)
            if stream:
                request.headers["Connection"] = "close"
            attempts = _Attempts(self.retry, request)
            while True:
                try:
                    response = self._http.send(
                        request, auth=auth or httpx.USE_CLIENT_DEFAULT, stream=stream
                    )
                except (httpx.TransportError, httpx.StreamError) as exc:
                    delay = attempts.failed(exc)
                else:
                    if stream and not response.is_success:
                        try:
                            response.read()  # an error's body: small, and part of the error
                        finally:
                            response.close()
                    outcome = attempts.answered(response, parser)
                    if isinstance(outcome, BEMServerApiClientResponse):
                        return outcome
                    delay = outcome
                time.sleep(delay)

    _call = _request  # the name tests and older code use

    def _iter_pages(self, operation: str, *, page_size: int, **filters: Any) -> Iterator[Any]:
        """Every item of a paginated list, following X-Pagination's next_page."""
        page: int | None = 1
        while page:
            response = self._request(operation, page=page, page_size=page_size, **filters)
            yield from response.data
            page = next_page(response, page)

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connections (only those of an httpx.Client this client created, in this
        process: a forked child leaves its parent's alone)."""
        http = self._http_to_close()
        if http is not None:
            http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def next_page(response: BEMServerApiClientResponse[Any], page: int) -> int | None:
    """The X-Pagination next_page after `page`, or None on the last page."""
    following = response.pagination.get("next_page")
    if not following:
        return None
    if not isinstance(following, int) or following <= page:
        raise BEMServerAPIResponseError(
            message=f"X-Pagination next_page {following!r} after page {page}"
        )
    return following


__all__ = [
    "BEMServerApiClient",
    "document_for",
    "next_page",
    "parse_version",
    "supported_api_versions",
]
