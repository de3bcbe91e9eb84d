"""The generated package: pinned document, lazy models that hide nothing, cheap package import."""

import hashlib
import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import _bemserver_api
from _bemserver_api import _spec, models

ROOT = Path(__file__).resolve().parent.parent
BUILD_PYTHON = ROOT / ".venv-build" / "bin" / "python"


def run_python(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "BEMSERVER_API_CLIENT_EAGER"}
    return subprocess.check_output([sys.executable, "-c", code], text=True, env=env).strip()


def test_spec_files_match_their_recorded_sha256():
    manifest = json.loads((ROOT / "spec" / "manifest.json").read_text())
    assert manifest, "spec/manifest.json lists no document"
    for version, entry in manifest.items():
        raw = (ROOT / "spec" / entry["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], entry["file"]
        assert json.loads(raw)["info"]["version"] == version


def test_generated_package_records_every_document():
    manifest = json.loads((ROOT / "spec" / "manifest.json").read_text())
    versions = sorted(manifest, key=lambda v: tuple(map(int, v.split("."))))
    assert _spec.API_VERSION == versions[-1]
    assert _spec.SPEC_SHA256 == manifest[versions[-1]]["sha256"]
    assert _spec.DOCUMENT_VERSIONS == tuple(versions)
    assert _spec.DOCUMENT_SHA256 == {v: manifest[v]["sha256"] for v in versions}
    assert _spec.NON_EXPLODED_QUERY_PARAMETERS == {"sort"}


def test_importing_the_client_package_loads_no_generated_model():
    loaded = run_python(
        "import sys, bemserver_api_client;"
        "print(sorted(m for m in sys.modules if m.startswith('_bemserver_api')))"
    )
    assert loaded == "[]"


def test_an_entry_point_loads_its_own_module_only():
    """The entry points are declared by the clients; each one's module loads on its first use."""
    loaded = run_python(
        "import sys, bemserver_api_client;"
        "print(sorted(m for m in sys.modules if '._generated' in m));"
        "from bemserver_api_client import AsyncBEMServerApiClient, BEMServerApiClient;"
        "BEMServerApiClient('http://x').sites; AsyncBEMServerApiClient('http://x').sites;"
        "print(sorted(m for m in sys.modules if '._generated' in m))"
    )
    package = "bemserver_api_client._generated"
    assert loaded.splitlines() == [
        "[]",
        str([package, f"{package}.entry_points", f"{package}.entry_points.sites"]),
    ]


def test_importing_one_endpoint_loads_only_the_models_it_uses():
    loaded = run_python(
        "import sys; import _bemserver_api.api.site.get_sites;"
        "print(sorted(m for m in sys.modules if m.startswith('_bemserver_api.models.')))"
    )
    assert loaded == str(
        sorted(f"_bemserver_api.models.{name}" for name in ("error", "get_sites_sort_item", "site"))
    )


def test_every_generated_module_imports():
    names = [
        info.name for info in pkgutil.walk_packages(_bemserver_api.__path__, "_bemserver_api.")
    ]
    for name in names:
        importlib.import_module(name)
    assert sum(".api." in name and not name.endswith("__init__") for name in names) >= 250


def test_lazy_models_namespace_hides_nothing():
    model_files = model_modules()
    referenced = set()
    for name in models.__all__:
        module = models._MODULES[name]
        assert getattr(models, name) is getattr(
            importlib.import_module(f"_bemserver_api.models.{module}"), name
        )
        referenced.add(module)
    # Every model module is exported, and every export resolves to its own module.
    assert referenced == model_files
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(AttributeError):
        models.NoSuchModel


def model_modules() -> set[str]:
    folder = Path(models.__file__).parent
    return {path.stem for path in folder.glob("*.py") if path.name != "__init__.py"}


def test_eager_switch_imports_every_model():
    loaded = subprocess.check_output(
        [sys.executable, "-c",
         "import sys, _bemserver_api.models;"
         "print(*sorted(m for m in sys.modules if m.startswith('_bemserver_api.models.')))"],
        text=True, env={**os.environ, "BEMSERVER_API_CLIENT_EAGER": "1"},
    ).split()  # fmt: skip
    assert set(loaded) == {f"_bemserver_api.models.{stem}" for stem in model_modules()}


# The folders `make generate` writes whole (generator/generate.py OWNED).
OWNED = (
    "generated/_bemserver_api",
    "overlay/bemserver_api_client/_generated",
    "docs/reference/entry-points",
)
needs_build_venv = pytest.mark.skipif(
    not BUILD_PYTHON.exists(), reason="no build venv (make build-venv)"
)


def copy_owned(root: Path) -> Path:
    """The generator-owned folders copied under `root` at their paths in the checkout."""
    for folder in OWNED:
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def check_generated(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BUILD_PYTHON, ROOT / "generator" / "generate.py", "--check", "--root", root],
        capture_output=True, text=True,
    )  # fmt: skip


def test_every_generated_file_names_the_command_that_makes_it():
    header = "File generated by `make generate` (generator/generate.py) from "
    for folder in OWNED:
        for path in (ROOT / folder).rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            first = path.read_text().partition("\n")[0]
            if path.name == "py.typed":
                assert first == "", path  # the empty PEP 561 marker (see .gitattributes)
            elif path.suffix == ".py":
                assert first.startswith(f"# {header}") and first.endswith(": DO NOT EDIT."), path
            else:
                assert path.suffix == ".md", path
                assert first.startswith(f"<!-- {header}") and first.endswith("DO NOT EDIT. -->")


@needs_build_venv
def test_check_generated_fails_on_a_hand_edited_line(tmp_path):
    copy_owned(tmp_path)
    edited = tmp_path / "generated" / "_bemserver_api" / "api" / "site" / "get_sites.py"
    edited.write_text(edited.read_text().replace('"url": "/sites/"', '"url": "/sitez/"'))
    result = check_generated(tmp_path)
    assert result.returncode == 1
    assert '-        "url": "/sitez/",' in result.stdout
    assert "stale or was edited by hand" in result.stderr
    assert "generated/_bemserver_api/api/site/get_sites.py: is stale" in result.stderr


@needs_build_venv
@pytest.mark.parametrize(
    ("edited", "old", "new"),
    [
        (
            "overlay/bemserver_api_client/_generated/entry_points/sites.py",
            '"site.get_sites"',
            '"site.get_sitez"',
        ),
        ("docs/reference/entry-points/sites.md", "`GET /sites/`", "`GET /sitez/`"),
    ],
)
def test_check_generated_fails_on_a_hand_edit_in_the_rendered_folders(tmp_path, edited, old, new):
    path = copy_owned(tmp_path) / edited
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    result = check_generated(tmp_path)
    assert result.returncode == 1
    assert f"{edited}: is stale or was edited by hand" in result.stderr
    assert new in result.stdout  # the diff shows the hand edit


@needs_build_venv
def test_check_generated_fails_on_a_file_left_in_or_missing_from_an_owned_folder(tmp_path):
    copy_owned(tmp_path)
    (tmp_path / OWNED[1] / "entry_points" / "mine.py").write_text("")  # empty: no diff lines
    (tmp_path / OWNED[2] / "notes.md").write_text("hand-written\n")
    (tmp_path / OWNED[2] / "index.md").unlink()
    result = check_generated(tmp_path)
    assert result.returncode == 1
    assert f"{OWNED[1]}/entry_points/mine.py: not generated" in result.stderr
    assert f"{OWNED[2]}/notes.md: not generated" in result.stderr
    assert f"{OWNED[2]}/index.md: missing" in result.stderr
    assert "3 file(s) of the generator-owned folders" in result.stderr
