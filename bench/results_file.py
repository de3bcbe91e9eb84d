"""bench/RESULTS.md is shared by the bench scripts: each writes only its own section.

    from results_file import write_section
    write_section("bench/run.py", "## Clients side by side\\n\\n...")

A section lies between `<!-- begin NAME -->` and `<!-- end NAME -->` (or, as bench/dataframes.py
writes, `<!-- NAME: start -->` and `<!-- NAME: end -->`). Writing one section replaces it in
place, or adds it, and keeps every other section and its place. Text outside any section is
the file's title, or the output of run.py from before sections (a table with no markers): that
is dropped when run.py first writes its section.
"""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TITLE = (
    "# Benchmark results\n\n"
    "Each section is written by the script it names, between its markers; a script rewrites"
    " its own section and keeps the others.\n"
)
SECTION = re.compile(
    r"<!-- begin (?P<a>\S+) -->\n.*?<!-- end (?P=a) -->\n?"
    r"|<!-- (?P<b>\S+): start -->.*?<!-- (?P=b): end -->\n?",
    re.DOTALL,
)


def sections(text: str) -> dict[str, str]:
    """The sections of a RESULTS.md text by name, markers included, in file order."""
    return {match["a"] or match["b"]: match[0] for match in SECTION.finditer(text)}


def write_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or add) section `name` of `path` with `body`; keep every other section."""
    block = f"<!-- begin {name} -->\n{body.rstrip()}\n<!-- end {name} -->\n"
    text = path.read_text() if path.exists() else ""
    found = sections(text)
    if name in found:
        text = text.replace(found[name], block)
    else:  # the title, this section first, then the others (unmarked old output is dropped)
        others = [section.rstrip("\n") + "\n" for section in found.values()]
        text = "\n".join([TITLE, block, *others])
    staging = path.with_name(path.name + ".tmp")
    staging.write_text(text)
    staging.replace(path)  # whole or not at all


def read_section(name: str, path: Path = RESULTS) -> str:
    """Section `name` of `path` ("" if none), markers included."""
    return sections(path.read_text()).get(name, "") if path.exists() else ""
