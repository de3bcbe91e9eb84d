"""One benchmark scenario for one client, in its own process (run by bench/run.py).

    python bench/workers.py CLIENT SCENARIO URL [TOKEN]

CLIENT: ours | upstream | httpx (raw httpx + json). Prints a JSON object: `times` (seconds per
call), and for the timeseries scenarios `peak_growth` (bytes of peak RSS growth during one call)
and `payload` (bytes of the body sent or received).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time

SERIES = 10
POINTS = int(os.environ.get("BENCH_POINTS", "100000"))  # per series
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
END = START + dt.timedelta(minutes=POINTS)
IDS = list(range(1, SERIES + 1))
PAGE = 4096


def rss() -> int:
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * PAGE


def reset_peak() -> None:
    """Reset the peak RSS (VmHWM) so that it measures the call alone, not what came before."""
    with open("/proc/self/clear_refs", "w") as file:
        file.write("5")


def peak() -> int:
    with open("/proc/self/status") as file:
        line = next(line for line in file if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


class Raw:
    """The floor: raw httpx and json, what any client must do at least."""

    def __init__(self, url: str, token: str | None) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=url, headers=headers, timeout=600)

    def small_get(self):
        return self.http.get("/sites/1").json()

    def sites_data(self):
        return self.http.get("/sites/").json()

    def download(self, accept, ids, data_state):
        params = {
            "timeseries": ids,
            "start_time": START.isoformat(),
            "end_time": END.isoformat(),
            "data_state": data_state,
        }
        response = self.http.get("/timeseries_data/", params=params, headers={"Accept": accept})
        return response.json() if accept == "application/json" else response.content

    def upload(self, content_type, body, data_state):
        content = json.dumps(body).encode() if content_type == "application/json" else body
        return self.http.post(
            "/timeseries_data/",
            params={"data_state": data_state},
            content=content,
            headers={"Content-Type": content_type},
        )


class Client:
    """Ours or upstream: the same upstream API."""

    def __init__(self, url: str, token: str | None, upstream: bool) -> None:
        from bemserver_api_client import BEMServerApiClient
        from bemserver_api_client.enums import DataFormat

        self.formats = {"application/json": DataFormat.json, "text/csv": DataFormat.csv}
        host = url.split("://", 1)[1]
        auth = BEMServerApiClient.make_bearer_token_auth(token) if token else None
        self.client = BEMServerApiClient(host, use_ssl=False, authentication_method=auth)

    def small_get(self):
        return self.client.sites.getone(1).data

    def sites_data(self):
        return self.client.sites.getall().data

    def sites_parsed(self):
        return self.client.sites.getall().parsed

    def download(self, accept, ids, data_state):
        return self.client.timeseries_data.download(
            START.isoformat(), END.isoformat(), data_state, ids, format=self.formats[accept]
        ).data

    def upload(self, content_type, body, data_state):
        return self.client.timeseries_data.upload(
            data_state, body, format=self.formats[content_type]
        )


def timed(function, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def upload_body(content_type: str, ids: list[int]):
    stamps = [(START + dt.timedelta(minutes=i)).isoformat() for i in range(POINTS)]
    if content_type == "application/json":
        return {str(ts): {t: float(i % 1000) / 10 for i, t in enumerate(stamps)} for ts in ids}
    rows = [
        t + "," + ",".join(str(float(i % 1000) / 10) for _ in ids) for i, t in enumerate(stamps)
    ]
    return ("Datetime," + ",".join(map(str, ids)) + "\n" + "\n".join(rows) + "\n").encode()


def main() -> None:
    name, scenario, url = sys.argv[1:4]
    token = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
    ids = json.loads(sys.argv[5]) if len(sys.argv) > 5 else IDS
    data_state = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    client = Raw(url, token) if name == "httpx" else Client(url, token, name == "upstream")
    result: dict = {}
    if scenario == "small_get":
        timed(client.small_get, 100)  # warm up: connections, caches, imports
        result["times"] = timed(client.small_get, 2000)
    elif scenario == "small_get_real":
        timed(client.small_get, 20)
        result["times"] = timed(client.small_get, 300)
    elif scenario in ("sites_data", "sites_parsed"):
        function = getattr(client, scenario)
        timed(function, 2)
        result["times"] = timed(function, 15)
    elif scenario.startswith("download_") or scenario.startswith("upload_"):
        kind, fmt = scenario.split("_", 1)
        content_type = {"json": "application/json", "csv": "text/csv"}[fmt.removesuffix("_once")]
        body = upload_body(content_type, ids) if kind == "upload" else None
        reset_peak()
        before = rss()
        started = time.perf_counter()
        out = (
            client.download(content_type, ids, data_state)
            if kind == "download"
            else client.upload(content_type, body, data_state)
        )
        result["times"] = [time.perf_counter() - started]
        result["peak_growth"] = max(0, peak() - before)
        if kind == "download":
            result["payload"] = len(out) if isinstance(out, bytes) else len(json.dumps(out))
        else:
            result["payload"] = len(body) if isinstance(body, bytes) else len(json.dumps(body))
        count = 0 if scenario.endswith("_once") else 4 if fmt == "json" else 20
        more = (
            (lambda: client.download(content_type, ids, data_state))
            if kind == "download"
            else (lambda: client.upload(content_type, body, data_state))
        )
        result["times"] += timed(more, count)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
