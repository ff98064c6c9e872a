#!/usr/bin/env python3
"""Counts what one scan run found, by severity:

  scan_findings.py wapiti RUNDIR    (reads RUNDIR/report.json, wapiti's JSON report)
  scan_findings.py sqlmap RUNDIR    (reads every RUNDIR/*.log, sqlmap's standard output)

Prints one line, `critical high medium low info`, and writes every finding, one a line, to RUNDIR/findings.txt.

wapiti: each vulnerability, anomaly and additional of the report at its own level (4 critical … 1 low, 0 info).
sqlmap: each injection point it identified is high; a heuristic that a parameter "might be injectable" (a database
error shown to the client) medium; its heuristic XSS or file-inclusion hints (the payload's characters came back
unescaped) low; a CRITICAL message that stopped a target (not found, connection refused) info, listed so that what
went untested shows.
Standard library only.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys

SEVERITIES = ["critical", "high", "medium", "low", "info"]


def wapiti(run: str) -> list[tuple[str, str]]:
    with open(os.path.join(run, "report.json"), encoding="utf8") as handle:
        report = json.load(handle)
    names = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "info"}
    found = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                where = f"{item.get('method', '')} {item.get('path', '')}"
                if item.get("parameter"):
                    where += f" [{item['parameter']}]"
                info = " ".join(str(item.get("info", "")).split())[:300]
                found.append((names.get(int(item.get("level", 0)), "info"), f"{category}: {where}: {info}"))
    return found


def sqlmap(run: str) -> list[tuple[str, str]]:
    found = []
    for log in sorted(glob.glob(os.path.join(run, "*.log"))):
        target = os.path.basename(log)
        text = open(log, encoding="utf8", errors="replace").read()
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
        for block in re.findall(r"identified the following injection point.*?\n---\n(.*?)\n---", text, re.S):
            for parameter in re.findall(r"^Parameter: (.+)$", block, re.M):
                found.append(("high", f"{target}: SQL injection: {parameter}"))
        for line in text.splitlines():
            message = re.sub(r"^\[[0-9:]+\] ", "", line.strip())
            if "might be injectable" in message and "might not be" not in message:
                found.append(("medium", f"{target}: {message}"))
            elif re.search(r"heuristic \((XSS|FI)\) test shows", message):
                found.append(("low", f"{target}: {message}"))
            elif message.startswith("[CRITICAL]") and "do not appear to be injectable" not in message:
                found.append(("info", f"{target}: {message}"))
    return found


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("wapiti", "sqlmap"):
        sys.exit(__doc__)
    tool, run = sys.argv[1:]
    try:
        found = wapiti(run) if tool == "wapiti" else sqlmap(run)
    except (OSError, ValueError) as error:
        found = [("high", f"no report to read ({error}): the run did not finish")]
    with open(os.path.join(run, "findings.txt"), "w", encoding="utf8") as handle:
        for severity, text in found:
            handle.write(f"{severity}\t{text}\n")
    print(" ".join(str(sum(1 for s, _ in found if s == severity)) for severity in SEVERITIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
