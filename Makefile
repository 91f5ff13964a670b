# The README's commands. `make test` is what CI runs (.ci/run).
.PHONY: test demo build bench fuzz

build:
	go build -o bin/intake ./cmd/intake

test:
	scripts/test.sh

demo:
	go run ./cmd/intake demo

bench:
	scripts/bench-ingest.sh
	scripts/bench-pdf.sh
	go test -run '^$$' -bench . ./parse

# Short fuzz runs of every parser (the corpora live in parse/testdata/fuzz).
fuzz:
	for t in FuzzParse FuzzLabels FuzzReadDOCX FuzzReadPDF FuzzReadTNEF; do \
		go test -run '^$$' -fuzz "^$$t$$" -fuzztime 30s -fuzzminimizetime 3s ./parse || exit 1; \
	done
