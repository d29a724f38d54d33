#!/usr/bin/env bash
# Benchmarks side by side, on this machine: in headless Chromium the results charts for
# 4 dimensions x 260 rounds, the engine over 260 rounds, and parse + validate + aggregate of
# 1k/10k/100k responses in wasm against the same job in plain JavaScript, for the shipped
# size-optimised wasm profile and for a speed-optimised one; then the same job natively
# (criterion). Prints medians; see tests/browser_bench/main.rs and benches/parse.rs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"
# The size profile is measured with the ordinary standard library: test binaries cannot be built
# against the shipped build's own size-compiled one (cargo then builds that library twice and
# the two collide), so the shipped page may differ a little from this figure.
for profile in wasm-release release; do
  echo "== wasm profile $profile"
  cargo test --profile "$profile" --target wasm32-unknown-unknown --test browser_bench \
    -- --include-ignored --nocapture 2>&1 | grep -E "BENCH|test result"
done
echo "== native (criterion, load+report)"
cargo bench --bench parse -- "load\+report" 2>&1 | grep -E "^load\+report|time:|thrpt:"
