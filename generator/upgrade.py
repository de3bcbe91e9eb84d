"""What changed between two BEMServer API OpenAPI documents: operations and component schemas.

    python generator/upgrade.py report OLD.json NEW.json
    python generator/upgrade.py report-spec VERSION    # VERSION's document in spec/ against the
                                                       # newest older one there (make upgrade)

Standard library only. An operation (METHOD path) is compared on what a client sends and reads:
its parameters, request body and responses, with every $ref resolved (a schema renamed with the
same fields is no change) and descriptions, summaries, titles and examples ignored. Component
schemas are compared name by name (their names are the generated models' names), $refs kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
IGNORED = {"description", "summary", "title", "example", "examples", "externalDocs"}
# Objects whose keys are names (fields, media types, status codes...), not keywords: a field
# called "description" is kept.
NAME_MAPS = {"properties", "patternProperties", "$defs", "content", "headers", "responses"}


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# -- normalising ----------------------------------------------------------------------------------


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def lookup(document: dict, ref: str) -> dict:
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def clean(node: object, document: dict, *, resolve: bool, seen: tuple[str, ...] = ()) -> object:
    """`node` without IGNORED keywords, its $refs replaced by their targets when `resolve`
    (a schema that refers to itself keeps its $ref the second time)."""
    return _clean(node, document, resolve, seen, names=False)


def _clean(
    node: object, document: dict, resolve: bool, seen: tuple[str, ...], names: bool
) -> object:
    if isinstance(node, list):
        return [_clean(item, document, resolve, seen, names=False) for item in node]
    if not isinstance(node, dict):
        return node
    if names:  # keys are names: keep them all, their values are objects
        return {key: _clean(value, document, resolve, seen, False) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str):
        if not resolve or ref in seen:
            return {"$ref": ref_name(ref)}
        return _clean(lookup(document, ref), document, resolve, (*seen, ref), names=False)
    return {
        key: _clean(value, document, resolve, seen, names=key in NAME_MAPS)
        for key, value in node.items()
        if key not in IGNORED
    }


# -- describing schema differences ----------------------------------------------------------------


def kind(schema: object) -> str:
    """A schema's type in a few characters: "integer", "string|null", "string (date-time)"..."""
    if not isinstance(schema, dict):
        return "any" if schema in (None, True) else json.dumps(schema)
    if "$ref" in schema:
        return schema["$ref"]
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            return f"{combinator} of {len(schema[combinator])}"
    types = schema.get("type", "any")
    text = "|".join(types) if isinstance(types, list) else str(types)
    return f"{text} ({schema['format']})" if "format" in schema else text


def split_keys(old: dict, new: dict) -> tuple[list[str], list[str], list[str]]:
    """The keys only in `new`, only in `old`, and in both, in document order."""
    return (
        [k for k in new if k not in old],
        [k for k in old if k not in new],
        [k for k in old if k in new],
    )


def shown(value: object) -> str:
    return "(none)" if value is None else json.dumps(value, sort_keys=True)


def schema_changes(old: object, new: object, path: str = "") -> list[str]:
    """Short sentences saying how schema `new` differs from `old`; `path` names the field."""
    if old == new:
        return []
    at = f"field {path}: " if path else ""
    if not isinstance(old, dict) or not isinstance(new, dict) or kind(old) != kind(new):
        return [f"{at}type {kind(old)} -> {kind(new)}"]
    changes = []
    old_fields, new_fields = old.get("properties", {}), new.get("properties", {})
    prefix = f"{path}." if path else ""
    added, removed, common = split_keys(old_fields, new_fields)
    changes += [f"field {prefix}{name} added" for name in added]
    changes += [f"field {prefix}{name} removed" for name in removed]
    for name in common:
        changes += schema_changes(old_fields[name], new_fields[name], prefix + name)
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    changes += [
        f"field {prefix}{name} now required" for name in sorted(new_required - old_required)
    ]
    changes += [
        f"field {prefix}{name} no longer required" for name in sorted(old_required - new_required)
    ]
    if "items" in old or "items" in new:
        # a list's items: "field tags[]"; the items of a top-level list are just "field x"
        changes += schema_changes(old.get("items"), new.get("items"), f"{path}[]" if path else "")
    if old.get("enum") != new.get("enum"):
        old_values, new_values = old.get("enum") or [], new.get("enum") or []
        added = [value for value in new_values if value not in old_values]
        removed = [value for value in old_values if value not in new_values]
        changes.append(
            f"{at}values"
            + (f" added {shown(added)}" if added else "")
            + (f" removed {shown(removed)}" if removed else "")
            + ("" if added or removed else " reordered")
        )
    described = {"type", "format", "properties", "required", "items", "enum"}
    for key in sorted((old.keys() | new.keys()) - described):
        if old.get(key) != new.get(key):
            changes.append(f"{at}{key} {shown(old.get(key))} -> {shown(new.get(key))}")
    return changes


# -- operations -----------------------------------------------------------------------------------


def operations(document: dict) -> dict[str, dict]:
    """ "METHOD path" -> what a client sends and reads, resolved and cleaned."""
    found = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            parameters = {}
            for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                parameter = clean(parameter, document, resolve=True)
                parameters[f"{parameter['in']} {parameter['name']}"] = parameter
            found[f"{method.upper()} {path}"] = {
                "parameters": parameters,
                "body": clean(operation.get("requestBody"), document, resolve=True),
                "responses": clean(operation.get("responses", {}), document, resolve=True),
            }
    return found


def content_changes(old: dict | None, new: dict | None, where: str) -> list[str]:
    """The differences of a request body or a response (`where` names it)."""
    if old is None or new is None:
        return [] if old is new else [f"{where} {'added' if old is None else 'removed'}"]
    changes = []
    if bool(old.get("required")) != bool(new.get("required")):
        changes.append(f"{where} {'now' if new.get('required') else 'no longer'} required")
    old_content, new_content = old.get("content", {}), new.get("content", {})
    added, removed, common = split_keys(old_content, new_content)
    changes += [f"{where} {media_type} added" for media_type in added]
    changes += [f"{where} {media_type} removed" for media_type in removed]
    several = len(old_content.keys() | new_content.keys()) > 1
    for media_type in common:
        label = f"{where} {media_type}" if several else where
        changes += [
            f"{label}: {change}"
            for change in schema_changes(
                old_content[media_type].get("schema"), new_content[media_type].get("schema")
            )
        ]
    old_headers, new_headers = old.get("headers", {}), new.get("headers", {})
    added, removed, _ = split_keys(old_headers, new_headers)
    changes += [f"{where}: header {name} added" for name in added]
    changes += [f"{where}: header {name} removed" for name in removed]
    return changes


def operation_changes(old: dict, new: dict) -> list[str]:
    changes = []
    old_parameters, new_parameters = old["parameters"], new["parameters"]
    added, removed, common = split_keys(old_parameters, new_parameters)
    changes += [f"parameter {name} added" for name in added]
    changes += [f"parameter {name} removed" for name in removed]
    for name in common:
        old_parameter, new_parameter = old_parameters[name], new_parameters[name]
        changes += [
            f"parameter {name}: {change}"
            for change in schema_changes(old_parameter.get("schema"), new_parameter.get("schema"))
        ]
        for key in sorted((old_parameter.keys() | new_parameter.keys()) - {"schema"}):
            if old_parameter.get(key) != new_parameter.get(key):
                change = f"{shown(old_parameter.get(key))} -> {shown(new_parameter.get(key))}"
                changes.append(f"parameter {name}: {key} {change}")
    changes += content_changes(old["body"], new["body"], "request body")
    old_responses, new_responses = old["responses"], new["responses"]
    for status in sorted(old_responses.keys() | new_responses.keys()):
        changes += content_changes(
            old_responses.get(status), new_responses.get(status), f"response {status}"
        )
    return sorted(changes)


# -- the report -----------------------------------------------------------------------------------


@dataclass
class Report:
    old_version: str
    new_version: str
    operations_added: list[str] = field(default_factory=list)
    operations_removed: list[str] = field(default_factory=list)
    operations_changed: dict[str, list[str]] = field(default_factory=dict)
    schemas_added: list[str] = field(default_factory=list)
    schemas_removed: list[str] = field(default_factory=list)
    schemas_changed: dict[str, list[str]] = field(default_factory=dict)

    def has_changes(self) -> bool:
        return any(
            (self.operations_added, self.operations_removed, self.operations_changed,
             self.schemas_added, self.schemas_removed, self.schemas_changed)
        )  # fmt: skip

    def lines(self) -> list[str]:
        title = f"BEMServer API {self.old_version} -> {self.new_version}"
        if not self.has_changes():
            return [f"{title}: no change"]
        lines = [title]
        for noun, added, removed, changed in (
            ("operations", self.operations_added, self.operations_removed, self.operations_changed),
            ("schemas", self.schemas_added, self.schemas_removed, self.schemas_changed),
        ):
            lines.append(
                f"{noun}: {len(added)} added, {len(removed)} removed, {len(changed)} changed"
            )
            lines += [f"  + {name}" for name in added]
            lines += [f"  - {name}" for name in removed]
            for name, changes in changed.items():
                lines.append(f"  ~ {name}")
                lines += [f"      {change}" for change in changes]
        return lines


def operation_order(name: str) -> tuple[str, int]:
    method, path = name.split(" ", 1)
    return path, HTTP_METHODS.index(method.lower())


def compare(old: dict, new: dict) -> Report:
    """How document `new` differs from `old`, in operations and component schemas."""
    report = Report(old["info"]["version"], new["info"]["version"])
    old_operations, new_operations = operations(old), operations(new)
    report.operations_added = sorted(
        new_operations.keys() - old_operations.keys(), key=operation_order
    )
    report.operations_removed = sorted(
        old_operations.keys() - new_operations.keys(), key=operation_order
    )
    for name in sorted(old_operations.keys() & new_operations.keys(), key=operation_order):
        changes = operation_changes(old_operations[name], new_operations[name])
        if changes:
            report.operations_changed[name] = changes
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    report.schemas_added = sorted(new_schemas.keys() - old_schemas.keys())
    report.schemas_removed = sorted(old_schemas.keys() - new_schemas.keys())
    for name in sorted(old_schemas.keys() & new_schemas.keys()):
        changes = schema_changes(
            clean(old_schemas[name], old, resolve=False),
            clean(new_schemas[name], new, resolve=False),
        )
        if changes:
            report.schemas_changed[name] = changes
    return report


def load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        sys.exit(f"cannot read {path}: {error}")


def spec_report(version: str) -> Report | None:
    """VERSION's document in spec/ against the newest older one there (None: no older one)."""
    manifest = json.loads((SPEC_DIR / "manifest.json").read_text())
    if version not in manifest:
        sys.exit(f"spec/manifest.json has no {version}: fetch its document first (make spec)")
    older = sorted((v for v in manifest if version_key(v) < version_key(version)), key=version_key)
    if not older:
        return None
    return compare(
        load(SPEC_DIR / manifest[older[-1]]["file"]), load(SPEC_DIR / manifest[version]["file"])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="compare two documents")
    report.add_argument("old", type=Path)
    report.add_argument("new", type=Path)
    spec = commands.add_parser("report-spec", help="a version in spec/ against the one before")
    spec.add_argument("version")
    args = parser.parse_args()
    if args.command == "report":
        print("\n".join(compare(load(args.old), load(args.new)).lines()))
        return
    result = spec_report(args.version)
    if result is None:
        print(f"spec/ has no document older than {args.version} to compare with")
    else:
        print("\n".join(result.lines()))


if __name__ == "__main__":
    main()
