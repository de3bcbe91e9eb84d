"""The test server is a real BEMServer API: version, auth, token expiry and a working task worker."""

import time

import httpx
import pytest

from tools.server.harness import REQUIREMENTS_DIR


def tokens(server) -> dict:
    response = httpx.post(
        f"{server.url}/auth/token",
        json={"email": server.email, "password": server.password},
        verify=server.ssl_context,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "success"
    return response.json()


def test_server_is_the_pinned_bemserver_api(server):
    versions = httpx.get(f"{server.url}/about/", verify=server.ssl_context).json()["versions"]
    assert versions["bemserver_api"] == server.version
    requirements = REQUIREMENTS_DIR / f"{server.version}.txt"
    if requirements.exists():  # a local server: its core is the pinned one
        assert f"bemserver-core=={versions['bemserver_core']}" in requirements.read_text()


def test_admin_can_read_with_basic_auth(server):
    response = httpx.get(
        f"{server.url}/users/", auth=(server.email, server.password), verify=server.ssl_context
    )
    assert response.status_code == 200
    assert server.email in [user["email"] for user in response.json()]


def test_expired_access_token_gives_401_expired_token(short_token_server):
    access = tokens(short_token_server)["access_token"]
    headers = {"Authorization": f"Bearer {access}"}
    verify = short_token_server.ssl_context
    url = f"{short_token_server.url}/sites/"
    assert httpx.get(url, headers=headers, verify=verify).status_code == 200
    time.sleep(3)  # the token lives 2 s; exp has a 1 s resolution
    response = httpx.get(url, headers=headers, verify=verify)
    assert response.status_code == 401
    assert response.json()["errors"] == {"authentication": "expired_token"}


@pytest.mark.api_versions(">=0.26")  # /tasks/run came with 0.26
def test_task_run_reaches_the_worker(server):
    # Without a broker, POST /tasks/run hangs ~19 s then answers 500.
    started = time.monotonic()
    response = httpx.post(
        f"{server.url}/tasks/run",
        auth=(server.email, server.password),
        json={
            "task_name": "Cleanup",
            "campaign_id": 1,
            "start_time": "2024-01-01T00:00:00+00:00",
            "end_time": "2024-01-02T00:00:00+00:00",
            "parameters": {},
        },
        timeout=30,
        verify=server.ssl_context,
    )
    assert response.status_code == 204
    assert time.monotonic() - started < 5
