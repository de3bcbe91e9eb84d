"""What every entry point shares: the `EntryPoint` descriptor and the `Resources` base class.

An entry point knows its generated tag folder and API path; an operation is the generated
module named after method + path (`get_sites_item_id` for GET /sites/{item_id}), the naming
rule of openapi-python-client. The typed classes of each entry point are rendered into
`_entry_points.py` from `table.py`.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from ..exceptions import BEMServerAPIClientValueError

if TYPE_CHECKING:
    from ..client import BEMServerApiClient

R = TypeVar("R", bound="Resources")


def module_name(method: str, path: str) -> str:
    """openapi-python-client's module name for an operation: `get_sites_item_id`."""
    return f"{method}_{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_')}"


def choice(enum_name: str, value: enum.Enum | str, argument: str) -> Any:
    """A member of `enums.<enum_name>` from a member, its value or its name; a clear error
    otherwise. (The enums module loads here: importing it costs a few ms at startup.)"""
    from .. import enums

    enum_class: type[enum.Enum] = getattr(enums, enum_name)
    if isinstance(value, enum_class):
        return value
    try:
        return enum_class(value)
    except ValueError:
        try:
            return enum_class[str(value)]
        except KeyError:
            choices = ", ".join(repr(member.value) for member in enum_class)
            raise BEMServerAPIClientValueError(
                f"Invalid {argument}: {value!r} (expected one of {choices})"
            ) from None


class Resources:
    """Base of every entry point."""

    def __init__(self, client: BEMServerApiClient, tag: str, path: str) -> None:
        self._client = client
        self._tag = tag
        self.endpoint_base_uri = path  # upstream attribute

    def _operation(self, method: str, suffix: str = "") -> str:
        return f"{self._tag}.{module_name(method, self.endpoint_base_uri + suffix)}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.endpoint_base_uri}>"


class EntryPoint(Generic[R]):
    """A declared entry point: `sites = EntryPoint(Sites, "site", "/sites/")`.

    Made on first access, then stored on the client, so each access returns the same object;
    type checkers see `client.sites` as a `Sites`.
    """

    def __init__(self, kind: type[R], tag: str, path: str) -> None:
        self.kind, self.tag, self.path = kind, tag, path
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, client: None, owner: type) -> Self: ...
    @overload
    def __get__(self, client: BEMServerApiClient, owner: type) -> R: ...
    def __get__(self, client: BEMServerApiClient | None, owner: type) -> R | Self:
        if client is None:
            return self
        resource = self.kind(client, self.tag, self.path)
        # setdefault: two threads racing on the first access still share one object.
        return client.__dict__.setdefault(self.name, resource)  # type: ignore[no-any-return]
