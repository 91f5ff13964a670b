# The README's commands. `make test` is what CI runs (.ci/run).
.PHONY: test demo build bench fuzz release release-check image

build:
	go build -o bin/intake ./cmd/intake

test:
	scripts/test.sh

# Static, reproducible release binaries for linux/amd64 and linux/arm64,
# and SHA256SUMS, in dist/ (VERSION=v1.2.0 to name the version).
release:
	scripts/release.sh

# Builds the release twice from scratch and checks the bytes are equal and
# the binaries static.
release-check:
	scripts/release-check.sh

# A minimal OCI image with ko, no Docker daemon: dist/intake-image.tar.
image:
	scripts/image.sh

demo:
	go run ./cmd/intake demo

bench:
	scripts/bench-latency.sh
	scripts/bench-ingest.sh
	scripts/bench-pdf.sh
	go test -run '^$$' -bench . ./parse/...

# Short fuzz runs of every parser, TARGET:PACKAGE (each package keeps its
# corpus in its own testdata/fuzz).
FUZZ = FuzzParse:./parse FuzzLabels:./parse FuzzReadDOCX:./parse/docx \
	FuzzReadPDF:./parse/pdf FuzzPageGeometry:./parse/pdf FuzzReadTNEF:./parse/tnef

fuzz:
	for tp in $(FUZZ); do \
		t=$${tp%%:*}; p=$${tp#*:}; \
		go test -run '^$$' -fuzz "^$$t$$" -fuzztime 30s -fuzzminimizetime 3s $$p || exit 1; \
	done
