#!/usr/bin/env bash
# Times intake's ingestion against mbsync on the same Dovecot mailbox.
#
# One run: starts a Dovecot on a loopback port in a temporary directory,
# fills its INBOX with BENCH_MESSAGES (default 10,000) invented messages of
# mixed sizes (a fifth with a 200 KB - 1 MB attachment), then times
#   - mbsync pulling INBOX into a Maildir, and
#   - `intake serve --once --parts ingest` with action = "none",
# and prints messages/s for each, their ratio (intake / mbsync), intake's
# peak RSS (/usr/bin/time -v), and the time of an intake pass with no new
# mail. Targets: ratio >= 1.0, peak RSS < 150 MB, empty pass < 100 ms.
#
# Needs dovecot, mbsync and GNU time (scripts/install-deps.sh; `time` is
# installed here if absent). Run from anywhere: scripts/bench-ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_MESSAGES:-10000}

if [ ! -x /usr/bin/time ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get install -y -qq --no-install-recommends time >/dev/null
fi
command -v mbsync >/dev/null || { echo "bench-ingest: mbsync missing (scripts/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d /tmp/intake-bench.XXXXXX)
chmod 755 "$work"
fillpid=""
cleanup() {
	if [ -n "$fillpid" ]; then kill "$fillpid" 2>/dev/null || true; wait "$fillpid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "== building" >&2
go build -o "$work/intake" ./cmd/intake
go build -o "$work/benchfill" ./ingest/internal/benchfill

echo "== filling a Dovecot INBOX with $N messages" >&2
mkdir "$work/dovecot"
# benchfill keeps Dovecot running until it is killed (cleanup).
"$work/benchfill" -dir "$work/dovecot" -n "$N" >"$work/fill.env" </dev/null &
fillpid=$!
for _ in $(seq 1 1200); do
	grep -q '^READY=1' "$work/fill.env" 2>/dev/null && break
	kill -0 "$fillpid" 2>/dev/null || { echo "bench-ingest: benchfill failed" >&2; exit 1; }
	sleep 0.5
done
grep -q '^READY=1' "$work/fill.env" || { echo "bench-ingest: Dovecot not ready" >&2; exit 1; }
# shellcheck disable=SC1091
. "$work/fill.env"
echo "   $N messages, $((BYTES / 1048576)) MB, Dovecot on $HOST:$PORT" >&2
# Both clients read from a warm page cache.
cat "$work"/dovecot/home/*/Maildir/cur/* >/dev/null 2>&1 || true

now() { date +%s.%N; }

echo "== mbsync" >&2
mkdir -p "$work/mbsync"
cat >"$work/mbsyncrc" <<EOF
IMAPAccount bench
Host $HOST
Port $PORT
User $USER
Pass $PASSWORD
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path $work/mbsync/
Inbox $work/mbsync/INBOX

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Sync Pull
Create Near
SyncState *
EOF
t0=$(now)
mbsync -q -c "$work/mbsyncrc" bench
t1=$(now)
mbsync_s=$(echo "$t1 - $t0" | bc -l)
mbsync_n=$(find "$work/mbsync/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l)

# mbsync fsyncs every message by default; for comparison, once more without.
echo "== mbsync (FSync no)" >&2
mkdir -p "$work/mbsync2"
{ printf 'FSync no\n\n'; sed -e "s|$work/mbsync/|$work/mbsync2/|g" "$work/mbsyncrc"; } >"$work/mbsyncrc2"
t0=$(now)
mbsync -q -c "$work/mbsyncrc2" bench
t1=$(now)
mbsync2_s=$(echo "$t1 - $t0" | bc -l)
mbsync2_n=$(find "$work/mbsync2/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l)

echo "== intake serve --once (action = \"none\")" >&2
cat >"$work/intake.toml" <<EOF
[store]
path = "$work/intake.db"

[imap]
host = "$HOST"
port = $PORT
tls = "plaintext"
allow_plaintext_loopback = true
username = "$USER"
action = "none"
EOF
export INTAKE_IMAP_PASSWORD="$PASSWORD"
t0=$(now)
/usr/bin/time -v -o "$work/intake.time" "$work/intake" serve --once --parts ingest --config "$work/intake.toml" 2>"$work/intake.log"
t1=$(now)
intake_s=$(echo "$t1 - $t0" | bc -l)
intake_n=$("$work/intake" messages --json --config "$work/intake.toml" | grep -c '"id":')
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/intake.time")


echo "== intake pass with no new mail" >&2
t0=$(now)
"$work/intake" serve --once --parts ingest --config "$work/intake.toml" 2>>"$work/intake.log"
t1=$(now)
empty_ms=$(echo "($t1 - $t0) * 1000" | bc -l)

mbsync_rate=$(echo "$mbsync_n / $mbsync_s" | bc -l)
mbsync2_rate=$(echo "$mbsync2_n / $mbsync2_s" | bc -l)
intake_rate=$(echo "$intake_n / $intake_s" | bc -l)
ratio=$(echo "$intake_rate / $mbsync_rate" | bc -l)
printf '\n'
printf 'messages in INBOX:        %d (%d MB)\n' "$N" "$((BYTES / 1048576))"
printf 'mbsync:                   %d messages in %.2f s = %.0f messages/s\n' "$mbsync_n" "$mbsync_s" "$mbsync_rate"
printf 'intake serve --once:      %d messages in %.2f s = %.0f messages/s\n' "$intake_n" "$intake_s" "$intake_rate"
printf 'ratio intake/mbsync:      %.2f   (target >= 1.0)\n' "$ratio"
printf 'mbsync with FSync no:     %d messages in %.2f s = %.0f messages/s (ratio %.2f)\n' "$mbsync2_n" "$mbsync2_s" "$mbsync2_rate" "$(echo "$intake_rate / $mbsync2_rate" | bc -l)"
printf 'intake peak RSS:          %.1f MB (target < 150 MB)\n' "$(echo "$rss_kb / 1024" | bc -l)"
printf 'pass with no new mail:    %.0f ms, whole process (target < 100 ms)\n' "$empty_ms"
if [ "$intake_n" -ne "$N" ] || [ "$mbsync_n" -ne "$N" ]; then
	echo "bench-ingest: expected $N messages from each (intake $intake_n, mbsync $mbsync_n)" >&2
	exit 1
fi
