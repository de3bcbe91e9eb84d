"""Facts about the OpenAPI documents this package was generated from (written by generate.py)."""

API_VERSION = "0.27.0"  # the newest document
SPEC_SHA256 = "99f8b9419f4ab8dcd83e8beb41958bec705abd9b5d50e7ccff968f12440d8000"
DOCUMENT_VERSIONS = ("0.25.0", "0.27.0")  # oldest first
DOCUMENT_SHA256 = {
    "0.25.0": "dd4217dc156638962bf5583262ef5636d33b179e053a4f26b747d1691680f6d9",
    "0.27.0": "99f8b9419f4ab8dcd83e8beb41958bec705abd9b5d50e7ccff968f12440d8000",
}
NON_EXPLODED_QUERY_PARAMETERS = frozenset(["sort"])
