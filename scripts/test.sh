#!/usr/bin/env bash
# Run every check:
#   1. the fast offline unit tests (synthetic data; what plain `pytest` runs), in the background beside step 2
#      (with the Colab-stack virtualenv of step 4, which needs no site): the build's two tutorial workers keep
#      both cores busy, but the unit tests spend most of their time waiting on small builds and servers, so the
#      whole run is minutes shorter. Their log is printed when they end; a failure fails the run;
#   2. `mkdocs build --strict` with every tutorial executed (cached in .cache/ between runs), then the same site
#      with `properdocs build --strict` (the maintained fork of MkDocs 1.x) into site-properdocs/, from that cache;
#   3. the tests on the real data (reference), on the built site (build) and in Chromium (browser), on two
#      pytest-xdist workers (`--dist loadfile`: a file's tests, and its module-scoped fits, stay on one worker);
#   4. the quick part of the Colab-stack check: notebooks 01 and 10 on Colab's library versions
#      (scripts/colab_check.py --quick; the full check of every notebook is `python3 scripts/colab_check.py`, see
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

logs=$(mktemp -d)
stop_background() {  # on any exit: no background job (nor its children: pytest, pip) outlives this script
  local job
  for job in $(jobs -p); do
    pkill -TERM -P "$job" 2>/dev/null || true
    kill -TERM "$job" 2>/dev/null || true
  done
  rm -rf "$logs"
}
trap stop_background EXIT

finish_background() {  # finish_background WHAT PID LOG: wait for a background job, print its log, stop if it failed
  local rc=0
  wait "$2" || rc=$?
  cat "$3"
  if [ "$rc" != 0 ]; then
    echo "error: $1 failed (exit $rc); see the log above" >&2
    exit "$rc"
  fi
}

echo "== 1/4 unit tests (in the background; their log follows the build)"
start=$(date +%s)
( run_pytest -q >"$logs/unit.log" 2>&1; echo "unit tests done in $(( $(date +%s) - start )) s" >>"$logs/unit.log" ) &
unit=$!
"$PYTHON" scripts/colab_check.py --quick --prepare >"$logs/colab.log" 2>&1 &
colab=$!

echo "== 2/4 site build (strict, tutorials executed)"
build_start=$(date +%s)
"$PYTHON" -m mkdocs build --strict
echo "site built in $(( $(date +%s) - build_start )) s"
# The way off MkDocs 1.x and Material (docs/maintainers/): the same site built by ProperDocs, from the execution
# cache the build above filled (nothing executes again), into its own folder; tests/test_properdocs.py compares
# the visible text of the two builds' pages.
TIMEFORMAT="site built with ProperDocs in %1R s (CPU: %1U s user, %1S s system)"
time "$PYTHON" -m properdocs build --strict -f mkdocs.yml -d site-properdocs

echo "== 1/4 unit tests: log"
finish_background "the unit tests" "$unit" "$logs/unit.log"

echo "== 3/4 reference, build and browser tests (two workers, each test file on one)"
run_pytest -q -n 2 --dist loadfile -m "reference or build or browser"

echo "== 4/4 notebooks 01 and 10 on Colab's stack (requirements/colab.txt)"
start=$(date +%s)
finish_background "making the Colab-stack virtualenv" "$colab" "$logs/colab.log"
"$PYTHON" scripts/colab_check.py --quick
echo "Colab-stack check (quick) done in $(( $(date +%s) - start )) s"
