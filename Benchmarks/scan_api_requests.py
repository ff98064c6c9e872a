#!/usr/bin/env python3
"""Writes the raw HTTP requests sqlmap replays against the token API (`sqlmap -r FILE`), one file each:

  scan_api_requests.py http://127.0.0.1:PORT EDITOR_TOKEN MINISTRY_TOKEN OUTDIR

Sets up what the writes need first, through the API itself: a draft of 0169's contract (PUT …/contract/draft with
a one-area, one-goal body), whose version number the recommendation and adoption requests use, and a goal id of
the version in force for the follow-up statuses. Each file is a complete request with the editor's (or, for the
compliance read, the ministry's) `Authorization: Bearer` header and a small JSON body, so that sqlmap tests every
JSON value; `*` marks the path segments it also tests. Prints the file names; OUTDIR/version holds the
draft's version number. Standard library only.
"""
from __future__ import annotations

import http.client
import json
import os
import sys
from urllib.parse import urlsplit

CODE = "0169"
YEAR = 2027


def call(base: str, method: str, path: str, token: str, body: object | None = None) -> tuple[int, object]:
    split = urlsplit(base)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    text = response.read()
    connection.close()
    return response.status, json.loads(text) if text else None


def raw(host: str, method: str, path: str, token: str, body: object | None) -> str:
    data = json.dumps(body, ensure_ascii=False) if body is not None else ""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Authorization: Bearer {token}",
             "Accept: application/json"]
    if body is not None:
        lines += ["Content-Type: application/json; charset=utf-8", f"Content-Length: {len(data.encode())}"]
    return "\r\n".join(lines) + "\r\n\r\n" + data


def main() -> int:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    base, editor, ministry, out = sys.argv[1:]
    host = urlsplit(base).netloc
    os.makedirs(out, exist_ok=True)
    goal = {"title": "Svartid", "theme": "Tilgængelighed", "goal": "95 % besvares inden for 60 sekunder",
            "indicator": "Andel besvaret inden for 60 sekunder", "unit": "%",
            "baseline": {"value": 82, "date": "2010-01-01"}, "target": {"value": 95, "date": "2012-12-31"},
            "direction": "higher", "means": "Flere medarbejdere i spidstimerne"}
    draft = {"changeNote": "Scanning", "areas": [{"name": "Borgerservice og administration", "goals": [goal]}]}
    status, version = call(base, "PUT", f"/api/v1/municipalities/{CODE}/contract/draft", editor, draft)
    if status not in (200, 201) or not isinstance(version, dict):
        sys.exit(f"scan_api_requests.py: PUT …/contract/draft answered {status}")
    number = version["version"]
    with open(os.path.join(out, "version"), "w", encoding="utf8") as handle:
        handle.write(f"{number}\n")
    status, contract = call(base, "GET", f"/api/v1/municipalities/{CODE}/contract", editor)
    goal_id = contract["areas"][0]["goals"][0]["id"] if status == 200 else 1
    api = f"/api/v1/municipalities/{CODE}*"
    requests = {
        "draft": ("PUT", f"{api}/contract/draft", editor, draft),
        "recommendation": ("POST", f"{api}/contract/versions/{number}*/recommendation", editor,
                           {"committee": "Økonomiudvalget", "recommendedOn": "2026-11-02", "note": "Indstillet"}),
        "adoption": ("POST", f"{api}/contract/versions/{number}/adoption", editor,
                     {"adoptedOn": "2026-11-10", "meetingReference": "Byrådet 10.11.2026, pkt. 4"}),
        "budget": ("PUT", f"{api}/budget-adoptions/{YEAR}*", editor, {"adoptedOn": "2026-10-08"}),
        "statuses": ("PUT", f"{api}/follow-ups/{YEAR}*", editor,
                     {"statuses": [{"goalId": goal_id, "statusText": "Vi besvarer 91 %", "result": "partly",
                                    "measured": {"value": 91, "date": "2026-08-31"},
                                    "followUpText": "Ny telefonløsning"}]}),
        "follow-up-adoption": ("POST", f"{api}/follow-ups/{YEAR}/adoption", editor,
                               {"adoptedOn": "2026-10-08", "meetingReference": "Byrådet 8.10.2026"}),
        "compliance": ("GET", "/api/v1/compliance?asOf=2010-07-01", ministry, None),
    }
    for name, (method, path, token, body) in requests.items():
        file = os.path.join(out, f"{name}.http")
        with open(file, "w", encoding="utf8", newline="") as handle:
            handle.write(raw(host, method, path, token, body))
        print(file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
