#!/usr/bin/env bash
# Checks that the release build is reproducible and static. Builds the
# release twice: once here, once from a copy of the tracked files in
# another directory with an empty Go build cache (so nothing is shared
# but the downloaded modules), compares the two SHA256SUMS, then checks
# that every binary was built without cgo and has no interpreter and no
# shared libraries. Takes a few minutes: the second build compiles
# everything afresh for every platform.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export VERSION=${VERSION:-v0.0.0-check}
export COMMIT=${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}

DIST="$work/a" scripts/release.sh >/dev/null
copy="$work/elsewhere/intake"
mkdir -p "$copy"
git ls-files -z | tar --null -T - -cf - | tar -C "$copy" -xf -
GOCACHE="$work/gocache" DIST="$work/b" "$copy/scripts/release.sh" >/dev/null
if ! diff "$work/a/SHA256SUMS" "$work/b/SHA256SUMS"; then
	echo "release-check: two builds of the same tree differ" >&2
	exit 1
fi
echo "release-check: two builds are identical:"
cat "$work/a/SHA256SUMS"
for f in "$work"/a/intake-*; do
	if ! go version -m "$f" | grep -q 'CGO_ENABLED=0'; then
		echo "release-check: $f was built with cgo" >&2
		exit 1
	fi
	if readelf -l "$f" | grep -q INTERP || readelf -d "$f" 2>/dev/null | grep -q NEEDED; then
		echo "release-check: $f is dynamically linked" >&2
		exit 1
	fi
	echo "release-check: $(basename "$f"): static, no cgo"
done
