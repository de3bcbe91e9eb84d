"""Every model and enum of the API documents, public: attrs classes generated from spec/.

    from bemserver_api_client.models import Site, SitePut, UNSET

`.parsed` of a response gives these; `create` and `update` take them as payloads (or dicts).
A field the server left out is `UNSET` (falsy, shown as UNSET; `to_dict()` leaves it out), not
None: None is a value the server sent. Test with `if site.description:` or
`site.description is UNSET`. Each model loads on first use: importing this module is cheap.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _bemserver_api.models import *  # noqa: F403
    from _bemserver_api.types import UNSET as UNSET
    from _bemserver_api.types import Unset as Unset


def __getattr__(name: str) -> Any:
    import importlib

    source = "types" if name in ("UNSET", "Unset") else "models"
    module = importlib.import_module(f"_bemserver_api.{source}")
    try:
        value = getattr(module, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    from _bemserver_api import models

    return sorted({*globals(), *models.__all__, "UNSET", "Unset"})
