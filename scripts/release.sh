#!/usr/bin/env bash
# Builds intake's release binaries into dist/: one static executable per
# platform (no cgo: modernc.org/sqlite is pure Go) and a SHA256SUMS file.
#
#   scripts/release.sh              # version from `git describe`
#   VERSION=v1.2.0 scripts/release.sh
#   PLATFORMS="linux/amd64" DIST=/tmp/d scripts/release.sh
#
# The build is reproducible: the same commit built with the same Go
# toolchain (go.mod's toolchain line) gives the same bytes on any machine
# and in any directory. -trimpath drops the builder's paths, -buildvcs=false
# drops the VCS timestamp and dirty flag (the version and commit are
# stamped explicitly instead), and Go embeds no build time. Check it with
# `make release-check`, which builds twice from scratch and compares.
# -tags timetzdata embeds the time zone database, so that the working-day
# clock (Europe/London) needs nothing from the machine either.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST=${DIST:-dist}
PLATFORMS=${PLATFORMS:-"linux/amd64 linux/arm64"}
COMMIT=${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
if [ -z "${VERSION:-}" ]; then
	# v1.2.0 on a tag, v1.2.0-3-g1feb7ef2 after it, else 0.0.0-g1feb7ef2;
	# "-dirty" when the tree has uncommitted changes.
	VERSION=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null ||
		echo "0.0.0-g$(git describe --always --abbrev=12 --dirty 2>/dev/null || echo unknown)")
fi

rm -rf "$DIST"
mkdir -p "$DIST"
for platform in $PLATFORMS; do
	goos=${platform%/*}
	goarch=${platform#*/}
	out="$DIST/intake-$VERSION-$goos-$goarch"
	echo "release: $out" >&2
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOFLAGS= \
		go build -trimpath -buildvcs=false -tags timetzdata \
		-ldflags "-s -w -buildid= -X main.version=$VERSION -X main.commit=$COMMIT" \
		-o "$out" ./cmd/intake
done
(cd "$DIST" && sha256sum intake-* >SHA256SUMS)
cat "$DIST/SHA256SUMS"
