#!/usr/bin/env python3
"""Runs ../shared/tools/a11y.py with a cookie set in its Chromium before the first page loads, so that axe checks
the pages a signed-in user gets (the admin module), loaded by the browser itself from the server.

  a11y_signed_in.py PATH/a11y.py NAME=VALUE ORIGIN [a11y.py arguments ...]

The cookie is set through the DevTools protocol (Network.setCookie) for ORIGIN (http://127.0.0.1:PORT), HttpOnly
and SameSite=Lax like the portal's session cookie; cookies do not depend on the port, so pages read through
.ci/relay200.py on another port get it too. Everything else is a11y.py's own: same driver, same axe-core, same
output and exit status.
"""
from __future__ import annotations

import importlib.util
import sys

sys.dont_write_bytecode = True  # no __pycache__ left beside the shared tools


def main() -> int:
    if len(sys.argv) < 4 or "=" not in sys.argv[2]:
        sys.exit(__doc__.strip().split("\n\n")[1])
    a11y_path, cookie, origin = sys.argv[1], sys.argv[2], sys.argv[3]
    name, value = cookie.split("=", 1)
    spec = importlib.util.spec_from_file_location("a11y", a11y_path)
    a11y = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(a11y)
    make_driver = a11y.make_driver

    def signed_in_driver(width: int, height: int):
        driver = make_driver(width, height)
        done = driver.execute_cdp_cmd("Network.setCookie", {
            "name": name, "value": value, "url": origin.rstrip("/") + "/", "path": "/", "httpOnly": True,
            "sameSite": "Lax"})
        if not done.get("success", True):
            driver.quit()
            sys.exit(f"a11y_signed_in.py: Chromium refused the cookie {name} for {origin}")
        return driver

    a11y.make_driver = signed_in_driver
    sys.argv = [a11y_path, *sys.argv[4:]]
    return a11y.main()


if __name__ == "__main__":
    sys.exit(main())
