"""One benchmark scenario for one client, in its own process, driven by `python -m bench.run`
(bench/measure.py's Worker).

    python bench/workers.py CLIENT SCENARIO OPTIONS_JSON

CLIENT: ours | upstream | httpx (raw httpx + json, the floor) | async (ours,
AsyncBEMServerApiClient) | httpx_async (raw httpx.AsyncClient + json). OPTIONS_JSON: {"url",
"token", "ids", "data_state", "points", "offset"} (all but url optional).

The worker sets up (imports, client, body, warm-up calls), prints a JSON line {"ready": true},
then, for each line it reads on stdin, makes one measure and prints it as a JSON line: `cpu`
and `wall`, seconds per call (or per batch of 100 GETs for `gets`), measured around a batch of
calls. `cpu` is this process's own CPU time (time.process_time: user + system, all threads),
`wall` the elapsed time. The run keeps the clients' workers open together and asks them in
turn, so that the machine's changing load falls on all of them alike. The first measure of
a timeseries scenario adds `peak_growth` (bytes of peak RSS growth during that call) and
`payload` (bytes of the body sent or received). The worker ends at the end of its stdin.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import statistics
import sys
import time

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
PAGE = 4096
IN_FLIGHT = 10  # concurrent requests of the async scenario
GETS = 100  # GETs per batch of the sequential and async scenarios


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

    def __init__(self, url: str, token: str | None, points: int) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=url, headers=headers, timeout=600)
        self.end = START + dt.timedelta(minutes=points)

    def small_get(self):
        return self.http.get("/sites/1").json()

    def sites_data(self):
        return self.http.get("/sites/").json()

    def download(self, accept, ids, data_state, end=None):
        params = {
            "timeseries": ids,
            "start_time": START.isoformat(),
            "end_time": (end or self.end).isoformat(),
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

    def __init__(self, url: str, token: str | None, points: int) -> None:
        from bemserver_api_client import BEMServerApiClient
        from bemserver_api_client.enums import DataFormat

        self.formats = {"application/json": DataFormat.json, "text/csv": DataFormat.csv}
        self.host = url.split("://", 1)[1]
        auth = BEMServerApiClient.make_bearer_token_auth(token) if token else None
        self.client = BEMServerApiClient(self.host, use_ssl=False, authentication_method=auth)
        self.end = START + dt.timedelta(minutes=points)

    def construct(self):
        from bemserver_api_client import BEMServerApiClient

        return BEMServerApiClient(self.host, use_ssl=False).sites

    def small_get(self):
        return self.client.sites.getone(1).data

    def sites_data(self):
        return self.client.sites.getall().data

    def sites_parsed(self):
        return self.client.sites.getall().parsed

    def download(self, accept, ids, data_state, end=None):
        return self.client.timeseries_data.download(
            START.isoformat(),
            (end or self.end).isoformat(),
            data_state,
            ids,
            format=self.formats[accept],
        ).data

    def upload(self, content_type, body, data_state):
        return self.client.timeseries_data.upload(
            data_state, body, format=self.formats[content_type]
        )


def batch(function, size: int = 1, per: int | None = None) -> dict[str, float]:
    """CPU and wall seconds of `size` calls, divided by `per` (default: per call)."""
    cpu_0, wall_0 = time.process_time(), time.perf_counter()
    for _ in range(size):
        function()
    wall, cpu = time.perf_counter() - wall_0, time.process_time() - cpu_0
    return {"cpu": cpu / (per or size), "wall": wall / (per or size)}


def calls(function, count: int, group: int = 1) -> dict[str, float]:
    """`count` groups of `group` calls, each group timed: the median group, per call (a call
    that the scheduler interrupts, or that another process's cache traffic slows, is outvoted
    by the calls that were not)."""
    cpu, wall = [], []
    process_time, perf_counter = time.process_time, time.perf_counter
    for _ in range(count):
        cpu_0, wall_0 = process_time(), perf_counter()
        for _ in range(group):
            function()
        wall.append(perf_counter() - wall_0)
        cpu.append(process_time() - cpu_0)
    return {"cpu": statistics.median(cpu) / group, "wall": statistics.median(wall) / group}


def upload_body(content_type: str, ids: list[int], points: int, offset: int):
    """10 series of `points` points from START + `offset` minutes (a new range per round on the
    real server: it keeps existing values, so a re-upload would cost it less)."""
    first = START + dt.timedelta(minutes=offset)
    stamps = [(first + dt.timedelta(minutes=i)).isoformat() for i in range(points)]
    if content_type == "application/json":
        return {str(ts): {t: float(i % 1000) / 10 for i, t in enumerate(stamps)} for ts in ids}
    rows = [
        t + "," + ",".join(str(float(i % 1000) / 10) for _ in ids) for i, t in enumerate(stamps)
    ]
    return ("Datetime," + ",".join(map(str, ids)) + "\n" + "\n".join(rows) + "\n").encode()


def timeseries(client, scenario: str, options: dict):
    """Measures of `group` calls each (the median call); the first measure is one call, with
    its peak memory growth. Warmed up first: one small GET and one download of an empty range
    (ours makes its httpx client and loads its modules on first use: a cost paid once per
    process, not per call, and not what the peak memory growth of a call should show)."""
    ids, data_state = options.get("ids", list(range(1, 11))), options.get("data_state", 1)
    group = options.get("group", 1)
    kind, fmt = scenario.split("_", 1)
    content_type = {"json": "application/json", "csv": "text/csv"}[fmt.removesuffix("_once")]
    client.small_get()
    client.download(content_type, ids, data_state, end=START)  # empty: start == end
    if kind == "upload":
        points, offset = options.get("points", 100_000), options.get("offset", 0)
        body = upload_body(content_type, ids, points, offset)
        call = lambda: client.upload(content_type, body, data_state)  # noqa: E731
    else:
        call = lambda: client.download(content_type, ids, data_state)  # noqa: E731

    def payload(out) -> int:
        sent = out if kind == "download" else body
        return len(sent) if isinstance(sent, bytes) else len(json.dumps(sent))

    return first_with_memory(call, group, payload)


def first_with_memory(call, group: int, payload):
    """Measures of `group` calls each (the median call), but the first: one call, with its peak
    memory growth (`peak_growth`) and `payload(its result)`, bytes."""
    first = True

    def measure() -> dict:
        nonlocal first
        if not first:
            return calls(call, group)
        first = False
        reset_peak()
        before = rss()
        cpu_0, wall_0 = time.process_time(), time.perf_counter()
        out = call()
        result = {"wall": time.perf_counter() - wall_0, "cpu": time.process_time() - cpu_0}
        result["peak_growth"] = max(0, peak() - before)
        result["payload"] = payload(out)
        return result

    return measure


def dataframe_download(client, name: str, options: dict):
    """10 x 100k points into a DataFrame: ours `dataframes.download` (its defaults: CSV, in
    ranges planned from the stats); upstream the obvious `pd.DataFrame(download(...).data)`
    (JSON, one request). `payload` is the CSV of the whole range (the memory target's unit)."""
    import pandas as pd

    ids, data_state = options.get("ids", list(range(1, 11))), options.get("data_state", 1)
    if name == "ours":
        from bemserver_api_client import dataframes

        def call(end=None):
            return dataframes.download(client.client, START, end or client.end, data_state, ids)
    else:

        def call(end=None):
            return pd.DataFrame(client.download("application/json", ids, data_state, end=end))

    client.small_get()
    call(START)  # warm up (imports, first parse) on an empty range
    csv_size = len(client.download("text/csv", ids, data_state))

    def payload(frame) -> int:
        assert frame.shape == (100_000, len(ids)), frame.shape
        return csv_size

    return first_with_memory(call, options.get("group", 1), payload)


def async_gets(name: str, url: str, token: str | None):
    """Measures of GETS small GETs, IN_FLIGHT at a time: AsyncBEMServerApiClient ("async") or
    raw httpx.AsyncClient + json ("httpx_async"); one event loop for all."""
    loop = asyncio.new_event_loop()
    if name == "async":
        from bemserver_api_client import AsyncBEMServerApiClient

        auth = AsyncBEMServerApiClient.make_bearer_token_auth(token) if token else None
        host = url.split("://", 1)[1]
        client = AsyncBEMServerApiClient(host, use_ssl=False, authentication_method=auth)
        get = lambda: client.sites.getone(1)  # noqa: E731
    else:
        import httpx

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.AsyncClient(base_url=url, headers=headers, timeout=600)
        get = lambda: client.get("/sites/1")  # noqa: E731

    async def worker(count: int) -> None:
        for _ in range(count):
            response = await get()
            response.data if name == "async" else response.json()

    async def gets() -> None:
        await asyncio.gather(*(worker(GETS // IN_FLIGHT) for _ in range(IN_FLIGHT)))

    loop.run_until_complete(gets())  # warm up: connections, imports
    return lambda: batch(lambda: loop.run_until_complete(gets()), 1)


def setup(name: str, scenario: str, options: dict):
    """The scenario's client, warmed up; returns a function that makes one measure."""
    url, token, points = options["url"], options.get("token"), options.get("points", 100_000)
    if name in ("async", "httpx_async"):
        assert scenario == "gets", scenario
        return async_gets(name, url, token)
    client = Raw(url, token, points) if name == "httpx" else Client(url, token, points)
    if scenario == "construct":
        batch(client.construct, 200)  # warm up: imports, caches
        return lambda: calls(client.construct, 50, 20)
    if scenario == "small_get":
        batch(client.small_get, 100)  # warm up: connections, caches, imports
        return lambda: calls(client.small_get, 200)
    if scenario == "gets":  # GETS sequential GETs, per batch (not per call)
        batch(client.small_get, 10)
        return lambda: batch(client.small_get, GETS, per=1)
    if scenario in ("sites_data", "sites_parsed"):
        function = getattr(client, scenario)
        batch(function, 2)
        return lambda: calls(function, 3)
    if scenario == "dataframe_download":
        return dataframe_download(client, name, options)
    if scenario.startswith(("download_", "upload_")):
        return timeseries(client, scenario, options)
    raise SystemExit(f"unknown scenario {scenario}")


def main() -> None:
    name, scenario, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    measure = setup(name, scenario, options)
    print(json.dumps({"ready": True}), flush=True)
    for _ in sys.stdin:
        print(json.dumps(measure()), flush=True)


if __name__ == "__main__":
    main()
