# Stratus: two commands on a fresh machine.
#   make serve   install what is missing, build the app, serve it on http://127.0.0.1:8080
#                (dist/, brotli or gzip as the browser accepts: scripts/serve.cjs)
#   make dev     the same through `trunk serve`: rebuilds and reloads on every change, uncompressed
#   make test    install what is missing, run every test layer (native, browser, end-to-end)
# Both are idempotent: installed tools are skipped.

SHELL := /bin/bash
TOOLS ?= $(HOME)/.cache/stratus-tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export NODE_PATH := $(TOOLS)/node_modules
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

.PHONY: serve dev test setup setup-test test-native test-browser test-e2e build-web bench bench-wasm lint

serve: setup build-web
	node scripts/serve.cjs --dir dist --port 8080

dev: setup
	trunk serve www/index.html --release

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

test: setup-test lint test-native test-browser build-web test-e2e
	@echo "make test: every layer passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test
	cargo test --bench sqs
	cargo test --bench lambda
	cargo test --bench pipeline
	cargo test --bench patterns

test-browser:
	cargo test --target wasm32-unknown-unknown --features embedded-assets --test browser

# Trunk's post_build hook (Trunk.toml) also writes each asset's .br and .gz.
build-web:
	trunk build www/index.html --release

test-e2e:
	STRATUS_DIST=$(CURDIR)/dist node --test --test-reporter=spec tests/e2e/

bench:
	cargo bench --bench sqs
	cargo bench --bench lambda
	cargo bench --bench pipeline
	cargo bench --bench patterns

# The same workloads in headless Chromium (release wasm), for the browser/native ratio.
# Each benchmark holds the page for minutes: the runner's 20 s default is too short.
bench-wasm: setup-test
	WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --release --target wasm32-unknown-unknown --features embedded-assets --test browser_bench -- --nocapture
