"""The contributor documentation stays true to the repository, and the repository stands alone.

- Make targets: every .PHONY target of the Makefile has a rule and is documented in
  CONTRIBUTING.md's "Make targets" table; every `make X` that CONTRIBUTING.md or README.md
  mentions is a target of the Makefile.
- Virtualenvs: every venv the Makefile (or noxfile.py) makes is documented in CONTRIBUTING.md,
  and every venv documented there is made by one of them.
- Layout: CONTRIBUTING.md's layout block names every top-level folder and file of `git
  ls-files`, and nothing else; every path it mentions exists.
- No tracked file refers to anything outside the repository: no relative link that climbs out
  of it, no Markdown file named that is not in it, no private notes folder.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = ROOT / "Makefile"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
README = ROOT / "README.md"


def tracked_files() -> list[str]:
    """The files of the index that are in the working tree (a file being removed is gone)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).exists()]


def section(text: str, title: str) -> str:
    """A `## title` section of a Markdown text, up to the next `## ` heading."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert found, f"no '## {title}' section"
    return found.group(1)


# -- make targets ----------------------------------------------------------------------------


def makefile_variables(text: str) -> dict[str, str]:
    return dict(re.findall(r"^([A-Z_]+)\s*:?=\s*(\S+)\s*$", text, re.M))


def phony_targets() -> set[str]:
    text = MAKEFILE.read_text()
    return {target for line in re.findall(r"^\.PHONY:(.*)$", text, re.M) for target in line.split()}


def rule_targets() -> set[str]:
    """Targets with a rule: `name [name...]:` at the start of a line (not `:=`, not patterns)."""
    targets = set()
    for names in re.findall(
        r"^([A-Za-z0-9_.-]+(?:[ \t]+[A-Za-z0-9_.-]+)*)[ \t]*:(?!=)", MAKEFILE.read_text(), re.M
    ):
        targets.update(names.split())
    return targets - {".PHONY"}


def documented_targets() -> set[str]:
    """The targets of CONTRIBUTING.md's "Make targets" table (first column, `make X`)."""
    table = section(CONTRIBUTING.read_text(), "Make targets")
    targets = set()
    for row in re.findall(r"^\|([^|]*)\|", table, re.M):
        targets.update(re.findall(r"`make ([a-z][a-z0-9-]*)", row))
    return targets


def test_every_phony_target_has_a_rule():
    assert phony_targets() - rule_targets() == set()


def test_every_phony_target_is_documented():
    assert phony_targets() - documented_targets() == set()


def test_every_documented_target_exists():
    mentioned = set()
    for path in (CONTRIBUTING, README):
        text = path.read_text()
        mentioned |= set(re.findall(r"`make ([a-z][a-z0-9-]*)", text))
        mentioned |= set(re.findall(r"^make ([a-z][a-z0-9-]*)", text, re.M))  # ```sh lines
    assert documented_targets() | mentioned <= rule_targets()


# -- virtualenvs -----------------------------------------------------------------------------


def made_venvs() -> set[str]:
    """The venv folders the Makefile makes (`-m venv X`, variables resolved, a %-stem as
    <version>), and .nox when noxfile.py exists."""
    text = MAKEFILE.read_text()
    variables = makefile_variables(text)
    venvs = set()
    for target in re.findall(r"-m venv (\S+)", text):
        target = re.sub(r"\$\((\w+)\)", lambda found: variables.get(found[1], found[0]), target)
        venvs.add(target.replace("$*", "<version>"))
    if (ROOT / "noxfile.py").exists():
        venvs.add(".nox")
    return venvs


def test_every_virtualenv_is_documented_and_exists():
    documented = set(
        re.findall(
            r"`(\.(?:venv|nox)[A-Za-z0-9<>_-]*)`", section(CONTRIBUTING.read_text(), "Virtualenvs")
        )
    )
    assert made_venvs() == documented


# -- layout ----------------------------------------------------------------------------------


def layout_block() -> str:
    layout = section(CONTRIBUTING.read_text(), "Layout")
    found = re.search(r"^```text\n(.*?)^```", layout, re.S | re.M)
    assert found, "CONTRIBUTING.md's Layout section has no ```text block"
    return found.group(1)


def test_the_layout_names_every_top_level_entry_and_nothing_else():
    """Every top-level folder and file of `git ls-files` is documented, and every entry
    documented exists in the tree."""
    top_level = {name.split("/")[0] + ("/" if "/" in name else "") for name in tracked_files()}
    documented = {
        line.split()[0] for line in layout_block().splitlines() if line and not line[0].isspace()
    }
    assert top_level - documented == set(), "not in CONTRIBUTING.md's layout"
    assert {name for name in documented if not (ROOT / name).exists()} == set()


def test_every_path_the_layout_mentions_exists():
    top_level = {name.split("/")[0] for name in tracked_files()}
    missing = []
    for token in re.findall(r"[A-Za-z0-9_.<>*-]+/[A-Za-z0-9_./<>*-]*", layout_block()):
        token = token.rstrip(".,:;)")
        if token.split("/")[0] not in top_level or "<" in token or "*" in token:
            continue  # not a path of the tree (e.g. "0.25/0.26"), or a pattern
        if not (ROOT / token).exists():
            missing.append(token)
    assert missing == []


def test_every_file_the_layout_names_exists_in_its_folder():
    """A file name on a folder's lines ("run.py" on bench/'s) is a file of that folder."""
    files = set(tracked_files()) | set(untracked_files())
    missing, folder = [], None
    for line in layout_block().splitlines():
        if line and not line[0].isspace():
            folder = line.split()[0]
            line = line[len(folder) :]
        if folder is None or not folder.endswith("/"):
            continue
        for name in re.findall(r"(?<![\w/.-])([\w.-]+\.(?:py|md|json|txt|yml|yaml|toml))\b", line):
            if not any(path.startswith(folder) and path.endswith("/" + name) for path in files):
                missing.append(f"{folder}: {name}")
    assert missing == []


# -- nothing outside the repository ----------------------------------------------------------

# Text files only; generated/ and spec/ are written by tools from the API documents.
SKIPPED = ("generated/", "spec/", "overlay/bemserver_api_client/_generated/")
TEXT = {".py", ".md", ".toml", ".yml", ".yaml", ".txt", ".json", ".cfg", ".ini", ""}
PRIVATE_NOTES = re.compile(r"\.\./shared|shared/notes|\bnotes/[\w.-]+\.md")
MARKDOWN_NAME = re.compile(r"(?<![\w/.-])((?:\.\.?/)*[\w.-]+(?:/[\w.-]+)*\.md)\b")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


def scanned_files() -> list[str]:
    this = str(Path(__file__).relative_to(ROOT))
    return [
        name
        for name in tracked_files()
        if not name.startswith(SKIPPED)
        and Path(name).suffix in TEXT
        and name != this
        and (ROOT / name).is_file()
    ]


def test_no_tracked_file_refers_to_private_notes():
    found = []
    for name in scanned_files():
        for number, line in enumerate((ROOT / name).read_text().splitlines(), 1):
            if PRIVATE_NOTES.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)


def prose(name: str) -> list[tuple[int, str]]:
    """The lines a reader reads: every line of a text file; of a Python file, its comments and
    docstrings (string literals are data: a test may write a file of any name)."""
    text = (ROOT / name).read_text()
    if not name.endswith(".py"):
        return list(enumerate(text.splitlines(), 1))
    lines = [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                lines += [
                    (body[0].lineno + offset, line)
                    for offset, line in enumerate(value.value.splitlines())
                ]
    return lines


def test_every_markdown_file_named_is_in_the_repository():
    """A Markdown file a comment, docstring or document names is one of the repository's
    (by its path, or by its name alone when that is unambiguous enough to find)."""
    files = set(tracked_files()) | set(untracked_files())
    basenames = {Path(name).name for name in files}
    found = []
    for name in scanned_files():
        folder = ROOT / "docs" if name == "mkdocs.yml" else (ROOT / name).parent  # docs_dir
        for number, line in prose(name):
            for mentioned in MARKDOWN_NAME.findall(line):
                if "/" not in mentioned:
                    if mentioned not in basenames:
                        found.append(f"{name}:{number}: {mentioned}")
                    continue
                resolved = (folder / mentioned).resolve()
                relative = (
                    str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else None
                )
                if relative not in files and mentioned.lstrip("./") not in files:
                    found.append(f"{name}:{number}: {mentioned}")
    assert found == [], "\n".join(found)


def untracked_files() -> list[str]:
    """New files not ignored (about to be committed, e.g. pages the generator just wrote)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [name for name in listed.split("\0") if name]


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"])
def test_relative_links_stay_in_the_repository(name):
    found = []
    for target in MARKDOWN_LINK.findall((ROOT / name).read_text()):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        resolved = (ROOT / name).parent.joinpath(target).resolve()
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            found.append(target)
    assert found == [], "\n".join(found)
