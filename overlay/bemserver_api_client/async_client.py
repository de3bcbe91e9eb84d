"""`AsyncBEMServerApiClient`: the asyncio client (sends with one `httpx.AsyncClient`).

The same entry points, actions, arguments, responses, errors, retries and token refresh as
`BEMServerApiClient`: both are built on `_base_client.BaseClient`; this one only awaits.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any, Self

import httpx

from _bemserver_api._operations import VERSIONS

from ._arguments import AsyncJSONStream, AsyncRewindable, JSONStream
from ._base_client import BaseClient, _Attempts
from ._generated.entry_points import AsyncEntryPoints
from .authentication import BearerTokenAuth, _StaticBearer
from .client import next_page
from .exceptions import BEMServerAPIClientValueError
from .response import BEMServerApiClientResponse


class AsyncBEMServerApiClient(BaseClient, AsyncEntryPoints):
    """Async client of the BEMServer API: `await client.sites.getall()`.

    Same constructor as `BEMServerApiClient` (`http_client=` takes an httpx.AsyncClient);
    `auto_check=True` is refused: `await client.get_api_version()` checks the server. Use it as
    an async context manager or call `await client.aclose()`.
    """

    _http_class = httpx.AsyncClient

    def _auto_check(self) -> None:
        raise BEMServerAPIClientValueError(
            "auto_check cannot run in a constructor: await client.get_api_version()"
        )

    def _install_refresher(self, auth: BearerTokenAuth) -> None:
        auth.async_refresher = self._refresh_request

    async def _refresh_request(self, refresh_token: str) -> BEMServerApiClientResponse[Any]:
        """POST /auth/token/refresh, sending the refresh token as the bearer."""
        return await self._request(
            "authentication.post_auth_token_refresh", auth=_StaticBearer(refresh_token)
        )

    async def _refresh_tokens_now(self) -> BEMServerApiClientResponse[Any]:
        return await self._bearer_for_refresh().arefresh_now()  # type: ignore[no-any-return]

    async def get_api_version(self) -> str:
        """The server's API version: `api_version=` if given, else read from /about/ once
        (raises BEMServerAPIVersionError if this client does not support it)."""
        shared = self._shared
        if shared.version is None:
            async with shared.async_version_lock():  # this process's, this event loop's
                if shared.version is None:
                    about = await self._request("about.get_about")
                    self._record_version(about.data)
        assert shared.version is not None
        return shared.version

    # -- the one request path -----------------------------------------------------------------

    async def _request(
        self, operation: str, *path: Any, entry_point: str = "", **options: Any
    ) -> BEMServerApiClientResponse[Any]:
        """Send one operation (see BaseClient._build for the arguments)."""
        if operation in VERSIONS:
            version = await self.get_api_version()
            self._refuse_unavailable(operation, entry_point or operation, version)
        with contextlib.ExitStack() as opened:
            request, auth, parser = self._build(operation, *path, opened=opened, **options)
            attempts = _Attempts(self.retry, request)
            while True:
                try:
                    response = await self._http.send(request, auth=auth or httpx.USE_CLIENT_DEFAULT)
                except (httpx.TransportError, httpx.StreamError) as exc:
                    delay = attempts.failed(exc)
                else:
                    outcome = attempts.answered(response, parser)
                    if isinstance(outcome, BEMServerApiClientResponse):
                        return outcome
                    delay = outcome
                await asyncio.sleep(delay)

    _call = _request  # the name tests and older code use (as on BEMServerApiClient)

    def _stream(self, file: Any) -> AsyncRewindable:
        return AsyncRewindable(file)  # read in a thread: no file I/O on the event loop

    def _json_stream(self, stream: JSONStream) -> Any:
        return AsyncJSONStream(stream.payload)

    async def _iter_pages(
        self, operation: str, *, page_size: int, **filters: Any
    ) -> AsyncIterator[Any]:
        """Every item of a paginated list, following X-Pagination's next_page."""
        page: int | None = 1
        while page:
            response = await self._request(operation, page=page, page_size=page_size, **filters)
            for item in response.data:
                yield item
            page = next_page(response, page)

    # -- life cycle ---------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connections (only those of an httpx.AsyncClient this client created, in
        this process and event loop: those of a finished loop are dropped, never closed)."""
        http = self._http_to_close()
        if http is not None:
            await http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


__all__ = ["AsyncBEMServerApiClient"]
