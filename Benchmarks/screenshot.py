#!/usr/bin/env python3
"""Full-page PNG screenshots in headless Chromium at an exact CSS width.

  screenshot.py --width 375 URL FILE.png [URL FILE.png ...]

Headless Chromium will not make its window narrower than 500 px, so a phone width has to be emulated: the page
is laid out with Emulation.setDeviceMetricsOverride at the given width (as a mobile viewport below 600 px), then
the viewport is stretched to the document's height and captured. Needs selenium and Debian's chromium and
chromedriver (../shared/tools/install.sh). Exit 1 if a page does not answer 2xx.
"""
from __future__ import annotations

import argparse
import base64
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

MAX_HEIGHT = 16000
STATUS_JS = "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;"
HEIGHT_JS = "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900, help="viewport height while the page loads")
    ap.add_argument("pairs", nargs="+", metavar="URL FILE")
    args = ap.parse_args()
    if len(args.pairs) % 2:
        ap.error("give a URL and a file name for each screenshot")

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
              "--no-first-run", "--disable-extensions", "--window-size=1280,900"):
        opts.add_argument(a)
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=shutil.which("chromedriver")))
    ok = True
    try:
        for url, path in zip(args.pairs[0::2], args.pairs[1::2]):
            metrics = {"width": args.width, "height": args.height, "deviceScaleFactor": 1,
                       "mobile": args.width < 600}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            driver.get(url)
            status = driver.execute_script(STATUS_JS)
            if not 200 <= (status or 0) < 300:
                print(f"screenshot: {url} answered HTTP {status}; no screenshot")
                ok = False
                continue
            height = min(max(driver.execute_script(HEIGHT_JS), 1), MAX_HEIGHT)
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
            wide = driver.execute_script("return document.documentElement.scrollWidth")
            png = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
            with open(path, "wb") as f:
                f.write(base64.b64decode(png))
            overflow = f"; the content is {wide} px wide and overflows" if wide > args.width else ""
            print(f"screenshot: {url} -> {path} ({args.width}x{height} CSS px{overflow})")
    finally:
        driver.quit()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
