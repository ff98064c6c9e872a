#!/usr/bin/env python3
"""Crawls a site breadth-first from its front page and lists every page reachable by links.

  crawl.py http://127.0.0.1:PORT/ --out urls.txt [--report crawl.tsv] [--max N] [--threads N]
           [--extra PATH ...] [--forms WORD] [--prefix PATH] [--cookie NAME=VALUE] [--skip PATH ...] [--login PATH]

Follows every same-origin <a href> (fragments dropped; mailto:, tel:, javascript:, other hosts and /static/
ignored), and follows redirects within the site. Records each URL's status and Content-Type; only text/html
pages are parsed for further links. A 4xx or 5xx answer to a linked URL is a failure, printed with the page
that links to it. --extra adds paths to start from (e.g. --extra '/soeg?q=skole'); --forms WORD also visits
every GET form found, with WORD in each text or search field. POST forms are never submitted.

--prefix PATH follows only URLs whose path is PATH or under it (/admin: /admin and /admin/…, never the public
pages). For the signed-in admin pages: --cookie sends a session cookie with every request, --skip PATH never
fetches that path (e.g. /admin/logout), and --login PATH makes a redirect to that path a failure (the session was
refused or lost, so the pages checked would not be the signed-in ones).

Writes the URLs of the HTML pages that answered 2xx, one a line in crawl order, to --out, and every URL with its
status, Content-Type and first referrer to --report (tab-separated). Also lists same-origin stylesheets that
the pages link (--assets FILE). Exit: 0 if every URL answered below 400, 1 otherwise, 2 on a usage or
connection error. Python standard library only; one keep-alive connection per thread.
"""
from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
TEXT_INPUTS = {"text", "search", ""}


@dataclass
class Page:
    """What the crawler learnt about one URL."""

    url: str
    referrer: str
    status: int = 0
    content_type: str = ""
    error: str = ""
    links: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)
    location: str = ""


class LinkParser(HTMLParser):
    """Collects a[href], link[rel=stylesheet][href], base[href] and GET forms with their text fields."""

    def __init__(self, form_word: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_word = form_word
        self.base = ""
        self.hrefs: list[str] = []
        self.stylesheets: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: tuple[str, list[tuple[str, str]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        elif tag == "base" and "href" in a and not self.base:
            self.base = a["href"]
        elif tag == "link" and "stylesheet" in a.get("rel", "").lower().split() and "href" in a:
            self.stylesheets.append(a["href"])
        elif tag == "form" and self.form_word is not None:
            if a.get("method", "get").strip().lower() == "get":
                self._form = (a.get("action", ""), [])
                self.forms.append(self._form)
        elif tag == "input" and self._form is not None and a.get("name"):
            kind = a.get("type", "").lower()
            if kind in TEXT_INPUTS:
                self._form[1].append((a["name"], self.form_word or ""))
            elif kind == "hidden":
                self._form[1].append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def normalise(url: str) -> str:
    """One spelling per resource: lower-case scheme and host, no default port, no fragment, a path of at least
    `/`, and percent-encoding applied the same way whether the link was written raw (`/mål`) or encoded."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~")
    query = "&".join(
        quote(unquote(p.replace("+", " ")), safe="=:@!$'()*,;/?-._~") for p in parts.query.split("&") if p)
    return urlunsplit((scheme, netloc, path, query, ""))


class Crawler:
    def __init__(self, root: str, threads: int, form_word: str | None, timeout: float, prefix: str = "",
                 cookie: str = "", skip: tuple[str, ...] = (), login: str = "") -> None:
        self.root = normalise(root)
        split = urlsplit(self.root)
        self.origin = (split.scheme, split.netloc)
        self.cookie = cookie
        self.prefix = prefix.rstrip("/")
        self.skip = {normalise(urljoin(self.root, p)) for p in skip}
        self.login = login
        self.host, self.port = split.hostname or "127.0.0.1", split.port or 80
        self.threads = threads
        self.form_word = form_word
        self.timeout = timeout
        self.local = threading.local()

    def same_site(self, url: str) -> bool:
        s = urlsplit(url)
        if (s.scheme, s.netloc) != self.origin or s.path.startswith("/static/"):
            return False
        if url.split("?")[0] in self.skip:
            return False
        return not self.prefix or s.path == self.prefix or s.path.startswith(self.prefix + "/")

    def resolve(self, base: str, href: str) -> str | None:
        href = href.strip()
        if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
            return None
        url = normalise(urljoin(base, href))
        return url if self.same_site(url) else None

    def connection(self, fresh: bool = False) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None or fresh:
            if conn is not None:
                conn.close()
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.local.conn = conn
        return conn

    def fetch(self, page: Page) -> Page:
        s = urlsplit(page.url)
        target = s.path + (f"?{s.query}" if s.query else "")
        for attempt in (0, 1):
            conn = self.connection(fresh=attempt == 1)
            try:
                headers = {"Accept": "text/html,*/*", "User-Agent": "brugerinformation-ci-crawl"}
                if self.cookie:
                    headers["Cookie"] = self.cookie
                conn.request("GET", target, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                break
            except (OSError, http.client.HTTPException) as e:
                if attempt == 1:
                    page.error = f"{e.__class__.__name__}: {e}"
                    return page
        page.status = resp.status
        page.content_type = resp.getheader("Content-Type", "")
        if 300 <= resp.status < 400 and resp.getheader("Location"):
            page.location = resp.getheader("Location", "")
            if self.login and urlsplit(urljoin(page.url, page.location)).path == self.login:
                page.error = f"HTTP {resp.status} to the login page {page.location} (not signed in)"
                return page
            nxt = self.resolve(page.url, page.location)
            if nxt:
                page.links.append(nxt)
        if resp.status < 300 and page.content_type.split(";")[0].strip().lower() == "text/html":
            charset = "utf-8"
            for param in page.content_type.split(";")[1:]:
                k, _, v = param.strip().partition("=")
                if k.lower() == "charset" and v:
                    charset = v.strip('"')
            parser = LinkParser(self.form_word)
            parser.feed(body.decode(charset, errors="replace"))
            parser.close()
            base = urljoin(page.url, parser.base) if parser.base else page.url
            for href in parser.hrefs:
                if (u := self.resolve(base, href)) is not None:
                    page.links.append(u)
            for href in parser.stylesheets:
                u = normalise(urljoin(base, href))
                if (urlsplit(u).scheme, urlsplit(u).netloc) == self.origin:
                    page.stylesheets.append(u)
            for action, fields in parser.forms:
                u = self.resolve(base, action or page.url)
                if u is not None and fields:
                    page.forms.append(normalise(u.split("?")[0] + "?" + urlencode(fields)))
        return page

    def crawl(self, extra: list[str], limit: int) -> tuple[list[Page], bool]:
        seen: dict[str, Page] = {}
        order: list[Page] = []
        level: list[Page] = []
        capped = False
        for start in [self.root] + [normalise(urljoin(self.root, p)) for p in extra]:
            if start not in seen:
                seen[start] = Page(start, "(start)")
                level.append(seen[start])
        with ThreadPoolExecutor(self.threads) as pool:
            while level:
                order.extend(level)
                nxt: list[Page] = []
                for page in pool.map(self.fetch, level):
                    for link in page.links + page.forms:
                        if link in seen:
                            continue
                        if limit and len(seen) >= limit:
                            capped = True
                            continue
                        seen[link] = Page(link, page.url)
                        nxt.append(seen[link])
                level = nxt
        return order, capped


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", help="the front page, e.g. http://127.0.0.1:8080/")
    ap.add_argument("--out", required=True, help="file for the URLs of the HTML pages (one a line)")
    ap.add_argument("--report", help="file for every URL with status, Content-Type and referrer (TSV)")
    ap.add_argument("--assets", help="file for the same-origin stylesheets the pages link (one a line)")
    ap.add_argument("--max", type=int, default=0, help="stop after this many URLs (0: no cap)")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--extra", action="append", default=[], metavar="PATH", help="another path to start from")
    ap.add_argument("--forms", metavar="WORD", help="also visit GET forms, WORD in each text field")
    ap.add_argument("--prefix", default="", metavar="PATH", help="follow only URLs at or under this path")
    ap.add_argument("--cookie", default="", metavar="NAME=VALUE", help="send this cookie (a session)")
    ap.add_argument("--skip", action="append", default=[], metavar="PATH", help="never fetch this path")
    ap.add_argument("--login", default="", metavar="PATH", help="a redirect to this path is a failure")
    args = ap.parse_args()
    if urlsplit(args.root).scheme != "http":
        print("crawl: the root must be an http:// URL", file=sys.stderr)
        return 2

    t0 = time.monotonic()
    crawler = Crawler(args.root, args.threads, args.forms, args.timeout, args.prefix, args.cookie,
                      tuple(args.skip), args.login)
    pages, capped = crawler.crawl(args.extra, args.max)
    elapsed = time.monotonic() - t0

    html = [p for p in pages if p.status < 300 and p.content_type.split(";")[0].strip().lower() == "text/html"]
    failures = [p for p in pages if p.error or p.status >= 400]
    with open(args.out, "w", encoding="utf8") as f:
        f.writelines(p.url + "\n" for p in html)
    if args.report:
        with open(args.report, "w", encoding="utf8") as f:
            f.write("url\tstatus\tcontent_type\treferrer\n")
            f.writelines(f"{p.url}\t{p.status or p.error}\t{p.content_type}\t{p.referrer}\n" for p in pages)
    if args.assets:
        assets = list(dict.fromkeys(s for p in pages for s in p.stylesheets))
        with open(args.assets, "w", encoding="utf8") as f:
            f.writelines(a + "\n" for a in assets)

    by_status: dict[str, int] = {}
    for p in pages:
        key = str(p.status) if p.status else "no answer"
        by_status[key] = by_status.get(key, 0) + 1
    for p in failures:
        what = p.error or f"HTTP {p.status}"
        print(f"crawl: FAIL {p.url}: {what} (linked from {p.referrer})")
    others = [p for p in pages if p.status and p.status < 300 and p not in html]
    for p in others[:10]:
        print(f"crawl: note: {p.url} is {p.content_type or 'without Content-Type'}; not crawled further")
    if len(others) > 10:
        print(f"crawl: note: and {len(others) - 10} more URLs that are not HTML (all in --report)")
    if capped:
        print(f"crawl: note: stopped at --max {args.max} URLs; more pages are linked")
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(by_status.items()))
    print(f"crawl: {len(pages)} URLs ({statuses}), {len(html)} HTML pages, {len(failures)} failures, "
          f"{elapsed:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
