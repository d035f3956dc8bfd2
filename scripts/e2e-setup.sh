#!/bin/sh
# Installs what the real-editor tests need (test/e2e, test/nvim) on Debian:
#   apt: chromium libkrb5-dev ripgrep neovim (only the missing ones)
#   code-server + playwright-core, pinned by test/e2e/tools/package-lock.json,
#   into an isolated folder (default .tmp/e2e-tools) so that the ~300 MB of
#   code-server and its native modules stay out of the project's dependencies.
# Idempotent: a stamp of the pinned manifest skips the npm step when nothing
# changed and the install still looks healthy.
# Env: E2E_TOOLS_DIR overrides the tools folder.
set -eu

REPO=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
PINS="$REPO/test/e2e/tools"
TOOLS=${E2E_TOOLS_DIR:-$REPO/.tmp/e2e-tools}
CODE_SERVER_VERSION=4.100.3
RG_CACHE=vscode-ripgrep-cache-1.15.11
RG_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PACKAGES="chromium libkrb5-dev ripgrep neovim"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }

install_apt() {
  missing=""
  for pkg in $APT_PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing="$missing $pkg"
    fi
  done
  if [ -z "$missing" ]; then
    log "apt: all present ($APT_PACKAGES)"
    return
  fi
  [ "$(id -u)" = 0 ] || die "apt packages missing:$missing (run as root, or install them)"
  log "apt: installing$missing"
  # shellcheck disable=SC2086
  flock /tmp/apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing" >&2
}

stamp_of_pins() {
  cat "$PINS/package.json" "$PINS/package-lock.json" | sha256sum | cut -d' ' -f1
}

# The native modules that code-server's postinstall builds in lib/vscode; if
# one is missing the extension host or the terminal fails at run time, so
# check here and fail with a clear message instead.
tools_healthy() {
  cs="$TOOLS/node_modules/code-server"
  [ -f "$cs/package.json" ] || return 1
  node -e "process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)" \
    "$cs/package.json" "$CODE_SERVER_VERSION" || return 1
  [ -f "$TOOLS/node_modules/playwright-core/package.json" ] || return 1
  for f in \
    lib/vscode/node_modules/node-pty/build/Release/pty.node \
    lib/vscode/node_modules/kerberos/build/Release/kerberos.node \
    lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node \
    lib/vscode/node_modules/@vscode/ripgrep/bin/rg; do
    [ -e "$cs/$f" ] || { log "missing $f"; return 1; }
  done
}

install_tools() {
  want=$(stamp_of_pins)
  if [ -f "$TOOLS/.stamp" ] && [ "$(cat "$TOOLS/.stamp")" = "$want" ] && tools_healthy; then
    log "tools: up to date in $TOOLS"
    return
  fi
  log "tools: installing code-server $CODE_SERVER_VERSION + playwright-core into $TOOLS"
  mkdir -p "$TOOLS/tmp/$RG_CACHE"
  rm -f "$TOOLS/.stamp"
  cp "$PINS/package.json" "$PINS/package-lock.json" "$TOOLS/"
  # @vscode/ripgrep downloads its binary from GitHub unless it finds this
  # tarball in $TMPDIR; Debian's rg stands in for it.
  tar czf "$TOOLS/tmp/$RG_CACHE/$RG_TARBALL" -C "$(dirname "$(command -v rg)")" rg
  # code-server's postinstall refuses root without unsafe_perm; node-pty's
  # runs `npx node-gyp`, which needs yes. allowScripts in the pinned
  # package.json approves the install scripts npm 11 gates.
  (cd "$TOOLS" &&
    TMPDIR="$TOOLS/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
      npm ci --no-audit --no-fund --loglevel=error >&2)
  tools_healthy || die "code-server installed but its native modules are missing (see above)"
  echo "$want" >"$TOOLS/.stamp"
}

check_versions() {
  sandbox=$(mktemp -d)
  trap 'rm -rf "$sandbox"' EXIT
  # Even --version writes config under $HOME: keep it in the sandbox.
  v=$(HOME="$sandbox" XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data" \
    TMPDIR="$sandbox" "$TOOLS/node_modules/.bin/code-server" --version 2>/dev/null | grep -E "^[0-9]+\.[0-9]+" | head -n1)
  log "code-server: $v"
  log "chromium: $(/usr/bin/chromium --version 2>/dev/null | grep Chromium | head -n1)"
  log "neovim: $(nvim --version | head -n1)"
}

install_apt
install_tools
check_versions
log "ready (tools in $TOOLS)"
