"""Exceptions: the upstream classes and attributes, in one hierarchy under `BEMServerAPIError`.

`error_for(...)` is the one place that turns an HTTP error response into an exception (the
status table below). Messages name the method, path, status and the server's message, with at
most a short excerpt of an unexpected body; never a header, a query string or a credential.

Attributes are upstream's, present or absent as there (applications test `hasattr(exc,
"message")`): `status_code` on all, `message` on the conflict error only, `errors` on the
validation error, `code` on the authentication error. What the server said, on every error, is
`detail` (and is part of `str(exc)`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

EXCERPT_LENGTH = 200


class BEMServerAPIError(Exception):
    """Base of every error this library raises."""

    default_status: int | None = 501

    def __init__(
        self,
        status_code: int | None = None,
        *,
        message: str | None = None,
        method: str | None = None,
        path: str | None = None,
        body_excerpt: str | None = None,
    ) -> None:
        self.status_code = self.default_status if status_code is None else status_code
        self.detail = message  # the server's message (or the client's, for client-side errors)
        self.method = method
        self.path = path
        self.body_excerpt = body_excerpt
        super().__init__(str(self))

    def details(self) -> str:
        """What the subclass adds to the message (validation errors, auth code...)."""
        return self.detail or ""

    def __str__(self) -> str:
        where = f"{self.method} {self.path}: " if self.method and self.path else ""
        status = f"{self.status_code} " if self.status_code is not None else ""
        text = f"{where}{status}{type(self).__doc__ or type(self).__name__}".rstrip(".")
        details = self.details()
        if details:
            text += f": {details}"
        if self.body_excerpt:
            text += f" (body: {self.body_excerpt!r})"
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # keep attributes through pickling (multiprocessing)
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls: type[BEMServerAPIError], state: dict[str, Any]) -> BEMServerAPIError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, str(error))
    return error


class BEMServerAPINotModified(BEMServerAPIError):
    """Not modified (the ETag still matches)."""

    default_status = 304

    def __init__(self, **context: Any) -> None:
        super().__init__(**context)


class BEMServerAPIAuthenticationError(BEMServerAPIError):
    """Authentication failed."""

    default_status = 401

    def __init__(self, code: str | None = None, **context: Any) -> None:
        self.code = code  # the server's errors.authentication, e.g. "expired_token"
        super().__init__(**context)

    def details(self) -> str:
        return ", ".join(filter(None, [self.code, self.detail]))


class BEMServerAPIAuthorizationError(BEMServerAPIError):
    """Not allowed."""

    default_status = 403

    def __init__(self, **context: Any) -> None:
        super().__init__(**context)


class BEMServerAPINotFoundError(BEMServerAPIError):
    """Not found."""

    default_status = 404

    def __init__(self, **context: Any) -> None:
        super().__init__(**context)


class BEMServerAPIConflictError(BEMServerAPIError):
    """Conflict."""

    default_status = 409

    def __init__(self, message: str | None = None, **context: Any) -> None:
        self.message = message  # upstream attribute (only this class has it)
        super().__init__(message=message, **context)


class BEMServerAPIPreconditionError(BEMServerAPIError):
    """Precondition failed."""

    default_status = 412

    def details(self) -> str:
        hint = {
            412: "the ETag is stale (the item changed): get it again",
            428: "the server needs the item's ETag: pass etag= (from getone)",
        }.get(self.status_code or 0, "")
        return "; ".join(filter(None, [self.detail, hint]))


class BEMServerAPIValidationError(BEMServerAPIError):
    """Invalid request."""

    default_status = 422

    def __init__(self, errors: dict[str, Any] | None = None, **context: Any) -> None:
        self.errors = errors  # {field: [messages]}; "_general" for whole-request messages
        super().__init__(**context)

    def details(self) -> str:
        if not self.errors:
            return self.detail or ""
        return "; ".join(
            f"{field}: {_flatten(messages)}" for field, messages in self.errors.items()
        )


class BEMServerAPIInternalError(BEMServerAPIError):
    """Server error."""

    default_status = 500


class BEMServerAPIRequestLineTooLongError(BEMServerAPIInternalError):
    """Request line too long."""

    default_status = 414

    def details(self) -> str:
        hint = (
            "the method, path and query string are longer than the server or a proxy accepts "
            "(gunicorn's default: 4094 bytes): ask for fewer timeseries per call "
            "(bemserver_api_client.dataframes splits them into requests that fit)"
        )
        return "; ".join(filter(None, [self.detail, hint]))


class BEMServerAPIConnectionError(BEMServerAPIInternalError):
    """Could not talk to the server (status 500, as upstream reports network failures)."""


class BEMServerAPITimeoutError(BEMServerAPIConnectionError):
    """The server did not answer in time."""


class BEMServerAPIResponseError(BEMServerAPIError):
    """The server's answer could not be decoded."""

    default_status = None


class BEMServerAPIVersionError(BEMServerAPIError):
    """Unsupported BEMServer API version."""

    default_status = None

    def __init__(self, message: str | None = None, **context: Any) -> None:
        super().__init__(message=message, **context)


class BEMServerAPIClientValueError(BEMServerAPIError, ValueError):
    """Invalid argument."""

    default_status = None

    def __init__(self, message: str | None = None, **context: Any) -> None:
        super().__init__(message=message, **context)


class UndeclaredArgumentWarning(UserWarning):
    """A query argument the API document does not declare was sent as given (as upstream does:
    the server ignores arguments it does not know). Silence it with
    `warnings.simplefilter("ignore", UndeclaredArgumentWarning)`."""


def _flatten(messages: Any) -> str:
    if isinstance(messages, list):
        return " ".join(_flatten(m) for m in messages)
    if isinstance(messages, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in messages.items())
    return str(messages)


# One status -> exception table; anything else is a BEMServerAPIInternalError.
ERROR_BY_STATUS: Mapping[int, type[BEMServerAPIError]] = {
    304: BEMServerAPINotModified,
    401: BEMServerAPIAuthenticationError,
    403: BEMServerAPIAuthorizationError,
    404: BEMServerAPINotFoundError,
    409: BEMServerAPIConflictError,
    412: BEMServerAPIPreconditionError,
    414: BEMServerAPIRequestLineTooLongError,  # a subclass of upstream's InternalError
    422: BEMServerAPIValidationError,
    428: BEMServerAPIPreconditionError,
}


def decode_json(content: bytes) -> Any:
    """JSON from untrusted bytes; raises ValueError (never RecursionError or UnicodeError)."""
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError too
        raise ValueError(str(exc)[:EXCERPT_LENGTH]) from None


def excerpt(content: bytes) -> str:
    """A short, printable slice of a body, for messages."""
    text = content[:EXCERPT_LENGTH].decode("utf-8", errors="replace")
    text = "".join(c if c.isprintable() else " " for c in text)
    return text + ("..." if len(content) > EXCERPT_LENGTH else "")


def validation_errors(body: Any) -> dict[str, Any]:
    """Upstream's normalisation: json/query/files merged, `_schema` -> `_general`, and a
    message-only body -> {"_general": [message]}."""
    errors: dict[str, Any] = {}
    if not isinstance(body, dict):
        return errors
    located = body.get("errors")
    if isinstance(located, dict):
        for location in ("json", "query", "files", "form", "headers", "path"):
            value = located.get(location)
            if isinstance(value, dict):
                errors.update(value)
            elif value is not None:  # e.g. 400 {"errors": {"json": ["Invalid JSON body."]}}
                errors.setdefault("_general", []).extend(
                    value if isinstance(value, list) else [value]
                )
        if "_schema" in errors:
            errors["_general"] = errors.pop("_schema")
    elif isinstance(body.get("message"), str):
        errors = {"_general": [body["message"]]}
    return errors


def error_for(
    status: int, content: bytes, content_type: str, method: str, path: str
) -> BEMServerAPIError:
    """The exception for an error response (status >= 300)."""
    cls = ERROR_BY_STATUS.get(status, BEMServerAPIInternalError)
    body: Any = None
    body_excerpt = None
    if content:
        try:
            body = decode_json(content) if "json" in content_type else None
        except ValueError:
            body = None
        if not isinstance(body, dict):  # HTML from a proxy, truncated JSON, plain text...
            body, body_excerpt = None, excerpt(content)
    message = body.get("message") if body else None
    context: dict[str, Any] = {
        "message": message if isinstance(message, str) else None,
        "method": method,
        "path": path,
        "body_excerpt": body_excerpt,
    }
    if cls is BEMServerAPIAuthenticationError:
        errors = body.get("errors") if body else None
        code = errors.get("authentication") if isinstance(errors, dict) else None
        return cls(code if isinstance(code, str) else None, **context)
    if cls is BEMServerAPIValidationError:
        return cls(validation_errors(body), **context)
    if issubclass(cls, BEMServerAPIPreconditionError | BEMServerAPIInternalError):
        return cls(status, **context)
    return cls(**context)
