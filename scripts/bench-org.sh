#!/usr/bin/env bash
# Benchmark of the organisation view at scale, on this machine: 1,000 team files with 12
# monthly rounds each on SeaweedFS (loopback), read and pooled natively by `candor org report`
# (by month and by quarter) and in headless Chromium by the organisation page (reading in the
# reader worker). Prints the time to the complete view, the page's tasks over 50 ms while it
# reads, and peak memory; see tests/e2e/org.rs. Needs the release build in dist/
# (scripts/build.sh). CANDOR_ORG_TEAMS changes the number of teams.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"
[ -f dist/org/index.html ] || { echo "no build in dist/: run scripts/build.sh first"; exit 1; }
cargo test --release --features e2e --test e2e bench_a_thousand_teams -- --ignored --nocapture \
  2>&1 | grep -E "BENCH|test result|Error|panicked"
