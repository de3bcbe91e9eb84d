"""The unit tests on every supported Python: `make test-pythons` (part of `make test`).

    .venv/bin/nox                    # every version, one session each: unit-3.11, unit-3.12, ...
    .venv/bin/nox --python 3.12      # one of them

Each session installs the project with its `dev` extra (editable, as `make venv` does) into a venv
of its own under .nox/ (kept between runs; `make clean` removes it) and runs the tests that need
no server: tests/unit, tests/test_generated.py and tests/test_contract.py. The integration tests
run once, on the client's venv (`make test`).

An interpreter that cannot be found fails its session, naming the version: a run never passes by
skipping one, and nothing is downloaded. Interpreters are looked up on PATH (python3.12...), then
among pyenv's installed versions (its shims answer only for the versions pyenv selects).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13"]  # keep in step with pyproject.toml's classifiers and CI
UNIT_TESTS = ["tests/unit", "tests/test_generated.py", "tests/test_contract.py"]

nox.options.sessions = ["unit"]
nox.options.error_on_missing_interpreters = True  # never a silent skip
nox.options.download_python = "never"  # a missing interpreter is an error, not a download
nox.options.reuse_venv = "yes"


def runs(command: str) -> bool:
    """Whether `command` is on PATH and starts (a pyenv shim of a version pyenv does not select
    is on PATH, and fails)."""
    found = shutil.which(command)
    return bool(found) and subprocess.run([found, "-c", ""], capture_output=True).returncode == 0


def add_pyenv_interpreters() -> None:
    """Put on PATH, first, the bin folder of pyenv's newest installed release of each of PYTHONS
    whose `python3.X` PATH does not give (pyenv need not be on PATH, nor select it)."""
    versions = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    folders = []
    for minor in PYTHONS:
        if runs(f"python{minor}") or not versions.is_dir():
            continue
        releases = [
            path
            for path in versions.iterdir()
            if re.fullmatch(rf"{re.escape(minor)}\.\d+", path.name)
            and (path / "bin" / f"python{minor}").exists()
        ]
        if releases:
            newest = max(releases, key=lambda path: int(path.name.rsplit(".", 1)[1]))
            folders.append(str(newest / "bin"))
    if folders:
        os.environ["PATH"] = os.pathsep.join([*folders, os.environ.get("PATH", "")])


add_pyenv_interpreters()


@nox.session(python=PYTHONS)
def unit(session: nox.Session) -> None:
    """The tests that need no server, on this Python."""
    session.install("--editable", ".[dev]")
    session.run("python", "-m", "pytest", *UNIT_TESTS, *session.posargs)
