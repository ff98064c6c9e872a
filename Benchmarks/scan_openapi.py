#!/usr/bin/env python3
"""Writes the portal's OpenAPI document with its path parameters filled in, for `wapiti --swagger FILE`:

  scan_openapi.py http://127.0.0.1:PORT OUTFILE NAME=VALUE…     (e.g. code=0169 n=1 budgetYear=2012)

wapiti requests a templated path as it stands (`/api/v1/municipalities/{code}`), which only ever reaches the 400
and 404 answers; with real values it attacks the handlers behind them (query parameters and JSON bodies).
Standard library only.
"""
from __future__ import annotations

import json
import sys
import urllib.request


def main() -> int:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, out = sys.argv[1], sys.argv[2]
    values = dict(argument.split("=", 1) for argument in sys.argv[3:])
    with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=30) as response:
        document = json.load(response)
    paths = {}
    for template, item in document.get("paths", {}).items():
        path = template
        for name, value in values.items():
            path = path.replace("{" + name + "}", value)
        if "{" in path:
            sys.exit(f"scan_openapi.py: no value for a parameter of {template}")
        for holder in [item, *[operation for operation in item.values() if isinstance(operation, dict)]]:
            if isinstance(holder.get("parameters"), list):
                holder["parameters"] = [p for p in holder["parameters"] if p.get("in") != "path"]
        paths[path] = item
    document["paths"] = paths
    prefix = (document.get("servers") or [{"url": ""}])[0].get("url", "")
    document["servers"] = [{"url": prefix if prefix.startswith("http") else base + prefix}]
    with open(out, "w", encoding="utf8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
