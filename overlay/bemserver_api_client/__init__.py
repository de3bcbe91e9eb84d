"""Typed, fast and safe client for the BEMServer API (drop-in for `bemserver-api-client`).

    from bemserver_api_client import BEMServerApiClient

Importing this package is cheap: the client (and httpx) load on first use of a name below.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._retry import RetryPolicy
    from .async_client import AsyncBEMServerApiClient
    from .client import BEMServerApiClient
    from .exceptions import UndeclaredArgumentWarning
    from .response import BEMServerApiClientResponse

_LAZY = {
    "AsyncBEMServerApiClient": "async_client",
    "BEMServerApiClient": "client",
    "BEMServerApiClientResponse": "response",
    "RetryPolicy": "_retry",
    "UndeclaredArgumentWarning": "exceptions",
}
__all__ = [
    "AsyncBEMServerApiClient",
    "BEMServerApiClient",
    "BEMServerApiClientResponse",
    "RetryPolicy",
    "UndeclaredArgumentWarning",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
