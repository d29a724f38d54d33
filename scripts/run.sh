#!/usr/bin/env bash
# Builds and serves Candor at http://127.0.0.1:8080 with a real shared-file server behind it:
# lighttpd + mod_webdav on 127.0.0.1:8081 serves .candor/data/, which Trunk proxies at /data/
# on the same origin. A new team file can be created there from the app.
#
#   scripts/run.sh          this computer only
#   scripts/run.sh --lan    also reachable from phones on the same network (binds 0.0.0.0)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"

address=127.0.0.1
case "${1:-}" in
  --lan) address=0.0.0.0 ;;
  "") ;;
  *) echo "usage: scripts/run.sh [--lan]" >&2; exit 2 ;;
esac

scripts/setup.sh

state="$CANDOR_ROOT/.candor"
mkdir -p "$state/data" "$state/lighttpd"
# Start with a demo-free, valid team file so the app has something to read and write.
if [ ! -f "$state/data/team.json" ]; then
  cargo run --quiet --bin candor -- new --title "Our team" --template safety,alignment > "$state/data/team.json"
fi
sed -e "s|@HOST@|127.0.0.1|; s|@PORT@|8081|; s|@DOCROOT@|$state/data|; s|@DATA@|$state/data|; s|@STATE@|$state/lighttpd|g" \
  deploy/lighttpd.conf > "$state/lighttpd/lighttpd.conf"
lighttpd -D -f "$state/lighttpd/lighttpd.conf" &
lighttpd_pid=$!
trap 'kill "$lighttpd_pid" 2>/dev/null || true' EXIT INT TERM

echo "Shared file: http://$address:8080/data/team.json (served by lighttpd, pid $lighttpd_pid)"
if [ "$address" = 0.0.0.0 ]; then
  echo "On a phone on this network, open http://$(hostname -I | awk '{print $1}'):8080/"
fi
trunk serve --release --offline --address "$address" --port 8080
