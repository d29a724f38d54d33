#!/usr/bin/env python3
"""Size report of a Candor build: raw, gzip and brotli bytes per file, per page and in total.

    scripts/size-report.py dist [--budget BYTES] [--goal BYTES]

Candor is four pages, each loading only the files in its own folder: the respondent page
(dist/index.html and its files), the results page (dist/results/), the set-up page
(dist/setup/) and the organisation page (dist/org/). The budget is what one page makes a browser download, so it applies to each
page; fails (exit 1) when a page's brotli total exceeds it. Sample data files (*.json) are loaded only on request and listed apart,
as are the service worker and the web app manifest, which the browser fetches after the page
has loaded (once per version), to make it work offline, and the results page's reader worker,
fetched only when a round is released, a results key made or many teams read. The results
page's drawing worker, which reads and draws every team file the page shows and is started
as the page loads, is listed apart with a budget of its own (`--page-budget draw=BYTES`), and
the page's total with it is printed beside it. The respondent page's
sealer worker, which seals the answers and writes them into the team file, is listed apart with
a budget of its own (`--page-budget sealer=BYTES`): every phone that answers fetches it, but
only once the form is on screen, while the person answers; the page's total with it is printed
beside it. The set-up page's desk worker, which holds the open team file, draws its cards
and makes its changes, is started as the page loads and listed apart the same way
(`--page-budget desk=BYTES`).
Brotli comes from Debian's `brotli` command (quality 11, as a static host would pre-compress);
gzip from Python (level 9).
"""
import argparse
import gzip
import os
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("dist")
parser.add_argument("--budget", type=int, default=None, help="hard limit per page, brotli bytes")
parser.add_argument("--page-budget", action="append", default=[], metavar="FOLDER=BYTES",
                    help="hard limit of one page's folder if it differs from --budget")
parser.add_argument("--goal", type=int, default=None, help="target per page, brotli bytes (reported only)")
args = parser.parse_args()

PAGES = {".": "respondent page (index.html)", "results": "results page (results/)",
         "setup": "set-up page (setup/)", "org": "organisation page (org/)",
         "offline": "offline install (after load)",
         "worker": "reader worker (results, set-up, organisation: releases, keys, many teams)",
         "draw": "drawing worker (results page: reads and draws every team file)",
         "desk": "desk worker (set-up page: holds, draws and changes the open team file)",
         "sealer": "sealer worker (respondent page, fetched once the form is on screen)"}
PAGE_BUDGETS = dict((k, int(v)) for k, v in (b.split("=", 1) for b in args.page_budget))

rows = []
for folder, _, files in os.walk(args.dist):
    for name in files:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            data = f.read()
        br = subprocess.run(["brotli", "-c", "-q", "11", path], check=True,
                            stdout=subprocess.PIPE).stdout
        rel = os.path.relpath(path, args.dist)
        if rel in ("sw.js", "manifest.webmanifest"):
            group = "offline"
        elif name.startswith("candor-reader"):
            group = "worker"
        elif name.startswith("candor-draw"):
            group = "draw"
        elif name.startswith("candor-desk"):
            group = "desk"
        elif name.startswith("candor-sealer"):
            group = "sealer"
        elif name.endswith(".json"):
            group = "data"
        else:
            group = os.path.dirname(rel) or "."
        rows.append((group, rel, len(data), len(gzip.compress(data, 9)), len(br)))
rows.sort(key=lambda r: (r[0] != ".", r[0], -r[4]))


def kb(n):
    return f"{n / 1000:8.1f} kB"


def total(selected):
    return [sum(r[i] for r in selected) for i in (2, 3, 4)]


failed = False
print(f"{'file':<44} {'raw':>11} {'gzip':>11} {'brotli':>11}")
for group in sorted({r[0] for r in rows}, key=lambda g: (g != ".", g)):
    selected = [r for r in rows if r[0] == group]
    for _, name, raw, gz, br in selected:
        print(f"{name:<44} {kb(raw)} {kb(gz)} {kb(br)}")
    sums = total(selected)
    label = PAGES.get(group, group)
    print(f"{'= ' + label:<44} {kb(sums[0])} {kb(sums[1])} {kb(sums[2])}")
    if group in ("data", "offline", "worker"):
        print()
        continue
    if args.goal:
        verdict = "within" if sums[2] <= args.goal else "over"
        print(f"  goal {kb(args.goal).strip()} brotli: {verdict}")
    budget = PAGE_BUDGETS.get(group, args.budget)
    if budget:
        if sums[2] > budget:
            print(f"  FAIL: {kb(sums[2]).strip()} brotli is over the budget of {kb(budget).strip()}")
            failed = True
        else:
            print(f"  budget {kb(budget).strip()} brotli: ok")
    for worker, page_group, name in (("draw", "results", "results"), ("desk", "setup", "set-up"),
                                     ("sealer", ".", "respondent")):
        if group == worker:
            page = total([r for r in rows if r[0] in (page_group, worker)])
            print(f"  with the {name} page: {kb(page[2]).strip()} brotli")
    print()
sums = total(rows)
print(f"{'all files (' + str(len(rows)) + ')':<44} {kb(sums[0])} {kb(sums[1])} {kb(sums[2])}")
sys.exit(1 if failed else 0)
