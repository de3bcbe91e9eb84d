"""mkdocs hooks (mkdocs.yml `hooks:`): the site's pages read on GitHub and in the built site alike.

A page under docs/ may link a file of the repository outside docs/ (a source file, an example,
bench/RESULTS.md): on GitHub the relative link opens it; the built site does not hold it, so
the link is shown there as the file's path in the repository, in code. Only links to files that
exist are rewritten: a broken link is left as it is and fails the strict build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?\)")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    docs = Path(config["docs_dir"]).resolve()
    root = Path(config["config_file_path"]).resolve().parent
    folder = Path(page.file.abs_src_path).resolve().parent

    def rewrite(found: re.Match[str]) -> str:
        target = found["target"]
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return found[0]  # https:, mailto:, absolute
        resolved = (folder / target).resolve()
        if resolved.is_relative_to(docs) or not resolved.is_relative_to(root):
            return found[0]  # a page of the site (mkdocs checks it), or outside: left to fail
        if not resolved.exists():
            return found[0]
        path = resolved.relative_to(root).as_posix()
        text = found["text"]
        if text.startswith("`"):
            return f"`{path}`"  # a path shown as code: the whole path
        return f"{text} (`{path}`)"

    return LINK.sub(rewrite, markdown)
