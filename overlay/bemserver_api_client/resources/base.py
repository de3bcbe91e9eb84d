"""Entry-point classes: the common functions (CF) as mixins, combined as the upstream tables say.

An entry point knows its generated tag folder and API path; an operation is the generated
module named after method + path (`get_sites_item_id` for GET /sites/{item_id}), the naming
rule of openapi-python-client, checked against generated/ by the tests.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Any, TypeVar

from ..exceptions import BEMServerAPIClientValueError

if TYPE_CHECKING:
    from ..client import BEMServerApiClient
    from ..response import BEMServerApiClientResponse

E = TypeVar("E", bound=enum.Enum)


def module_name(method: str, path: str) -> str:
    """openapi-python-client's module name for an operation: `get_sites_item_id`."""
    return f"{method}_{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_')}"


def choice(enum_class: type[E], value: E | str, argument: str) -> E:
    """An enum member from a member, its value or its name; a clear error otherwise."""
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


class GetAll(Resources):
    def getall(self, *, etag: str | None = None, **filters: Any) -> BEMServerApiClientResponse:
        """GET the list; `filters` are the query arguments of the API document (`sort` may be a
        list, `properties` a dict). Raises BEMServerAPINotModified if `etag` still matches."""
        return self._client._call(self._operation("get"), etag=etag, **filters)


class GetOne(Resources):
    def getone(self, id: int, *, etag: str | None = None) -> BEMServerApiClientResponse:
        """GET one item by id."""
        return self._client._call(self._operation("get", "{item_id}"), id, etag=etag)


class Create(Resources):
    def create(self, payload: Any) -> BEMServerApiClientResponse:
        """POST a new item: a dict or a generated model."""
        return self._client._call(self._operation("post"), body=payload)


class Update(Resources):
    def update(
        self, id: int, payload: Any, *, etag: str | None = None
    ) -> BEMServerApiClientResponse:
        """PUT an item. PUT replaces the whole record: fields left out become null. `etag` (from
        getone) is required by the server (428 without it, 412 if stale)."""
        return self._client._call(self._operation("put", "{item_id}"), id, body=payload, etag=etag)


class Delete(Resources):
    def delete(self, id: int, *, etag: str | None = None) -> BEMServerApiClientResponse:
        """DELETE an item; `etag` (from getone) is required by the server."""
        return self._client._call(self._operation("delete", "{item_id}"), id, etag=etag)


class CrudResources(GetAll, GetOne, Create, Update, Delete):
    """All common functions (CF)."""


class LinkResources(GetAll, GetOne, Create, Delete):
    """CF - update (association resources: `*_by_*`, `*_properties`)."""


class ListResources(GetAll):
    """getall only."""
