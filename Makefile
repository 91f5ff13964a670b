# The README's commands. `make test` is what CI runs (.ci/run).
.PHONY: test demo build bench fuzz

build:
	go build -o bin/intake ./cmd/intake

test:
	scripts/test.sh

demo:
	go run ./cmd/intake demo
