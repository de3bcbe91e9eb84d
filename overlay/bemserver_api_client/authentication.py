"""Authentication as `httpx.Auth` flows: HTTP Basic, and JWT Bearer with automatic refresh.

Bearer refresh is proactive (shortly before the access token's `exp`) and reactive (a 401
`expired_token` refreshes, then replays the request once). It is single-flight: however many
threads find the token expired, one refresh call is made and the others wait for its result,
success or failure. The refresh itself is done by a function the client installs
(`BEMServerApiClient.set_authentication_method`), so it shares the client's one request path.
No repr shows a secret.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator

import httpx

from .exceptions import BEMServerAPIAuthenticationError, BEMServerAPIError

TokensCallback = Callable[[str, str], object]
Refresher = Callable[[str], tuple[str, str]]  # refresh token -> (access token, refresh token)

# Refresh when less than this share of the token's remaining lifetime (as seen when we got it)
# is left, but never earlier than MAX_MARGIN seconds before expiry.
MARGIN_SHARE = 0.1
MAX_MARGIN = 60.0


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


def token_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT (not verified: only used to refresh in time), or None."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        exp = claims.get("exp") if isinstance(claims, dict) else None
        return float(exp) if isinstance(exp, int | float) and not isinstance(exp, bool) else None
    except (IndexError, ValueError):
        return None


class BearerTokenAuth(httpx.Auth):
    """JWT bearer authentication that refreshes its access token by itself.

    Without a refresh token, an expired access token raises BEMServerAPIAuthenticationError.
    `after_refresh_tokens_callback(access_token, refresh_token)` is called after each refresh
    (e.g. to store the new tokens).
    """

    def __init__(
        self,
        access_token: str,
        refresh_token: str | None = None,
        after_refresh_tokens_callback: TokensCallback | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every refresh attempt, success or failure
        self._failure: tuple[int, BEMServerAPIError] | None = None
        self.refresher: Refresher | None = None  # installed by the client
        self.after_refresh_tokens_callback = after_refresh_tokens_callback
        self._set_tokens(access_token, refresh_token)

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
        with self._lock:
            self._generation += 1
            self._failure = None
            self._set_tokens(access_token, refresh_token or self.refresh_token)

    # -- the flow -----------------------------------------------------------------------------

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        generation, token = self._generation, self.access_token
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
        raise NotImplementedError("BearerTokenAuth is for the sync client")
        yield request  # makes this an async generator

    def _should_refresh_now(self) -> bool:
        return (
            self.refresh_token is not None
            and self._refresh_at is not None
            and time.time() >= self._refresh_at
        )

    def _is_expired(self, response: httpx.Response) -> bool:
        if self.refresh_token is None:
            return False
        response.read()
        try:
            body = json.loads(response.content)
            return bool(body["errors"]["authentication"] == "expired_token")
        except (ValueError, TypeError, KeyError, RecursionError):
            return False

    def _refresh(self, seen_generation: int) -> tuple[int, str]:
        """Refresh once for everyone who saw `seen_generation`; return the new (generation, token).

        A caller that waited while another refreshed gets that refresh's outcome: its token, or
        its error. A caller arriving after a failure starts a new attempt.
        """
        with self._lock:
            if self._generation != seen_generation:
                if self._failure is not None and self._failure[0] == self._generation:
                    raise self._failure[1]
                return self._generation, self.access_token
            refresh_token, refresher = self.refresh_token, self.refresher
            try:
                if refresh_token is None or refresher is None:
                    raise BEMServerAPIAuthenticationError(
                        "expired_token", message="no refresh token to renew the access token"
                    )
                access, refresh = refresher(refresh_token)
            except BEMServerAPIError as exc:  # waiters get it too
                self._generation += 1
                self._failure = (self._generation, exc)
                raise
            self._failure = None
            self._set_tokens(access, refresh)
            # Bumped last: whoever reads the new generation also reads the new token.
            self._generation += 1
            generation = self._generation
        if self.after_refresh_tokens_callback is not None:
            self.after_refresh_tokens_callback(access, refresh)
        return generation, access

    def __repr__(self) -> str:
        refresh = "***" if self.refresh_token else None
        return f"BearerTokenAuth(access_token=***, refresh_token={refresh})"
