# Spacerr Go. `make run` and `make test` are the two commands that matter; see README.md.
SHELL        := /bin/bash
.SHELLFLAGS  := -eu -o pipefail -c
GO           ?= go
VERSION      ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS      := -s -w -X main.version=$(VERSION)
WASM_EXEC    := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
CONTRACT_DIR := server/contract

.PHONY: run build wasm server precompress migrate test test-go test-wasm npm-deps vet fuzz bench clean

## run: build everything and serve on http://localhost:8080 (SQLite under ./data, mail in the log)
run: build
	./bin/spacerr serve

## build: the WASM client (precompressed) and the server binary
build: wasm server precompress

wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o web/app.wasm .

server:
	$(GO) build -trimpath -ldflags="$(LDFLAGS)" -o bin/spacerr .

precompress: wasm server
	./bin/spacerr precompress web

## migrate: apply database migrations and exit
migrate: server
	./bin/spacerr migrate

## test: every test: unit, storage on SQLite and PostgreSQL, WASM under Node, the better-auth client,
## and browser stories in headless Chromium
test: build npm-deps vet test-go test-wasm

test-go:
	$(GO) test -count=1 -timeout 12m ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(WASM_EXEC)" ./shared/... ./app/...

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./shared/... ./app/...

npm-deps: $(CONTRACT_DIR)/node_modules/.package-lock.json

$(CONTRACT_DIR)/node_modules/.package-lock.json: $(CONTRACT_DIR)/package.json $(CONTRACT_DIR)/package-lock.json
	npm ci --legacy-peer-deps --no-audit --no-fund --prefix $(CONTRACT_DIR)

## fuzz: a short run of every fuzz target (the seed corpora run in `make test` already)
FUZZTIME ?= 10s
fuzz:
	@for pkg in $$($(GO) list ./shared/... ./server/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

## bench: the Go benchmarks and the measured goals (size, start-up, get-session, sign-in, memory) in one
## table, written to docs/benchmarks.md; needs wrk, pgbench, Chromium and PostgreSQL (server/benchmark)
BENCHTIME ?= 1s
bench:
	BENCHTIME=$(BENCHTIME) $(GO) test -tags bench -count=1 -timeout 15m -run '^TestReport$$' -v ./server/benchmark

clean:
	rm -rf bin web/app.wasm web/app.wasm.br web/app.wasm.gz
