"""Write `_bemserver_api/_operations.py`: every generated operation as plain data.

For each module under api/ (read with ast, nothing imported): method, path template, path
parameters in order, and each query parameter's Python name -> (name on the wire, kind). The
overlay builds requests from this table, so that sending a request imports neither attrs nor a
generated model; the generated module is imported only to parse `.parsed`.
"""

from __future__ import annotations

import ast
from pathlib import Path


def kind(annotation: ast.expr | None) -> str:
    """How the overlay coerces a value: datetime, date, list, string or other (and "joined",
    set by `operation`, for a list sent as one comma-joined value)."""
    text = ast.unparse(annotation) if annotation is not None else ""
    members = [member.strip() for member in text.split("|")]
    if "datetime.datetime" in members:
        return "datetime"
    if "datetime.date" in members:
        return "date"
    if any(member.startswith("list[") for member in members):
        return "list"
    if "str" in members:
        return "string"
    return "other"


def operation(
    source: Path, joined: frozenset[str]
) -> tuple[str, str, tuple[str, ...], dict[str, tuple[str, str]]]:
    tree = ast.parse(source.read_text())
    get_kwargs = next(
        n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_get_kwargs"
    )
    path_names = tuple(arg.arg for arg in get_kwargs.args.args)
    wire: dict[str, str] = {}
    method = template = ""
    for node in ast.walk(get_kwargs):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
            target = node.targets[0]
            if (
                isinstance(target.value, ast.Name)
                and target.value.id == "params"
                and isinstance(node.value, ast.Name)
            ):
                key = target.slice.value  # type: ignore[attr-defined]
                wire[node.value.id.removeprefix("json_")] = key
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "method":
                    method = value.value.upper()  # type: ignore[attr-defined]
                if isinstance(key, ast.Constant) and key.value == "url":
                    template = (
                        value.value if isinstance(value, ast.Constant) else value.func.value.value
                    )  # type: ignore[attr-defined]
    query = {}
    for arg in get_kwargs.args.kwonlyargs:
        if arg.arg in wire:
            arg_kind = kind(arg.annotation)
            if arg_kind == "list" and wire[arg.arg] in joined:
                arg_kind = "joined"  # `explode: false`: one comma-joined value (`sort`)
            query[arg.arg] = (wire[arg.arg], arg_kind)
    assert method and template, f"{source}: no method or url"
    return method, template, path_names, query


def render(
    package: Path, joined: frozenset[str], by_version: dict[str, set[tuple[str, str]]]
) -> str:
    """`joined`: the array query parameters the documents declare `explode: false`;
    `by_version`: each document's operations as (METHOD, path)."""
    entries, partial = [], []
    for source in sorted((package / "api").glob("*/*.py")):
        if source.name == "__init__.py":
            continue
        name = f"{source.parent.name}.{source.stem}"
        data = operation(source, joined)
        entries.append(f"    {name!r}: {data!r},")
        having = tuple(v for v, ops in by_version.items() if (data[0], data[1]) in ops)
        if not having:
            raise SystemExit(f"{source}: {data[0]} {data[1]} is in no document of spec/")
        if len(having) < len(by_version):
            partial.append(f"    {name!r}: {having!r},")
    return (
        '"""Every operation as data, for the overlay\'s request path (written by generator/operations.py).\n\n'
        "OPERATIONS: name -> (method, path template, path parameters, {python name: (query name, kind)})\n"
        "VERSIONS: the operations that only some documents have -> the versions of those documents\n"
        '"""\n\n'
        "OPERATIONS: dict[str, tuple[str, str, tuple[str, ...], dict[str, tuple[str, str]]]] = {\n"
        + "\n".join(entries)
        + "\n}\n\n"
        "VERSIONS: dict[str, tuple[str, ...]] = {\n" + "\n".join(partial) + "\n}\n"
    )


LAZY_INIT = '''"""A client library for accessing BEMServer API (its client classes load on first access)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import client

    return getattr(client, name)
'''
