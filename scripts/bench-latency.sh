#!/usr/bin/env bash
# Measures how fast a referral is acknowledged, end to end: a Dovecot on a
# loopback port (in a temporary directory), Postfix's smtp-sink as the SMTP
# peer (dumping each message it accepts to a file), and `intake serve`
# between them with IDLE on. scripts/latency appends BENCH_REFERRALS
# (default 20) referrals one at a time and prints, for the time from each
# APPEND to intake's acknowledgement at the peer, p50, p95 and max, beside
# the same figures for a bare IMAP IDLE client noticing the same message
# (the reference: the least any IMAP client can take). Then, with serve
# still running, it records a decision on the command line (intake accept,
# then intake outcome) and times each until its emails reach the peer.
# Targets: acknowledgement p95 under 1 s; the outcome under 5 s.
#
# Needs dovecot and smtp-sink (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_REFERRALS:-20}

work=$(mktemp -d /tmp/intake-latency.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

echo "== building" >&2
go build -o "$work/intake" ./cmd/intake
go build -o "$work/benchfill" ./ingest/internal/benchfill
go build -o "$work/latency" ./scripts/latency

echo "== starting Dovecot (empty INBOX) and smtp-sink" >&2
mkdir "$work/dovecot"
"$work/benchfill" -dir "$work/dovecot" -n 0 >"$work/fill.env" </dev/null &
pids+=($!)
for _ in $(seq 1 200); do grep -q '^READY=1' "$work/fill.env" 2>/dev/null && break; sleep 0.1; done
# shellcheck disable=SC1091
. "$work/fill.env"
mkdir -m 777 "$work/dump"
smtp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sink=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
user_opt=()
[ "$(id -u)" -eq 0 ] && user_opt=(-u nobody)
"$sink" "${user_opt[@]}" -d "$work/dump/%Y%m%d%H%M%S." "127.0.0.1:$smtp_port" 100 &
pids+=($!)

cat >"$work/intake.toml" <<CONF
[store]
path = "$work/intake.db"

[imap]
host = "$HOST"
port = $PORT
tls = "plaintext"
allow_plaintext_loopback = true
username = "$USER"
idle = true

[smtp]
host = "127.0.0.1"
port = $smtp_port
tls = "plaintext"
allow_plaintext_loopback = true
auth = "none"

[notify]
digest_enabled = false

[ops]
listen = ""
CONF

echo "== intake serve" >&2
INTAKE_IMAP_PASSWORD="$PASSWORD" "$work/intake" serve --config "$work/intake.toml" 2>"$work/serve.log" &
pids+=($!)
sleep 1

"$work/latency" -imap "$HOST:$PORT" -user "$USER" -pass "$PASSWORD" -dump "$work/dump" -n "$N" \
	-intake "$work/intake" -config "$work/intake.toml"
