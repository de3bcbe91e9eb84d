"""A sync facade over `AsyncBEMServerApiClient`, so that test bodies written for the sync client
run unchanged against the async one.

`AsyncAsSync(...)` takes `BEMServerApiClient`'s arguments, builds an `AsyncBEMServerApiClient`
and answers like the sync client: each coroutine (an entry point's function, an action,
`_call`...) runs on ONE event loop kept in a background thread
(`asyncio.run_coroutine_threadsafe(...).result()`), and what `iter_all` yields asynchronously
is collected into a list. Every request is sent by the async client's `httpx.AsyncClient`, on
that loop; threads calling the facade at once are coroutines running at once on the loop.

Beyond forwarding: `api_version` awaits `get_api_version()`; `close()`/`with` await `aclose()`;
`auto_check=True` (refused by the async constructor) awaits `get_api_version()` after
construction; `http_client=` may be a test's own `httpx.Client`: an `httpx.AsyncClient` like it
is made (its MockTransport, headers, timeout, redirects, SSL context, event hooks run as
coroutines). A MockTransport's sync handler runs in a worker thread (`mock_transport`), as a
server's work runs outside the client's loop.

Not forwarded as the sync client has them: identity (`facade.sites` is a new wrapper on each
access) and `type(facade)`; tests that check those stay sync-only.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.resources.base import Resources

CALL_TIMEOUT = 300  # s: a hung coroutine fails its test instead of hanging the session


class LoopThread:
    """An event loop running forever in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="sync-facade-loop", daemon=True
        )
        self.thread.start()

    def run(self, awaitable: Awaitable[Any]) -> Any:
        """The result of `awaitable`, awaited on the loop (its exception raised here)."""
        if threading.current_thread() is self.thread:
            raise RuntimeError("a facade call from inside the facade's loop would deadlock")

        async def wait() -> Any:
            return await awaitable

        future = asyncio.run_coroutine_threadsafe(wait(), self.loop)
        try:
            return future.result(timeout=CALL_TIMEOUT)
        except BaseException:
            future.cancel()
            raise


_loop: LoopThread | None = None
_loop_lock = threading.Lock()


def loop_thread() -> LoopThread:
    """The facade's one loop (started on first use, for the whole test session)."""
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = LoopThread()
        return _loop


def run(awaitable: Awaitable[Any]) -> Any:
    return loop_thread().run(awaitable)


async def _collect(items: Any) -> list[Any]:
    return [item async for item in items]


def synchronous(value: Any) -> Any:
    """What the sync client would have answered: awaited, collected, or wrapped."""
    if isinstance(value, Resources):
        return _Proxy(value)
    if inspect.isawaitable(value):
        return run(value)
    if hasattr(value, "__aiter__"):
        return run(_collect(value))
    return value


class _Proxy:
    """Forwards attribute access to an async object; callables answer synchronously."""

    _target: Any

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if callable(value) and not isinstance(value, type):
            return _synchronised(value)
        return synchronous(value)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    def __repr__(self) -> str:
        return f"<sync facade of {self._target!r}>"


def _synchronised(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        return synchronous(function(*args, **kwargs))

    return call


def mock_transport(handler: Callable[[httpx.Request], Any]) -> httpx.MockTransport:
    """A MockTransport for an httpx.AsyncClient whose sync `handler` runs in a worker thread, as
    a server's work happens outside the client's event loop (a handler that sleeps would
    otherwise stall every coroutine of the loop, and serialise what runs concurrently)."""
    if inspect.iscoroutinefunction(handler):
        return httpx.MockTransport(handler)

    async def threaded(request: httpx.Request) -> Any:
        response = await asyncio.to_thread(handler, request)
        return await response if inspect.isawaitable(response) else response

    return httpx.MockTransport(threaded)


def as_async_http_client(http: httpx.Client) -> httpx.AsyncClient:
    """An httpx.AsyncClient like a test's own httpx.Client."""
    transport = http._transport
    verify: Any = True
    if isinstance(transport, httpx.MockTransport):
        async_transport: httpx.AsyncBaseTransport | None = mock_transport(transport.handler)
    elif type(transport) is httpx.HTTPTransport:  # the default: the AsyncClient's default,
        async_transport = None  # with the same TLS settings (`verify=`: an SSL context)
        verify = transport._pool._ssl_context or True
    else:
        raise TypeError(f"no async equivalent of {type(transport).__name__}")

    def coroutine(hook: Callable[[Any], Any]) -> Callable[[Any], Awaitable[None]]:
        async def hooked(argument: Any) -> None:
            hook(argument)

        return hooked

    return httpx.AsyncClient(
        transport=async_transport,
        headers=http.headers,
        timeout=http.timeout,
        follow_redirects=http.follow_redirects,
        verify=verify,
        event_hooks={
            name: [coroutine(hook) for hook in hooks] for name, hooks in http.event_hooks.items()
        },
    )


class AsyncAsSync(_Proxy):
    """`BEMServerApiClient`'s interface, served by an `AsyncBEMServerApiClient`."""

    # The static helpers tests call on the class.
    make_http_basic_auth = make_http_basic = staticmethod(BEMServerApiClient.make_http_basic_auth)
    make_bearer_token_auth = staticmethod(BEMServerApiClient.make_bearer_token_auth)
    check_api_version = staticmethod(BEMServerApiClient.check_api_version)

    def __init__(
        self,
        *args: Any,
        http_client: Any = None,
        auto_check: bool = False,
        **options: Any,
    ) -> None:
        if isinstance(http_client, httpx.Client):
            http_client = as_async_http_client(http_client)
        super().__init__(AsyncBEMServerApiClient(*args, http_client=http_client, **options))
        if auto_check:
            self.api_version  # what the sync constructor does

    @classmethod
    def wrapping(cls, client: AsyncBEMServerApiClient) -> AsyncAsSync:
        facade = cls.__new__(cls)
        _Proxy.__init__(facade, client)
        return facade

    @property
    def async_client(self) -> AsyncBEMServerApiClient:
        return self._target  # type: ignore[no-any-return]

    @property
    def api_version(self) -> str:
        return run(self._target.get_api_version())  # type: ignore[no-any-return]

    def with_options(self, **options: Any) -> AsyncAsSync:
        return AsyncAsSync.wrapping(self._target.with_options(**options))

    def close(self) -> None:
        run(self._target.aclose())

    def __enter__(self) -> AsyncAsSync:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
