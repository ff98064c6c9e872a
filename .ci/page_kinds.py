#!/usr/bin/env python3
"""Groups crawled URLs into kinds of page, and picks a deterministic sample that has every kind.

  page_kinds.py kinds URLS_FILE          each kind with its count and first URL
  page_kinds.py sample URLS_FILE N       N URLs in crawl order (all when there are no more than N; never fewer
                                         than the front page and one URL of every kind)

A kind is the URL's shape: numeric path segments become {n}, a segment position with more than
VARIABLE_LIMIT different values under the same parent shape becomes {s} (municipality or area slugs), and a
query keeps only its parameter names. So /kommune/169/mål/4 and /kommune/851/mål/2 are one kind,
/kommune/169/historik another. Nothing here knows the portal's routes.

The sample always holds the front page and the first URL of every kind; the remaining places go to the kinds in
proportion to their size, each kind's share spread evenly over its URLs in crawl order (so municipalities from
the whole list, not only the first ones). The same URL list always gives the same sample.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from urllib.parse import parse_qsl, unquote, urlsplit

VARIABLE_LIMIT = 8


def segments(url: str) -> tuple[list[str], str]:
    parts = urlsplit(url)
    segs = [unquote(s) for s in parts.path.split("/") if s]
    query = "&".join(sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}))
    return segs, query


def kinds(urls: list[str]) -> dict[str, list[str]]:
    """Kind → its URLs in the given order; kinds in order of first appearance."""
    shapes = []
    for url in urls:
        segs, query = segments(url)
        shapes.append(([("{n}" if s.isdigit() else s) for s in segs], query))
    depth = max((len(s) for s, _ in shapes), default=0)
    for i in range(depth):
        values: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for segs, _ in shapes:
            if len(segs) > i:
                values[tuple(segs[:i])].add(segs[i])
        for segs, _ in shapes:
            if len(segs) > i and len(values[tuple(segs[:i])]) > VARIABLE_LIMIT and segs[i] != "{n}":
                segs[i] = "{s}"
    grouped: dict[str, list[str]] = {}
    for url, (segs, query) in zip(urls, shapes):
        key = "/" + "/".join(segs) + (f"?{query}" if query else "")
        grouped.setdefault(key, []).append(url)
    return grouped


def spread(items: list[str], count: int) -> list[str]:
    """`count` items evenly spaced from first to last."""
    if count >= len(items):
        return list(items)
    if count == 1:
        return [items[0]]
    return [items[round(j * (len(items) - 1) / (count - 1))] for j in range(count)]


def sample(urls: list[str], limit: int) -> list[str]:
    if len(urls) <= limit:
        return list(urls)
    grouped = kinds(urls)
    chosen = {urls[0]} | {members[0] for members in grouped.values()}
    room = limit - len(chosen)
    if room > 0:
        total = sum(len(m) for m in grouped.values())
        for members in grouped.values():
            share = len(members) * room // total
            chosen.update(spread(members, min(len(members), share + 1)))
    picked = [u for u in urls if u in chosen]
    if len(picked) > limit:
        must = {urls[0]} | {members[0] for members in grouped.values()}
        extra = [u for u in picked if u not in must]
        drop = set(spread(extra, len(picked) - limit)) if len(picked) - limit < len(extra) else set(extra)
        picked = [u for u in picked if u not in drop]
    return picked


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[1] not in ("kinds", "sample") or (sys.argv[1] == "sample" and len(sys.argv) != 4):
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    with open(sys.argv[2], encoding="utf8") as f:
        urls = [line.strip() for line in f if line.strip()]
    if sys.argv[1] == "kinds":
        for key, members in kinds(urls).items():
            print(f"{len(members):6d}  {key}  (first: {members[0]})")
    else:
        print("\n".join(sample(urls, int(sys.argv[3]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
