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
