"""Render the entry points from the entry-point table (resources/table.py), for generate.py.

`render`: the files of overlay/bemserver_api_client/_generated/: for each entry point, a module
(`entry_points/sites.py`) with its class for each client, whose common functions carry the
typed signature of the generated operation they call (query arguments, body and response types,
read from the generated sources); and `entry_points/__init__.py` with `EntryPoints` and
`AsyncEntryPoints`, the clients' declared attributes. `render_docs`: the pages of
docs/reference/entry-points/. Reads sources only (imports nothing generated).
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "overlay" / "bemserver_api_client" / "resources" / "table.py"
SKIPPED = {"client", "if_none_match", "if_match", "body"}
UNDECLARED = (
    "other keywords are sent as given, with an UndeclaredArgumentWarning "
    "(type checkers refuse them)"
)


VERSIONS_MODULE = ROOT / "overlay" / "bemserver_api_client" / "_versions.py"


def load_module(name: str, path: Path) -> Any:
    """A module of the overlay loaded by path (they import nothing of the package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_table() -> tuple[dict[str, tuple[str, str, str, str]], dict[str, tuple[str, ...]]]:
    module = load_module("table", TABLE)
    return module.ENTRY_POINTS, module.COMMON_FUNCTIONS


def generated_versions(package: Path) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The document versions (oldest first) and the operations only some of them have."""

    def literal(path: Path, name: str) -> Any:
        for node in ast.parse(path.read_text()).body:
            target = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(node, ast.Assign):
                target = node.targets[0]
            if isinstance(target, ast.Name) and target.id == name:
                return ast.literal_eval(node.value)  # type: ignore[arg-type]
        raise SystemExit(f"{path}: no {name}: run `make generate`")

    return (
        literal(package / "_spec.py", "DOCUMENT_VERSIONS"),
        literal(package / "_operations.py", "VERSIONS"),
    )


def module_name(method: str, path: str) -> str:
    """openapi-python-client's module name for an operation: `get_sites_item_id`."""
    return f"{method}_{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_')}"


def camel(name: str) -> str:
    """The class of an entry point: `sites` -> `SitesResources`."""
    return "".join(part.capitalize() for part in name.split("_")) + "Resources"


class Operation:
    """What the renderer needs from one generated module, read from its source."""

    def __init__(self, package: Path, row: str, tag: str, method: str, path: str) -> None:
        self.name = f"{tag}.{module_name(method, path)}"
        self.method, self.path = method.upper(), path
        source = package / "api" / tag / f"{module_name(method, path)}.py"
        if not source.exists():
            versions = ", ".join(generated_versions(package)[0])
            raise SystemExit(
                f"resources/table.py row {row!r}: no {self.method} {path} (tag folder {tag!r}) in "
                f"the documents of spec/ ({versions}): fix the row, or fetch the document that "
                "has it (make spec)"
            )
        tree = ast.parse(source.read_text())
        self.imports: dict[str, str] = {}
        for node in tree.body:
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("models.")
            ):
                for alias in node.names:
                    self.imports[alias.name] = f"_bemserver_api.{node.module}"
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        get_kwargs = functions["_get_kwargs"]
        # (name, annotation, default): required arguments (no default) stay required.
        self.query: list[tuple[str, str, str]] = [
            (
                arg.arg.rstrip("_"),
                widen(arg.annotation, default is not None, arg.arg.rstrip("_")),
                "" if default is None else " = None",
            )
            for arg, default in zip(
                get_kwargs.args.kwonlyargs, get_kwargs.args.kw_defaults, strict=True
            )
            if arg.arg not in SKIPPED and arg.annotation is not None
        ]
        self.body = next(
            (
                ast.unparse(arg.annotation)
                for arg in get_kwargs.args.kwonlyargs
                if arg.arg == "body" and arg.annotation
            ),
            None,
        )
        parsed = functions["_parse_response"].returns
        members = [m for m in union_members(parsed) if ast.unparse(m) not in ("Any", "Error")]
        self.returns = " | ".join(ast.unparse(m) for m in members) or "None"
        docstring = ast.get_docstring(functions["sync_detailed"]) or ""
        self.summary = docstring.strip().split("\n")[0].strip() or f"{self.method} {path}"

    def names(self) -> set[str]:
        """Model names its rendered signature uses."""
        text = " ".join([self.body or "", self.returns, *(a for _, a, _ in self.query)])
        return {
            name
            for name in self.imports
            if name in text.replace("[", " ").replace("]", " ").replace("|", " ").split()
        }


def union_members(node: ast.expr | None) -> list[ast.expr]:
    if node is None:
        return []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return union_members(node.left) + union_members(node.right)
    return [node]


# Query parameters that are JSON objects in the query string (marked by patches.py): the overlay
# serialises a dict into them. Filled by render() from the document.
JSON_QUERY: set[str] = set()


def widen(annotation: ast.expr, optional: bool, name: str = "") -> str:
    """The user-facing type: Unset -> None; datetimes and dates also as ISO strings; a dict for
    a JSON query parameter."""
    members = ["Mapping[str, str]"] if name in JSON_QUERY else []
    for member in union_members(annotation):
        text = ast.unparse(member)
        if text == "Unset":
            continue
        members.append(text)
        if text in ("datetime.datetime", "datetime.date"):
            members.append("str")
    return " | ".join([*dict.fromkeys(members), *(["None"] if optional else [])])


def render_class(
    name: str,
    row: tuple[str, str, str, str],
    functions: tuple[str, ...],
    package: Path,
    put_drops: dict[str, list[str]],
    flavour: str = "",
) -> tuple[str, set[tuple[str, str]]]:
    """The class of one entry point; flavour "Async" for the async client (awaited calls)."""
    path, tag, _, special = row
    base = flavour + (special or "Resources")
    define, wait = ("async def", "await ") if flavour else ("def", "")
    lines = [
        f"class {flavour}{camel(name)}({base}):",
        f'    """`client.{name}`: {path} ({", ".join(functions) or "specials"})."""',
        "",
    ]
    imports: set[tuple[str, str]] = set()

    def use(operation: Operation) -> None:
        imports.update((operation.imports[n], n) for n in operation.names())

    def listing(function: str, op: Operation) -> list[str]:
        use(op)
        params = "".join(f", {arg}: {annotation}{default}" for arg, annotation, default in op.query)
        passed = "".join(f", {arg}={arg}" for arg, _, _ in op.query)
        return [
            f"    {define} {function}(self, *, etag: str | None = None{params}, **undeclared: Never) -> Response[{op.returns}]:",
            f'        """{op.summary}. Query arguments left None are not sent; {UNDECLARED}."""',
            f'        return {wait}self._call("{op.name}", etag=etag{passed}, undeclared=undeclared)',
            "",
        ]

    if "getall" in functions:
        op = Operation(package, name, tag, "get", path)
        lines += listing("getall", op)
        if any(arg == "page" for arg, _, _ in op.query):
            filters = [q for q in op.query if q[0] not in ("page", "page_size")]
            params = "".join(
                f", {arg}: {annotation}{default}" for arg, annotation, default in filters
            )
            passed = "".join(f", {arg}={arg}" for arg, _, _ in filters)
            lines += [
                f"    def iter_all(self, *, page_size: int = 100{params}) -> {flavour}Iterator[dict[str, Any]]:",
                f'        """{op.summary}: every item of every page (as `.data` items), page by page."""',
                f'        return self._pages("{op.name}", page_size=page_size{passed})',
                "",
            ]
    if "getone" in functions:
        op = Operation(package, name, tag, "get", path + "{item_id}")
        use(op)
        lines += [
            f"    {define} getone(self, id: int, *, etag: str | None = None) -> Response[{op.returns}]:",
            f'        """{op.summary}."""',
            f'        return {wait}self._call("{op.name}", id, etag=etag)',
            "",
        ]
    if "create" in functions:
        op = Operation(package, name, tag, "post", path)
        use(op)
        lines += [
            f"    {define} create(self, payload: {op.body} | Mapping[str, Any]) -> Response[{op.returns}]:",
            f'        """{op.summary}: a dict or a `{op.body}`."""',
            f'        return {wait}self._call("{op.name}", body=payload)',
            "",
        ]
    if "update" in functions:
        op = Operation(package, name, tag, "put", path + "{item_id}")
        use(op)
        item = Operation(package, name, tag, "get", path + "{item_id}")  # getone's model
        use(item)
        drops = put_drops[op.name]
        lines += [
            f"    {define} update(self, id: int, payload: {op.body} | {item.returns} | Mapping[str, Any], *, etag: str | None = None) -> Response[{op.returns}]:",
            f'        """{op.summary}. PUT replaces the whole record: fields left out become null.',
            "",
            f"        Pass the item's `etag` (from getone). Never sent (read-only or refused by PUT): {', '.join(drops) or 'none'}.",
            '        """',
            f'        return {wait}self._call("{op.name}", id, body=payload, etag=etag, drop_fields={tuple(drops)!r})',
            "",
        ]
    if "delete" in functions:
        op = Operation(package, name, tag, "delete", path + "{item_id}")
        lines += [
            f"    {define} delete(self, id: int, *, etag: str | None = None) -> Response[{op.returns}]:",
            f'        """{op.summary}. Pass the item\'s `etag` (from getone)."""',
            f'        return {wait}self._call("{op.name}", id, etag=etag)',
            "",
        ]
    if "get_full" in functions:
        lines += listing("get_full", Operation(package, name, tag, "get", path + "full"))
    if len(lines) == 3:
        lines.append("    pass")
    return "\n".join(lines).rstrip() + "\n", imports


def put_read_only_fields(spec: dict[str, Any]) -> dict[str, list[str]]:
    """For each path with PUT and GET: the item's fields (GET schema) that PUT does not write
    (absent from the PUT schema, or readOnly there like `id`)."""
    schemas = spec["components"]["schemas"]

    def fields(content: dict[str, Any], writable: bool = False) -> set[str]:
        ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        properties = schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
        return {
            name for name, prop in properties.items() if not (writable and prop.get("readOnly"))
        }

    return {
        path: sorted(
            fields(operations["get"]["responses"].get("200", {}).get("content", {}))
            - fields(operations["put"].get("requestBody", {}).get("content", {}), writable=True)
        )
        for path, operations in spec["paths"].items()
        if "put" in operations and "get" in operations
    }


SPECIALS = ROOT / "overlay" / "bemserver_api_client" / "resources" / "specials.py"


def annotation_names(node: ast.AST | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node else set()


def async_specials(used: set[str]) -> dict[str, tuple[str, set[str], set[str]]]:
    """`AsyncSiteActions`... for the async client: each public action of a class of specials.py
    awaited, the hand-written logic (its private helpers included) inherited, never copied.

    Class of specials.py -> (its async class, the names its annotations need: aliases of
    specials.py, enums)."""
    tree = ast.parse(SPECIALS.read_text())
    aliases = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    classes = {}
    for node in tree.body:
        if not (isinstance(node, ast.ClassDef) and node.name in used):
            continue
        names: set[str] = set()
        lines = [f"class Async{node.name}(AsyncResources, {node.name}):"]
        lines += [f'    """{node.name} for the async client: every action is awaited."""', ""]
        for function in node.body:
            if not isinstance(function, ast.FunctionDef) or function.name.startswith("_"):
                continue
            args = function.args
            names |= annotation_names(args) | annotation_names(function.returns)
            returns = ast.unparse(function.returns) if function.returns else "Any"
            positional = [a.arg for a in args.args[1:]]
            keywords = [f"{a.arg}={a.arg}" for a in args.kwonlyargs]
            passed = ", ".join(["self", *positional, *keywords])
            if args.kwarg:
                passed += f", **{args.kwarg.arg}"
            awaited = returns.startswith("Response")
            define = "async def" if awaited else "def"
            lines.append(f"    {define} {function.name}({ast.unparse(args)}) -> {returns}:")
            docstring = ast.get_docstring(function)
            if docstring:
                text = docstring.replace(chr(10), chr(10) + " " * 8)
                lines.append(f'        """{text}"""')
            call = f"{node.name}.{function.name}({passed})"
            if awaited:  # on an async resource, the sync action returns what _call awaits
                call = f'await cast("Awaitable[{returns}]", {call})'
            lines.append(f"        return {call}")
            lines.append("")
        classes[node.name] = (
            chr(10).join(lines).rstrip() + chr(10),
            names & aliases,
            names - aliases,
        )
    return classes


# The generator-owned subpackage of the client (overlay/bemserver_api_client/_generated/).
GENERATED = ROOT / "overlay" / "bemserver_api_client" / "_generated"
ENTRY_POINTS_PACKAGE = "bemserver_api_client._generated.entry_points"


def render(package: Path, spec: dict[str, Any]) -> dict[str, str]:
    """The files of `_generated/` (path relative to it -> text): `entry_points/<name>.py` with
    one entry point's classes (sync and async), and `entry_points/__init__.py` with
    `EntryPoints` and `AsyncEntryPoints`, the clients' declared attributes, which load an entry
    point's module on its first access."""
    table, common = load_table()
    JSON_QUERY.update(
        parameter["name"]
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for parameter in operation.get("parameters", [])
        if parameter.get("x-json-object")
    )
    by_path = put_read_only_fields(spec)
    put_drops = {}
    for name, (path, tag, functions, _) in table.items():
        if "update" in common[functions]:
            operation = Operation(package, name, tag, "put", path + "{item_id}")
            put_drops[operation.name] = by_path.get(path + "{item_id}", [])
    specials = async_specials({row[3] for row in table.values() if row[3]})
    enums_module = (ROOT / "overlay" / "bemserver_api_client" / "enums.py").read_text()
    special_home: dict[str, str] = {}  # class of specials.py -> the module of its async class
    files = {
        "__init__.py": '"""The generator-owned part of the client: `make generate` writes this whole package\n'
        "from resources/table.py (generator/render_entry_points.py); nothing hand-written lives "
        'here."""\n'
    }
    for name, row in table.items():
        special = row[3]
        classes, imports, aliases, enum_names = [], set(), set(), set()
        runtime = [f"from ...resources.specials import {special}"] if special else []
        if special and special not in special_home:
            special_home[special] = name
            text, aliases, enum_names = specials[special]
            classes.append(text)
        elif special:
            runtime.append(f"from .{special_home[special]} import Async{special}")
        for flavour in ("", "Async"):
            text, used = render_class(name, row, common[row[2]], package, put_drops, flavour)
            classes.append(text)
            imports |= used
        enum_names = {
            n for n in enum_names if f"class {n}(" in enums_module or f"\n{n} = " in enums_module
        }
        type_imports = (
            [f"from {module} import {model}" for module, model in sorted(imports)]
            + [f"from ...enums import {n}" for n in sorted(enum_names)]
            + [f"from ...resources.specials import {n}" for n in sorted(aliases)]
        )
        type_block = "\n".join(f"    {line}" for line in type_imports) or "    pass"
        exported = sorted(f"{flavour}{camel(name)}" for flavour in ("", "Async"))
        files[
            f"entry_points/{name}.py"
        ] = f'''"""`client.{name}` ({row[0]}): its class for `BEMServerApiClient` and for `AsyncBEMServerApiClient`."""

# The async class overrides sync methods with coroutines of the same arguments and results.
# mypy: disable-error-code="override"

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Never, cast

from ...resources.base import AsyncResources, Resources
{chr(10).join(runtime)}
from ...response import BEMServerApiClientResponse as Response

if TYPE_CHECKING:
{type_block}

__all__ = {exported!r}


{(chr(10) * 2).join(classes)}'''
    files["entry_points/__init__.py"] = entry_points_module(table)
    return files


def entry_points_module(table: dict[str, tuple[str, str, str, str]]) -> str:
    """`EntryPoints` and `AsyncEntryPoints`: one lazily loaded descriptor per entry point (type
    checkers read the classes from the TYPE_CHECKING imports), and the classes by name."""
    classes = {f"{flavour}{camel(name)}": name for name in table for flavour in ("", "Async")}
    type_imports = "\n".join(
        f"    from .{name} import Async{camel(name)}, {camel(name)}" for name in table
    )
    attributes = {
        flavour: "\n".join(
            f'    {name}: EntryPoint[{flavour}{camel(name)}] = EntryPoint(f"{{__name__}}.{name}:{flavour}{camel(name)}", "{path}")'
            for name, (path, *_) in table.items()
        )
        for flavour in ("", "Async")
    }
    modules = "\n".join(f'    "{cls}": "{name}",' for cls, name in sorted(classes.items()))
    exported = "\n".join(
        f'    "{name}",' for name in sorted(["AsyncEntryPoints", "EntryPoints", *classes])
    )
    return f'''"""The clients\' entry points, one per row of resources/table.py.

`EntryPoints` (of `BEMServerApiClient`) and `AsyncEntryPoints` (of `AsyncBEMServerApiClient`)
declare them; an entry point's classes are in the module of its name (`.sites`), imported on the
first access of that entry point. The classes are attributes of this package too (loaded on
first access, PEP 562).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ...resources.base import EntryPoint

if TYPE_CHECKING:
{type_imports}

_MODULES = {{
{modules}
}}

__all__ = [
{exported}
]


class EntryPoints:
    """The entry points of `BEMServerApiClient`, one per row of resources/table.py."""

{attributes[""]}


class AsyncEntryPoints:
    """The entry points of `AsyncBEMServerApiClient`, one per row of resources/table.py."""

{attributes["Async"]}


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
'''


def entry_point_versions(package: Path) -> dict[str, str]:
    """Entry point -> the server versions that have it, from the documents (e.g. "0.24.0 to 0.25.x")."""
    table, _ = load_table()
    oldest = load_module("table", TABLE).OLDEST_API_VERSION
    versions = load_module("versions", VERSIONS_MODULE)
    documents, partial = generated_versions(package)
    described = {}
    for name, (_, tag, _, _) in table.items():
        having = set(documents)
        for operation, operation_documents in partial.items():
            if operation.split(".")[0] == tag:
                having &= set(operation_documents)
        described[name] = versions.describe(having, documents, oldest)
    return described


def special_actions() -> dict[str, ast.ClassDef]:
    return {
        node.name: node
        for node in ast.parse(SPECIALS.read_text()).body
        if isinstance(node, ast.ClassDef)
    }


def table_markdown(package: Path) -> str:
    """The entry-point table: API path, entry point (a link to its page), functions, servers."""
    table, common = load_table()
    described = entry_point_versions(package)
    rows = [
        "| API resource | entry point | functions (CF: getall, getone, create, update, delete) | server versions |",
        "|---|---|---|---|",
    ]
    specials = {
        name: [
            f.name
            for f in node.body
            # Actions only: not upstream's path helpers (endpoint_uri_by_campaign).
            if isinstance(f, ast.FunctionDef) and not f.name.startswith(("_", "endpoint_"))
        ]
        for name, node in special_actions().items()
    }
    for name, (path, _, functions, special) in table.items():
        actions = list(common[functions]) + specials.get(special, [])
        if functions.startswith("CF-update"):
            actions = ["CF - update", *actions[4:]]
        elif functions.startswith("CF"):
            actions = ["CF", *actions[5:]]
        rows.append(
            f"| `{path}` | [`{name}`]({name}.md) | {', '.join(actions)} | {described[name]} |"
        )
    return "\n".join(rows) + "\n"


# The generator-owned reference pages (docs/reference/entry-points/).
DOCS = ROOT / "docs" / "reference" / "entry-points"
SOURCE_LINK = "../../../overlay/bemserver_api_client"  # from DOCS to the package's sources


def render_docs(package: Path) -> dict[str, str]:
    """docs/reference/entry-points/: `index.md` (the entry-point table) and one page per entry
    point with its methods, the HTTP route each sends and what it returns."""
    table, common = load_table()
    described = entry_point_versions(package)
    operations = {}
    for node in ast.parse((package / "_operations.py").read_text()).body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "OPERATIONS":
            operations = ast.literal_eval(node.value)  # type: ignore[arg-type]
    specials = special_actions()
    files = {
        "index.md": "\n".join(
            [
                "# Entry points",
                "",
                "Every entry point of `BEMServerApiClient` and `AsyncBEMServerApiClient` (the same",
                "methods, awaited), with the server versions that have it (read from the documents",
                "in `spec/`). Each entry point's page lists its methods, the HTTP route each sends",
                "and what it returns.",
                "",
                table_markdown(package),
            ]
        )
    }
    for name, (path, tag, functions, special) in table.items():
        source = f"_generated/entry_points/{name}.py"
        lines = [
            f"# `client.{name}`",
            "",
            f"`{path}`, servers {described[name]}. "
            f"`{camel(name)}` and `Async{camel(name)}` (its methods awaited), in "
            f"[`{source}`]({SOURCE_LINK}/{source})"
            + (
                f"; special actions: `{special}` in "
                f"[`resources/specials.py`]({SOURCE_LINK}/resources/specials.py)."
                if special
                else "."
            ),
            "",
            "`Response[T]` is `BEMServerApiClientResponse[T]`: `.data` is JSON, `.parsed` is `T`",
            "(models in `bemserver_api_client.models`).",
            "",
            "| method | route | returns |",
            "|---|---|---|",
        ]
        rows = {
            "getall": ("get", path),
            "getone": ("get", path + "{item_id}"),
            "create": ("post", path),
            "update": ("put", path + "{item_id}"),
            "delete": ("delete", path + "{item_id}"),
            "get_full": ("get", path + "full"),
        }
        for function in common[functions]:
            op = Operation(package, name, tag, *rows[function])
            lines.append(f"| `{function}` | `{op.method} {op.path}` | `Response[{op.returns}]` |")
            if function == "getall" and any(arg == "page" for arg, _, _ in op.query):
                lines.append(
                    f"| `iter_all` | `{op.method} {op.path}` (every page) | `Iterator[dict[str, Any]]` |"
                )
        if special:
            for function in specials[special].body:
                if not isinstance(function, ast.FunctionDef) or function.name.startswith("_"):
                    continue
                # The operations it names (or, sent by another path, names in its docstring).
                used = [
                    node.value
                    for node in ast.walk(function)
                    if isinstance(node, ast.Constant) and node.value in operations
                ] or [
                    op
                    for op in re.findall(r"`([a-z_]+\.[a-z_]+)`", ast.get_docstring(function) or "")
                    if op in operations
                ]
                route = "<br>".join(
                    f"`{operations[op][0]} {operations[op][1]}`" for op in dict.fromkeys(used)
                )
                returns = ast.unparse(function.returns) if function.returns else "Any"
                lines.append(f"| `{function.name}` | {route or 'no request'} | `{returns}` |")
        lines += ["", "[All entry points](index.md)", ""]
        files[f"{name}.md"] = "\n".join(lines)
    return files
