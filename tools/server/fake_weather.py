"""A fake Oikolab weather API on loopback (the real one is on the internet, which tests never reach).

BEMServer's weather download asks it for hourly values; it answers a constant per parameter and
records each query, so tests can check what the server asked (e.g. `model=gfs` for forecasts).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class FakeWeatherAPI:
    def __init__(self) -> None:
        self.queries: list[dict[str, list[str]]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlparse(self.path).query)
                api.queries.append(query)
                start = dt.datetime.fromisoformat(query["start"][0])
                end = dt.datetime.fromisoformat(query["end"][0])
                hours = int((end - start).total_seconds() // 3600) + 1
                index = [int(start.timestamp()) + 3600 * h for h in range(hours)]
                columns = [f"{name} (unit)" for name in query["param"]]
                data = {"index": index, "columns": columns, "data": [[5.0] * len(columns)] * hours}
                body = json.dumps({"data": json.dumps(data)}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/weather"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeWeatherAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
