#!/usr/bin/env bash
# Builds Candor's four pages and serves them at http://127.0.0.1:8080 with a real shared-file
# server on the same origin: lighttpd + mod_webdav serves dist/ and the writable folder
# .candor/data/ at /data/ (team files only), with the config the project ships
# (deploy/lighttpd.conf).
#
#   scripts/run.sh          this computer only
#   scripts/run.sh --lan    also for phones on the same network, over HTTPS (port 8443) with a
#                           certificate made for this computer: answers never cross the
#                           network in clear text
#
# After a code change, run it again (the release build takes about two minutes).
#
# For tests: CANDOR_PORT (8080), CANDOR_TLS_PORT (8443), CANDOR_STATE (.candor: the team file,
# its key, the server's files), CANDOR_SKIP_BUILD=1 (serve the dist/ that is there) and
# CANDOR_BIN (a built `candor` tool to make the team file with).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CANDOR_ROOT"

lan=false
case "${1:-}" in
  --lan) lan=true ;;
  "") ;;
  *) echo "usage: scripts/run.sh [--lan]" >&2; exit 2 ;;
esac
port="${CANDOR_PORT:-8080}"
tls_port="${CANDOR_TLS_PORT:-8443}"
state="${CANDOR_STATE:-$CANDOR_ROOT/.candor}"

if [ "${CANDOR_SKIP_BUILD:-}" != 1 ]; then
  scripts/setup.sh
  scripts/build.sh
fi

mkdir -p "$state/data" "$state/lighttpd"
# A valid, sealed team file to start from, with this month's round open. Its results key is
# kept beside the data folder, never inside it: everything there is served.
if [ ! -f "$state/data/team.json" ]; then
  rm -f "$state/team.key"
  if [ -n "${CANDOR_BIN:-}" ]; then candor=("$CANDOR_BIN"); else candor=(cargo run --quiet --release --bin candor --); fi
  "${candor[@]}" new --title "Our team" --template safety,alignment \
    --key-out "$state/team.key" > "$state/data/team.json"
fi

# Plain HTTP stays on this computer (127.0.0.1); phones get HTTPS.
base="http://127.0.0.1:$port"
if $lan; then
  host=$(hostname -I | awk '{print $1}')
  if [ -z "$host" ]; then
    echo "scripts/run.sh --lan: this computer has no network address to serve phones on" >&2
    exit 1
  fi
  base="https://$host:$tls_port"
  tls="$state/tls"
  mkdir -p "$tls"
  # A small certificate authority of this computer's own (ca.pem: what a phone installs to
  # trust it), limited by name constraints to this address and localhost, so that even its
  # key could vouch for nothing else; and the server's certificate, signed by it. Both are
  # made again when the address changes. Keys are created unreadable to others.
  if [ "$(cat "$tls/host" 2>/dev/null)" != "$host" ] || [ ! -f "$tls/cert.pem" ]; then
    (
      umask 077
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
        -subj "/CN=Candor on $host (local CA)" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign" \
        -addext "nameConstraints=critical,permitted;IP:$host/255.255.255.255,permitted;IP:127.0.0.1/255.255.255.255,permitted;DNS:localhost" \
        -keyout "$tls/ca.key" -out "$tls/ca.pem"
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$host" \
        -keyout "$tls/key.pem" -out "$tls/server.csr"
      printf '%s\n' "subjectAltName=IP:$host,IP:127.0.0.1,DNS:localhost" \
        "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth" > "$tls/server.ext"
      openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
        -CAcreateserial -days 825 -extfile "$tls/server.ext" -out "$tls/cert.pem"
    ) 2>"$tls/openssl.log" || { cat "$tls/openssl.log" >&2; exit 1; }
    echo "$host" > "$tls/host"
  fi
fi

# The app is served from the same origin as the team files: that origin is the only one the
# config lets read and write them from a browser (CORS).
sed -e "s|@HOST@|127.0.0.1|; s|@PORT@|$port|; s|@DOCROOT@|$CANDOR_ROOT/dist|; s|@DATA@|$state/data|; s|@STATE@|$state/lighttpd|g; s|@APP_ORIGIN@|$base|g" \
  deploy/lighttpd.conf > "$state/lighttpd/lighttpd.conf"
if $lan; then
  cat >> "$state/lighttpd/lighttpd.conf" <<EOF

# scripts/run.sh --lan: HTTPS for the phones on this network, with the certificate in $tls.
server.modules += ("mod_openssl")
\$SERVER["socket"] == "0.0.0.0:$tls_port" {
  ssl.engine = "enable"
  ssl.pemfile = "$tls/cert.pem"
  ssl.privkey = "$tls/key.pem"
}
EOF
fi

echo "Candor:      $base/"
echo "Set up:      $base/setup/#/setup?src=%2Fdata%2Fteam.json"
echo "Take:        $base/#/take?src=%2Fdata%2Fteam.json"
echo "Results:     $base/results/#/results?src=%2Fdata%2Fteam.json"
if [ -f "$state/team.key" ]; then
  echo "Results key: $state/team.key (release a closed round with it on the results page, or:"
  echo "             cargo run --release --bin candor -- publish $state/data/team.json --key $state/team.key)"
fi
echo "Demo:        $base/results/#/results?src=demo.json"
if $lan; then
  fingerprint=$(openssl x509 -in "$tls/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2)
  echo
  echo "HTTPS with a certificate made on this computer: phones do not know it yet. Either"
  echo "install $tls/ca.pem on each phone as a trusted certificate"
  echo "(then nothing warns, and the survey also works offline), or check on the phone's warning"
  echo "that the certificate's SHA-256 fingerprint is"
  echo "  $fingerprint"
  echo "and continue (then the phone answers online only). On this computer: http://127.0.0.1:$port/"
fi
echo "(Ctrl-C stops the server.)"
exec lighttpd -D -f "$state/lighttpd/lighttpd.conf"
