#!/usr/bin/env bash
# AddressSanitizer run: the whole pytest suite on CPython 3.11 (pyenv) with the extension built
# with -Zsanitizer=address (stable Rust, RUSTC_BOOTSTRAP=1) and gcc's ASan runtime preloaded.
#
#   bash scripts/asan/run.sh                      # the whole suite
#   bash scripts/asan/run.sh tests/test_gc.py -x  # arguments go to pytest
#
# The extension is built in the dev profile (debug assertions and overflow checks on) into
# target/asan and installed as a wheel into .venv-asan: nothing is written to python/, where
# `make build` keeps the ordinary 3.11 build under the same file name.
#
# What ASan sees: every memory access of the extension's Rust code (its dependencies
# included) and the libc calls it intercepts; CPython itself is not instrumented. With
# PYTHONMALLOC=malloc, Python objects come from malloc, so an access to a freed object from
# Rust is caught (with pymalloc, freed objects stay inside pymalloc's arenas, unseen).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS

VENV=.venv-asan
OUT=target/asan
# CPython 3.11 from pyenv, its newest patch release there (the interpreter this run has always
# used, and the one a fresh machine has); ASAN_PYTHON names another (release) interpreter.
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
pyenv_311=$(ls -d "$root"/versions/3.11.* 2>/dev/null | grep -E '/3\.11\.[0-9]+$' | sort -V | tail -n 1 || true)
PYTHON=${ASAN_PYTHON:-${pyenv_311:+$pyenv_311/bin/python}}
if [ -z "$PYTHON" ] || [ ! -x "$PYTHON" ]; then
    echo "scripts/asan/run.sh: no CPython 3.11 in pyenv ($root); set ASAN_PYTHON" >&2
    exit 1
fi
HOST=$(rustc -vV | sed -n 's/^host: //p')

# gcc's runtime, as gcc ships it (libasan8 comes with gcc-12 on Debian).
LIBASAN=$(gcc -print-file-name=libasan.so)
if [ ! -e "$LIBASAN" ]; then
    echo "scripts/asan/run.sh: gcc has no libasan.so (Debian: apt-get install libasan8)" >&2
    exit 1
fi

# --- the virtual environment, with the dev requirements ---------------------------------------
# The Makefile's own rule for a dev environment (venv, maturin, requirements-dev.txt).
make --no-print-directory "$VENV/.dev" PYTHON="$PYTHON" VENV="$VENV"

# --- the instrumented extension ---------------------------------------------------------------
# --target: with an explicit target, RUSTFLAGS apply to the target's code only, not to build
# scripts and proc-macros (which would then need the runtime to run). asyncitertools_asan is
# a cfg the code may test (e.g. to bypass its free list so that ASan sees every free).
# RUSTC_BOOTSTRAP=1 lets stable rustc take -Z flags; both stay out of the test run's environment.
rustflags=(-Zsanitizer=address -Cforce-frame-pointers=yes --cfg asyncitertools_asan)
rm -rf "$OUT/wheels"
RUSTC_BOOTSTRAP=1 RUSTFLAGS="${rustflags[*]}" CARGO_TARGET_DIR=$OUT \
    "$VENV/bin/maturin" build --quiet --target "$HOST" \
    --interpreter "$VENV/bin/python" --out "$OUT/wheels" --auditwheel skip
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall "$OUT/wheels"/*.whl
# The canary (see below), built the same way.
RUSTC_BOOTSTRAP=1 rustc --edition 2021 --crate-type cdylib -g -C opt-level=1 --target "$HOST" \
    "${rustflags[@]}" -o "$OUT/libcanary.so" scripts/asan/canary.rs

# --- the run's environment ----------------------------------------------------------------------
# detect_leaks=0: CPython does not free everything at exit. log_path: the reports go to files
# (report.PID, one per process, children included), since pytest captures the test's stderr
# and a report written there would die with the process.
rm -f "$OUT"/report.*
# libstdc++ is preloaded too: ASan resolves its __cxa_throw interceptor at start-up, and a C++
# extension loaded later (matplotlib's, in the benchmark's smoke test) would otherwise abort
# on its first exception ("real___cxa_throw != 0").
LIBSTDCXX=$(realpath "$(gcc -print-file-name=libstdc++.so.6)")
export LD_PRELOAD="$LIBASAN:$LIBSTDCXX"
export ASAN_OPTIONS="detect_leaks=0:detect_stack_use_after_return=1:log_path=$PWD/$OUT/report"
export PYTHONMALLOC=malloc

show_reports() {
    local found=1 report
    for report in "$OUT"/report.*; do
        [ -e "$report" ] || continue
        found=0
        echo "=== AddressSanitizer report $report"
        cat "$report"
    done
    return "$found"
}

# --- ASan must catch the canary's errors first: an overflow, then a read of a freed object ---
for probe in \
    'lib.canary_read_past_the_end(16)' \
    'x = type("C", (), {})(); address = id(x); del x; lib.canary_read_word(address)'; do
    if "$VENV/bin/python" -c "import ctypes
lib = ctypes.CDLL('$OUT/libcanary.so')
lib.canary_read_word.argtypes = [ctypes.c_size_t]
$probe" 2>/dev/null || ! grep -qs 'ERROR: AddressSanitizer' "$OUT"/report.*; then
        echo "scripts/asan/run.sh: ASan did not catch the canary's error ($probe)" >&2
        exit 1
    fi
    rm -f "$OUT"/report.*
done

# --- the suite ----------------------------------------------------------------------------------
# Left out: tests/test_packaging.py builds wheels with cargo in child processes, which inherit
# LD_PRELOAD, and rustc does not run with the ASan runtime preloaded (it crashes); what it
# builds is the uninstrumented release extension anyway. `make test` runs it.
native=$("$VENV/bin/python" -c 'import asyncitertools._native as m; print(m.__file__)')
case $native in
    "$PWD/$VENV"/*) ;;
    *) echo "scripts/asan/run.sh: the tests would import $native, not the ASan build" >&2; exit 1 ;;
esac
status=0
# test_memory measures peak RSS: ASan keeps freed memory in quarantine (up to 256 MB by
# default), so RSS grows under it by design; the release runs of `make test` measure it.
# The random cancellation pipelines: 150, as in make test-all and the leak run (400 in make
# test), each of them under ASan.
ASYNCITERTOOLS_EXAMPLES=150 "$VENV/bin/python" -m pytest --ignore=tests/test_packaging.py \
    --ignore=tests/test_memory.py "$@" || status=$?
if show_reports; then
    echo "scripts/asan/run.sh: AddressSanitizer reported errors (above)" >&2
    status=1
fi
echo "scripts/asan/run.sh: $((SECONDS - start)) s in all"
exit "$status"
