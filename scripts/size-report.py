#!/usr/bin/env python3
"""Size report of a Candor build: raw, gzip and brotli bytes per file and in total.

    scripts/size-report.py dist [--budget BYTES]

Fails (exit 1) when the brotli total exceeds the budget. Brotli comes from Debian's `brotli`
command (quality 11, as a static host would pre-compress); gzip from Python (level 9).
"""
import argparse
import gzip
import os
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("dist")
parser.add_argument("--budget", type=int, default=None, help="hard limit, brotli bytes")
parser.add_argument("--goal", type=int, default=None, help="target, brotli bytes (reported only)")
args = parser.parse_args()

rows = []
for folder, _, files in os.walk(args.dist):
    for name in files:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            data = f.read()
        br = subprocess.run(["brotli", "-c", "-q", "11", path], check=True,
                            stdout=subprocess.PIPE).stdout
        rows.append((os.path.relpath(path, args.dist), len(data), len(gzip.compress(data, 9)), len(br)))
rows.sort(key=lambda r: -r[3])

def kb(n):
    return f"{n / 1000:8.1f} kB"

print(f"{'file':<44} {'raw':>11} {'gzip':>11} {'brotli':>11}")
for name, raw, gz, br in rows:
    print(f"{name:<44} {kb(raw)} {kb(gz)} {kb(br)}")
total = [sum(r[i] for r in rows) for i in (1, 2, 3)]
print(f"{'total (' + str(len(rows)) + ' files)':<44} {kb(total[0])} {kb(total[1])} {kb(total[2])}")
if args.goal:
    verdict = "within" if total[2] <= args.goal else "over"
    print(f"goal {kb(args.goal).strip()} brotli: {verdict}")
if args.budget:
    if total[2] > args.budget:
        print(f"FAIL: {kb(total[2]).strip()} brotli is over the budget of {kb(args.budget).strip()}")
        sys.exit(1)
    print(f"budget {kb(args.budget).strip()} brotli: ok")
