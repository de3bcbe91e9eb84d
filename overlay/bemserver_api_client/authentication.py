"""Authentication as `httpx.Auth` flows: HTTP Basic, and JWT Bearer with automatic refresh.

Bearer refresh is proactive (shortly before the access token's `exp`) and reactive (a 401
`expired_token` refreshes, then replays the request once). It is single-flight: however many
threads find the token expired, one refresh call is made and the others wait for its result,
success or failure; `auth.refresh_tokens()` goes through the same path. The refresh request is
sent by a function the client installs (`set_authentication_method`), so it shares the client's
one request path. No repr shows a secret.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any

import httpx

from .exceptions import (
    BEMServerAPIAuthenticationError,
    BEMServerAPIClientValueError,
    BEMServerAPIError,
)

if TYPE_CHECKING:
    import asyncio  # imported by the coroutines that use it: a sync script never pays for it

TokensCallback = Callable[[str, str], object]
# refresh token -> the response of POST /auth/token/refresh (a BEMServerApiClientResponse)
Refresher = Callable[[str], Any]
AsyncRefresher = Callable[[str], Awaitable[Any]]

# Refresh when less than this share of the token's remaining lifetime (as seen when we got it)
# is left, but never earlier than MAX_MARGIN seconds before expiry.
MARGIN_SHARE = 0.1
MAX_MARGIN = 60.0
# How often a coroutine retries the threads' refresh lock while a sync client refreshes.
THREAD_LOCK_POLL = 0.01

# In a forked child, the threads that find an object still holding its parent's locks queue
# here: one replaces them, the others then use the new ones. It is new in every child.
_fork_lock = threading.Lock()


def _new_fork_lock() -> None:
    global _fork_lock
    _fork_lock = threading.Lock()


os.register_at_fork(after_in_child=_new_fork_lock)


def fork_lock() -> threading.Lock:
    """The lock under which an object replaces its parent's locks (this process's)."""
    return _fork_lock


class _FixedHeader(httpx.Auth):
    """Sends one fixed Authorization header (kept out of every repr)."""

    _header = ""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class HTTPBasicAuth(_FixedHeader):
    """HTTP Basic authentication (the server checks the password on every request: slow)."""

    def __init__(self, email: str | bytes, password: str | bytes) -> None:
        email = email.decode() if isinstance(email, bytes) else email
        password = password.decode() if isinstance(password, bytes) else password
        self.email = email
        token = base64.b64encode(f"{email}:{password}".encode()).decode()
        self._header = f"Basic {token}"

    def __repr__(self) -> str:
        return f"HTTPBasicAuth(email={self.email!r}, password=***)"


class _StaticBearer(_FixedHeader):
    """One fixed bearer token (the refresh call sends the refresh token this way)."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def __repr__(self) -> str:
        return "_StaticBearer(***)"


def token_claims(token: str | None) -> dict[str, Any]:
    """The claims of a JWT (not verified: only read to refresh in time and to name the user),
    or {}."""
    try:
        payload = (token or "").split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def token_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT, or None."""
    exp = token_claims(token).get("exp")
    return float(exp) if isinstance(exp, int | float) and not isinstance(exp, bool) else None


def identity(auth: httpx.Auth | None) -> str:
    """Who requests authenticate as, without a secret: the user's email (Basic, or the bearer
    tokens' `email` claim), else the kind of authentication. Part of a client's Dask token."""
    if isinstance(auth, HTTPBasicAuth):
        return f"basic:{auth.email}"
    if isinstance(auth, BearerTokenAuth):
        access, refresh = auth._tokens()
        email = token_claims(refresh).get("email") or token_claims(access).get("email")
        return f"bearer:{email}" if isinstance(email, str) else "bearer"
    return "none" if auth is None else type(auth).__name__


def refused_response(error: BEMServerAPIAuthenticationError) -> Any:
    """The server's 200 {"status": "failure"} behind a refused refresh, else raise the error."""
    refused = error.__dict__.get("_refused")
    if refused is None:
        raise error
    return refused


def _installed(held: list[Callable[[], Any]], method: Callable[..., Any] | None) -> list[Any]:
    """`held` without the dead, then `method`: weakly if it is a bound method (None: none)."""
    if method is None:
        return []
    try:
        ref: Callable[[], Any] = weakref.WeakMethod(method)
    except TypeError:  # a plain function: held as given
        ref = lambda: method  # noqa: E731
    return [r for r in held if r() is not None] + [ref]


def _newest(held: list[Callable[[], Any]]) -> Any:
    for ref in reversed(held):
        method = ref()
        if method is not None:
            return method
    return None


class BearerTokenAuth(httpx.Auth):
    """JWT bearer authentication that refreshes its access token by itself.

    Without a refresh token, an expired access token raises BEMServerAPIAuthenticationError.
    `after_refresh_tokens_callback(access_token, refresh_token)` is called after each refresh
    (e.g. to store the new tokens). One object may serve sync and async clients at once; the
    refresh is single-flight among threads and coroutines together. It pickles with its tokens
    (and its callback, which must pickle too); after a fork its locks start afresh.
    """

    def __init__(
        self,
        access_token: str,
        refresh_token: str | None = None,
        after_refresh_tokens_callback: TokensCallback | None = None,
    ) -> None:
        self._reset_locks()
        self._generation = 0  # bumped by every refresh attempt, success or failure
        self._failure: tuple[int, BEMServerAPIError] | None = None
        self._last_response: Any = None  # the response of the newest refresh
        self._refreshers: list[Callable[[], Any]] = []  # see `refresher`
        self._async_refreshers: list[Callable[[], Any]] = []
        self.after_refresh_tokens_callback = after_refresh_tokens_callback
        self._set_tokens(access_token, refresh_token)

    # The clients using this object install their refresh method; it is held weakly (a client
    # dropped unclosed must not live on through its authentication, holding its connections),
    # and the newest that still exists serves (a `with_options` copy gone, its original remains).
    @property
    def refresher(self) -> Refresher | None:
        return _newest(self._refreshers)  # type: ignore[no-any-return]

    @refresher.setter
    def refresher(self, method: Refresher | None) -> None:
        self._refreshers = _installed(self._refreshers, method)

    @property
    def async_refresher(self) -> AsyncRefresher | None:
        return _newest(self._async_refreshers)  # type: ignore[no-any-return]

    @async_refresher.setter
    def async_refresher(self, method: AsyncRefresher | None) -> None:
        self._async_refreshers = _installed(self._async_refreshers, method)

    def _reset_locks(self) -> None:
        self._lock = threading.Lock()  # held by the thread that refreshes (single flight)
        self._state = threading.Lock()  # held only to read or write the tokens, never over I/O
        # One asyncio lock per event loop (a lock serves the loop it first waited in only).
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]
        self._async_locks = weakref.WeakKeyDictionary()
        self._pid = os.getpid()  # last: a thread that reads our pid finds our locks

    def _locks(self) -> threading.Lock:
        """The refresh lock of this process: a fork during a refresh must not hang the child
        (the parent's locks may be held by a thread the child does not have)."""
        if self._pid != os.getpid():
            with fork_lock():  # several threads of the child may get here at once
                if self._pid != os.getpid():
                    self._reset_locks()
        return self._lock

    def _set_tokens(self, access_token: str, refresh_token: str | None) -> None:
        self.access_token = access_token
        self.refresh_token = refresh_token
        exp = token_expiry(access_token)
        if exp is None:
            self._refresh_at = None
        else:
            margin = min(MAX_MARGIN, max(0.0, exp - time.time()) * MARGIN_SHARE)
            self._refresh_at = exp - margin

    def set_tokens(self, access_token: str, refresh_token: str | None = None) -> None:
        """Replace the tokens (e.g. after a new login)."""
        self._locks()
        with self._state:
            self._generation += 1
            self._failure = None
            self._set_tokens(access_token, refresh_token or self.refresh_token)

    def _current(self) -> tuple[int, str]:
        self._locks()
        with self._state:
            return self._generation, self.access_token

    # -- the flows ----------------------------------------------------------------------------

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        generation, token = self._current()
        if self._should_refresh_now():
            generation, token = self._refresh(generation)
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401 and self._is_expired(response):
            _, token = self._refresh(generation)
            request.headers["Authorization"] = f"Bearer {token}"
            yield request  # replayed once: a second 401 goes to the caller

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        generation, token = self._current()
        if self._should_refresh_now():
            generation, token = await self._arefresh(generation)
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            await response.aread()
            if self._is_expired(response):
                _, token = await self._arefresh(generation)
                request.headers["Authorization"] = f"Bearer {token}"
                yield request

    def _should_refresh_now(self) -> bool:
        return (
            self.refresh_token is not None
            and self._refresh_at is not None
            and time.time() >= self._refresh_at
        )

    def _is_expired(self, response: httpx.Response) -> bool:
        if self.refresh_token is None:
            return False
        try:
            body = json.loads(response.read())
            return bool(body["errors"]["authentication"] == "expired_token")
        except (ValueError, TypeError, KeyError, RecursionError, httpx.ResponseNotRead):
            return False

    # -- the one refresh path -----------------------------------------------------------------

    def refresh_now(self) -> Any:
        """Refresh now (auth.refresh_tokens), through the same single flight as the flows: the
        response of the refresh made or joined ({"status": "failure"} as upstream, if refused)."""
        generation, _ = self._current()
        try:
            self._refresh(generation)
        except BEMServerAPIAuthenticationError as exc:
            return refused_response(exc)
        return self._last_response

    async def arefresh_now(self) -> Any:
        generation, _ = self._current()
        try:
            await self._arefresh(generation)
        except BEMServerAPIAuthenticationError as exc:
            return refused_response(exc)
        return self._last_response

    def _joined(self, seen: int) -> tuple[int, str] | None:
        """The outcome of a refresh made since `seen` (its token, or its error), or None."""
        with self._state:
            if self._generation == seen:
                return None
            if self._failure is not None and self._failure[0] == self._generation:
                raise self._failure[1]
            return self._generation, self.access_token

    def _refresh(self, seen: int) -> tuple[int, str]:
        """Refresh once for every thread that saw `seen`; return the new (generation, token).

        A caller that waited while another refreshed gets that refresh's outcome: its token, or
        its error. A caller arriving after a failure starts a new attempt.
        """
        with self._locks():
            joined = self._joined(seen)
            if joined is not None:
                return joined
            refresher = self.refresher
            if refresher is None:
                raise BEMServerAPIClientValueError("this bearer auth is used by no sync client")
            return self._store(refresher)

    async def _arefresh(self, seen: int) -> tuple[int, str]:
        """`_refresh` for coroutines: single-flight under an asyncio lock, and under the threads'
        lock too (a sync client may share this object): one refresh for both."""
        import asyncio

        lock = self._locks()
        with self._state:
            loop_lock = self._async_locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())
        async with loop_lock:
            # Taken without blocking the event loop; never held by a cancelled waiter.
            while not lock.acquire(blocking=False):
                await asyncio.sleep(THREAD_LOCK_POLL)
            try:
                joined = self._joined(seen)
                if joined is not None:
                    return joined
                refresher = self.async_refresher
                if refresher is None:
                    raise BEMServerAPIClientValueError(
                        "this bearer auth is used by no async client"
                    )
                token = self.refresh_token
                try:
                    response = await refresher(self._need(token))
                except BEMServerAPIError as exc:
                    return self._fail(exc)
                return self._success(response)
            finally:
                lock.release()

    def _store(self, send: Callable[[str], Any]) -> tuple[int, str]:
        try:
            response = send(self._need(self.refresh_token))
        except BEMServerAPIError as exc:
            return self._fail(exc)
        return self._success(response)

    @staticmethod
    def _need(token: str | None) -> str:
        if token is None:
            raise BEMServerAPIAuthenticationError(
                "expired_token", message="no refresh token to renew the access token"
            )
        return token

    def _fail(self, exc: BEMServerAPIError) -> tuple[int, str]:
        with self._state:  # waiters get the same error
            self._generation += 1
            self._failure = (self._generation, exc)
        raise exc

    def _success(self, response: Any) -> tuple[int, str]:
        data = response.data
        if not isinstance(data, dict) or data.get("status") != "success":
            error = BEMServerAPIAuthenticationError(message="token refresh failed")
            error.__dict__["_refused"] = response  # auth.refresh_tokens() returns it
            return self._fail(error)
        access, refresh = data["access_token"], data["refresh_token"]
        with self._state:
            self._failure = None
            self._last_response = response
            self._set_tokens(access, refresh)
            # Bumped last: whoever reads the new generation also reads the new token.
            self._generation += 1
            generation = self._generation
        if self.after_refresh_tokens_callback is not None:
            self.after_refresh_tokens_callback(access, refresh)
        return generation, access

    # -- pickling -----------------------------------------------------------------------------

    def __copy__(self) -> BearerTokenAuth:
        """The same tokens and callback, with locks of its own (the callback may not pickle)."""
        access_token, refresh_token = self._tokens()
        return BearerTokenAuth(access_token, refresh_token, self.after_refresh_tokens_callback)

    def __deepcopy__(self, memo: dict[int, Any]) -> BearerTokenAuth:
        access_token, refresh_token = self._tokens()
        callback = copy.deepcopy(self.after_refresh_tokens_callback, memo)
        return BearerTokenAuth(access_token, refresh_token, callback)

    def _tokens(self) -> tuple[str, str | None]:
        """The current pair (never the new access token with the old refresh token)."""
        self._locks()
        with self._state:
            return self.access_token, self.refresh_token

    def __getstate__(self) -> dict[str, Any]:
        callback = self.after_refresh_tokens_callback
        if callback is not None:
            import pickle

            try:
                pickle.dumps(callback)
            except Exception as exc:
                raise TypeError(
                    f"cannot pickle the after_refresh_tokens_callback {callback!r} of a "
                    f"BearerTokenAuth ({type(exc).__name__}: {exc}): use a module-level function"
                ) from None
        access_token, refresh_token = self._tokens()
        return {
            "access_token": access_token,
            "refresh_token": refresh_token,
            "after_refresh_tokens_callback": callback,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["access_token"], state["refresh_token"], state["after_refresh_tokens_callback"]
        )

    def __repr__(self) -> str:
        refresh = "***" if self.refresh_token else None
        return f"BearerTokenAuth(access_token=***, refresh_token={refresh})"
