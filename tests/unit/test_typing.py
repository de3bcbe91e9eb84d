"""Entry points are visible to type checkers (and so to IDE completion): mypy proves it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def mypy(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *map(str, files)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip


def test_entry_point_types_check(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from bemserver_api_client import BEMServerApiClient\n"
        "def f(client: BEMServerApiClient) -> None:\n"
        "    client.sitez.getall()\n"
        "    client.energies.create({})\n"
        "    client.sites.getall(nme='x')\n"
    )
    assert mypy(ROOT / "tests" / "typecheck" / "entry_points.py").returncode == 0
    result = mypy(wrong)
    assert result.returncode == 1
    assert '"BEMServerApiClient" has no attribute "sitez"' in result.stdout
    assert '"EnergiesResources" has no attribute "create"' in result.stdout
    # Undeclared query arguments are sent at run time (upstream does), refused by type checkers.
    assert 'Argument "nme" to "getall" of "SitesResources" has incompatible type' in result.stdout
