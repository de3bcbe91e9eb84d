"""What every entry point shares: the `EntryPoint` descriptor and the `Resources` base classes.

An entry point knows its client and API path; its methods name the generated operation they
send (`"site.get_sites_item_id"`, a module under `_bemserver_api.api`). The typed classes of
each entry point, sync and async, are rendered from `table.py` into the generator-owned
`_generated/entry_points/` (one module per entry point, e.g. `sites.py`).
Resources know their client only through `Client`, the part of the base client they use: they
import no client module (no import cycle, not even for type checkers).
"""

from __future__ import annotations

import enum
import importlib
import threading
import warnings
import weakref
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar, overload

from ..exceptions import BEMServerAPIClientValueError, UndeclaredArgumentWarning

if TYPE_CHECKING:
    from ..response import BEMServerApiClientResponse as Response

R = TypeVar("R", bound="Resources | AsyncResources")


class Client(Protocol):
    """What entry points use of a client (both clients have it, from BaseClient): `_request`
    answers a response (sync) or an awaitable of one (async)."""

    def _request(
        self, operation: str, *path: Any, entry_point: str = "", **options: Any
    ) -> Any: ...
    def _iter_pages(self, operation: str, *, page_size: int, **filters: Any) -> Any: ...
    def _refresh_tokens_now(self) -> Any: ...


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
    """Base of every entry point of the sync client."""

    def __init__(self, client: Client, path: str, name: str = "") -> None:
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
        """Send `operation` for this entry point (the client first checks that the server's API
        version has it)."""
        arguments = self._with_undeclared(operation, undeclared, arguments)
        return self._client._request(operation, *path, entry_point=self._name, **arguments)  # type: ignore[no-any-return]

    def _with_undeclared(
        self, operation: str, undeclared: Mapping[str, Any] | None, arguments: dict[str, Any]
    ) -> dict[str, Any]:
        """Query arguments the API document does not declare are sent, with a warning."""
        if undeclared:
            warn_undeclared(self._name, operation, undeclared)
            arguments["extra_query"] = undeclared
        return arguments

    def _pages(self, operation: str, **arguments: Any) -> Iterator[dict[str, Any]]:
        return self._client._iter_pages(operation, **arguments)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.endpoint_base_uri}>"


class AsyncResources(Resources):
    """Base of every entry point of the async client: `_call` is awaited."""

    async def _call(  # type: ignore[override]
        self,
        operation: str,
        *path: Any,
        undeclared: Mapping[str, Any] | None = None,
        **arguments: Any,
    ) -> Response[Any]:
        arguments = self._with_undeclared(operation, undeclared, arguments)
        return await self._client._request(operation, *path, entry_point=self._name, **arguments)  # type: ignore[no-any-return]

    def _pages(self, operation: str, **arguments: Any) -> AsyncIterator[dict[str, Any]]:  # type: ignore[override]
        return self._client._iter_pages(operation, **arguments)  # type: ignore[no-any-return]


ENTRY_POINTS = "_entry_points"  # a client's attribute: its entry points in use, by name


class EntryPoint(Generic[R]):
    """A declared entry point: `sites = EntryPoint(SitesResources, "/sites/")`, or with the
    class named, imported on the first access (the clients' entry points, each in its module):
    `sites: EntryPoint[SitesResources] = EntryPoint("package.sites:SitesResources", "/sites/")`.

    Made on first access and kept while in use, so each access returns the same object; type
    checkers see `client.sites` as a `SitesResources`. The client holds its entry points
    weakly: an entry point holds its client, and a client dropped unclosed must not wait for the
    cyclic garbage collector to free its connections.
    """

    def __init__(self, kind: type[R] | str, path: str) -> None:
        # A class, or where it is ("package.module:Class"), imported on first access.
        self.kind, self.path = kind, path
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, client: None, owner: type) -> Self: ...
    @overload
    def __get__(self, client: object, owner: type) -> R: ...
    def __get__(self, client: Any, owner: type) -> R | Self:
        if client is None:
            return self
        held = client.__dict__.get(ENTRY_POINTS)
        if held is None:
            held = client.__dict__.setdefault(ENTRY_POINTS, {})  # name -> weak reference
        ref = held.get(self.name)
        resource = None if ref is None else ref()
        if resource is None:
            # (Two threads racing here may each make one: both work, neither holds state.)
            resource = self.resolve()(client, self.path, self.name)
            held[self.name] = weakref.ref(resource)
        return resource

    def resolve(self) -> type[R]:
        """The entry point's class (its module imported on the first call if given by name)."""
        kind = self.kind
        if isinstance(kind, str):
            module, _, name = kind.partition(":")
            kind = self.kind = getattr(importlib.import_module(module), name)
        return kind
