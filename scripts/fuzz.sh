#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser, merge and write path (fuzz/, cargo fuzz + libFuzzer).
#
#   scripts/fuzz.sh check [RUNS]         every target over its committed corpus and its
#                                        regressions, then RUNS more executions (default
#                                        20000) from a fixed seed, so CI runs the same inputs
#                                        every time; fails on any crash
#   scripts/fuzz.sh long TARGET RUNS     one target for RUNS executions, growing its corpus in
#                                        fuzz/corpus/TARGET/; prints executions and coverage
#   scripts/fuzz.sh min TARGET           shrinks fuzz/corpus/TARGET/ to the inputs that add
#                                        coverage and packs it as fuzz/corpus/TARGET.tar.gz,
#                                        the committed corpus (thousands of small files, one
#                                        file in git)
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

# The working corpus folder of a target, unpacked from its committed archive the first time.
corpus() {
  local target=$1
  if [ ! -d corpus/"$target" ]; then
    mkdir -p corpus/"$target"
    if [ -f corpus/"$target".tar.gz ]; then
      tar -xzf corpus/"$target".tar.gz -C corpus/"$target"
    fi
  fi
  echo corpus/"$target"
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
    runs=${2:-20000}
    list=$(targets)
    [ -n "$list" ] || { echo "FAIL: cargo fuzz lists no targets"; exit 1; }
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    for target in $list; do
      step "fuzz: $target (committed corpus, then $runs executions)"
      # New inputs go to a scratch folder: the committed corpus only changes on purpose.
      mkdir -p "$work/$target" "$work/seed-$target" regressions/"$target" artifacts/"$target"
      if [ -f corpus/"$target".tar.gz ]; then
        tar -xzf corpus/"$target".tar.gz -C "$work/seed-$target"
      fi
      status=0
      fuzz "$target" "$work/$target" "$work/seed-$target" regressions/"$target" -- \
        -runs="$runs" -seed=1 -artifact_prefix="$PWD/artifacts/$target/" -print_final_stats=1 \
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
    # Inputs up to 16 kB: the demo file (87 kB) seeds, but mutating files that big is slow.
    fuzz "$target" "$(corpus "$target")" -- -runs="$runs" -max_len=16384 -print_final_stats=1
    ;;
  min)
    target=${2:?TARGET}
    dir=$(corpus "$target")
    if structured "$target"; then
      CARGO_TARGET_DIR="$CANDOR_CACHE/target-fuzz-structured" \
        cargo fuzz cmin --sanitizer none --no-trace-compares "$target" "$dir"
    else
      cargo fuzz cmin --sanitizer none "$target" "$dir"
    fi
    [ -n "$(ls -A "$dir")" ] || { echo "FAIL: $dir is empty after minimising"; exit 1; }
    # Sorted names and fixed metadata: the same corpus packs to the same bytes.
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$dir" -cf - . \
      | gzip -9n > corpus/"$target".tar.gz
    echo "$(ls "$dir" | wc -l) inputs in fuzz/corpus/$target.tar.gz ($(du -k corpus/"$target".tar.gz | cut -f1) kB)"
    ;;
  *)
    sed -n '2,13p' "$0"
    exit 2
    ;;
esac
