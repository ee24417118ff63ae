# Tâcheron — the two commands a newcomer needs are `make run` and `make test`; each installs what
# it needs first (tools/setup.sh). See README.md.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

WASM_OUT := target/wasm32-unknown-unknown
PKG      := target/pkg
VERSION  := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' extension/manifest.base.json)
# Features the Rust wasm32 target emits by default; Debian's wasm-opt needs them named.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-reference-types --enable-multivalue
# The three WebAssembly modules, each built from a crate of its own (ARCHITECTURE.md):
# the worker's (crates/worker, profile `worker`: built for speed within its size budget), the
# classroom pages' (crates/classroom-web) and the studies' (crates/study-web), both at "z".
WASM_CHECKED := -p tacheron-browser -p tacheron-worker -p tacheron-classroom-web -p tacheron-study-web

# $(call wasm_module,PROFILE_DIR,CRATE_LIB,OUT_NAME): bindings and a size-optimised module in $(PKG).
define wasm_module
	wasm-bindgen --target web --no-typescript --out-name $(3) --out-dir $(PKG) $(WASM_OUT)/$(1)/$(2).wasm
	if command -v wasm-opt >/dev/null; then \
	  wasm-opt -Oz $(WASM_OPT_FEATURES) $(PKG)/$(3)_bg.wasm -o $(PKG)/$(3)_bg.wasm; \
	else echo "build: wasm-opt not found, $(3) is not size-optimised"; fi
endef

.PHONY: run build test check e2e bench package screenshots clean

## run: build, then show the extension working in Chromium (a scripted demo when there is no display)
run: build
	tools/setup.sh browser
	node tools/run.mjs

## build: dist/chrome and dist/firefox, unpacked
build:
	tools/setup.sh build
	cargo build --quiet --target wasm32-unknown-unknown --profile worker -p tacheron-worker
	cargo build --quiet --target wasm32-unknown-unknown --release -p tacheron-classroom-web -p tacheron-study-web
	$(call wasm_module,worker,tacheron_worker,tacheron)
	$(call wasm_module,release,tacheron_classroom_web,tacheron_classroom)
	$(call wasm_module,release,tacheron_study_web,tacheron_study)
	cargo run --quiet --bin tacheron -- sensor-rules > target/sensor-rules.json
	cargo run --quiet --bin tacheron -- rate-card > target/rate-card.json
	cargo run --quiet --bin tacheron -- names > target/names.json
	node tools/build.mjs

## test: formatting, lints, Rust tests, then end-to-end tests in a real headless Chromium
test: check build
	tools/setup.sh browser
	node --test --test-concurrency=1 tests/e2e/

## check: formatting and lints (Rust and JavaScript), the Rust tests natively, and the wasm
## boundaries' tests in headless Chromium
check:
	tools/setup.sh build
	cargo fmt --all --check
	npx biome ci --no-errors-on-unmatched .
	cargo clippy --workspace --all-targets --quiet -- -D warnings
	cargo clippy --target wasm32-unknown-unknown $(WASM_CHECKED) --all-targets --quiet -- -D warnings
	cargo test --workspace --quiet
	tools/setup.sh browser
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 \
	  cargo test --target wasm32-unknown-unknown $(WASM_CHECKED)

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
	rm -rf dist target/pkg target/sensor-rules.json target/rate-card.json target/names.json
