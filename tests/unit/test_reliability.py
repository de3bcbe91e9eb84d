"""Reliability battery (docs/guide/reliability.md, docs/design/test-batteries.md): retries,
Retry-After, socket faults, timeouts, fuzzed responses, TLS and redirects, on loopback servers
and mock transports."""

from __future__ import annotations

import email.utils
import socket
import ssl
import struct
import time
import warnings

import httpx
import pytest
import trustme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loopback import RawServer, ScriptedServer
from mock_api import make_client

from bemserver_api_client import BEMServerApiClient, RetryPolicy
from bemserver_api_client._retry import retry_after
from bemserver_api_client.exceptions import (
    BEMServerAPIConnectionError,
    BEMServerAPIError,
    BEMServerAPIInternalError,
    BEMServerAPITimeoutError,
)

FAST = RetryPolicy(backoff=0.001, max_backoff=0.002)
ITEM = b'{"id": 1, "name": "s", "campaign_id": 1}'


def calls(client: BEMServerApiClient) -> dict:
    """One call per (method, If-Match) kind, through the entry points."""
    return {
        "GET": lambda: client.sites.getone(1),
        "POST": lambda: client.sites.create({"name": "s", "campaign_id": 1}),
        "PUT+If-Match": lambda: client.sites.update(1, {"name": "s"}, etag='"e"'),
        "DELETE+If-Match": lambda: client.sites.delete(1, etag='"e"'),
        "PUT": lambda: client.sites.update(1, {"name": "s"}),
    }


def pool_connections(client: BEMServerApiClient) -> list:
    return list(client._http._transport._pool.connections)


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504, 500])
@pytest.mark.parametrize("kind", ["GET", "POST", "PUT+If-Match", "DELETE+If-Match", "PUT"])
def test_retry_matrix(status, kind):
    with ScriptedServer(
        lambda *_: (status, {"Content-Type": "application/json"}, b'{"code": %d}' % status)
    ) as server:
        client = BEMServerApiClient(server.url, retry=FAST)
        with pytest.raises(BEMServerAPIError) as caught:
            calls(client)[kind]()
        assert caught.value.status_code == status
        retried = status != 500 and kind in ("GET", "PUT+If-Match", "DELETE+If-Match")
        assert len(server.requests) == (3 if retried else 1)
        assert all(connection.is_idle() for connection in pool_connections(client))  # none leaked
        client.close()
        assert pool_connections(client) == []


@pytest.mark.parametrize("status", [409, 412, 422, 428, 400, 401, 403, 404])
def test_client_errors_are_never_retried(status):
    with ScriptedServer(lambda *_: (status, {"Content-Type": "application/json"}, b"{}")) as server:
        with BEMServerApiClient(server.url, retry=FAST) as client, pytest.raises(BEMServerAPIError):
            client.sites.getone(1)
        assert len(server.requests) == 1


def test_a_retried_get_succeeds_and_max_retries_zero_turns_retries_off():
    answers = iter(
        [(503, {}, b""), (502, {}, b""), (200, {"Content-Type": "application/json"}, ITEM)]
    )
    with ScriptedServer(lambda *_: next(answers)) as server:
        with BEMServerApiClient(server.url, retry=FAST) as client:
            assert client.sites.getone(1).data["id"] == 1
        assert len(server.requests) == 3
    with ScriptedServer(lambda *_: (503, {}, b"")) as server:
        with (
            BEMServerApiClient(server.url, max_retries=0) as client,
            pytest.raises(BEMServerAPIInternalError),
        ):
            client.sites.getone(1)
        assert len(server.requests) == 1
        with (
            BEMServerApiClient(server.url, retry=FAST) as client,
            pytest.raises(BEMServerAPIInternalError),
        ):
            client.with_options(max_retries=0).sites.getone(1)
        assert len(server.requests) == 2


NOW = 1_800_000_000.0
RETRY_AFTER = [
    ("0", 0.0),
    ("1", 1.0),
    ("  2  ", 2.0),
    ("1.5", 1.5),
    ("-5", 0.0),
    ("007", 7.0),
    ("1e2", 100.0),
    ("99999999999", 99999999999.0),
    ("inf", float("inf")),
    ("-inf", 0.0),
    ("nan", None),
    ("NaN", None),
    ("", None),
    ("soon", None),
    ("1,5", None),
    ("0x10", None),
    (email.utils.formatdate(NOW + 30, usegmt=True), 30.0),
    (email.utils.formatdate(NOW - 30, usegmt=True), 0.0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ("Fri, 31 Dec 9999 23:59:59 GMT", 253402300799.0 - NOW),
    ("Mon, 32 Foo 2024 99:99:99 GMT", None),
    ("Sun, 06 Nov 1994 08:49:37", None),
    (None, None),
    ("1" * 400, float("inf")),
    ("Infinity", float("inf")),
]


@pytest.mark.parametrize(("value", "expected"), RETRY_AFTER)
def test_retry_after_values(value, expected):
    delay = retry_after(value, NOW)
    if expected is None:
        assert delay is None
    elif expected == float("inf"):
        assert delay == expected  # longer than any cap: refused
    else:
        assert delay == pytest.approx(expected, abs=1.0)
        assert delay >= 0


def test_retry_after_is_honoured_up_to_the_cap():
    with ScriptedServer(lambda *_: (503, {"Retry-After": "0.3"}, b"")) as server:
        client = BEMServerApiClient(server.url, retry=RetryPolicy(max_retries=1, backoff=10))
        started = time.monotonic()
        with pytest.raises(BEMServerAPIInternalError):
            client.sites.getone(1)
        assert 0.3 <= time.monotonic() - started < 2  # the header, not the 10 s backoff
    with ScriptedServer(lambda *_: (429, {"Retry-After": "3600"}, b"")) as server:
        client = BEMServerApiClient(server.url, retry=RetryPolicy(max_retry_after=60))
        started = time.monotonic()
        with pytest.raises(BEMServerAPIError) as caught:
            client.sites.getone(1)
        assert caught.value.status_code == 429 and time.monotonic() - started < 1
        assert len(server.requests) == 1  # raised at once, not waited for


def test_the_deadline_bounds_a_call():
    """Waits of 0.225-0.3 s then 0.45-0.6 s end before the 1 s deadline (with 0.1 s or more
    to spare for the requests themselves, even on a loaded machine); the third, 0.9-1.2 s,
    would end past it: exactly 3 attempts, then the error at once."""
    with ScriptedServer(lambda *_: (503, {}, b"")) as server:
        client = BEMServerApiClient(
            server.url, retry=RetryPolicy(max_retries=5, backoff=0.3, deadline=1.0)
        )
        started = time.monotonic()
        with pytest.raises(BEMServerAPIInternalError):
            client.sites.getone(1)
        assert time.monotonic() - started < 1.0
        assert len(server.requests) == 3


def test_connect_failures_are_retried_for_every_method():
    attempts = []

    def refuse(request):
        attempts.append(request.method)
        raise httpx.ConnectError("refused", request=request)

    client = make_client(refuse, retry=FAST)
    with pytest.raises(BEMServerAPIConnectionError):
        client.sites.create({"name": "s", "campaign_id": 1})
    assert attempts == ["POST"] * 3


def test_a_post_that_may_have_reached_the_server_is_not_retried():
    attempts = []

    def cut(request):
        attempts.append(request.method)
        raise httpx.ReadError("connection reset", request=request)

    with pytest.raises(BEMServerAPIConnectionError):
        make_client(cut, retry=FAST).sites.create({"name": "s", "campaign_id": 1})
    assert attempts == ["POST"]


def short_body(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[1, 2"
    )


def unterminated_chunks(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[1, 2\r\n"
    )


def reset_after_headers(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n")
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close


@pytest.mark.parametrize("behaviour", [short_body, unterminated_chunks, reset_after_headers])
def test_bodies_cut_short_are_connection_errors_every_time(behaviour):
    with RawServer(behaviour) as server, BEMServerApiClient(server.url, max_retries=0) as client:
        outcomes = []
        for _ in range(100):
            try:
                client.sites.getall()
                outcomes.append("success")  # partial data returned as success: never acceptable
            except BEMServerAPIConnectionError:
                outcomes.append("connection error")
        assert outcomes == ["connection error"] * 100


def test_a_silent_server_times_out_within_the_read_timeout():
    with RawServer(lambda conn: time.sleep(3)) as server:
        client = BEMServerApiClient(
            server.url, timeout=httpx.Timeout(1.0, connect=1.0), max_retries=0
        )
        started = time.monotonic()
        with pytest.raises(BEMServerAPITimeoutError):
            client.sites.getall()
        assert time.monotonic() - started < 1.0 + 0.5
        started = time.monotonic()
        with pytest.raises(BEMServerAPITimeoutError):
            client.with_options(timeout=0.3).sites.getall()  # per call
        assert time.monotonic() - started < 0.3 + 0.5


CONTENT_TYPES = [
    "application/json",
    "text/csv",
    "text/html",
    "*/*",
    "",
    "application/problem+json",
    "text/plain; charset=utf-8",
]
BODIES = st.one_of(
    st.binary(max_size=300),
    st.sampled_from(
        [
            b"",
            b"{}",
            b"[]",
            b"null",
            b"NaN",
            b'{"a": Infinity}',
            b"[" * 50_000,
            b'{"errors": []}',
            b'{"errors": {"json": 3}}',
            b'{"message": 5}',
            b'[{"id": "x"}]',
            b"\xff\xfe",
            b'{"id": 1, "name": "s"',
        ]
    ),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
    ).map(lambda v: __import__("json").dumps(v).encode()),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    status=st.integers(min_value=200, max_value=599),
    content_type=st.sampled_from(CONTENT_TYPES),
    body=BODIES,
    pagination=st.sampled_from([None, "", "{", '{"total": 1}', "[]", "\x00"]),
)
def test_fuzzed_responses_raise_only_library_errors(status, content_type, body, pagination):
    headers = {"Content-Type": content_type} if content_type else {}
    if pagination is not None:
        headers["X-Pagination"] = pagination
    client = make_client(
        lambda request: httpx.Response(status, content=body, headers=headers), max_retries=0
    )
    try:
        response = client.sites.getall()
        response.data, response.parsed, response.pagination, response.etag, response.is_json
        str(response.toJSON())
    except BEMServerAPIError as exc:
        assert len(str(exc)) < 1000


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def tls_server(ca, *hosts: str) -> ScriptedServer:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*hosts).configure_cert(context)
    return ScriptedServer(lambda *_: (200, {"Content-Type": "application/json"}, ITEM), tls=context)


def test_tls_verification(ca, tmp_path):
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with tls_server(ca, "127.0.0.1") as server:
        with (
            BEMServerApiClient(server.url, max_retries=0) as client,
            pytest.raises(BEMServerAPIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
        ):
            client.sites.getone(1)  # verification is on by default
        with BEMServerApiClient(server.url, verify=str(bundle)) as client:
            assert client.sites.getone(1).data["id"] == 1
        with pytest.warns(UserWarning, match="verification is off"):
            insecure = BEMServerApiClient(server.url, verify=False)
        assert insecure.sites.getone(1).status_code == 200
    with (
        tls_server(ca, "example.org") as server,  # a valid certificate, for another name
        BEMServerApiClient(server.url, verify=str(bundle), max_retries=0) as client,
        pytest.raises(BEMServerAPIConnectionError, match=r"match|mismatch"),
    ):
        client.sites.getone(1)


def test_no_warning_when_verifying():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        BEMServerApiClient("localhost").close()


def test_credentials_never_follow_a_redirect_to_another_origin():
    with ScriptedServer(lambda *_: (200, {"Content-Type": "application/json"}, ITEM)) as other:
        target = other.url + "/sites/1"
        with ScriptedServer(lambda *_: (307, {"Location": target}, b"")) as first:
            auth = BEMServerApiClient.make_http_basic("user@test", "secret")
            with (
                BEMServerApiClient(first.url, authentication_method=auth, max_retries=0) as client,
                pytest.raises(BEMServerAPIInternalError, match="307"),
            ):
                client.sites.getone(1)  # redirects are not followed by default
            http = httpx.Client(follow_redirects=True)
            with BEMServerApiClient(
                first.url, authentication_method=auth, http_client=http
            ) as client:
                assert client.sites.getone(1).data["id"] == 1
            assert "Authorization" in first.requests[-1][2]
            assert "Authorization" not in other.requests[-1][2]
