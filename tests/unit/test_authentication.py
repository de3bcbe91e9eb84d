"""Basic and Bearer auth on a mock API: headers, proactive and reactive refresh, single flight."""

import base64
import threading
import time

import httpx
import pytest
from mock_api import json_response, jwt, make_client

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client.authentication import BearerTokenAuth, token_expiry
from bemserver_api_client.exceptions import BEMServerAPIAuthenticationError

EXPIRED = {"code": 401, "status": "Unauthorized", "errors": {"authentication": "expired_token"}}
INVALID = {"code": 401, "status": "Unauthorized", "errors": {"authentication": "invalid_token"}}


class FakeTokenServer:
    """Accepts only its current access token on resources, and rotates tokens on refresh."""

    def __init__(self, lifetime: float = 900, refresh_delay: float = 0.0) -> None:
        self.lifetime = lifetime
        self.refresh_delay = refresh_delay
        self.access, self.refresh = jwt(lifetime), jwt(3600, "refresh")
        self.refresh_calls = 0
        self.resource_calls = 0
        self.refresh_fails = False
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if request.url.path == "/auth/token/refresh":
            with self.lock:
                self.refresh_calls += 1
            time.sleep(self.refresh_delay)
            if self.refresh_fails or token != self.refresh:
                return json_response(401, INVALID)
            with self.lock:
                self.access, self.refresh = jwt(self.lifetime), jwt(3600, "refresh")
                return json_response(
                    200,
                    {
                        "status": "success",
                        "access_token": self.access,
                        "refresh_token": self.refresh,
                    },
                )
        with self.lock:
            self.resource_calls += 1
        if token != self.access:
            return json_response(401, EXPIRED)
        return json_response(200, [])

    def expire(self) -> None:
        """The server-side token changes: what the client holds is now expired."""
        self.access = jwt(self.lifetime)


def bearer_client(
    server: FakeTokenServer, **auth_options
) -> tuple[BEMServerApiClient, BearerTokenAuth]:
    auth = BEMServerApiClient.make_bearer_token_auth(server.access, server.refresh, **auth_options)
    return make_client(server, authentication_method=auth), auth


def test_basic_auth_header():
    seen = []
    client = make_client(
        lambda request: seen.append(request) or json_response(200, []),
        authentication_method=BEMServerApiClient.make_http_basic("a@b.c", "pässword"),
    )
    client.sites.getall()
    expected = base64.b64encode("a@b.c:pässword".encode()).decode()
    assert seen[0].headers["Authorization"] == f"Basic {expected}"
    assert BEMServerApiClient.make_http_basic is BEMServerApiClient.make_http_basic_auth


def test_bearer_header_and_no_refresh_while_valid():
    server = FakeTokenServer()
    client, _ = bearer_client(server)
    client.sites.getall()
    client.sites.getall()
    assert (server.resource_calls, server.refresh_calls) == (2, 0)


def test_expired_token_refreshes_replays_and_calls_back():
    server = FakeTokenServer()
    received = []
    client, auth = bearer_client(
        server, after_refresh_tokens_callback=lambda a, r: received.append((a, r))
    )
    server.expire()
    old_refresh = auth.refresh_token
    assert client.sites.getall().data == []
    assert (server.resource_calls, server.refresh_calls) == (2, 1)
    assert received == [(server.access, server.refresh)]
    assert (auth.access_token, auth.refresh_token) == (server.access, server.refresh)
    assert auth.refresh_token != old_refresh


def test_other_401_codes_do_not_refresh():
    client = make_client(
        lambda request: json_response(401, INVALID),
        authentication_method=BEMServerApiClient.make_bearer_token_auth(jwt(900), jwt(900)),
    )
    with pytest.raises(BEMServerAPIAuthenticationError) as caught:
        client.sites.getall()
    assert caught.value.code == "invalid_token"


def test_refresh_failure_raises_the_server_code():
    server = FakeTokenServer()
    client, _ = bearer_client(server)
    server.expire()
    server.refresh_fails = True
    with pytest.raises(BEMServerAPIAuthenticationError) as caught:
        client.sites.getall()
    assert caught.value.code == "invalid_token"
    assert caught.value.method == "POST" and caught.value.path == "/auth/token/refresh"


def test_without_refresh_token_the_expired_error_reaches_the_caller():
    server = FakeTokenServer()
    client = make_client(
        server, authentication_method=BEMServerApiClient.make_bearer_token_auth(server.access)
    )
    server.expire()
    with pytest.raises(BEMServerAPIAuthenticationError) as caught:
        client.sites.getall()
    assert caught.value.code == "expired_token"
    assert server.refresh_calls == 0


def test_proactive_refresh_before_expiry():
    server = FakeTokenServer(lifetime=900)
    client, auth = bearer_client(server)
    auth._refresh_at = time.time() - 1  # as if the token were about to expire
    client.sites.getall()
    assert (server.resource_calls, server.refresh_calls) == (1, 1)  # no 401 round trip


def test_refresh_margin_is_a_share_of_the_lifetime():
    token = jwt(900)
    auth = BearerTokenAuth(token, jwt(3600))
    assert auth._refresh_at == pytest.approx(token_expiry(token) - 60, abs=0.01)  # capped at 60 s
    token = jwt(2)  # `exp` has a 1 s resolution: 1 to 2 s left
    auth = BearerTokenAuth(token, jwt(3600))
    assert token_expiry(token) - 0.2 <= auth._refresh_at < token_expiry(token)
    assert token_expiry("not a jwt") is None
    assert BearerTokenAuth("opaque-token")._refresh_at is None


def run_threads(count: int, target) -> list:
    results: list = []
    barrier = threading.Barrier(count)

    def worker():
        barrier.wait()
        try:
            results.append(target())
        except Exception as exc:
            results.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_threads_on_an_expired_token_refresh_once():
    server = FakeTokenServer(refresh_delay=0.2)
    client, _ = bearer_client(server)
    server.expire()
    results = run_threads(50, lambda: client.sites.getall().data)
    assert results == [[]] * 50
    assert server.refresh_calls == 1


def test_a_failed_refresh_fails_every_waiter_and_the_next_call_retries():
    server = FakeTokenServer(refresh_delay=0.2)
    client, _ = bearer_client(server)
    server.expire()
    server.refresh_fails = True
    results = run_threads(20, lambda: client.sites.getall())
    assert all(isinstance(result, BEMServerAPIAuthenticationError) for result in results)
    assert server.refresh_calls == 1
    server.refresh_fails = False
    assert client.sites.getall().data == []  # a new call may refresh again
    assert server.refresh_calls == 2


def test_a_server_answering_401_forever_costs_one_refresh_per_call():
    refreshes = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/token/refresh":
            refreshes.append(request)
            return json_response(
                200, {"status": "success", "access_token": jwt(900), "refresh_token": jwt(900)}
            )
        return json_response(401, EXPIRED)

    client = make_client(
        handler, authentication_method=BEMServerApiClient.make_bearer_token_auth(jwt(900), jwt(900))
    )
    for calls in (1, 2, 3):
        with pytest.raises(BEMServerAPIAuthenticationError):
            client.sites.getall()
        assert len(refreshes) == calls


def test_refresh_tokens_updates_the_stored_tokens():
    server = FakeTokenServer()
    received = []
    client, auth = bearer_client(
        server, after_refresh_tokens_callback=lambda a, r: received.append(a)
    )
    response = client.auth.refresh_tokens()
    assert response.data["access_token"] == server.access == auth.access_token
    assert received == [server.access]


def test_get_tokens_sends_no_authorization_header():
    seen = []
    client = make_client(
        lambda request: seen.append(request) or json_response(200, {"status": "failure"}),
        authentication_method=BEMServerApiClient.make_http_basic("a@b.c", "pw"),
    )
    assert client.auth.get_tokens("a@b.c", "bad").data == {"status": "failure"}
    assert "Authorization" not in seen[0].headers


def test_reprs_hide_secrets():
    access, refresh = jwt(900), jwt(900)
    bearer = BEMServerApiClient.make_bearer_token_auth(access, refresh)
    basic = BEMServerApiClient.make_http_basic("user@test", "s3cr3t-canary")
    client = make_client(lambda request: json_response(200, []), authentication_method=bearer)
    for text in (repr(bearer), repr(basic), repr(client)):
        assert access not in text and refresh not in text and "s3cr3t-canary" not in text
    assert "user@test" in repr(basic)


def test_a_file_body_is_streamed_and_replayed_byte_for_byte(tmp_path):
    server = FakeTokenServer()
    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/timeseries_data/":
            bodies.append((request.read(), request.headers.get("Content-Length")))
        return (
            server(request)
            if request.url.path != "/timeseries_data/" or len(bodies) > 1
            else json_response(401, EXPIRED)
        )

    auth = BEMServerApiClient.make_bearer_token_auth(server.access, server.refresh)
    client = make_client(handler, authentication_method=auth)
    path = tmp_path / "data.csv"
    path.write_bytes(b"Datetime,1\n" + b"2024-01-01T00:00:00+00:00,1.0\n" * 20_000)
    reads = []
    with path.open("rb") as file:
        original_read = file.read
        file.read = lambda size=-1: reads.append(size) or original_read(size)
        client.timeseries_data.upload(1, file, format="text/csv")
    expected = path.read_bytes()
    assert bodies == [(expected, str(len(expected)))] * 2
    assert server.refresh_calls == 1
    assert -1 not in reads and max(reads) <= 64 * 1024  # chunks, never the whole file
