"""The typed surface under both type checkers users run (mypy strict, basedpyright standard as in
Pylance): correct scripts pass with no cast or assert, and each mistake is reported."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TYPECHECK = ROOT / "tests" / "typecheck"
BIN = Path(sys.executable).parent


def mypy(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *map(str, files)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip


def basedpyright(*files: Path) -> subprocess.CompletedProcess:
    command = shutil.which("basedpyright", path=str(BIN)) or "basedpyright"
    return subprocess.run(
        [command, *map(str, files)], cwd=ROOT, capture_output=True, text=True
    )  # fmt: skip


CHECKERS = {
    "mypy": (mypy, re.compile(r"^[^:]+:(\d+): error")),
    "basedpyright": (basedpyright, re.compile(r"^\s*\S+?:(\d+):\d+ - error")),
}


@pytest.mark.parametrize("checker", sorted(CHECKERS))
def test_correct_scripts_check_clean(checker):
    run, _ = CHECKERS[checker]
    result = run(TYPECHECK / "correct_script.py", TYPECHECK / "entry_points.py")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("checker", sorted(CHECKERS))
def test_every_mistake_is_reported(checker):
    run, error_line = CHECKERS[checker]
    script = TYPECHECK / "mistakes.py"
    expected = {
        number
        for number, line in enumerate(script.read_text().splitlines(), start=1)
        if re.search(r"\)  # mistake: ", line)
    }
    result = run(script)
    reported = {int(m.group(1)) for m in map(error_line.match, result.stdout.splitlines()) if m}
    assert len(expected) == 8
    assert reported == expected, result.stdout


def test_ide_completion_with_jedi():
    jedi = pytest.importorskip("jedi")
    header = (
        "from bemserver_api_client import BEMServerApiClient\n"
        "import bemserver_api_client.models\n"
        'client = BEMServerApiClient("http://localhost:5000")\n'
    )
    project = jedi.Project(ROOT, added_sys_path=[ROOT / "overlay", ROOT / "generated"])

    def complete(expression: str) -> set[str]:
        script = jedi.Script(header + expression, project=project)
        return {c.name for c in script.complete(4, len(expression))}

    assert {"sites", "timeseries_data", "st_cleanup_by_campaign"} <= complete("client.")
    assert {"getall", "getone", "get_degree_days"} <= complete("client.sites.")
    assert {"name", "campaign_id", "to_dict"} <= complete("client.sites.getall().parsed[0].")
    assert {"Site", "SitePut", "UNSET"} <= complete("bemserver_api_client.models.")
