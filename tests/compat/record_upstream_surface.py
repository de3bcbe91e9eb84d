"""Record the public surface of the upstream client into upstream_surface.json.

    python -m venv /tmp/up && /tmp/up/bin/pip install bemserver-api-client==0.22.0 packaging
    /tmp/up/bin/python tests/compat/record_upstream_surface.py

What application code can reach: the client's attributes (and their values for a few
constructions), each entry point's methods with their parameters, the exceptions with the
attributes an instance has, the enums, the response's attributes. test_upstream_surface.py
checks ours against this file; nothing here imports our client.
"""

from __future__ import annotations

import enum
import importlib.metadata
import inspect
import json
from pathlib import Path

from bemserver_api_client import BEMServerApiClient, enums, exceptions, response
from bemserver_api_client.resources import RESOURCES_MAP

OUT = Path(__file__).with_name("upstream_surface.json")
CONSTRUCTIONS = [
    (["localhost:5000"], {}),
    (["localhost:5000"], {"use_ssl": False}),
    (["example.org/api"], {"use_ssl": False, "uri_prefix": "http"}),
    (["example.org:8443"], {"use_ssl": True}),
]
CLIENT_VALUES = ["host", "use_ssl", "base_uri_prefix", "uri_prefix", "base_uri"]


def public(names: list[str]) -> list[str]:
    return sorted(name for name in names if not name.startswith("_"))


def parameters(function: object) -> list[list[str]]:
    """[name, kind, default repr or ""] for each parameter but self."""
    return [
        [p.name, p.kind.name, "" if p.default is p.empty else repr(p.default)]
        for p in inspect.signature(function).parameters.values()
        if p.name != "self"
    ]


def entry_points() -> dict[str, dict[str, list[list[str]]]]:
    surface = {}
    for name, cls in sorted(RESOURCES_MAP.items()):
        disabled = set(getattr(cls, "disabled_endpoints", []))
        surface[name] = {
            method: parameters(getattr(cls, method))
            for method in public(dir(cls))
            if callable(getattr(cls, method))
            and method not in disabled
            and not method.startswith("enpoint")  # upstream's own helper (typo included)
        }
    return surface


def exception_classes() -> dict[str, dict[str, object]]:
    surface = {}
    for name, cls in sorted(vars(exceptions).items()):
        if (
            isinstance(cls, type)
            and issubclass(cls, Exception)
            and cls.__module__ == exceptions.__name__
        ):
            instance = cls()
            surface[name] = {
                "bases": [base.__name__ for base in cls.__mro__[1:] if base is not object],
                "attributes": sorted(vars(instance)),
                "values": {
                    k: v for k, v in vars(instance).items() if isinstance(v, int | str | None)
                },
            }
    return surface


def enum_classes() -> dict[str, dict[str, object]]:
    return {
        name: {member.name: member.value for member in cls}
        for name, cls in sorted(vars(enums).items())
        if isinstance(cls, type) and issubclass(cls, enum.Enum) and cls.__module__ == enums.__name__
    }


def main() -> None:
    client = BEMServerApiClient("localhost:5000")
    surface = {
        "distribution": "bemserver-api-client",
        "version": importlib.metadata.version("bemserver-api-client"),
        "client": {
            "constructor": parameters(BEMServerApiClient.__init__),
            "attributes": public(list({*dir(client), *vars(client)})),
            "values": [
                [
                    args,
                    kwargs,
                    {a: getattr(BEMServerApiClient(*args, **kwargs), a) for a in CLIENT_VALUES},
                ]
                for args, kwargs in CONSTRUCTIONS
            ],
            "static": {
                name: parameters(getattr(BEMServerApiClient, name))
                for name in ("make_http_basic_auth", "make_bearer_token_auth", "check_api_version")
            },
        },
        "entry_points": entry_points(),
        "exceptions": exception_classes(),
        "enums": enum_classes(),
        "response": public(dir(response.BEMServerApiClientResponse)),
    }
    OUT.write_text(json.dumps(surface, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(
        f"{OUT}: {len(surface['entry_points'])} entry points, {len(surface['exceptions'])} exceptions"
    )


if __name__ == "__main__":
    main()
