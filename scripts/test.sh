#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up of missing tools, formatting, lints for the host
# and wasm32, native tests, browser tests in headless Chromium, the release build, end-to-end
# tests against it, and the size report with its budget. Fails on the first failing step, and
# when a test layer runs no tests at all.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"
started=$(date +%s)

scripts/setup.sh

# Runs a test command, shows its output, and fails if it ran zero tests.
run_tests() {
  local label=$1; shift
  local log
  log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local passed
  passed=$(grep -Eo '(test result: ok\. |^)[0-9]+ passed' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
  rm -f "$log"
  [ "$status" = 0 ] || { echo "FAIL: $label"; exit "$status"; }
  if [ "$passed" -eq 0 ]; then
    echo "FAIL: $label ran 0 tests"
    exit 1
  fi
  echo "$label: $passed tests passed"
  summary+=("$label: $passed tests")
}
summary=()

step "format"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml -- --check

step "clippy (host)"
cargo clippy --all-targets --features e2e -- -D warnings

step "documentation (every intra-doc link resolves)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib

step "clippy (fuzz targets)"
(cd fuzz && cargo clippy --bins -- -D warnings)

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
# The pages as the browser tests build them (no workers, see Cargo.toml).
cargo clippy --target wasm32-unknown-unknown --lib --features draw-on-page,deliver-on-page,desk-on-page -- -D warnings

step "native tests"
run_tests "native" cargo test --lib --bins --test model --test stats --test cli --test architecture --test seal_vectors --test invite

step "fuzzing: every target over its committed corpus and regressions, then 20,000 executions each"
scripts/fuzz.sh check 20000
summary+=("fuzzing: $(cd fuzz && cargo fuzz list | wc -l) targets, no crash")

step "browser tests (headless Chromium)"
# The test page has no built workers beside it: the results page draws on the page, and the
# respondent page writes its answers into the file itself.
run_tests "browser" cargo test --target wasm32-unknown-unknown --features draw-on-page,deliver-on-page,desk-on-page --test browser

step "shared file protocol against lighttpd (concurrency and faults)"
run_tests "shared-file" cargo test --features e2e --test shared_file -- --nocapture

step "release build"
scripts/build.sh

step "end-to-end tests (Chromium + lighttpd)"
run_tests "end-to-end" cargo test --features e2e --test e2e -- --test-threads=1

step "size report"
# Every page keeps the 120 kB limit, the respondent page too (it reads the survey part of the
# team file with its translations and draws the form with the framework, before any worker
# could help: the form must show at once; docs/architecture.md says what it took).
# Three workers have limits of their own, each started as its page loads or shows its form:
# the results page's drawing worker, the set-up page's desk worker (it reads, draws and
# changes the file, and draws the question editor and the new-survey form), and the respondent
# page's sealer (it seals the answers and writes them into the file). Every page names its
# workers' versions (scripts/version-workers.py), 0.1 kB of HTML and 0.3 kB of wasm a page.
scripts/size-report.py dist --budget 120000 --goal 90000 --page-budget draw=88400 --page-budget desk=113100 --page-budget sealer=71400

step "summary"
printf '%s\n' "${summary[@]}"
echo "screenshots: $CANDOR_ROOT/screenshots/"
echo "total time: $(( $(date +%s) - started )) s"
