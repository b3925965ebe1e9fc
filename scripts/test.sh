#!/usr/bin/env bash
# Run every check, in order of speed:
#   1. the fast offline unit tests (synthetic data; what plain `pytest` runs);
#   2. `mkdocs build --strict` with every tutorial executed (cached in .cache/ between runs);
#   3. the tests on the real data (reference), on the built site (build) and in Chromium (browser).
# Run scripts/setup.sh once first.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
export NO_MKDOCS_2_WARNING=1

run_pytest() {
  # pytest exits 5 when it collects no test: here that is a failure, never a silent pass.
  local rc=0
  "$PYTHON" -m pytest "$@" || rc=$?
  if [ "$rc" = 5 ]; then
    echo "error: pytest collected no tests for: $*" >&2
    return 1
  fi
  return "$rc"
}

echo "== 1/3 unit tests"
run_pytest -q

echo "== 2/3 site build (strict, tutorials executed)"
start=$(date +%s)
"$PYTHON" -m mkdocs build --strict
echo "site built in $(( $(date +%s) - start )) s"

echo "== 3/3 reference, build and browser tests"
run_pytest -q -m "reference or build or browser"
