#!/usr/bin/env python3
"""A small made-up site shaped like the portal, to test the page checks (.ci/check-pages.sh) against.

  fixture_site.py PORT [--municipalities N] [--goals N] [--versions N] [--defect KIND ...]

Serves, on 127.0.0.1:PORT (HTTP/1.1, keep-alive): a front page linking every municipality (one of them also
through a redirect: /kommune/N/ answers 301 to /kommune/N), the search form, the information pages, a mailto:
link, an external link and a fragment; per municipality its page, its goals,
its history, its versions and the differences between them; the service areas; search results; a stylesheet
under /static; and an HTML 404 page. The pages are valid HTML and pass axe at WCAG 2.1 A and AA until a
--defect is asked for:

  html       the third goal of the second municipality has a markup error (a stray end tag)
  axe        the history of the second municipality has an image without alt text (a critical violation)
  axe-minor  the about page has an element with the deprecated role "directory" (a minor violation, which
             a11y.py's exit code ignores)
  link       the second municipality's page links a page that does not exist (404)
  redbot     the stylesheet says it was last modified in the future (a BAD note in REDbot)
  soft404    a path that does not exist answers 200 instead of 404
  admin-html   the signed-in admin page /admin/b has a markup error (a stray end tag)
  admin-axe    the signed-in admin page /admin/a has an image without alt text
  admin-logout /admin/a links /admin/afmeld, a GET that ends the session (which the checks must notice)

The admin section stands in for the portal's signed-in pages: /admin/login is public; every other /admin page
needs the cookie fixture_session=ok and otherwise answers 303 to /admin/login?naeste=PATH. /admin links /admin/a,
/admin/b, the public front page and /admin/logout (a GET here that ends the session: the checks must never fetch
it) and has a POST logout form; /admin/forbudt answers 403 with an HTML page.

With the defaults (98 municipalities, 10 goals, 3 versions) it has about 1,600 pages, the size the portal's
seeded database is expected to give.
"""
from __future__ import annotations

import argparse
import email.utils
import html
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

AREAS = ["Borgerservice og administration", "Integrationsområdet", "Dagtilbud", "Skoleområdet",
         "Ældreområdet", "Handicapområdet", "Beskæftigelse", "Sundhed", "Kultur og fritid", "Natur og miljø",
         "Trafik og veje", "Børn og unge"]
REGIONS = ["Region Nordjylland", "Region Midtjylland", "Region Syddanmark", "Region Hovedstaden",
           "Region Sjælland"]
CSS = b"body{font-family:sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}" \
      b"a{color:#0645ad}table{border-collapse:collapse}td,th{border:1px solid #767676;padding:.25rem}\n"


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


class Site:
    def __init__(self, municipalities: int, goals: int, versions: int, defects: set[str]) -> None:
        self.codes = [101 + 2 * i for i in range(municipalities)]
        self.goals, self.versions, self.defects = goals, versions, defects
        self.areas = {slug(a): a for a in AREAS}

    def name(self, code: int) -> str:
        return f"Eksempelkommune {code}"

    def page(self, title: str, body: str, extra_head: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – Brugerinformation (testside)</title>
<link rel="stylesheet" href="/static/site.css">{extra_head}
</head>
<body>
<a href="#indhold">Gå til indholdet</a>
<header><nav aria-label="Hovedmenu"><ul>
<li><a href="/">Forside</a></li><li><a href="/om">Om portalen</a></li>
<li><a href="/tilgaengelighed">Tilgængelighedserklæring</a></li></ul></nav>
<form method="get" action="/soeg" role="search"><label for="q">Søg</label>
<input type="search" id="q" name="q"><button type="submit">Søg</button></form></header>
<main id="indhold">
<h1>{html.escape(title)}</h1>
{body}
</main>
<footer><p>Testside. Skriv til <a href="mailto:test@example.org">test@example.org</a> eller læs
<a href="https://example.org/">mere</a>.</p></footer>
</body>
</html>
"""

    def front(self) -> str:
        per_region = -(-len(self.codes) // len(REGIONS))
        parts = []
        for r, region in enumerate(REGIONS):
            codes = self.codes[r * per_region:(r + 1) * per_region]
            if codes:
                items = "".join(f'<li><a href="/kommune/{c}">{self.name(c)}</a></li>\n' for c in codes)
                parts.append(f"<h2>{region}</h2>\n<ul>\n{items}</ul>")
        areas = "".join(f'<li><a href="/omr%C3%A5de/{s}">{html.escape(a)}</a></li>' for s, a in self.areas.items())
        latest = f'<p><a href="/kommune/{self.codes[0]}/">Senest opdateret: {self.name(self.codes[0])}</a></p>'
        return self.page("Kommunernes kvalitetskontrakter",
                         "\n".join(parts) + f"\n<h2>Områder</h2><ul>{areas}</ul>\n{latest}")

    def goal_rows(self, code: int, version: int) -> str:
        rows = []
        for g in range(1, self.goals + 1):
            rows.append(f'<tr><td><a href="/kommune/{code}/m%C3%A5l/{g}">Mål {g}</a></td>'
                        f"<td>{html.escape(AREAS[g % len(AREAS)])}</td><td>{80 + g % 10} %</td>"
                        f"<td>{85 + version + g % 5} %</td></tr>")
        return ("<table><caption>Mål</caption><thead><tr><th scope=\"col\">Mål</th><th scope=\"col\">Område</th>"
                "<th scope=\"col\">Udgangspunkt</th><th scope=\"col\">Mål</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table>")

    def municipality(self, code: int) -> str:
        body = [f"<p>Kvalitetskontrakt for {self.name(code)}, version {self.versions}.</p>",
                self.goal_rows(code, self.versions),
                f'<p><a href="/kommune/{code}/historik">Historik</a></p>',
                "<ul>" + "".join(f'<li><a href="/kommune/{code}/version/{v}">Version {v}</a></li>'
                                 for v in range(1, self.versions + 1)) + "</ul>",
                "<ul>" + "".join(f'<li><a href="/omr%C3%A5de/{s}">{html.escape(a)}</a></li>'
                                 for s, a in list(self.areas.items())[:3]) + "</ul>"]
        if "link" in self.defects and code == self.codes[1]:
            body.append(f'<p><a href="/kommune/{code}/findes-ikke">Et link, der ikke virker</a></p>')
        return self.page(self.name(code), "\n".join(body))

    def goal(self, code: int, goal: int) -> str:
        text = ("<p>Borgerne skal opleve en høj kvalitet i den service, kommunen leverer. Målet følges op hvert år "
                "i opfølgningsredegørelsen.</p>") * 6
        if "html" in self.defects and code == self.codes[1] and goal == 3:
            text += "</div>"
        return self.page(f"{self.name(code)}: mål {goal}",
                         f'{text}<p><a href="/kommune/{code}">Tilbage til {self.name(code)}</a></p>')

    def history(self, code: int) -> str:
        items = []
        for v in range(1, self.versions + 1):
            items.append(f'<li><a href="/kommune/{code}/version/{v}">Version {v}</a>'
                         + (f' (<a href="/kommune/{code}/version/{v}/%C3%A6ndringer">ændringer</a>)' if v > 1 else "")
                         + "</li>")
        extra = '<p><img src="/static/site.css" width="1" height="1"></p>' \
            if "axe" in self.defects and code == self.codes[1] else ""
        return self.page(f"{self.name(code)}: historik", "<ol>" + "".join(items) + "</ol>" + extra)

    def version(self, code: int, v: int) -> str:
        return self.page(f"{self.name(code)}: version {v}", self.goal_rows(code, v))

    def diff(self, code: int, v: int) -> str:
        return self.page(f"{self.name(code)}: ændringer i version {v}",
                         f"<p>Målene i version {v} sammenlignet med version {v - 1}.</p><ul><li><del>{84 + v} %"
                         f"</del> <ins>{85 + v} %</ins></li></ul>")

    def area(self, key: str) -> str:
        items = "".join(f'<li><a href="/kommune/{c}">{self.name(c)}</a></li>' for c in self.codes)
        return self.page(self.areas[key], f"<ul>{items}</ul>")

    def search(self, q: str) -> str:
        hits = [c for c in self.codes if q and q.lower() in self.name(c).lower() + " skole"][:20]
        items = "".join(f'<li><a href="/kommune/{c}">{self.name(c)}</a></li>' for c in hits)
        return self.page(f"Søgning: {q}", f"<p>{len(hits)} resultater.</p><ul>{items}</ul>")

    def about(self) -> str:
        extra = '<div role="directory"><a href="/">Forside</a></div>' if "axe-minor" in self.defects else ""
        return self.page("Om portalen", "<p>Her offentliggør kommunerne deres kvalitetskontrakter.</p>" + extra)

    signed_out = False  # set by a GET of /admin/logout or /admin/afmeld: the session has ended

    def admin(self, path: str, cookie: str) -> tuple[int, str, bytes, dict[str, str]]:
        html_type = "text/html; charset=utf-8"
        if path == "/admin/login":
            form = ('<form method="post" action="/admin/login"><label for="e">E-mail</label>'
                    '<input id="e" name="email" type="email" autocomplete="email"><button>Log ind</button></form>')
            return 200, html_type, self.page("Log ind", form).encode(), {"Cache-Control": "no-store"}
        if "fixture_session=ok" not in cookie or self.signed_out:
            return 303, "text/plain; charset=utf-8", b"", {"Location": f"/admin/login?naeste={path}"}
        if path in ("/admin/logout", "/admin/afmeld"):
            Site.signed_out = True
            return 303, "text/plain; charset=utf-8", b"", {"Location": "/admin/login"}
        if path == "/admin":
            body = ('<ul><li><a href="/admin/a">Side A</a></li><li><a href="/admin/b">Side B</a></li>'
                    '<li><a href="/">Den offentlige portal</a></li><li><a href="/admin/logout">Log ud</a></li></ul>'
                    '<form method="post" action="/admin/logout"><button>Log ud</button></form>')
            return 200, html_type, self.page("Administration", body).encode(), {"Cache-Control": "no-store"}
        if path == "/admin/a":
            body = '<p><a href="/admin">Tilbage</a></p>'
            if "admin-axe" in self.defects:
                body += '<p><img src="/static/site.css" width="1" height="1"></p>'
            if "admin-logout" in self.defects:
                body += '<p><a href="/admin/afmeld">Afslut</a></p>'
            return 200, html_type, self.page("Side A", body).encode(), {"Cache-Control": "no-store"}
        if path == "/admin/b":
            body = "<p>Kun for redaktører.</p>" + ("</div>" if "admin-html" in self.defects else "")
            return 200, html_type, self.page("Side B", body).encode(), {"Cache-Control": "no-store"}
        if path == "/admin/forbudt":
            return 403, html_type, self.page("Ingen adgang", "<p>Du har ikke adgang.</p>").encode(), {}
        return 404, html_type, self.page("Siden findes ikke", '<p><a href="/admin">Til forsiden</a></p>').encode(), {}

    def route(self, path: str, query: str, cookie: str = "") -> tuple[int, str, bytes, dict[str, str]]:
        html_type = "text/html; charset=utf-8"
        if path == "/admin" or path.startswith("/admin/"):
            return self.admin(path, cookie)
        segs = [unquote(s) for s in path.strip("/").split("/") if s]
        if path.startswith("/kommune/") and path.endswith("/"):
            return 301, "text/plain; charset=utf-8", b"", {"Location": path.rstrip("/")}
        try:
            if not segs:
                return 200, html_type, self.front().encode(), {}
            if segs == ["static", "site.css"]:
                headers = {"Cache-Control": "max-age=3600"}
                if "redbot" in self.defects:
                    headers["Last-Modified"] = email.utils.formatdate(time.time() + 400 * 86400, usegmt=True)
                return 200, "text/css; charset=utf-8", CSS, headers
            if segs == ["om"]:
                return 200, html_type, self.about().encode(), {}
            if segs == ["tilgaengelighed"]:
                return 200, html_type, self.page("Tilgængelighedserklæring", "<p>Siden følger WCAG 2.1 AA.</p>"
                                                 ).encode(), {}
            if segs == ["soeg"]:
                q = parse_qs(query).get("q", [""])[0]
                return 200, html_type, self.search(q).encode(), {}
            if segs[0] == "område" and len(segs) == 2 and segs[1] in self.areas:
                return 200, html_type, self.area(segs[1]).encode(), {}
            if segs[0] == "kommune" and len(segs) >= 2 and int(segs[1]) in self.codes:
                code = int(segs[1])
                rest = segs[2:]
                if not rest:
                    return 200, html_type, self.municipality(code).encode(), {}
                if rest == ["historik"]:
                    return 200, html_type, self.history(code).encode(), {}
                if rest[0] == "mål" and len(rest) == 2 and 1 <= int(rest[1]) <= self.goals:
                    return 200, html_type, self.goal(code, int(rest[1])).encode(), {}
                if rest[0] == "version" and 1 <= int(rest[1]) <= self.versions:
                    if len(rest) == 2:
                        return 200, html_type, self.version(code, int(rest[1])).encode(), {}
                    if rest[2:] == ["ændringer"] and int(rest[1]) > 1:
                        return 200, html_type, self.diff(code, int(rest[1])).encode(), {}
        except (ValueError, IndexError):
            pass
        missing = 200 if "soft404" in self.defects else 404
        return missing, html_type, self.page("Siden findes ikke", '<p><a href="/">Til forsiden</a></p>').encode(), {}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("port", type=int)
    ap.add_argument("--municipalities", type=int, default=98)
    ap.add_argument("--goals", type=int, default=10)
    ap.add_argument("--versions", type=int, default=3)
    ap.add_argument("--defect", action="append", default=[],
                    choices=["html", "axe", "axe-minor", "link", "redbot", "soft404", "admin-html", "admin-axe",
                             "admin-logout"])
    args = ap.parse_args()
    site = Site(max(args.municipalities, 2), args.goals, args.versions, set(args.defect))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one write (flushed after each request)
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802
            self.answer(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self.answer(False)

        def answer(self, with_body: bool) -> None:
            u = urlsplit(self.path)
            status, ctype, body, headers = site.route(u.path, u.query, self.headers.get("Cookie", ""))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
