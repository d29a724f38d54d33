#!/usr/bin/env bash
# Builds Candor's three pages and serves them at http://127.0.0.1:8080 with a real shared-file
# server on the same origin: lighttpd + mod_webdav serves dist/ and the writable folder
# .candor/data/ at /data/ (team files only), with the config the project ships
# (deploy/lighttpd.conf).
#
#   scripts/run.sh          this computer only
#   scripts/run.sh --lan    also reachable from phones on the same network (binds 0.0.0.0)
#
# After a code change, run it again (the release build takes about two minutes).
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
scripts/build.sh

state="$CANDOR_ROOT/.candor"
mkdir -p "$state/data" "$state/lighttpd"
# A valid, sealed team file to start from, with this month's round open. Its results key is
# kept beside .candor/data/, never inside it: everything there is served.
if [ ! -f "$state/data/team.json" ]; then
  rm -f "$state/team.key"
  cargo run --quiet --release --bin candor -- new --title "Our team" --template safety,alignment \
    --key-out "$state/team.key" > "$state/data/team.json"
fi
host=127.0.0.1
[ "$address" = 0.0.0.0 ] && host=$(hostname -I | awk '{print $1}')
# The app is served from the same origin as the team files: that origin is the only one the
# config lets read and write them from a browser (CORS).
sed -e "s|@HOST@|$address|; s|@PORT@|8080|; s|@DOCROOT@|$CANDOR_ROOT/dist|; s|@DATA@|$state/data|; s|@STATE@|$state/lighttpd|g; s|@APP_ORIGIN@|http://$host:8080|g" \
  deploy/lighttpd.conf > "$state/lighttpd/lighttpd.conf"

echo "Candor:      http://$host:8080/"
echo "Set up:      http://$host:8080/setup/#/setup?src=%2Fdata%2Fteam.json"
echo "Take:        http://$host:8080/#/take?src=%2Fdata%2Fteam.json"
echo "Results:     http://$host:8080/results/#/results?src=%2Fdata%2Fteam.json"
if [ -f "$state/team.key" ]; then
  echo "Results key: $state/team.key (release a closed round with it on the results page, or:"
  echo "             cargo run --release --bin candor -- publish .candor/data/team.json --key .candor/team.key)"
fi
echo "Demo:        http://$host:8080/results/#/results?src=demo.json"
echo "(Ctrl-C stops the server.)"
exec lighttpd -D -f "$state/lighttpd/lighttpd.conf"
