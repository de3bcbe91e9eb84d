"""A loopback HTTP proxy in front of the real server that records every request: its method,
path and decoded query, and how many were in flight at once. Clients in other processes (Dask
workers) point at `proxy.url`; the test reads what they asked the server for."""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    line_length: int  # of "METHOD target HTTP/1.1"


class _Refused(Exception):
    def __init__(self, answer: httpx.Response) -> None:
        self.answer = answer


class CountingProxy:
    def __init__(self, upstream: str, verify: Any, delay: float = 0.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.refuse: bytes | None = None  # bodies containing it are answered 500
        self.delay = delay
        self.http = httpx.Client(verify=verify, timeout=120)
        self.seen: list[Seen] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def handle_one(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                with proxy.lock:
                    proxy.seen.append(
                        Seen(
                            self.command,
                            parts.path,
                            urllib.parse.parse_qs(parts.query),
                            len(self.requestline),
                        )
                    )
                    proxy.in_flight += 1
                    proxy.most_in_flight = max(proxy.most_in_flight, proxy.in_flight)
                try:
                    time.sleep(proxy.delay)
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(length) if length else None
                    if body and proxy.refuse and proxy.refuse in body:  # a failing server
                        answer = httpx.Response(500, json={"code": 500})
                        raise _Refused(answer)
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                    answer = proxy.http.request(
                        self.command, proxy.upstream + self.path, headers=headers, content=body
                    )
                except _Refused as refused:
                    answer = refused.answer
                finally:
                    with proxy.lock:
                        proxy.in_flight -= 1
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in HOP_BY_HOP and key.lower() != "content-encoding":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_DELETE = handle_one

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def clear(self) -> None:
        with self.lock:
            self.seen.clear()
            self.most_in_flight = 0

    def requests(self, path_part: str = "") -> list[Seen]:
        with self.lock:
            return [seen for seen in self.seen if path_part in seen.path]


@contextmanager
def counting_proxy(upstream: str, verify: Any, delay: float = 0.0) -> Iterator[CountingProxy]:
    proxy = CountingProxy(upstream, verify, delay)
    thread = threading.Thread(target=proxy.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.server.shutdown()
        proxy.server.server_close()
        proxy.http.close()
