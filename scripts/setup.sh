#!/usr/bin/env bash
# Installs what Stratus needs on a fresh machine of the `rust` kind, and skips
# whatever is already there. Safe to run again and again.
#   scripts/setup.sh            tools for building and serving the app
#   scripts/setup.sh --test     plus Chromium, chromedriver, playwright-core and axe-core
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130   # must equal the `=` pin in Cargo.toml
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132           # Debian's binaryen 108 builds a wasm that breaks in the browser
PLAYWRIGHT_VERSION=1.65.1
AXE_VERSION=4.14.1             # the accessibility checker the end-to-end tests inject (tests/e2e/a11y.test.cjs)
TOOLS="${STRATUS_TOOLS:-$HOME/.cache/stratus-tools}"

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v trunk >/dev/null || [ "$(trunk --version | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 14 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

npm_pkgs=()
[ -x "$TOOLS/node_modules/.bin/wasm-opt" ] || npm_pkgs+=("binaryen@$BINARYEN_VERSION")
if [ "$want_test" = 1 ] && [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
  npm_pkgs+=("playwright-core@$PLAYWRIGHT_VERSION")
fi
# axe-core's rules change between versions: reinstall when the pin moves.
axe_installed() {
  node -p "require('$TOOLS/node_modules/axe-core/package.json').version" 2>/dev/null
}
if [ "$want_test" = 1 ] && [ "$(axe_installed)" != "$AXE_VERSION" ]; then
  npm_pkgs+=("axe-core@$AXE_VERSION")
fi
if [ ${#npm_pkgs[@]} -gt 0 ]; then
  say "installing ${npm_pkgs[*]} into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"stratus-tools","private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund "${npm_pkgs[@]}"
fi

if [ "$want_test" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
say "tools ready"
