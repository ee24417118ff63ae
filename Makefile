# Tâcheron — the two commands a newcomer needs are `make run` and `make test`; each installs what
# it needs first (tools/setup.sh). See README.md.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

WASM_IN   := target/wasm32-unknown-unknown/worker/tacheron.wasm
# The classroom pages' module: the same crate with the `classroom` feature and without the default
# `worker` one (so without the worker's `Core`), built in a target directory of its own so that
# the two builds do not overwrite each other's module.
CLASSROOM_TARGET := target/classroom
CLASSROOM_IN     := $(CLASSROOM_TARGET)/wasm32-unknown-unknown/release/tacheron.wasm
# Research studies' module: the worker's core with the `study` feature (HPKE, manifests,
# reports, the queue), which the worker loads only when a study page or the report queue needs it,
# so that the module every user starts stays within its budget.
STUDY_TARGET := target/study
STUDY_IN     := $(STUDY_TARGET)/wasm32-unknown-unknown/release/tacheron.wasm
PKG       := target/pkg
VERSION   := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' extension/manifest.base.json)
# Features the Rust wasm32 target emits by default; Debian's wasm-opt needs them named.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: run build test check e2e bench package screenshots clean

## run: build, then show the extension working in Chromium (a scripted demo when there is no display)
run: build
	tools/setup.sh browser
	node tools/run.mjs

## build: dist/chrome and dist/firefox, unpacked
build:
	tools/setup.sh build
	cargo build --profile worker --target wasm32-unknown-unknown --lib --quiet
	wasm-bindgen --target web --no-typescript --out-dir $(PKG) $(WASM_IN)
	if command -v wasm-opt >/dev/null; then \
	  wasm-opt -Oz $(WASM_OPT_FEATURES) $(PKG)/tacheron_bg.wasm -o $(PKG)/tacheron_bg.wasm; \
	else echo "build: wasm-opt not found, the wasm module is not size-optimised"; fi
	cargo build --release --target wasm32-unknown-unknown --lib --quiet --no-default-features --features classroom \
	  --target-dir $(CLASSROOM_TARGET)
	wasm-bindgen --target web --no-typescript --out-name tacheron_classroom --out-dir $(PKG) $(CLASSROOM_IN)
	if command -v wasm-opt >/dev/null; then \
	  wasm-opt -Oz $(WASM_OPT_FEATURES) $(PKG)/tacheron_classroom_bg.wasm -o $(PKG)/tacheron_classroom_bg.wasm; fi
	cargo build --release --target wasm32-unknown-unknown --lib --quiet --features study --target-dir $(STUDY_TARGET)
	wasm-bindgen --target web --no-typescript --out-name tacheron_study --out-dir $(PKG) $(STUDY_IN)
	if command -v wasm-opt >/dev/null; then \
	  wasm-opt -Oz $(WASM_OPT_FEATURES) $(PKG)/tacheron_study_bg.wasm -o $(PKG)/tacheron_study_bg.wasm; fi
	cargo run --quiet --bin tacheron -- sensor-rules > target/sensor-rules.json
	cargo run --quiet --bin tacheron -- rate-card > target/rate-card.json
	node tools/build.mjs

## test: formatting, lints, Rust tests, then end-to-end tests in a real headless Chromium
test: check build
	tools/setup.sh browser
	node --test --test-concurrency=1 tests/e2e/

check:
	tools/setup.sh build
	cargo fmt --check
	npx biome ci --no-errors-on-unmatched .
	cargo clippy --all-targets --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features classroom --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features study --quiet -- -D warnings
	cargo test --quiet

## e2e: only the end-to-end tests (after a build)
e2e: build
	tools/setup.sh browser
	node --test --test-concurrency=1 tests/e2e/

## bench: prints size and speed figures against the budgets; asserts nothing
bench: build
	tools/setup.sh browser
	cargo bench --quiet --bench ingest
	node tools/bench.mjs
	node tools/bench-sensor.mjs
	node tools/bench-dashboard.mjs

## package: store-ready zips of both browsers' builds in dist/
package: build
	rm -f dist/tacheron-*-$(VERSION).zip
	cd dist/chrome && zip -qrX ../tacheron-chrome-$(VERSION).zip .
	cd dist/firefox && zip -qrX ../tacheron-firefox-$(VERSION).zip .
	@ls -l dist/*.zip

## screenshots: docs/screenshots/, the dashboard and popup in English and French, light and dark
screenshots: build
	tools/setup.sh browser
	node tools/screenshots.mjs

clean:
	rm -rf dist target/pkg target/sensor-rules.json target/rate-card.json
