#!/usr/bin/env bash
# Builds a minimal OCI image of intake with ko (https://ko.build), with no
# Docker daemon and no Dockerfile: the static binary, built and stamped
# like the release build (.ko.yaml), on .ko.yaml's base image, written to
# dist/intake-image.tar for `docker load` or `podman load`.
#
#   scripts/image.sh                       # linux/amd64
#   PLATFORM=linux/arm64 scripts/image.sh
#   KO_DEFAULTBASEIMAGE=registry.example/base scripts/image.sh   # another base
#
# ko fetches the base image from its registry (not the binary: that is
# built here), so the first build needs a network that reaches it.
set -euo pipefail
cd "$(dirname "$0")/.."
KO=${KO:-go run github.com/google/ko@v0.18.1}
export COMMIT=${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
if [ -z "${VERSION:-}" ]; then
	VERSION=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null ||
		echo "0.0.0-g$(git describe --always --abbrev=12 --dirty 2>/dev/null || echo unknown)")
fi
export VERSION
# The image's name in the tarball, and its timestamps: the commit's time,
# so that the same commit gives the same image.
export KO_DOCKER_REPO=${KO_DOCKER_REPO:-localhost/intake}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
mkdir -p dist
GOFLAGS= $KO build --bare --push=false --tarball=dist/intake-image.tar \
	--platform="${PLATFORM:-linux/amd64}" --tags="${VERSION//+/-}" ./cmd/intake
echo "image: dist/intake-image.tar ($KO_DOCKER_REPO:${VERSION//+/-})" >&2
