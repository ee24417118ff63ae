#!/usr/bin/env bash
# Installs what `make build`, `make run` and `make test` need on a fresh Debian machine that has
# Rust through rustup, and nothing that is already there. Safe to run again: when everything is
# present it only checks (about a second).
#
# Usage: tools/setup.sh build     wasm32 target, wasm-bindgen-cli (version from Cargo.lock), wasm-opt,
#                                 npm packages (npm ci: esbuild bundles the dashboard), and
#                                 PostgreSQL's server binaries (for the inbox's tests)
#        tools/setup.sh browser   the above, plus Debian chromium, its
#                                 driver and its translations, Debian firefox-esr and geckodriver
set -euo pipefail
cd "$(dirname "$0")/.."

need=${1:-build}
say() { printf 'setup: %s\n' "$*"; }

# The one place the wasm-bindgen version lives is Cargo.lock.
wasm_bindgen_version() {
  sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: $*"
    say "install them with: sudo apt-get install -y $*"
    return 1
  fi
  say "installing Debian packages: $*"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- build tools -----------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

version=$(wasm_bindgen_version)
if [ -z "$version" ]; then
  say "no wasm-bindgen in Cargo.lock; run cargo generate-lockfile"
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  say "installing wasm-bindgen-cli $version (locked; a few minutes the first time)"
  cargo install wasm-bindgen-cli --version "$version" --locked --force --quiet
fi

if ! command -v wasm-opt >/dev/null 2>&1; then
  apt_install binaryen || say "wasm-opt unavailable: the wasm module will be built without it"
fi

# The build bundles the dashboard's modules (esbuild, an npm package); the tests drive browsers.
if ! command -v node >/dev/null 2>&1; then
  apt_install nodejs npm
fi
stamp=node_modules/.package-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(sha256sum package-lock.json | cut -d' ' -f1)" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json | cut -d' ' -f1 > "$stamp"
fi

# The inbox's tests (tests/inbox.rs) start a throwaway PostgreSQL server from Debian's binaries
# (initdb, pg_ctl), run as the postgres user the package creates.
if [ -z "${TACHERON_PG_BIN:-}" ] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  apt_install postgresql
fi

[ "$need" = build ] && exit 0

# --- browser tests and the demo --------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# Interface languages other than en-US (the French tests need fr.pak).
[ -f /usr/lib/chromium/locales/fr.pak ] || missing+=(chromium-l10n)
# Firefox, for the end-to-end file that runs the same extension there (tests/e2e/firefox.test.mjs).
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi


# geckodriver drives Firefox over WebDriver; it is published on crates.io (pinned here).
GECKODRIVER_VERSION=0.37.1
if [ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (locked; a few minutes the first time)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force --quiet
fi
