#!/usr/bin/env python3
"""Unit tests for the crawler's URL handling and the page sampler (python3 .ci/test_page_tools.py)."""
from __future__ import annotations

import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ left in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import crawl  # noqa: E402
import page_kinds  # noqa: E402


class NormaliseTests(unittest.TestCase):
    def test_raw_and_encoded_paths_are_one_url(self) -> None:
        self.assertEqual(crawl.normalise("http://h:8/kommune/169/mål/2"),
                         crawl.normalise("http://h:8/kommune/169/m%C3%A5l/2"))
        self.assertEqual(crawl.normalise("http://h:8/m%c3%a5l"), crawl.normalise("http://h:8/m%C3%A5l"))

    def test_fragment_default_port_and_case(self) -> None:
        self.assertEqual(crawl.normalise("HTTP://Example.ORG:80/a#top"), "http://example.org/a")
        self.assertEqual(crawl.normalise("http://h:8080"), "http://h:8080/")

    def test_query_spellings(self) -> None:
        self.assertEqual(crawl.normalise("http://h/soeg?q=ældre+pleje"), crawl.normalise("http://h/soeg?q=%C3%A6ldre%20pleje"))
        self.assertNotEqual(crawl.normalise("http://h/soeg?q=a%26b"), crawl.normalise("http://h/soeg?q=a&b"))


class ResolveTests(unittest.TestCase):
    def setUp(self) -> None:
        self.crawler = crawl.Crawler("http://127.0.0.1:9000/", threads=1, form_word=None, timeout=1)

    def test_follows_same_origin_links_only(self) -> None:
        base = "http://127.0.0.1:9000/kommune/169"
        self.assertEqual(self.crawler.resolve(base, "historik"), "http://127.0.0.1:9000/kommune/historik")
        self.assertEqual(self.crawler.resolve(base, "/om#kontakt"), "http://127.0.0.1:9000/om")
        for href in ("#indhold", "mailto:a@b.dk", "tel:+4512345678", "javascript:void(0)",
                     "https://example.org/", "http://127.0.0.1:9001/", "/static/site.css", ""):
            self.assertIsNone(self.crawler.resolve(base, href), href)

    def test_prefix_and_skip_keep_a_signed_in_crawl_inside_the_admin_module(self) -> None:
        crawler = crawl.Crawler("http://127.0.0.1:9000/admin", threads=1, form_word=None, timeout=1,
                                prefix="/admin", cookie="bi_session=x", skip=("/admin/logout",))
        base = "http://127.0.0.1:9000/admin/kommune/0169"
        self.assertEqual(crawler.resolve(base, "/admin"), "http://127.0.0.1:9000/admin")
        self.assertEqual(crawler.resolve(base, "udkast?x=1"), "http://127.0.0.1:9000/admin/kommune/udkast?x=1")
        for href in ("/", "/kommune/0169", "/administration", "/admin/logout", "/admin/logout?x=1"):
            self.assertIsNone(crawler.resolve(base, href), href)

    def test_forms_are_collected_with_the_word(self) -> None:
        parser = crawl.LinkParser("skole")
        parser.feed('<form action="/soeg"><input type="search" name="q"><input type="hidden" name="s" value="1">'
                    '<input type="checkbox" name="x"></form><form method="post" action="/login">'
                    '<input name="user"></form>')
        self.assertEqual(parser.forms, [("/soeg", [("q", "skole"), ("s", "1")])])


URLS = (["http://h/", "http://h/om", "http://h/soeg?q=skole"]
        + [f"http://h/kommune/{c}" for c in range(100, 200)]
        + [f"http://h/kommune/{c}/mål/{g}" for c in range(100, 200) for g in range(1, 11)]
        + [f"http://h/kommune/{c}/historik" for c in range(100, 200)]
        + [f"http://h/område/{name}" for name in "abcdefghijkl"])


class KindTests(unittest.TestCase):
    def test_shapes(self) -> None:
        kinds = page_kinds.kinds(URLS)
        self.assertEqual(list(kinds), ["/", "/om", "/soeg?q", "/kommune/{n}", "/kommune/{n}/mål/{n}",
                                       "/kommune/{n}/historik", "/område/{s}"])
        self.assertEqual(len(kinds["/kommune/{n}/mål/{n}"]), 1000)

    def test_a_few_literal_children_stay_literal(self) -> None:
        kinds = page_kinds.kinds(["http://h/a/x", "http://h/a/y", "http://h/b"])
        self.assertEqual(list(kinds), ["/a/x", "/a/y", "/b"])


class SampleTests(unittest.TestCase):
    def test_every_kind_and_a_spread(self) -> None:
        picked = page_kinds.sample(URLS, 120)
        self.assertLessEqual(len(picked), 120)
        self.assertGreater(len(picked), 100)
        for members in page_kinds.kinds(URLS).values():
            self.assertIn(members[0], picked)
        municipalities = [u for u in picked if u.count("/") == 4 and "/kommune/" in u]
        self.assertIn("http://h/kommune/199", municipalities)
        self.assertGreater(len(municipalities), 3)
        self.assertEqual([u for u in URLS if u in picked], picked, "crawl order")

    def test_deterministic_and_all_when_small(self) -> None:
        self.assertEqual(page_kinds.sample(URLS, 300), page_kinds.sample(list(URLS), 300))
        self.assertEqual(page_kinds.sample(URLS[:50], 60), URLS[:50])

    def test_never_fewer_than_one_of_each_kind(self) -> None:
        picked = page_kinds.sample(URLS, 3)
        self.assertEqual(len(picked), len(page_kinds.kinds(URLS)))

    def test_spread(self) -> None:
        self.assertEqual(page_kinds.spread(list("abcdefghi"), 3), ["a", "e", "i"])
        self.assertEqual(page_kinds.spread(list("ab"), 5), ["a", "b"])


if __name__ == "__main__":
    unittest.main(verbosity=1)
