#!/usr/bin/env python3
"""Relays GET and HEAD requests to a server on 127.0.0.1 and answers them with status 200.

  relay200.py LISTEN_PORT UPSTREAM_PORT [--saved DIR]

htmlcheck.sh and a11y.py refuse a page whose status is not 2xx, so they cannot check the site's 404 page
directly. check-pages.sh first confirms that the server answers a missing path with 404 and an HTML page, then
has the tools read that page through this relay. Headers and body are the upstream's, unchanged but for the
status line (and hop-by-hop headers). Request headers (a session cookie too) go upstream as they came.

With --saved DIR, GET /ci-saved/NAME answers DIR/NAME (an HTML page saved from a POST's answer: a failed login, a
form sent back with its problems) as text/html, so that the tools check it with the site's own stylesheet, which
the relay fetches from upstream like every other path.
"""
from __future__ import annotations

import http.client
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "te", "trailer", "upgrade"}


def main() -> None:
    if len(sys.argv) not in (3, 5) or (len(sys.argv) == 5 and sys.argv[3] != "--saved"):
        sys.exit(__doc__.strip().split("\n\n")[0])
    listen, upstream = int(sys.argv[1]), int(sys.argv[2])
    saved = sys.argv[4] if len(sys.argv) == 5 else None

    class Relay(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            self.relay(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self.relay(False)

        def relay(self, with_body: bool) -> None:
            name = self.path.split("?")[0].removeprefix("/ci-saved/")
            if saved and self.path.startswith("/ci-saved/") and "/" not in name and name in os.listdir(saved):
                with open(os.path.join(saved, name), "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)
                return
            conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"host"}}
            conn.request(self.command, self.path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            conn.close()
            self.send_response(200)
            for k, v in resp.getheaders():
                if k.lower() not in HOP_BY_HOP | {"date", "server"}:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", listen), Relay).serve_forever()


if __name__ == "__main__":
    main()
