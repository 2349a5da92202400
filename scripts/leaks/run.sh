#!/usr/bin/env bash
# Reference-leak run: the pytest suite on Debian's debug CPython 3.11 (python3.11-dbg), each
# test run once to warm up and three times measured; a test whose total reference count
# (sys.gettotalrefcount) grows in every measured run fails. See pytest_refleaks.py.
#
#   bash scripts/leaks/run.sh                      # the whole suite
#   bash scripts/leaks/run.sh tests/test_gc.py -x  # arguments go to pytest
#
# Installs python3.11-dbg with apt-get if it is missing, makes .venv-leaks with it, builds the
# extension for it (a debug interpreter counts references only in code built for it) into
# target/leaks, and installs the wheel there: nothing is written to python/ or target/release.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS

PYTHON_DBG=python3.11-dbg
VENV=.venv-leaks
WHEELS=target/leaks/wheels

# --- the debug interpreter, venv support (ensurepip) and CPython's tests (test_asyncgen) ----
if ! command -v "$PYTHON_DBG" >/dev/null \
    || ! "$PYTHON_DBG" -c 'import ensurepip, test.test_asyncgen' 2>/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q python3.11-dbg python3.11-venv libpython3.11-testsuite
fi

# --- the virtual environment, with the dev requirements ---------------------------------------
# The Makefile's own rule for a dev environment (venv, maturin, requirements-dev.txt).
make --no-print-directory "$VENV/.dev" PYTHON="$PYTHON_DBG" VENV="$VENV"

# --- the extension, built for the debug interpreter -----------------------------------------
rm -rf "$WHEELS"
CARGO_TARGET_DIR=target/leaks "$VENV/bin/maturin" build --release --quiet \
    --interpreter "$VENV/bin/python" --out "$WHEELS"
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall "$WHEELS"/*.whl

# --- the leak hunter checks itself, then the suite ------------------------------------------
export PYTHONPATH="$PWD/scripts/leaks"
"$VENV/bin/python" -m pytest -q -p pytester scripts/leaks/test_pytest_refleaks.py
# --hypothesis-seed: the same examples in every run, so that the runs compare. The timeout
# covers all the runs of a test (1 warm-up, 3 measured, 2 more for a leaking test's report).
# The random cancellation pipelines: 150 (as in make test-all) rather than 400, each run four
# times here on a debug interpreter; leaks show in any of them.
status=0
ASYNCITERTOOLS_EXAMPLES=150 "$VENV/bin/python" -m pytest -p pytest_refleaks --refleaks \
    --refleaks-log=target/leaks/deltas.txt --hypothesis-seed=0 --timeout=720 "$@" || status=$?
echo "scripts/leaks/run.sh: $((SECONDS - start)) s in all (per-test deltas in target/leaks/deltas.txt)"
exit "$status"
