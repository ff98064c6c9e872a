#!/usr/bin/env python3
"""Signs in to the admin module the way a person does the first time, for the signed-in page checks.

  admin_login.py http://127.0.0.1:PORT EMAIL ONE_TIME_PASSWORD --out DIR

GET /admin/login (which sets the login form's CSRF cookie), POST the form with that cookie and the form's csrf
field, follow the redirect to the password page (a one-time password must be changed), POST a new password with
the session's csrf and once tokens, and check that the dashboard (/admin) now answers. Prints the session cookie
as NAME=VALUE and writes it to DIR/cookie.

Also saves, for vnu and axe, two answers that only a POST produces (bodies exactly as the server sent them):
DIR/saved/password-errors.html, the password form sent back with problems (wrong current password, a new one
too short; HTTP 422, nothing changes), and with --failed-login, DIR/saved/login-failed.html, the login page
after a wrong password for an account that does not exist (one failed attempt, well below the throttle).
With --create-draft, afterwards sends the dashboard's "create a draft" form once (when the dashboard has it), so
that the crawl finds the draft editor; this is set-up, like the password change: the crawl itself only GETs.
Standard library only. Exit 1 with the reason when a step does not answer as described.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import sys
from urllib.parse import urlencode, urlsplit


class Client:
    def __init__(self, base: str) -> None:
        split = urlsplit(base)
        self.host, self.port = split.hostname or "127.0.0.1", split.port or 80
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, fields: dict[str, str] | None = None) -> tuple[int, dict, str]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"User-Agent": "brugerinformation-ci-login"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf8", errors="replace")
        for value in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if cookie_value and "max-age=0" not in value.lower():
                self.cookies[name.strip()] = cookie_value
            else:
                self.cookies.pop(name.strip(), None)
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, text


def hidden(page: str, action: str) -> dict[str, str]:
    """The hidden fields of the form posting to `action`."""
    form = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', page, re.S)
    if not form:
        return {}
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)))


def fail(message: str) -> None:
    sys.exit(f"admin_login.py: {message}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base")
    ap.add_argument("email")
    ap.add_argument("password", help="the one-time password `brugerinformation user add` printed")
    ap.add_argument("--out", required=True)
    ap.add_argument("--failed-login", action="store_true", help="also save a failed login's answer")
    ap.add_argument("--create-draft", action="store_true", help="send the dashboard's create-a-draft form")
    args = ap.parse_args()
    saved = os.path.join(args.out, "saved")
    os.makedirs(saved, exist_ok=True)

    if args.failed_login:
        stranger = Client(args.base)
        _, _, page = stranger.send("GET", "/admin/login")
        status, _, page = stranger.send("POST", "/admin/login", {
            **hidden(page, "/admin/login"), "email": "ingen-konto@example.invalid", "password": "forkert forkert"})
        if status != 200 or 'aria-invalid="true"' not in page:
            fail(f"a failed login answered HTTP {status} without a field marked invalid")
        with open(os.path.join(saved, "login-failed.html"), "w", encoding="utf8") as f:
            f.write(page)

    client = Client(args.base)
    status, _, page = client.send("GET", "/admin/login")
    tokens = hidden(page, "/admin/login")
    if status != 200 or "csrf" not in tokens:
        fail(f"GET /admin/login answered HTTP {status} without the form's csrf field")
    status, headers, _ = client.send("POST", "/admin/login",
                                     {**tokens, "email": args.email, "password": args.password})
    if status != 303 or headers.get("location") != "/admin/adgangskode":
        fail(f"logging in as {args.email} answered HTTP {status} to {headers.get('location')!r}, "
             "not 303 to the password page")
    session = [name for name in client.cookies if name.endswith("bi_session")]
    if not session:
        fail("the login set no session cookie")
    status, _, page = client.send("GET", "/admin/adgangskode")
    if status != 200:
        fail(f"GET /admin/adgangskode answered HTTP {status}")
    status, _, problems = client.send("POST", "/admin/adgangskode", {
        **hidden(page, "/admin/adgangskode"), "current": "ikke den rigtige", "new": "kort", "repeat": "kort"})
    if status != 422:
        fail(f"a password form with problems answered HTTP {status}, not 422")
    with open(os.path.join(saved, "password-errors.html"), "w", encoding="utf8") as f:
        f.write(problems)
    new_password = "ci " + secrets.token_urlsafe(18)
    status, headers, _ = client.send("POST", "/admin/adgangskode", {
        **hidden(problems, "/admin/adgangskode"), "current": args.password, "new": new_password,
        "repeat": new_password})
    if status != 303:
        fail(f"changing the password answered HTTP {status}, not 303")
    status, _, _ = client.send("GET", "/admin/adgangskode")
    if status != 200:
        fail(f"after the password change, GET /admin/adgangskode answered HTTP {status}")
    if args.create_draft:
        status, headers, page = client.send("GET", "/admin")
        if status == 303:
            dashboard = headers.get("location", "")
            status, _, page = client.send("GET", dashboard)
            action = dashboard + "/udkast"
            tokens = hidden(page, action)
            if "once" in tokens:
                status, _, _ = client.send("POST", action, tokens)
                print(f"admin_login.py: POST {action} (create a draft): HTTP {status}", file=sys.stderr)
            else:
                print(f"admin_login.py: note: {dashboard} has no form to create a draft", file=sys.stderr)
    cookie = f"{session[0]}={client.cookies[session[0]]}"
    with open(os.path.join(args.out, "cookie"), "w", encoding="utf8") as f:
        f.write(cookie + "\n")
    print(cookie)
    return 0


if __name__ == "__main__":
    sys.exit(main())
