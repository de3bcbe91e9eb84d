"""The response object: upstream's `BEMServerApiClientResponse`, plus `headers` and typed `parsed`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .exceptions import BEMServerAPIResponseError, decode_json, excerpt

if TYPE_CHECKING:
    import httpx

Parser = Callable[["httpx.Response"], Any]  # the generated parser of the operation
_UNSET: Any = object()
T = TypeVar("T")


class BEMServerApiClientResponse(Generic[T]):
    """A successful API response (errors are raised as exceptions before one is made).

    `data` is JSON-native (dicts, lists...), or the raw bytes of a CSV or other body, or None
    for an empty body (every 204). `parsed` gives the generated attrs models, decoded on first
    access.
    """

    __slots__ = ("_data", "_parsed", "_parser", "_response")

    def __init__(self, response: httpx.Response, parser: Parser | None = None) -> None:
        self._response = response
        self._parser = parser
        self._data: Any = _UNSET
        self._parsed: Any = _UNSET

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self._response.headers

    @property
    def etag(self) -> str:
        """The ETag header ("" if none): pass it as `etag=` to update, delete or a conditional GET."""
        return str(self._response.headers.get("ETag", ""))

    @property
    def pagination(self) -> dict[str, Any]:
        """The X-Pagination header ({} if none), e.g. {"total": 15, "page": 1, "next_page": 2}."""
        header = self._response.headers.get("X-Pagination")
        if not header:
            return {}
        try:
            value = decode_json(header.encode())
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise BEMServerAPIResponseError(
                message="invalid X-Pagination header", body_excerpt=excerpt(header.encode())
            )
        return value

    @property
    def _mimetype(self) -> str:
        return str(self._response.headers.get("Content-Type", "")).split(";")[0].strip().lower()

    @property
    def is_json(self) -> bool:
        mimetype = self._mimetype
        return mimetype == "application/json" or (
            mimetype.startswith("application/") and mimetype.endswith("+json")
        )

    @property
    def is_csv(self) -> bool:
        mimetype = self._mimetype
        return mimetype == "text/csv" or (
            mimetype.startswith("text/") and mimetype.endswith("+csv")
        )

    @property
    def data(self) -> Any:
        if self._data is _UNSET:
            content = self._response.content
            if not content:
                self._data = None
            elif self.is_json:
                try:
                    self._data = decode_json(content)
                except ValueError as exc:
                    raise BEMServerAPIResponseError(
                        self.status_code,
                        message=f"invalid JSON ({exc})",
                        method=self._response.request.method,
                        path=self._response.request.url.path,
                        body_excerpt=excerpt(content),
                    ) from None
            else:
                self._data = content
        return self._data

    @property
    def parsed(self) -> T:
        """The body as the generated attrs models (`bemserver_api_client.models`). Typed by the
        operation: `Response[None]` for operations without a body (every 204), which give
        None; `Any` where the document has no schema."""
        if self._parsed is _UNSET:
            if self._parser is None or not self._response.content:
                self._parsed = None
            else:
                try:
                    self._parsed = self._parser(self._response)
                except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                    raise BEMServerAPIResponseError(
                        self.status_code,
                        message=f"body does not match the API document ({type(exc).__name__}: {str(exc)[:100]})",
                        method=self._response.request.method,
                        path=self._response.request.url.path,
                    ) from None
        parsed: T = self._parsed
        return parsed

    def toJSON(self) -> dict[str, Any]:
        """A JSON-serialisable summary (upstream API)."""
        return {
            "status_code": self.status_code,
            "data": self.data,
            "etag": self.etag,
            "pagination": self.pagination,
        }

    def __repr__(self) -> str:
        request = self._response.request
        return (
            f"<BEMServerApiClientResponse {request.method} {request.url.path} {self.status_code}>"
        )
