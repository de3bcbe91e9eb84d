"""Server versions: which API document describes a server, and which servers have an operation.

Pure functions of the document versions in spec/ (oldest first) and the oldest version served
(resources/table.py), so that the client and generator/render_entry_points.py (which loads this
file by path) make the same decision. A document describes its own minor series and the minor
series since the previous document: with documents 0.25.0 and 0.27.0 and the oldest version
0.24.0, 0.25.0 describes servers [0.24.0, 0.26.0) and 0.27.0 describes [0.26.0, 0.28.0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

Version = tuple[int, int, int]


def parse_version(text: str) -> Version | None:
    """(major, minor, patch) from "0.27.0" (a suffix such as ".dev1" or "rc1" is ignored)."""
    match = re.match(r"\s*(\d+)\.(\d+)\.(\d+)", str(text))
    if not match:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def show(version: Version) -> str:
    return ".".join(map(str, version))


def next_minor(version: Version) -> Version:
    return version[0], version[1] + 1, 0


def document_ranges(documents: Sequence[str], oldest: str) -> dict[str, tuple[Version, Version]]:
    """Each document version -> the [low, high) range of the servers it describes."""
    ranges: dict[str, tuple[Version, Version]] = {}
    low = _parse(oldest)
    for document in documents:
        high = next_minor(_parse(document))
        ranges[document] = (low, high)
        low = high
    return ranges


def supported_range(documents: Sequence[str], oldest: str) -> tuple[Version, Version]:
    """[oldest, the minor after the newest document)."""
    return _parse(oldest), next_minor(_parse(documents[-1]))


def document_for(version: Version, documents: Sequence[str], oldest: str) -> str | None:
    """The document that describes a server of `version`, or None outside the supported range."""
    for document, (low, high) in document_ranges(documents, oldest).items():
        if low <= version < high:
            return document
    return None


def describe(having: Iterable[str], documents: Sequence[str], oldest: str) -> str:
    """The server versions the documents `having` describe, for people: "0.24.0 to 0.25.x"."""
    ranges = document_ranges(documents, oldest)
    spans: list[list[Version]] = []
    for document in sorted(having, key=_parse):
        low, high = ranges[document]
        if spans and spans[-1][1] == low:
            spans[-1][1] = high
        else:
            spans.append([low, high])
    return ", ".join(f"{show(low)} to {high[0]}.{high[1] - 1}.x" for low, high in spans)


def _parse(text: str) -> Version:
    version = parse_version(text)
    if version is None:
        raise ValueError(f"not a version: {text!r}")
    return version
