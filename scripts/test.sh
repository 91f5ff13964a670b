#!/usr/bin/env bash
# Runs every test of intake: installs the real servers the integration
# tests need (Dovecot, Postfix's smtp-sink) if absent, checks formatting,
# vet and staticcheck, then runs the whole suite with the race detector.
# Real-server tests fail, not skip, when their server is missing
# (INTAKE_REQUIRE_REAL=1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export INTAKE_REQUIRE_REAL=1
echo "== gofmt" >&2
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
echo "== go vet" >&2
go vet ./...
echo "== staticcheck" >&2
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
echo "== go test -race" >&2
go test -race -count=1 -timeout 40m ./...
