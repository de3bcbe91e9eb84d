"""A canned HTTP/1.1 server for benchmarks (standard library, asyncio, keep-alive).

    python bench/canned_server.py PORT_FILE

Answers from memory so that the server costs next to nothing next to the clients measured:
GET /sites/1 (one site), GET /sites/ (10,000 sites), GET /timeseries_data/ (10 series x
100,000 points a minute apart from 2024-01-01 UTC, JSON or CSV by Accept; an empty range when
start_time == end_time; CSV: the rows in [start_time, end_time)), GET /timeseries_data/stats
(their first, last and count), POST anything (201). Reads and drops request bodies.
"""

import asyncio
import datetime as dt
import json
import sys
import urllib.parse

SERIES, POINTS = 10, 100_000
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def timeseries_payloads() -> tuple[bytes, bytes]:
    stamps = [(START + dt.timedelta(minutes=i)).isoformat() for i in range(POINTS)]
    values = {
        str(ts): {t: float(i % 1000) / 10 for i, t in enumerate(stamps)}
        for ts in range(1, SERIES + 1)
    }
    as_json = json.dumps(values).encode()
    rows = [
        f"{t.replace('+00:00', '+0000')},"
        + ",".join(str(float(i % 1000) / 10) for _ in range(SERIES))
        for i, t in enumerate(stamps)
    ]
    as_csv = (
        "Datetime,"
        + ",".join(str(ts) for ts in range(1, SERIES + 1))
        + "\n"
        + "\n".join(rows)
        + "\n"
    ).encode()
    return as_json, as_csv


SITE = {
    "id": 1,
    "name": "Site 1",
    "latitude": 43.6,
    "longitude": 1.44,
    "description": "A site",
    "campaign_id": 1,
}
SITES = [{**SITE, "id": i, "name": f"Site {i}"} for i in range(1, 10_001)]
BODIES = {
    "/sites/1": json.dumps(SITE).encode(),
    "/sites/": json.dumps(SITES).encode(),
}
TS_JSON, TS_CSV = timeseries_payloads()
# Where each CSV row starts (the header's end first), to answer a range without copying rows.
ROW_STARTS = [0]
while (newline := TS_CSV.find(b"\n", ROW_STARTS[-1])) != -1:
    ROW_STARTS.append(newline + 1)
STATS = json.dumps(
    {
        "stats": {
            str(ts): {
                "first_timestamp": START.isoformat(),
                "last_timestamp": (START + dt.timedelta(minutes=POINTS - 1)).isoformat(),
                "count": POINTS,
            }
            for ts in range(1, SERIES + 1)
        }
    }
).encode()


def empty_range(query: str) -> bool:
    """start_time == end_time: the real server answers an empty range (JSON {}, CSV header)."""
    values = dict(item.partition("=")[::2] for item in query.split("&"))
    return "start_time" in values and values.get("start_time") == values.get("end_time")


def csv_rows(query: str) -> bytes:
    """The header and the rows in [start_time, end_time) (a row a minute from START)."""
    values = urllib.parse.parse_qs(query)
    minutes = [
        (dt.datetime.fromisoformat(values[key][0]) - START) / dt.timedelta(minutes=1)
        if key in values
        else default
        for key, default in (("start_time", 0), ("end_time", POINTS))
    ]
    first, end = (min(max(0, -int(-m // 1)), POINTS) for m in minutes)  # ceil, clipped
    header = TS_CSV[: ROW_STARTS[1]]
    if end <= first:
        return header
    return header + TS_CSV[ROW_STARTS[first + 1] : ROW_STARTS[end + 1]]


def answer(method: str, target: str, accept: str) -> tuple[bytes, bytes, bytes]:
    path, _, query = target.partition("?")
    if method == "POST":
        return b"201 CREATED", b"application/json", b"null"
    if path.startswith("/timeseries_data/stats"):
        return b"200 OK", b"application/json", STATS
    if path.startswith("/timeseries_data/"):
        empty = empty_range(query)
        if accept == "text/csv":
            return b"200 OK", b"text/csv", csv_rows(query)
        return b"200 OK", b"application/json", b"{}" if empty else TS_JSON
    body = BODIES.get(path)
    if body is None:
        return b"404 NOT FOUND", b"application/json", b'{"code": 404}'
    return b"200 OK", b"application/json", body


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {
                k.strip().lower(): v.strip()
                for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)
            }
            if "content-length" in headers:
                await reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding") == "chunked":
                while True:
                    size = int((await reader.readuntil(b"\r\n")).strip(), 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            status, content_type, body = answer(method, target, headers.get("accept", ""))
            writer.write(
                b"HTTP/1.1 "
                + status
                + b"\r\nContent-Type: "
                + content_type
                + b"\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
            )
            writer.write(body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port_file: str) -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=2**20)
    with open(port_file, "w") as file:
        file.write(str(server.sockets[0].getsockname()[1]))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
