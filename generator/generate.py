"""Generate the private package `_bemserver_api` from the OpenAPI documents in spec/.

    python generator/generate.py [--root DIR]           # rewrite the generator-owned folders
    python generator/generate.py --check [--root DIR]   # exit 1 with a diff if one is stale

Run with the build venv's Python (`make generate`): it holds the pinned openapi-python-client and
ruff. Steps: check each document's sha256 against spec/manifest.json, merge the documents into one
(every operation and schema of every version; the newest document's form wins where two differ),
apply patches.py, generate with --fail-on-warning, post-process (lazy models/__init__, py.typed,
_spec.py, _operations.py with the versions that have each operation), render the entry points
(render_entry_points.py), format with ruff, give every file a first-line header naming the
command that makes it, then replace each folder the generator owns (OWNED) whole:

    generated/_bemserver_api/                   the private package (openapi-python-client)
    overlay/bemserver_api_client/_generated/    the entry-point classes and the clients' EntryPoints
    docs/reference/entry-points/                the entry-point table and one page per entry point

The output is deterministic; nothing else of the checkout is written.

One package for every server version: the documents differ by whole resources (0.25's /st_*,
0.26's /tasks), never by a changed operation or schema, so one set of models serves all of them
(a `Site` is the same class on any server) and importing stays as cheap as with one document.
"""

from __future__ import annotations

import argparse
import ast
import copy
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


Document = tuple[str, dict, str]  # version, document, sha256


def load_documents() -> list[Document]:
    """Every document of spec/manifest.json, oldest first, each checked against its sha256."""
    manifest = json.loads((SPEC_DIR / "manifest.json").read_text())
    documents = []
    for version in sorted(manifest, key=version_key):
        entry = manifest[version]
        raw = (SPEC_DIR / entry["file"]).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry["sha256"]:
            sys.exit(
                f"spec/{entry['file']}: sha256 {digest} differs from the manifest (hand-edited?)"
            )
        documents.append((version, json.loads(raw), digest))
    if not documents:
        sys.exit("spec/manifest.json lists no document: run `make spec`")
    return documents


HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def merge(documents: list[Document]) -> dict:
    """One document with every path, operation, schema and tag of all of them. Where two
    documents define the same one differently, the newest wins (the client speaks the newest
    form of an operation to every server that has it) and a note says so."""
    merged = copy.deepcopy(documents[-1][1])
    newest = documents[-1][0]
    for version, document, _ in reversed(documents[:-1]):
        for path, item in document["paths"].items():
            target = merged["paths"].setdefault(path, {})
            for method, operation in item.items():
                if method not in target:
                    target[method] = copy.deepcopy(operation)
                elif target[method] != operation and method in HTTP_METHODS:
                    print(
                        f"note: {method.upper()} {path} differs in {version}: {newest}'s form is used"
                    )
        schemas = merged["components"]["schemas"]
        for name, schema in document["components"]["schemas"].items():
            if name not in schemas:
                schemas[name] = copy.deepcopy(schema)
            elif schemas[name] != schema:
                print(f"note: schema {name} differs in {version}: {newest}'s form is used")
        known_tags = {tag["name"] for tag in merged.get("tags", [])}
        for tag in document.get("tags", []):
            if tag["name"] not in known_tags:
                merged.setdefault("tags", []).append(copy.deepcopy(tag))
    return merged


def operations_by_version(documents: list[Document]) -> dict[str, set[tuple[str, str]]]:
    """version -> its operations as (METHOD, path)."""
    return {
        version: {
            (method.upper(), path)
            for path, item in document["paths"].items()
            for method in item
            if method in HTTP_METHODS
        }
        for version, document, _ in documents
    }


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


UNSET_CLASS = """class Unset:
    def __bool__(self) -> Literal[False]:
        return False
"""


def readable_unset(types: Path) -> None:
    """`UNSET` (a field the server left out) shows as UNSET, not `<...Unset object at 0x...>`,
    and stays the one UNSET through pickle and deepcopy (so `to_dict()` still leaves it out)."""
    text = types.read_text()
    if UNSET_CLASS not in text:
        sys.exit(f"{types}: the Unset class changed: review readable_unset in generate.py")
    types.write_text(
        text.replace(
            UNSET_CLASS,
            UNSET_CLASS
            + """
    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"  # pickled by name: the module's one UNSET
""",
        )
    )


def non_exploded_query_parameters(spec: dict) -> list[str]:
    """Array query parameters declared `explode: false` (sent comma-joined, e.g. `sort`)."""
    names = set()
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "query" and parameter.get("explode") is False:
                    names.add(parameter["name"])
    return sorted(names)


def spec_module(documents: list[Document], spec: dict) -> str:
    version, _, digest = documents[-1]
    versions = tuple(v for v, _, _ in documents)
    digests = "".join(f'    "{v}": "{d}",\n' for v, _, d in documents)
    return f'''"""Facts about the OpenAPI documents this package was generated from (written by generate.py)."""

API_VERSION = "{version}"  # the newest document
SPEC_SHA256 = "{digest}"
DOCUMENT_VERSIONS = {versions!r}  # oldest first
DOCUMENT_SHA256 = {{
{digests}}}
NON_EXPLODED_QUERY_PARAMETERS = frozenset({non_exploded_query_parameters(spec)!r})
'''


# The folders the generator owns, each written whole by `make generate` (a file in one that the
# generator does not write is an error of `make check-generated`), and what each is made from.
OWNED = {
    f"generated/{PACKAGE}": "spec/",
    "overlay/bemserver_api_client/_generated": "spec/ and bemserver_api_client/resources/",
    "docs/reference/entry-points": "spec/ and bemserver_api_client/resources/",
}
HEADER = "File generated by `make generate` (generator/generate.py) from {}: DO NOT EDIT."
# Files that stay as written (no header): the empty PEP 561 marker (see .gitattributes).
UNSTAMPED = {"py.typed"}


def stamp(folder: Path, sources: str) -> None:
    """Give every file of `folder` the header as its first line (a comment of its language)."""
    header = HEADER.format(sources)
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.name in UNSTAMPED:
            if path.read_bytes():
                sys.exit(f"{path}: expected empty (an unstamped marker file)")
            continue
        if path.suffix == ".py":
            line = f"# {header}\n"
        elif path.suffix == ".md":
            line = f"<!-- {header} -->\n"
        else:
            sys.exit(f"{path}: no header format for this kind of file: add one to stamp()")
        path.write_text(line + path.read_text())


def files(root: Path) -> set[str]:
    """The files of a tree, relative to it (caches left out)."""
    if not root.is_dir():
        return set()
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def tree_diff(expected: Path, actual: Path, label: str) -> tuple[list[str], list[str]]:
    """What differs between the regenerated tree `expected` and the tree `actual` (named
    `label`): one line per file (stale or hand-edited, missing, not generated) and a unified diff."""
    problems: list[str] = []
    lines: list[str] = []
    for name in sorted(files(expected) | files(actual)):
        old, new = actual / name, expected / name
        if not new.exists():
            problems.append(
                f"{label}/{name}: not generated, in a generator-owned folder (move it out or delete it)"
            )
        elif not old.exists():
            problems.append(f"{label}/{name}: missing")
        elif old.read_bytes() != new.read_bytes():
            problems.append(f"{label}/{name}: is stale or was edited by hand")
        else:
            continue
        old_lines = (
            old.read_text(errors="replace").splitlines(keepends=True) if old.exists() else []
        )
        new_lines = new.read_text().splitlines(keepends=True) if new.exists() else []
        lines += difflib.unified_diff(
            old_lines, new_lines, f"{label}/{name}", f"(regenerated)/{name}"
        )
    return problems, lines


def build(work: Path) -> tuple[dict[str, Path], str]:
    """Generate the package, render the entry points and their pages into `work`: each owned
    folder (OWNED) -> where it was built."""
    documents = load_documents()
    spec = merge(documents)
    patched_spec = patches.apply(copy.deepcopy(spec))
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
    readable_unset(package / "types.py")
    init = package / "__init__.py"
    if "from .client import AuthenticatedClient, Client" not in init.read_text():
        sys.exit(f"{init}: unexpected content, review generator/operations.py LAZY_INIT")
    init.write_text(operations.LAZY_INIT)  # importing the package must not import attrs
    joined = frozenset(non_exploded_query_parameters(spec))
    by_version = operations_by_version(documents)
    (package / "_operations.py").write_text(operations.render(package, joined, by_version))
    (package / "py.typed").write_text("")
    (package / "_spec.py").write_text(spec_module(documents, spec))
    built = {f"generated/{PACKAGE}": package}
    for folder, rendered in (
        ("_generated", render_entry_points.render(package, patched_spec)),
        ("entry-points", render_entry_points.render_docs(package)),
    ):
        for name, text in rendered.items():
            (work / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (work / folder / name).write_text(text)
    built["overlay/bemserver_api_client/_generated"] = work / "_generated"
    built["docs/reference/entry-points"] = work / "entry-points"
    ruff = ("--isolated", "--no-cache", "--line-length", "100", "--target-version", "py311")
    for target in (package, work / "_generated"):
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
    for folder, path in built.items():
        stamp(path, OWNED[folder])
    return built, ", ".join(by_version)


def generate(root: Path) -> None:
    """Replace each generator-owned folder under `root` by its regeneration."""
    with tempfile.TemporaryDirectory() as tmp:
        built, versions = build(Path(tmp))
        for folder, path in built.items():
            target = root / folder
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(path, target)
    print(f"generated {', '.join(f'{folder}/' for folder in OWNED)} (API {versions})")


def check(root: Path) -> None:
    """Regenerate into a temporary folder and compare each generator-owned folder under `root`."""
    problems: list[str] = []
    diff: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        built, _ = build(Path(tmp))
        for folder, path in built.items():
            found, lines = tree_diff(path, root / folder, folder)
            problems += found
            diff += lines
    if problems:
        sys.stdout.writelines(diff[:400])
        sys.exit(
            "\n".join(problems[:50])
            + ("\n..." if len(problems) > 50 else "")
            + f"\n{len(problems)} file(s) of the generator-owned folders "
            f"({', '.join(OWNED)}) are stale or were edited by hand: run `make generate` "
            "(it rewrites these folders whole; keep hand-written files out of them)"
        )
    print(f"{', '.join(f'{folder}/' for folder in OWNED)} are up to date")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="where the generator-owned folders are (default: this checkout)",
    )
    parser.add_argument(
        "--check", action="store_true", help="compare them with a regeneration, write nothing"
    )
    args = parser.parse_args()
    if args.check:
        check(args.root)
    else:
        generate(args.root)


if __name__ == "__main__":
    main()
