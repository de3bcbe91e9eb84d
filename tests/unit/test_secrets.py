"""A canary password and canary tokens go through every kind of call, with DEBUG logging on
everything (ours, httpx, httpcore): they must appear nowhere in logs, reprs, exception messages
or tracebacks."""

from __future__ import annotations

import asyncio
import base64
import copy
import json
import logging
import pickle
import traceback

import pytest
from loopback import ScriptedServer

from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient
from bemserver_api_client._retry import RetryPolicy
from bemserver_api_client.authentication import BearerTokenAuth, HTTPBasicAuth
from bemserver_api_client.exceptions import BEMServerAPIError

PASSWORD = "Canary-Pass-7f3a"
ACCESS = "CanaryAccess-1b2c"
REFRESH = "CanaryRefresh-9d8e"
NEW_ACCESS, NEW_REFRESH = "CanaryAccess-NEW-5f6a", "CanaryRefresh-NEW-4e3d"
CANARIES = [PASSWORD, ACCESS, REFRESH, NEW_ACCESS, NEW_REFRESH]
JSON = {"Content-Type": "application/json"}

# path -> the answer; /sites/<n> paths script each error
ANSWERS = {
    "/sites/1": (200, JSON, b'{"id": 1, "name": "s", "campaign_id": 1}'),
    "/sites/2": (401, JSON, b'{"code": 401, "errors": {"authentication": "invalid_token"}}'),
    "/sites/3": (403, JSON, b'{"code": 403, "message": "Authorization error"}'),
    "/sites/4": (404, JSON, b'{"code": 404}'),
    "/sites/5": (409, JSON, b'{"code": 409, "message": "Unique constraint violation"}'),
    "/sites/6": (412, JSON, b'{"code": 412}'),
    "/sites/7": (
        422,
        JSON,
        b'{"errors": {"json": {"name": ["Missing data for required field."]}}}',
    ),
    "/sites/8": (428, JSON, b'{"code": 428}'),
    "/sites/9": (500, JSON, b'{"code": 500}'),
    "/sites/10": (502, {"Content-Type": "text/html"}, b"<html>Bad Gateway</html>"),
    "/sites/11": (503, {"Retry-After": "0"}, b""),
    "/sites/12": (200, JSON, b'{"id": 1, "na'),
    "/sites/13": (304, {}, b""),
}


class Api:
    def __init__(self) -> None:
        self.refresh_fails = False
        self.expired: set[str] = {ACCESS}

    def __call__(self, method: str, path: str, headers: dict[str, str]):
        token = headers.get("Authorization", "").removeprefix("Bearer ")
        if path == "/auth/token":
            return (
                200,
                JSON,
                json.dumps(
                    {"status": "success", "access_token": ACCESS, "refresh_token": REFRESH}
                ).encode(),
            )
        if path == "/auth/token/refresh":
            if self.refresh_fails:
                return 401, JSON, b'{"code": 401, "errors": {"authentication": "expired_token"}}'
            return (
                200,
                JSON,
                json.dumps(
                    {"status": "success", "access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH}
                ).encode(),
            )
        if token in self.expired:
            return 401, JSON, b'{"code": 401, "errors": {"authentication": "expired_token"}}'
        return ANSWERS.get(path.split("?")[0], (200, JSON, b"[]"))


def test_no_secret_anywhere(caplog):
    api = Api()
    seen: list[str] = []
    outcomes = []
    with ScriptedServer(api) as server, caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)

        def client(auth=None) -> BEMServerApiClient:
            made = BEMServerApiClient(
                server.url, authentication_method=auth, retry=RetryPolicy(backoff=0.001)
            )
            seen.append(repr(made))
            return made

        basic = BEMServerApiClient.make_http_basic("user@test", PASSWORD)
        bearer = BEMServerApiClient.make_bearer_token_auth(ACCESS, REFRESH)
        seen += [repr(basic), repr(bearer)]
        scenarios = [
            lambda: client(basic).sites.getone(1),  # success with Basic
            lambda: client().auth.get_tokens("user@test", PASSWORD),  # login
            lambda: client(bearer).sites.getone(1),  # expired token: refresh and replay
            lambda: client(bearer).auth.refresh_tokens(),  # explicit refresh
            *[lambda n=n: client(basic).sites.getone(n) for n in range(2, 14)],  # every error class
            lambda: client(basic).sites.create({"name": "s", "password": "x"}),
            lambda: client(basic).sites.update(7, {"name": "s"}, etag='"e"'),
            lambda: client(basic).sites.delete(4, etag='"e"'),
            lambda: client(basic).timeseries_data.download(
                "2024-01-01T00:00:00", "x", 1, [1]
            ),  # naive
            lambda: BEMServerApiClient(
                "http://127.0.0.1:9", authentication_method=basic, max_retries=0
            ).sites.getall(),
        ]

        def failed_refresh():
            api.refresh_fails = True
            api.expired.add(NEW_ACCESS)
            return client(
                BEMServerApiClient.make_bearer_token_auth(NEW_ACCESS, NEW_REFRESH)
            ).sites.getone(1)

        scenarios.append(failed_refresh)
        for scenario in scenarios:
            try:
                response = scenario()
                outcomes.append("ok")
                seen.append(repr(response))  # not its data: /auth/token's data *is* the tokens
            except BEMServerAPIError as exc:
                outcomes.append(type(exc).__name__)
                seen += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
        seen.append(caplog.text)
        seen += [record.getMessage() for record in caplog.records]
    assert len(scenarios) >= 20
    assert outcomes.count("ok") >= 4 and len(set(outcomes)) >= 9  # successes and every error class
    assert any("httpcore" in record.name for record in caplog.records)  # the loggers did log
    everything = "\n".join(seen)
    basic_header = base64.b64encode(f"user@test:{PASSWORD}".encode()).decode()
    for canary in [*CANARIES, basic_header]:
        assert canary not in everything, canary
    assert "user@test" in everything  # reprs still say who


def keep_tokens(access_token: str, refresh_token: str) -> None:
    """A picklable after-refresh callback."""


# Both real clients, named once: the test below covers each itself (it is not one of the sync
# tests test_async_sync_suites.py re-runs behind the facade, which does not pickle).
CLIENT_CLASSES = (BEMServerApiClient, AsyncBEMServerApiClient)


def test_pickled_and_copied_clients_keep_secrets_out_of_sight(caplog):
    """Pickles carry the credentials in plain form (that is their job); reprs, logs and the
    errors of pickling never show them, for the original, its pickle-restored, copied and
    deep-copied versions, sync and async, before and after a refresh."""
    api = Api()
    seen: list[str] = []
    pickles: list[bytes] = []
    with ScriptedServer(api) as server, caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        for cls in CLIENT_CLASSES:
            for auth in (
                HTTPBasicAuth("user@test", PASSWORD),
                BearerTokenAuth(ACCESS, REFRESH, keep_tokens),
            ):
                client = cls(server.url, authentication_method=auth)
                data = pickle.dumps(client)
                pickles.append(data)
                restored = pickle.loads(data)
                copies = [
                    restored,
                    copy.copy(client),
                    copy.deepcopy(client),
                    client.with_options(timeout=5),
                    pickle.loads(pickle.dumps(client.with_options(max_retries=0))),
                ]
                for made in [client, *copies]:
                    seen += [repr(made), repr(made.authentication_method), str(made.__dict__)]
                # A call after unpickling (the bearer refreshes: expired canary token).
                response = call_once(restored)
                assert response.status_code == 200
                seen += [repr(response), repr(restored), repr(restored.authentication_method)]
                seen.append(str(pickle.loads(pickle.dumps(restored)).__dict__))
        for callback in (lambda a, r: None, print.__self__):  # a lambda; a module: no pickle
            unpicklable = BearerTokenAuth(ACCESS, REFRESH, callback)
            with pytest.raises(TypeError) as caught:
                pickle.dumps(CLIENT_CLASSES[0](server.url, authentication_method=unpicklable))
            seen += [str(caught.value), "".join(traceback.format_exception(caught.value))]
        seen.append(caplog.text)
        seen += [record.getMessage() for record in caplog.records]
    everything = "\n".join(seen)
    basic_header = base64.b64encode(f"user@test:{PASSWORD}".encode()).decode()
    for canary in [*CANARIES, basic_header]:
        assert canary not in everything, canary
    assert "user@test" in everything and "after_refresh_tokens_callback" in everything
    # The pickles do hold the credentials (docs/guide/production.md: treat a pickle as a secret).
    assert any(basic_header.encode() in data for data in pickles)
    assert any(ACCESS.encode() in data and REFRESH.encode() in data for data in pickles)


def call_once(client):
    if isinstance(client, AsyncBEMServerApiClient):

        async def one():
            async with client:
                return await client.sites.getone(1)

        return asyncio.run(one())
    with client:
        return client.sites.getone(1)


@pytest.fixture(autouse=True)
def restore_root_level():
    level = logging.getLogger().level
    yield
    logging.getLogger().setLevel(level)
