#!/usr/bin/env python3
"""Signs one admin account in for the scans, the first time, as a person does:

  scan_login.py http://127.0.0.1:PORT EMAIL ONE_TIME_PASSWORD

GET /admin/login (its CSRF cookie and hidden field), POST the e-mail address and the one-time password, follow
the redirect to /admin/adgangskode, set a new random password there (the session's csrf and once tokens), and
check that /admin answers (its page, or a redirect to the user's municipality) with
the same session. Prints the session cookie as NAME=VALUE on standard output.
Standard library only; exit 1 with the reason when a step answers otherwise.
"""
from __future__ import annotations

import http.client
import re
import secrets
import sys
from urllib.parse import urlencode, urlsplit


class Session:
    def __init__(self, base: str) -> None:
        split = urlsplit(base)
        self.host, self.port = split.hostname or "127.0.0.1", split.port or 80
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Status, Location and body; remembers the cookies the answer sets."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"User-Agent": "brugerinformation-scan-login"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf8", errors="replace")
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in cookie.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        connection.close()
        return response.status, response.getheader("Location") or "", text


def hidden_fields(page: str, action: str) -> dict[str, str]:
    form = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', page, re.S)
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)) if form else []
    return dict(fields)


def main() -> int:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, email, one_time = sys.argv[1:]
    session = Session(base)
    status, _, page = session.request("GET", "/admin/login")
    fields = hidden_fields(page, "/admin/login")
    if status != 200 or "csrf" not in fields:
        sys.exit(f"scan_login.py: GET /admin/login answered {status} without the form's csrf field")
    status, location, _ = session.request("POST", "/admin/login", {**fields, "email": email, "password": one_time})
    if status != 303 or location != "/admin/adgangskode":
        sys.exit(f"scan_login.py: logging in as {email} answered {status} to {location!r}, not the password page")
    status, _, page = session.request("GET", "/admin/adgangskode")
    new_password = "scan " + secrets.token_urlsafe(18)
    status, location, _ = session.request("POST", "/admin/adgangskode", {
        **hidden_fields(page, "/admin/adgangskode"), "current": one_time, "new": new_password,
        "repeat": new_password})
    if status != 303:
        sys.exit(f"scan_login.py: changing {email}'s password answered {status}, not 303")
    status, location, _ = session.request("GET", "/admin")
    if status not in (200, 303) or location.startswith(("/admin/login", "/admin/adgangskode")):
        sys.exit(f"scan_login.py: /admin answered {status} {location!r} after the password change")
    cookie = [f"{name}={value}" for name, value in session.cookies.items() if name.endswith("bi_session")]
    if not cookie:
        sys.exit("scan_login.py: no session cookie after the login")
    print(cookie[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
