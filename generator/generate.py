"""Generate the private package `_bemserver_api` from the OpenAPI document in spec/.

    python generator/generate.py [--out generated] [--version 0.27.0]
    python generator/generate.py --check generated    # exit 1 with a diff if it is stale

Run with the build venv's Python (`make generate`): it holds the pinned openapi-python-client and
ruff. Steps: check the document's sha256 against spec/manifest.json, apply patches.py to a copy,
generate with --fail-on-warning, post-process (lazy models/__init__, py.typed, _spec.py), format
with ruff, then replace <out>/_bemserver_api. The output is deterministic.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import operations
import patches
import render_entry_points

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "spec"
CONFIG = Path(__file__).resolve().parent / "config.yaml"
PACKAGE = "_bemserver_api"
BIN = Path(sys.executable).parent


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def load_spec(version: str | None) -> tuple[str, dict, str]:
    """The document of `version` (default: the newest in the manifest), checked against its sha256."""
    manifest = json.loads((SPEC_DIR / "manifest.json").read_text())
    version = version or max(manifest, key=version_key)
    entry = manifest[version]
    raw = (SPEC_DIR / entry["file"]).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        sys.exit(f"spec/{entry['file']}: sha256 {digest} differs from the manifest (hand-edited?)")
    return version, json.loads(raw), digest


def run(*command: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{output}")
    return output


def lazy_models_init(models_init: Path) -> None:
    """Rewrite models/__init__.py to load each model on first access (PEP 562).

    The generated one imports all models eagerly (~250 ms). Type checkers read the TYPE_CHECKING
    imports; BEMSERVER_API_CLIENT_EAGER=1 restores eager imports (for debugging import errors).
    """
    names: dict[str, str] = {}
    for node in ast.parse(models_init.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
    imports = "\n".join(f"    from .{module} import {name}" for name, module in names.items())
    table = "\n".join(f'    "{name}": "{module}",' for name, module in names.items())
    exported = "\n".join(f'    "{name}",' for name in names)
    models_init.write_text(f'''"""Contains all the data models used in inputs/outputs (loaded on first access, PEP 562)."""

import importlib
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{imports}

_MODULES = {{
{table}
}}

__all__ = (
{exported}
)


def __getattr__(name: str) -> Any:
    try:
        module = _MODULES[name]
    except KeyError:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}") from None
    value = getattr(importlib.import_module(f".{{module}}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({{*globals(), *__all__}})


if os.environ.get("BEMSERVER_API_CLIENT_EAGER"):
    for _name in __all__:
        __getattr__(_name)
''')


def non_exploded_query_parameters(spec: dict) -> list[str]:
    """Array query parameters declared `explode: false` (sent comma-joined, e.g. `sort`)."""
    names = set()
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "query" and parameter.get("explode") is False:
                    names.add(parameter["name"])
    return sorted(names)


def spec_module(version: str, digest: str, spec: dict) -> str:
    return f'''"""Facts about the OpenAPI document this package was generated from (written by generate.py)."""

API_VERSION = "{version}"
SPEC_SHA256 = "{digest}"
NON_EXPLODED_QUERY_PARAMETERS = frozenset({non_exploded_query_parameters(spec)!r})
'''


def tree_diff(expected: Path, actual: Path) -> list[str]:
    """A unified diff of two trees (files missing on either side included), ignoring caches."""

    def files(root: Path) -> set[str]:
        return {
            str(path.relative_to(root))
            for path in root.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }

    lines: list[str] = []
    for name in sorted(files(expected) | files(actual)):
        old, new = actual / name, expected / name
        old_lines = old.read_text().splitlines(keepends=True) if old.exists() else []
        new_lines = new.read_text().splitlines(keepends=True) if new.exists() else []
        if old_lines != new_lines or old.exists() != new.exists():
            lines += difflib.unified_diff(
                old_lines, new_lines, f"{actual}/{name}", f"(regenerated)/{name}"
            )
    return lines


def build(work: Path, version: str | None) -> tuple[Path, Path, str]:
    """Generate the package and render the entry points into `work`."""
    version, spec, digest = load_spec(version)
    patched_spec = patches.apply(spec)
    patched = work / "openapi.json"
    patched.write_text(json.dumps(patched_spec, indent=2))
    package = work / PACKAGE
    log = run(
        BIN / "openapi-python-client", "generate",
        "--path", patched, "--config", CONFIG, "--meta", "none",
        "--output-path", package, "--fail-on-warning",
    )  # fmt: skip
    if "warning" in log.lower():
        sys.exit(f"openapi-python-client warned:\n{log}")
    lazy_models_init(package / "models" / "__init__.py")
    init = package / "__init__.py"
    if "from .client import AuthenticatedClient, Client" not in init.read_text():
        sys.exit(f"{init}: unexpected content, review generator/operations.py LAZY_INIT")
    init.write_text(operations.LAZY_INIT)  # importing the package must not import attrs
    joined = frozenset(non_exploded_query_parameters(spec))
    (package / "_operations.py").write_text(operations.render(package, joined))
    (package / "py.typed").write_text("")
    (package / "_spec.py").write_text(spec_module(version, digest, spec))
    entry_points = work / render_entry_points.TARGET.name
    entry_points.write_text(render_entry_points.render(package, patched_spec))
    ruff = ("--isolated", "--no-cache", "--line-length", "100", "--target-version", "py311")
    for target in (package, entry_points):
        run(
            BIN / "ruff",
            "check",
            *ruff,
            "--select",
            "F401,I",
            "--fix-only",
            "--quiet",
            target,
            cwd=work,
        )
        run(BIN / "ruff", "format", *ruff, "--quiet", target, cwd=work)
    return package, entry_points, version


def generate(out: Path, version: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        package, entry_points, version = build(Path(tmp), version)
        target = out / PACKAGE
        if target.exists():
            shutil.rmtree(target)
        out.mkdir(parents=True, exist_ok=True)
        shutil.copytree(package, target)
        shutil.copyfile(entry_points, render_entry_points.TARGET)
    readme = render_entry_points.README
    readme.write_text(render_entry_points.readme_with_table(readme.read_text()))
    print(f"generated {target} and {render_entry_points.TARGET.relative_to(ROOT)} (API {version})")


def check(out: Path, version: str | None) -> None:
    """Regenerate into a temporary folder and compare with `out` and the rendered entry points."""
    with tempfile.TemporaryDirectory() as tmp:
        package, entry_points, _ = build(Path(tmp), version)
        diff = tree_diff(package, out / PACKAGE)
        current = render_entry_points.TARGET
        rendered = entry_points.read_text()
        if not current.exists() or rendered != current.read_text():
            old = current.read_text().splitlines(keepends=True) if current.exists() else []
            diff += difflib.unified_diff(
                old, rendered.splitlines(keepends=True), str(current), "(rendered)"
            )
    if diff:
        sys.stdout.writelines(diff[:400])
        sys.exit(
            f"{out}/{PACKAGE} or _entry_points.py is stale or was edited by hand: run `make generate`"
        )
    print(f"{out}/{PACKAGE} and {render_entry_points.TARGET.name} are up to date")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    parser.add_argument("--version", help="API version in spec/manifest.json (default: newest)")
    parser.add_argument("--check", type=Path, metavar="DIR", help="compare DIR with a regeneration")
    args = parser.parse_args()
    if args.check:
        check(args.check, args.version)
    else:
        generate(args.out, args.version)


if __name__ == "__main__":
    main()
