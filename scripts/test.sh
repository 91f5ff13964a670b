#!/usr/bin/env bash
# Runs every test of intake: installs the real servers the integration
# tests need (Dovecot, Postfix's smtp-sink) if absent, then vet and the
# whole suite with the race detector. Real-server tests fail, not skip,
# when their server is missing (INTAKE_REQUIRE_REAL=1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export INTAKE_REQUIRE_REAL=1
echo "== go vet" >&2
go vet ./...
echo "== go test -race" >&2
go test -race -count=1 -timeout 40m ./...
