"""The servers the bench talks to: the canned loopback server (bench/canned_server.py, its own
process) and what it needs of the real local BEMServer (tools/server/harness.py): its data, its
processes' CPU time, its gunicorn command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.measure import CLIENTS, ROOT, SERVER_CPUS, pin
from tools.server.harness import LocalServer


def start_canned() -> tuple[subprocess.Popen, str]:
    port_file = Path(tempfile.mkdtemp()) / "port"
    process = subprocess.Popen([sys.executable, ROOT / "bench" / "canned_server.py", port_file])
    pin(process.pid, SERVER_CPUS)
    while not port_file.exists() or not port_file.read_text():
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port_file.read_text()}"


def post_json(url: str, body: dict, token: str | None = None) -> dict:
    headers = {
        "Content-Type": "application/json",
        **({"Authorization": f"Bearer {token}"} if token else {}),
    }
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read() or b"null")


def prepare_real(server: LocalServer) -> tuple[str, dict[str, list[int]]]:
    """A token, a site (for GET /sites/1) and 10 timeseries per client on the real server (each
    client uploads into its own)."""
    token = post_json(
        f"{server.url}/auth/token", {"email": server.email, "password": server.password}
    )["access_token"]
    campaign = post_json(f"{server.url}/campaigns/", {"name": "bench", "timezone": "UTC"}, token)[
        "id"
    ]
    scope = post_json(
        f"{server.url}/campaign_scopes/", {"name": "bench", "campaign_id": campaign}, token
    )["id"]
    post_json(f"{server.url}/sites/", {"name": "Site 1", "campaign_id": campaign}, token)
    ids = {
        client: [
            post_json(
                f"{server.url}/timeseries/",
                {"name": f"{client} {i}", "campaign_id": campaign, "campaign_scope_id": scope},
                token,
            )["id"]
            for i in range(10)
        ]
        for client in CLIENTS
    }
    return token, ids


def group_cpu(pgids: list[int]) -> float:
    """CPU seconds used so far by the processes of these process groups and their descendants
    (each PostgreSQL backend starts a session of its own: counting by group alone misses
    them), reaped children included: the server's own cost, whatever else runs on the machine."""
    processes: dict[int, tuple[int, int, int]] = {}  # pid -> (parent, group, CPU ticks)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        processes[int(entry)] = (int(fields[1]), int(fields[2]), ticks)

    def counted(pid: int) -> bool:
        while pid in processes:
            parent, group, _ = processes[pid]
            if group in pgids:
                return True
            pid = parent
        return False

    total = sum(ticks for pid, (_, _, ticks) in processes.items() if counted(pid))
    return total / os.sysconf("SC_CLK_TCK")


def gunicorn_command(server: LocalServer) -> str:
    try:
        with open(f"/proc/{server.pgids['gunicorn']}/cmdline", "rb") as file:
            words = file.read().decode().split("\0")
    except (OSError, KeyError):
        return "?"
    start = next((i for i, w in enumerate(words) if w.endswith("gunicorn")), 0)
    return " ".join(["gunicorn", *[w for w in words[start + 1 :] if w][:-5]])
