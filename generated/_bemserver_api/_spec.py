"""Facts about the OpenAPI document this package was generated from (written by generate.py)."""

API_VERSION = "0.27.0"
SPEC_SHA256 = "99f8b9419f4ab8dcd83e8beb41958bec705abd9b5d50e7ccff968f12440d8000"
NON_EXPLODED_QUERY_PARAMETERS = frozenset(["sort"])
