"""Unit-test helpers: a client whose requests go to a function (httpx.MockTransport)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable

import httpx

from bemserver_api_client import BEMServerApiClient

Handler = Callable[[httpx.Request], httpx.Response]


def make_client(handler: Handler, **options) -> BEMServerApiClient:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return BEMServerApiClient("http://api.test", http_client=http, **options)


def json_response(status: int, body: object = None, **headers: str) -> httpx.Response:
    content = b"" if body is None else json.dumps(body).encode()
    return httpx.Response(
        status, content=content, headers={"Content-Type": "application/json", **headers}
    )


def jwt(lifetime: float, kind: str = "access") -> str:
    """An unsigned JWT-shaped token expiring in `lifetime` seconds (the client never verifies)."""

    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    payload = {
        "email": "u@test",
        "exp": int(time.time() + lifetime),
        "type": kind,
        "n": time.time_ns(),
    }
    return f"{part({'alg': 'HS256'})}.{part(payload)}.signature"
