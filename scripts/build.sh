#!/usr/bin/env bash
# Release build of Candor's four pages into dist/: the respondent page at the root, the
# results page in dist/results/, the set-up page in dist/setup/ and the organisation page in
# dist/org/ (their HTML is written from index.html by scripts/pages.py). Trunk builds one page
# per run and empties its output folder, so the root page is built first. Then
# scripts/version-workers.py gives each worker its build's version (so no browser cache pairs a
# page with another build's worker), and last, scripts/offline.py writes the web app manifest
# and the service worker that caches the four pages for offline use. The wasm is built with a
# standard library compiled for size (env.sh, `shipped_wasm_env`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
shipped_wasm_env
cd "$CANDOR_ROOT"
rm -rf dist
scripts/pages.py
trunk build --release --offline=true index.html
trunk build --release --offline=true results.html --dist dist/results
trunk build --release --offline=true setup.html --dist dist/setup
trunk build --release --offline=true org.html --dist dist/org
scripts/version-workers.py dist
scripts/offline.py dist
