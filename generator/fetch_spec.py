"""Fetch a BEMServer API's OpenAPI document into spec/ (standard library only).

    python generator/fetch_spec.py URL      # e.g. http://127.0.0.1:5000

GETs URL/api-spec.json, names the file by the document's API version, and records version and
sha256 in spec/manifest.json. The file is the served document, indented for readable diffs
(keys and values untouched); generate.py refuses a file whose sha256 no longer matches.
"""

from __future__ import annotations

import hashlib
import json
import sys
import urllib.request
from pathlib import Path

SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"


def fetch(url: str) -> str:
    with urllib.request.urlopen(f"{url.rstrip('/')}/api-spec.json", timeout=30) as response:
        document = json.loads(response.read())
    version = document["info"]["version"]
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    name = f"bemserver-api-{version}.json"
    (SPEC_DIR / name).write_text(text, encoding="utf-8")
    manifest_path = SPEC_DIR / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest[version] = {
        "file": name,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "openapi": document["openapi"],
        "paths": len(document["paths"]),
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return f"spec/{name}: BEMServer API {version}, sha256 {manifest[version]['sha256']}"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(fetch(sys.argv[1]))
