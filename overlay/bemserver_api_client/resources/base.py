"""What every entry point shares: the `EntryPoint` descriptor and the `Resources` base class.

An entry point knows its client and API path; its methods name the generated operation they
send (`"site.get_sites_item_id"`, a module under `_bemserver_api.api`). The typed classes of
each entry point are rendered into `_entry_points.py` from `table.py`.
"""

from __future__ import annotations

import enum
import threading
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from ..exceptions import BEMServerAPIClientValueError, UndeclaredArgumentWarning

if TYPE_CHECKING:
    from ..client import BEMServerApiClient
    from ..response import BEMServerApiClientResponse as Response

R = TypeVar("R", bound="Resources")


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


_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()


def warn_undeclared(entry_point: str, operation: str, arguments: Mapping[str, Any]) -> None:
    """One UndeclaredArgumentWarning per (entry point, argument) and process."""
    from _bemserver_api._operations import OPERATIONS
    from _bemserver_api._spec import DOCUMENT_VERSIONS

    method, template, _, _ = OPERATIONS[operation]
    for name in arguments:
        with _warned_lock:
            if (entry_point, name) in _warned:
                continue
            _warned.add((entry_point, name))
        warnings.warn(
            f"{entry_point}: {name!r} is not a query argument of {method} {template} in the "
            f"API documents ({', '.join(DOCUMENT_VERSIONS)}): sent as given (servers ignore "
            "query arguments they do not know)",
            UndeclaredArgumentWarning,
            stacklevel=4,
        )


class Resources:
    """Base of every entry point."""

    def __init__(self, client: BEMServerApiClient, path: str, name: str = "") -> None:
        self._client = client
        self._name = name or type(self).__name__
        self.endpoint_base_uri = path  # upstream attribute

    def _call(
        self,
        operation: str,
        *path: Any,
        undeclared: Mapping[str, Any] | None = None,
        **arguments: Any,
    ) -> Response[Any]:
        """Send `operation` for this entry point: first check that the server's API version has
        it, then warn about (and send) query arguments the API document does not declare."""
        self._client._check_available(operation, self._name)
        if undeclared:
            warn_undeclared(self._name, operation, undeclared)
            arguments["extra_query"] = undeclared
        return self._client._call(operation, *path, **arguments)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.endpoint_base_uri}>"


class EntryPoint(Generic[R]):
    """A declared entry point: `sites = EntryPoint(SitesResources, "/sites/")`.

    Made on first access, then stored on the client, so each access returns the same object;
    type checkers see `client.sites` as a `Sites`.
    """

    def __init__(self, kind: type[R], path: str) -> None:
        self.kind, self.path = kind, path
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
        resource = self.kind(client, self.path, self.name)
        # setdefault: two threads racing on the first access still share one object.
        return client.__dict__.setdefault(self.name, resource)  # type: ignore[no-any-return]
