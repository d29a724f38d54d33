#!/usr/bin/env bash
# Lighthouse (mobile preset) on the release build, served by lighttpd on 127.0.0.1 exactly as
# in the end-to-end tests. A measurement, not a test: scores move with machine load, so run
# it on a quiet machine and compare runs side by side.
#
#   scripts/lighthouse.sh [ROUTE...]     default: "#/take?src=%2Fdata%2Fteam.json"
#   e.g. scripts/lighthouse.sh "#/take?src=%2Fdata%2Fteam.json" "results/#/results?src=demo.json"
#
# Reports go to target/lighthouse/ (JSON); a summary line per route is printed. Extra Lighthouse
# flags come from CANDOR_LIGHTHOUSE_FLAGS (e.g. --save-assets keeps the page's trace, to see
# which tasks were long).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"

if [ ! -x "$CANDOR_TOOLS/node_modules/.bin/lighthouse" ]; then
  (cd "$CANDOR_TOOLS" && npm install --no-audit --no-fund --silent lighthouse@12.8.2)
fi
[ -f dist/results/index.html ] || scripts/build.sh

state=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$state/data"
cargo run --quiet --bin candor -- new --title "Lighthouse team" --key-out "$state/team.key" > "$state/data/team.json"
sed -e "s|@HOST@|127.0.0.1|; s|@PORT@|$port|; s|@DOCROOT@|$CANDOR_ROOT/dist|; s|@DATA@|$state/data|; s|@STATE@|$state|g; s|@APP_ORIGIN@|http://127.0.0.1:$port|g" \
  deploy/lighttpd.conf > "$state/lighttpd.conf"
lighttpd -D -f "$state/lighttpd.conf" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$state"' EXIT
sleep 1

out="$CARGO_TARGET_DIR/../lighthouse"
mkdir -p "$out"
routes=("$@")
[ ${#routes[@]} -gt 0 ] || routes=("#/take?src=%2Fdata%2Fteam.json")
for route in "${routes[@]}"; do
  name=$(echo "$route" | tr -c 'a-zA-Z0-9' '-' | sed 's/-*$//; s/^-*//')
  CHROME_PATH=/usr/bin/chromium lighthouse "http://127.0.0.1:$port/$route" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$state/profile-$name" \
    --output=json --output-path="$out/$name.json" ${CANDOR_LIGHTHOUSE_FLAGS:-} >/dev/null
  python3 - "$out/$name.json" "$route" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c, a = r["categories"], r["audits"]
score = lambda k: round(c[k]["score"] * 100)
ms = lambda k: a[k]["numericValue"]
print(f"{sys.argv[2]}: performance {score('performance')}, accessibility {score('accessibility')}, "
      f"best practices {score('best-practices')}, SEO {score('seo')}; "
      f"FCP {ms('first-contentful-paint'):.0f} ms, LCP {ms('largest-contentful-paint'):.0f} ms, "
      f"TTI {ms('interactive'):.0f} ms, TBT {ms('total-blocking-time'):.0f} ms, "
      f"CLS {a['cumulative-layout-shift']['numericValue']:.3f}, "
      f"transferred {a['total-byte-weight']['numericValue'] / 1000:.1f} kB")
PY
done
