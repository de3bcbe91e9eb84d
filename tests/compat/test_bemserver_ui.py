"""The official web UI, bemserver-ui 0.10.0 (written for the upstream client), runs on ours.

tools/ui_crawl.py does the work in the UI's own venv, `.venv-ui` (the UI pins Flask and friends, which
must stay out of the client's venv; `make test` builds it): it seeds data through this client,
signs in, requests every GET route, submits the forms, calls the JSON actions, checks error
paths. These tests run it against the session's servers and fail with each failure's traceback.

JWT gets the full crawl. HTTP Basic gets the paths where the authentication method matters: the
rest is the same client code, and the server hashes the password on every Basic call (~150 ms),
which makes a full crawl take minutes instead of seconds (BEMSERVER_UI_CRAWL_BASIC=full runs it).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
UI_PYTHON = ROOT / ".venv-ui" / "bin" / "python"
CRAWLER = "tools.ui_crawl"  # run with -m from the root (the UI's venv imports it from there)
NOISE = ("/flask/", "/werkzeug/", "/threading.py", "ui_crawl.py")  # frames left out of excerpts

pytestmark = [
    pytest.mark.integration,
    pytest.mark.api_versions(">=0.26"),  # what the UI's client supports (its /tasks/ routes)
    pytest.mark.skipif(
        not UI_PYTHON.exists(),
        reason="no .venv-ui (the UI's own venv): run `make .venv-ui/.installed`",
    ),
]


def crawl(server, auth: str, scope: str, tmp_path: Path, *options: str) -> None:
    report = tmp_path / f"ui-{auth}-{scope}.json"
    # The server's URL and admin, and its CA in SSL_CERT_FILE: the UI builds its clients itself
    # (no verify= to give), as a deployment behind a private CA would.
    env = {**os.environ, **server.env()}
    command = [UI_PYTHON, "-m", CRAWLER, "--auth", auth, "--scope", scope, "--report", report]
    done = subprocess.run(
        [str(part) for part in [*command, *options]],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,  # a full HTTP Basic crawl takes 3 to 5 minutes; JWT about 20 s
    )
    sys.stdout.write(done.stdout)  # the summary, shown with -s or on failure
    if not report.exists():
        pytest.fail(f"the crawler wrote no report (exit {done.returncode}):\n{done.stderr}")
    failures = json.loads(report.read_text())["failures"]
    assert done.returncode == 0 and not failures, describe(done.stdout, failures, report)


def describe(summary: str, failures: list[dict], report: Path) -> str:
    lines = [summary.strip(), f"(report: {report})"]
    for failure in failures:
        if failure["traceback"]:
            where = f"{failure['kind']} {failure['name']}: {failure['method']} {failure['url']}"
            lines += ["", f"--- {where}", *excerpt(failure["traceback"])]
    return "\n".join(lines)


def excerpt(traceback: str, most: int = 40) -> list[str]:
    """A traceback without Flask's, Werkzeug's and the crawler's frames: the UI's and ours."""
    kept, skipping = [], False
    for line in traceback.rstrip().splitlines():
        if line.startswith('  File "'):
            skipping = any(part in line for part in NOISE)
        elif not line.startswith("    "):
            skipping = False
        if not skipping:
            kept.append(line)
    return kept[-most:]


@pytest.mark.parametrize("auth", ["jwt", "http_basic"])
def test_ui_runs_on_this_client(server, auth, tmp_path):
    full = auth == "jwt" or os.environ.get("BEMSERVER_UI_CRAWL_BASIC") == "full"
    crawl(server, auth, "full" if full else "auth", tmp_path)


def test_ui_keeps_refreshed_tokens_in_its_session(short_token_server, tmp_path):
    # Tokens live 2 seconds there: the UI's after_refresh_tokens_callback stores the new pair.
    crawl(short_token_server, "jwt", "refresh", tmp_path, "--wait", "3")
