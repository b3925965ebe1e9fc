#!/usr/bin/env bash
# Run every check, in order of speed:
#   1. the fast offline unit tests (synthetic data; what plain `pytest` runs);
#   2. `mkdocs build --strict` with every tutorial executed (cached in .cache/ between runs);
#   3. the tests on the real data (reference), on the built site (build) and in Chromium (browser);
#   4. the quick part of the Colab-stack check: notebooks 01 and 10 on Colab's library versions
#      (scripts/colab_check.py --quick; the full check of all 13 is `python3 scripts/colab_check.py`, see
#      docs/maintainers/).
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

echo "== 1/4 unit tests"
run_pytest -q

echo "== 2/4 site build (strict, tutorials executed)"
start=$(date +%s)
"$PYTHON" -m mkdocs build --strict
echo "site built in $(( $(date +%s) - start )) s"

echo "== 3/4 reference, build and browser tests"
run_pytest -q -m "reference or build or browser"

echo "== 4/4 notebooks 01 and 10 on Colab's stack (requirements/colab.txt)"
start=$(date +%s)
"$PYTHON" scripts/colab_check.py --quick
echo "Colab-stack check (quick) done in $(( $(date +%s) - start )) s"
