"""Fetch a BEMServer API's OpenAPI document into spec/ (standard library only).

    python generator/fetch_spec.py URL              # e.g. http://127.0.0.1:5000
    python generator/fetch_spec.py --out DIR URL    # into DIR (and DIR/manifest.json) instead

GETs URL/api-spec.json, names the file by the document's API version, and records version and
sha256 in spec/manifest.json. The file is the served document, indented for readable diffs
(keys and values untouched); generate.py refuses a file whose sha256 no longer matches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "spec"


def download(url: str) -> dict:
    with urllib.request.urlopen(f"{url.rstrip('/')}/api-spec.json", timeout=30) as response:
        return json.loads(response.read())


def save(document: dict, spec_dir: Path = SPEC_DIR) -> tuple[Path, str]:
    """Write the document and its manifest entry into `spec_dir`; its path and sha256."""
    version = document["info"]["version"]
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    path = spec_dir / f"bemserver-api-{version}.json"
    path.write_text(text, encoding="utf-8")
    manifest_path = spec_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest[version] = {
        "file": path.name,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "openapi": document["openapi"],
        "paths": len(document["paths"]),
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return path, manifest[version]["sha256"]


def fetch(url: str, spec_dir: Path = SPEC_DIR) -> str:
    document = download(url)
    path, digest = save(document, spec_dir)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown}: BEMServer API {document['info']['version']}, sha256 {digest}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--out", type=Path, default=SPEC_DIR, help="folder (default: spec/)")
    args = parser.parse_args()
    print(fetch(args.url, args.out))
