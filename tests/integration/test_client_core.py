"""The client core against the real server: auth, refresh, every error class, 204 bodies."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import bearer_client, unique

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client.exceptions import (
    BEMServerAPIAuthenticationError,
    BEMServerAPIAuthorizationError,
    BEMServerAPIConflictError,
    BEMServerAPINotFoundError,
    BEMServerAPINotModified,
    BEMServerAPIPreconditionError,
    BEMServerAPIValidationError,
)

ROOT = Path(__file__).resolve().parent.parent.parent


def test_each_flavour_sends_through_its_own_httpx_client(client, flavour, campaign, monkeypatch):
    """The "async" flavour is the async client: its calls reach httpx.AsyncClient.send, never
    httpx.Client.send (and the other way round)."""
    sent = {"sync": 0, "async": 0}
    sync_send, async_send = httpx.Client.send, httpx.AsyncClient.send

    def counted_sync(self, *args, **kwargs):
        sent["sync"] += 1
        return sync_send(self, *args, **kwargs)

    async def counted_async(self, *args, **kwargs):
        sent["async"] += 1
        return await async_send(self, *args, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", counted_sync)
    monkeypatch.setattr(httpx.AsyncClient, "send", counted_async)
    assert client.sites.getall().status_code == 200
    assert list(client.timeseries.iter_all(campaign_id=campaign["id"], page_size=1)) == []
    assert sent["sync" if flavour == "async" else "async"] == 0 and sent[flavour] >= 2
    underlying = client.async_client if flavour == "async" else client
    assert (
        type(underlying) is {"sync": BEMServerApiClient, "async": AsyncBEMServerApiClient}[flavour]
    )
    assert isinstance(underlying._http, httpx.AsyncClient if flavour == "async" else httpx.Client)


def test_basic_auth(server, new_client):
    auth = BEMServerApiClient.make_http_basic_auth(server.email, server.password)
    with new_client(server, authentication_method=auth, auto_check=True) as client:
        assert server.email in [user["email"] for user in client.users.getall().data]


def test_bad_credentials_answer_200_failure(server, new_client):
    with new_client(server) as client:
        assert client.auth.get_tokens(server.email, "wrong").data == {"status": "failure"}


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "missing_authentication"),
        ({"Authorization": "Bearer not-a-jwt"}, "invalid_token"),
        ({"Authorization": "Basic Zm9vOmJhcg=="}, "invalid_credentials"),
        ({"Authorization": "Basic !!!"}, "malformed_credentials"),
        ({"Authorization": "Digest abc"}, "invalid_scheme"),
    ],
)
def test_401_codes(server, new_client, headers, code):
    http = httpx.Client(headers=headers, verify=server.ssl_context)
    with (
        new_client(server, http_client=http) as client,
        pytest.raises(BEMServerAPIAuthenticationError) as caught,
    ):
        client.sites.getall()
    assert caught.value.code == code
    assert str(caught.value) == f"GET /sites/: 401 Authentication failed: {code}"


def test_refresh_token_on_a_resource_is_invalid(server, client):
    tokens = client.auth.get_tokens(server.email, server.password).data
    client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["refresh_token"])
    )
    with pytest.raises(BEMServerAPIAuthenticationError) as caught:
        client.sites.getall()
    assert caught.value.code == "invalid_token"


def test_404_409_412_428_and_204(client, campaign):
    with pytest.raises(BEMServerAPINotFoundError):
        client.sites.getone(999_999)
    with pytest.raises(BEMServerAPIConflictError) as caught:
        client.campaigns.create({"name": campaign["name"], "timezone": "UTC"})
    assert caught.value.message == "Unique constraint violation"
    one = client.campaigns.getone(campaign["id"])
    with pytest.raises(BEMServerAPINotModified):
        client.campaigns.getone(campaign["id"], etag=one.etag)
    with pytest.raises(BEMServerAPIPreconditionError) as caught:
        client.campaigns.update(campaign["id"], {"name": "x", "timezone": "UTC"})
    assert caught.value.status_code == 428
    updated = client.campaigns.update(
        campaign["id"], {"name": unique("renamed"), "timezone": "UTC"}, etag=one.etag
    )
    assert updated.etag and updated.etag != one.etag
    with pytest.raises(BEMServerAPIPreconditionError) as caught:
        client.campaigns.delete(campaign["id"], etag=one.etag)  # stale
    assert caught.value.status_code == 412
    deleted = client.campaigns.delete(campaign["id"], etag=updated.etag)
    assert (deleted.status_code, deleted.data, deleted.parsed) == (204, None, None)


def test_409_without_air_temperature_has_the_server_message(client, campaign):
    site = client.sites.create({"name": unique("site"), "campaign_id": campaign["id"]}).data
    with pytest.raises(BEMServerAPIConflictError) as caught:
        client.sites.get_degree_days(site["id"], "2024-01-01", "2024-02-01")
    assert caught.value.message == "Air temperature for site undefined or access denied."


def test_422_validation_shape(client):
    with pytest.raises(BEMServerAPIValidationError) as caught:
        client.sites.create({"campaign_id": 1})
    assert caught.value.errors == {"name": ["Missing data for required field."]}


def test_422_core_message_shape(client):
    with pytest.raises(BEMServerAPIValidationError) as caught:
        client.timeseries_data.download(
            "2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00", 1, [999_999]
        )
    assert caught.value.errors == {"_general": ["Unknown timeseries: [999999]"]}


def test_403_as_a_non_admin_user(server, new_client, client, campaign):
    email, password = f"{unique('user').replace(' ', '-')}@test.org", "user-password"
    user = client.users.create({"name": unique("user"), "email": email, "password": password}).data
    client.users.set_active(user["id"], True, etag=client.users.getone(user["id"]).etag)
    user_client = new_client(server)
    tokens = user_client.auth.get_tokens(email, password).data
    assert tokens["status"] == "success"
    user_client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["access_token"], tokens["refresh_token"])
    )
    assert user_client.campaigns.getall().data == []  # lists: what the user may see
    with pytest.raises(BEMServerAPIAuthorizationError) as caught:
        user_client.campaigns.getone(campaign["id"])
    assert caught.value.status_code == 403 and caught.value.detail == "Authorization error"
    assert not hasattr(caught.value, "message")  # as upstream: only conflicts have one


def counting_client(server, flavour) -> tuple[BEMServerApiClient, list[str]]:
    refreshes: list[str] = []

    def count(request: httpx.Request) -> None:
        if request.url.path == "/auth/token/refresh":
            refreshes.append(request.url.path)

    http = httpx.Client(event_hooks={"request": [count]}, timeout=30, verify=server.ssl_context)
    return bearer_client(server, flavour, http_client=http), refreshes


def test_real_refresh_with_short_tokens_sequential(short_token_server, flavour):
    client, refreshes = counting_client(short_token_server, flavour)
    bearer = client.authentication_method
    first_token = bearer.access_token
    bearer._refresh_at = None  # no proactive refresh: prove the reactive path on the real server
    time.sleep(3)
    assert client.sites.getall().status_code == 200
    assert len(refreshes) == 1 and bearer.access_token != first_token
    time.sleep(3)  # proactive this time: the new token's refresh time has passed
    assert client.sites.getall().status_code == 200
    assert len(refreshes) == 2


def test_real_refresh_with_fifty_threads(short_token_server, flavour):
    client, refreshes = counting_client(short_token_server, flavour)
    client.authentication_method._refresh_at = None  # all 50 hit 401 expired_token together
    time.sleep(3)
    barrier = threading.Barrier(50)
    results = []

    def work():
        barrier.wait()
        results.append(client.sites.getall().status_code)

    threads = [threading.Thread(target=work) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 50
    assert len(refreshes) == 1


def test_upstream_readme_examples_run_against_the_real_server(fresh_server):
    # A server of its own: the README's getone(42) must find nothing.
    server = fresh_server
    env = {**os.environ, **server.env()}  # with TLS, SSL_CERT_FILE names the server's CA
    for script in ("sample_data.py", "quickstart.py"):
        result = subprocess.run(
            [sys.executable, ROOT / "examples" / script],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "get_tokens status: success" in out and "wrong password status: failure" in out
    assert "  2024-01: 375.1" in out  # computed by the server from the sample temperatures
    assert "404 handled: GET /sites/42: 404 Not found" in out
    assert "422 handled, exc.errors = {'name': ['Missing data for required field.']}" in out
