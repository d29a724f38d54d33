#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser, merge and write path (fuzz/, cargo fuzz + libFuzzer).
#
#   scripts/fuzz.sh check [SECONDS]      every target over its committed corpus, then fuzzing
#                                        for SECONDS (default 15); fails on any crash (CI)
#   scripts/fuzz.sh long TARGET RUNS     one target for RUNS executions, growing its corpus in
#                                        fuzz/corpus/TARGET; prints executions and coverage
#   scripts/fuzz.sh min TARGET           shrinks fuzz/corpus/TARGET to the inputs that matter
#
# The pinned (stable) compiler builds the targets: `--sanitizer none` needs no nightly
# option, and Rust's own checks (bounds, overflow in these debug-assertion builds) turn every
# memory or arithmetic bug into a panic the fuzzer reports. A crash is written to
# fuzz/artifacts/TARGET/; reproduce it with `cargo fuzz run --sanitizer none TARGET FILE`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT/fuzz"

targets() { cargo fuzz list; }

# Targets that build their inputs from structure rather than text run without libFuzzer's
# comparison tracing (which finds magic strings in text, and slows byte-heavy checks of
# sealed records many times over): their own build, in its own folder.
structured() {
  case "$1" in
    load_file | text_inputs | org_file) return 1 ;;
    *) return 0 ;;
  esac
}

fuzz() {
  local target=$1; shift
  if structured "$target"; then
    CARGO_TARGET_DIR="$CANDOR_CACHE/target-fuzz-structured" \
      cargo fuzz run --sanitizer none --no-trace-compares "$target" "$@"
  else
    cargo fuzz run --sanitizer none "$target" "$@"
  fi
}

case "${1:-}" in
  check)
    seconds=${2:-15}
    list=$(targets)
    [ -n "$list" ] || { echo "FAIL: cargo fuzz lists no targets"; exit 1; }
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    for target in $list; do
      step "fuzz: $target (committed corpus, then ${seconds} s)"
      mkdir -p "$work/$target" corpus/"$target" regressions/"$target"
      # New inputs go to a scratch folder: the committed corpus only changes on purpose.
      status=0
      mkdir -p artifacts/"$target"
      fuzz "$target" "$work/$target" corpus/"$target" regressions/"$target" -- \
        -max_total_time="$seconds" -artifact_prefix="$PWD/artifacts/$target/" -print_final_stats=1 \
        >"$work/$target.log" 2>&1 || status=$?
      grep -E '^(stat::number_of_executed_units|#[0-9]+ *(INITED|DONE))' "$work/$target.log" || true
      if [ "$status" != 0 ]; then
        tail -n 40 "$work/$target.log"
        echo "FAIL: fuzz target $target crashed (exit $status); the input is in fuzz/artifacts/$target/"
        ls -l artifacts/"$target"
        exit 1
      fi
    done
    ;;
  long)
    target=${2:?TARGET}
    runs=${3:?RUNS}
    mkdir -p corpus/"$target"
    # Inputs up to 16 kB: the demo file (87 kB) seeds, but mutating files that big is slow.
    fuzz "$target" corpus/"$target" -- -runs="$runs" -max_len=16384 -print_final_stats=1
    ;;
  min)
    target=${2:?TARGET}
    if structured "$target"; then
      CARGO_TARGET_DIR="$CANDOR_CACHE/target-fuzz-structured" \
        cargo fuzz cmin --sanitizer none --no-trace-compares "$target"
    else
      cargo fuzz cmin --sanitizer none "$target"
    fi
    ;;
  *)
    sed -n '2,13p' "$0"
    exit 2
    ;;
esac
