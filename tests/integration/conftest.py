"""Integration fixtures: clients logged in to the real server, and fresh data per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from bemserver_api_client import BEMServerApiClient


def bearer_client(server, **options) -> BEMServerApiClient:
    client = BEMServerApiClient(server.url, **options)
    tokens = client.auth.get_tokens(server.email, server.password).data
    assert tokens["status"] == "success"
    client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["access_token"], tokens["refresh_token"])
    )
    return client


@pytest.fixture
def client(server) -> Iterator[BEMServerApiClient]:
    """An admin client with bearer tokens (Basic costs 120-190 ms per request on the server)."""
    with bearer_client(server) as client:
        yield client


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


@pytest.fixture
def campaign(client) -> dict:
    return client.campaigns.create({"name": unique("campaign"), "timezone": "UTC"}).data
