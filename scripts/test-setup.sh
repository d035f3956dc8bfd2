#!/bin/sh
# Installs the Debian packages the unit tests use, when missing:
#   python3-dotenv  the .env round-trip tests read values back with the real python-dotenv
#   git             workspace checks (.env tracked or ignored) and temp repositories
#   python3-django  real Python sources for the incremental-parse and fuzz tests
# The real-editor tests install their own (scripts/e2e-setup.sh).
set -eu
PACKAGES="python3-dotenv python3-django git"
missing=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $pkg"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "[test-setup] missing Debian packages:$missing (run as root, or install them)" >&2
  exit 1
fi
echo "[test-setup] apt: installing$missing" >&2
# shellcheck disable=SC2086
flock /tmp/apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing" >&2
