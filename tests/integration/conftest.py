"""Integration fixtures: clients logged in to the real server, and fresh data per test.

Every client fixture is parametrised over the two clients: "sync" (`BEMServerApiClient`) and
"async" (`AsyncBEMServerApiClient` behind tests/sync_facade.py's `AsyncAsSync`, which awaits each
call on one background event loop), so each test body runs against both.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sync_facade import AsyncAsSync

from bemserver_api_client import BEMServerApiClient

FLAVOURS = ("sync", "async")
CLIENT_CLASSES: dict[str, Any] = {"sync": BEMServerApiClient, "async": AsyncAsSync}


def client_options(server) -> dict:
    """What the harness says every client of `server` needs (e.g. {"verify": CA bundle})."""
    return dict(getattr(server, "client_options", None) or {})


def make_client(server, flavour: str, **options) -> BEMServerApiClient:
    """A client of `flavour` ("sync" or "async", the latter behind the sync facade)."""
    return CLIENT_CLASSES[flavour](server.url, **{**client_options(server), **options})


def bearer_client(server, flavour: str, **options) -> BEMServerApiClient:
    client = make_client(server, flavour, **options)
    tokens = client.auth.get_tokens(server.email, server.password).data
    assert tokens["status"] == "success"
    client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(tokens["access_token"], tokens["refresh_token"])
    )
    return client


@pytest.fixture(scope="session", params=FLAVOURS)
def flavour(request) -> str:
    """ "sync" or "async": which client the test's clients are."""
    return request.param


@pytest.fixture
def new_client(flavour) -> Callable[..., BEMServerApiClient]:
    """`new_client(server, **options)`: a client of the test's flavour, not logged in."""
    return lambda server, **options: make_client(server, flavour, **options)


@pytest.fixture
def client(server, flavour) -> Iterator[BEMServerApiClient]:
    """An admin client with bearer tokens (Basic costs 120-190 ms per request on the server)."""
    with bearer_client(server, flavour) as client:
        yield client


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


@pytest.fixture
def campaign(client) -> dict:
    return client.campaigns.create({"name": unique("campaign"), "timezone": "UTC"}).data


# -- timeseries data (the DataFrame and Dask tests; a module may define its own `api`) -------


@pytest.fixture(scope="module")
def api(server) -> Iterator[BEMServerApiClient]:
    """A sync bearer client (dataframes and dask run on the sync client)."""
    with bearer_client(server, "sync") as client:
        yield client


@pytest.fixture(scope="module")
def raw_state(api) -> int:
    return next(s["id"] for s in api.timeseries_datastates.getall().data if s["name"] == "Raw")


@pytest.fixture(scope="module")
def scope(api) -> dict:
    campaign = api.campaigns.create({"name": unique("campaign"), "timezone": "UTC"}).data
    return api.campaign_scopes.create({"name": "scope", "campaign_id": campaign["id"]}).data
