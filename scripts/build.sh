#!/usr/bin/env bash
# Release build of both pages into dist/: the respondent page at the root and the team page
# (results, set-up) in dist/team/. Trunk builds one page per run and empties its output folder,
# so the root page is built first.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"
rm -rf dist
trunk build --release --offline=true index.html
trunk build --release --offline=true team.html --dist dist/team
