# Shared environment of Candor's scripts (sourced, not run).
# Build output and tools live outside the checkout, so a reused machine keeps them between
# clones; a brand-new machine simply starts empty.
CANDOR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CANDOR_ROOT
export CANDOR_CACHE="${CANDOR_CACHE:-$HOME/.cache/candor}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CANDOR_CACHE/target}"
export CANDOR_TOOLS="$CANDOR_CACHE/tools"
export PATH="$CANDOR_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# SeaweedFS (S3-compatible storage for tests) comes from PyPI, installed into the tools folder
# (not into any Python environment, which may be managed by the system).
export CANDOR_WEED="$CANDOR_TOOLS/python/bin/weed"
export TRUNK_SKIP_VERSION_CHECK=true
# Panic locations in the wasm name source files; shorten the machine-specific prefixes so the
# build is smaller and the same on every machine.
# crates.io's source folder (named after its index, the same on every machine) becomes one
# letter: its name appears in every panic location of every dependency.
CANDOR_CRATES_SRC="${CARGO_HOME:-$HOME/.cargo}/registry/src"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$CANDOR_CRATES_SRC=crates --remap-path-prefix=$CANDOR_CRATES_SRC/index.crates.io-1949cf8c6b5b557f=c --remap-path-prefix=$CANDOR_ROOT=candor"
# The shipped wasm (scripts/build.sh) is built with its own standard library, compiled for
# size, where a panic stops the program at once: no panic messages, source locations or
# `{:?}` formatting are carried to the phone (about 14 kB brotli of the respondent page,
# measured). These are unstable options of the same pinned compiler (no nightly toolchain:
# new machines here can only add components), unlocked with RUSTC_BOOTSTRAP for this build
# only; tests build the ordinary way, so a failing test still says why.
#
# Its own target folder: a standard library built from source must be the only one in its
# folder (a second build of it, e.g. the one cargo makes for test binaries, collides with it).
shipped_wasm_env() {
  export CARGO_TARGET_DIR="$CANDOR_CACHE/target-shipped"
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
}
# The wasm-bindgen version pinned in Cargo.toml; the CLI must match it exactly.
CANDOR_WASM_BINDGEN="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$CANDOR_ROOT/Cargo.toml")"
export CANDOR_WASM_BINDGEN
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
