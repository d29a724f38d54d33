#!/usr/bin/env bash
# Browser benchmarks (headless Chromium, the size-optimised wasm profile): the results
# charts for 4 dimensions x 260 rounds and the engine over 260 rounds. Prints medians; see
# tests/browser_bench/main.rs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"
cargo test --profile wasm-release --target wasm32-unknown-unknown --test browser_bench \
  -- --include-ignored --nocapture 2>&1 | grep -E "BENCH|test result"
