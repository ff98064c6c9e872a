#!/usr/bin/env python3
"""Runs ../shared/tools/a11y.py (axe-core in headless Chromium, WCAG 2.0/2.1 A and AA) on a list of pages and
fails on ANY violation, whatever its impact.

  axe_pages.py URLS_FILE --a11y PATH/a11y.py --out DIR [--jobs N] [--label URL=NAME ...] [--cookie NAME=VALUE]

a11y.py itself exits 1 only on serious or critical violations; this reads its --json results instead. The URLs
are split over N a11y.py processes (one Chromium each) run side by side. A page missing from the results (it did
not load, or axe failed on it) is a failure too. With --cookie (a session) Chromium has that cookie before the
first page (.ci/a11y_signed_in.py), and a page whose document ended up at another path (a redirect to the login
page: the session was not accepted) is a failure. Logs and JSON go to DIR. Prints each violation with its page,
then one line: `axe: N pages, V violations on P pages, T s (S s/page)`. Exit 0 when there is none, else 1.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from urllib.parse import unquote, urlsplit


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("urls_file")
    ap.add_argument("--a11y", required=True, help="path to a11y.py")
    ap.add_argument("--out", required=True, help="folder for the logs and JSON results")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--label", action="append", default=[], metavar="URL=NAME",
                    help="name to print for a URL (e.g. the 404 page read through the relay)")
    ap.add_argument("--cookie", default="", metavar="NAME=VALUE", help="a session cookie for every page")
    args = ap.parse_args()
    with open(args.urls_file, encoding="utf8") as f:
        urls = [line.strip() for line in f if line.strip()]
    labels = dict(item.split("=", 1) for item in args.label)
    if not urls:
        print("axe: no pages to check")
        return 1
    os.makedirs(args.out, exist_ok=True)

    jobs = max(1, min(args.jobs, len(urls)))
    chunks = [urls[i::jobs] for i in range(jobs)]
    t0 = time.monotonic()
    procs = []
    for i, chunk in enumerate(chunks):
        log = open(os.path.join(args.out, f"axe-{i}.log"), "w", encoding="utf8")
        cmd = [sys.executable, args.a11y, "--json", os.path.join(args.out, f"axe-{i}.json"), *chunk]
        if args.cookie:
            origin = "{0.scheme}://{0.netloc}/".format(urlsplit(urls[0]))
            cmd[1:2] = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "a11y_signed_in.py"), args.a11y,
                        args.cookie, origin]
        procs.append((subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT), log, i))
    codes = {}
    for proc, log, i in procs:
        codes[i] = proc.wait()
        log.close()
    elapsed = time.monotonic() - t0

    results: dict[str, dict] = {}
    for i in range(jobs):
        path = os.path.join(args.out, f"axe-{i}.json")
        if os.path.exists(path):
            with open(path, encoding="utf8") as f:
                results.update(json.load(f))
        if codes[i] not in (0, 1):
            print(f"axe: a11y.py run {i} exited {codes[i]}; its log: {os.path.join(args.out, f'axe-{i}.log')}")
            with open(os.path.join(args.out, f"axe-{i}.log"), encoding="utf8") as f:
                page = ""
                for line in f:
                    if line.startswith("=== "):
                        page = line[4:].strip()
                    elif "ERROR" in line:
                        print(f"    {labels.get(page, page)}: {line.strip()}")

    violations = 0
    failed_pages = []
    for url in urls:
        name = labels.get(url, url)
        res = results.get(url)
        if res is None:
            print(f"axe: FAIL {name}: no result (the page did not load or axe failed; see {args.out})")
            failed_pages.append(name)
            continue
        landed = res.get("url", url)
        if args.cookie and unquote(urlsplit(landed).path) != unquote(urlsplit(url).path):
            print(f"axe: FAIL {name}: Chromium ended up at {landed} (not signed in?)")
            failed_pages.append(name)
            continue
        found = res.get("violations", [])
        if found:
            failed_pages.append(name)
        for v in found:
            violations += 1
            nodes = v.get("nodes", [])
            first = " ".join(str(t) for t in nodes[0].get("target", [])) if nodes else ""
            print(f"axe: FAIL {name}: [{v.get('impact')}] {v.get('id')}: {v.get('help')} "
                  f"({len(nodes)} node(s), first: {first})")
    per_page = elapsed / len(urls)
    print(f"axe: {len(urls)} pages, {violations} violations on {len(failed_pages)} pages, "
          f"{elapsed:.0f} s ({per_page:.2f} s/page, {jobs} Chromium)")
    return 1 if failed_pages else 0


if __name__ == "__main__":
    sys.exit(main())
