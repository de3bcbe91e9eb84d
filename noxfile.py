"""The unit tests on every supported Python: `make test-pythons` (part of `make test`).

    .venv/bin/nox                    # every version, one session each: unit-3.11, unit-3.12, ...
    .venv/bin/nox --python 3.12      # one of them

Each session installs the project with its `dev` extra (editable, as `make venv` does) into a venv
of its own under .nox/ (kept between runs; `make clean` removes it) and runs the tests that need
no server: tests/unit, tests/test_generated.py and tests/test_contract.py. The integration tests
run once, on the client's venv (`make test`).

An interpreter that cannot be found fails its session, naming the version: a run never passes by
skipping one, and nothing is downloaded. Interpreters are looked up on PATH (python3.12...) and in
pyenv, whose installed versions this file selects for its shims when pyenv is there (a shim
answers only for the versions pyenv selects).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import nox

PYTHONS = ["3.11", "3.12", "3.13"]  # keep in step with pyproject.toml's classifiers and CI
UNIT_TESTS = ["tests/unit", "tests/test_generated.py", "tests/test_contract.py"]

nox.options.sessions = ["unit"]
nox.options.error_on_missing_interpreters = True  # never a silent skip
nox.options.download_python = "never"  # a missing interpreter is an error, not a download
nox.options.reuse_venv = "yes"


def select_pyenv_versions() -> None:
    """Add pyenv's newest installed release of each of PYTHONS to PYENV_VERSION (after what is
    selected now), so that its `python3.X` shims answer for all of them."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return

    def ask(*args: str) -> str:
        done = subprocess.run([pyenv, *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    selected = [v for v in (os.environ.get("PYENV_VERSION") or ask("version-name")).split(":") if v]
    installed = ask("versions", "--bare").split()
    for minor in PYTHONS:
        if any(v == minor or v.startswith(minor + ".") for v in selected):
            continue
        releases = [v for v in installed if re.fullmatch(rf"{re.escape(minor)}\.\d+", v)]
        if releases:
            selected.append(max(releases, key=lambda v: int(v.rsplit(".", 1)[1])))
    if selected:
        os.environ["PYENV_VERSION"] = ":".join(selected)


select_pyenv_versions()


@nox.session(python=PYTHONS)
def unit(session: nox.Session) -> None:
    """The tests that need no server, on this Python."""
    session.install("--editable", ".[dev]")
    session.run("python", "-m", "pytest", *UNIT_TESTS, *session.posargs)
