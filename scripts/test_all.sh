#!/usr/bin/env bash
# `make test-all`: `make test-version` on each interpreter scripts/pythons.sh finds, TEST_JOBS
# of them at a time (default 1), and the make targets named in TEST_ALSO as more jobs of the
# same pool (CI: "test-leaks test-asan"), started first since they take longest.
#
#   make test-all                                        # one interpreter after the other
#   make test-all TEST_JOBS=2 PYTEST_ARGS="tests/test_aiter.py -q"
#   make test-all TEST_JOBS=2 TEST_ALSO="test-leaks test-asan"   # what .ci/run runs
#
# Each job runs pytest once, in one process, on one core (the builds before it use all cores),
# so TEST_JOBS=2 keeps a 2-core machine busy with at most two pytest processes at once.
#
# Each job writes to its own log, target/test-all/<name>.log (3.12.log, test-leaks.log, ...).
# With TEST_JOBS=1 the log is shown as it is written; with more, each log is printed whole when
# its job ends, so that the jobs' lines do not interleave. Every job runs to its end; the run
# fails (exit status 1) if any job failed, and names them.
#
# Each interpreter builds into its own Cargo target directory, target/test-all/<version>/: with
# one shared target/, two `maturin develop` could overlap, and while one copies the extension it
# has just built out of target/suite/, the other's cargo (the lock is released once cargo exits)
# rebuilds it there for another interpreter. It also spares a rebuild of PyO3 for each
# interpreter when the suite runs again. Separate venvs (.venv-<version>) and extension file
# names (_native.cpython-312-x86_64-linux-gnu.so, ...) keep the rest apart.
#
# Environment (the Makefile passes its variables): TEST_JOBS, TEST_ALSO, ALREADY_TESTED (an
# interpreter that `make test` has run on: skipped), MAKE. PYTEST_ARGS reaches the jobs as a
# make variable.
set -euo pipefail
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
max_jobs=${TEST_JOBS:-1}
case $max_jobs in
    '' | *[!0-9]* | 0) echo "scripts/test_all.sh: TEST_JOBS must be a positive integer, not '$max_jobs'" >&2; exit 2 ;;
esac
LOGS=target/test-all
# An interpreter's name for its virtual environment, as the Makefile's VERSION_OF.
version_of='import sys, sysconfig; print("%d.%d" % sys.version_info[:2] + ("t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""))'

# --- the jobs: TEST_ALSO's targets, then the interpreters -------------------------------------
names=() labels=() targets=() pythons_of=() details=()
for target in ${TEST_ALSO:-}; do
    names+=("$target")
    labels+=("make $target")
    targets+=("$target")
    pythons_of+=("")
    details+=("")
done
pythons=$(scripts/pythons.sh)
scripts/pythons.sh --table
for py in $pythons; do
    v=$("$py" -c "$version_of")
    if [ -n "${ALREADY_TESTED:-}" ] && [ "$(realpath "$py")" = "$(realpath "$ALREADY_TESTED")" ]; then
        echo "=== CPython $v: already tested by make test"
        continue
    fi
    names+=("$v")
    labels+=("CPython $v")
    targets+=(test-version)
    pythons_of+=("$py")
    details+=(" ($py)")
done

# Job $1's command: a make target, or test-version on an interpreter. A free-threaded build
# ("3.14t") runs with PYTHON_GIL=1: the extension declares that it needs the GIL, and importing
# it would otherwise turn the GIL on with a RuntimeWarning.
run_job() {
    local i=$1
    local v=${names[i]} gil=
    if [ -z "${pythons_of[i]}" ]; then
        "$MAKE" --no-print-directory "${targets[i]}"
        return
    fi
    case $v in *t) gil=1 ;; esac
    PYTHON_GIL=$gil CARGO_TARGET_DIR="$PWD/$LOGS/$v" "$MAKE" --no-print-directory \
        test-version PYTHON="${pythons_of[i]}" VENV=".venv-$v"
}

mkdir -p "$LOGS"
rm -f "$LOGS"/*.log

# --- the pool ----------------------------------------------------------------------------------
# Each job in its own process group (set -m), so that an interrupted run stops all of it: make,
# cargo, pytest and pytest's children.
set -m
pids=() starts=() running=() failed=() summary=()
stop_jobs() {
    local i
    for i in "${running[@]}"; do
        kill -TERM -- "-${pids[i]}" 2>/dev/null || true
    done
}
trap stop_jobs EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_job() {
    local i=$1
    local log="$LOGS/${names[i]}.log"
    echo "=== ${labels[i]}${details[i]}: started, log $log"
    if [ "$max_jobs" -eq 1 ]; then
        { run_job "$i" 2>&1 </dev/null | tee "$log"; } &
    else
        run_job "$i" >"$log" 2>&1 </dev/null &
    fi
    pids[i]=$!
    starts[i]=$SECONDS
    running+=("$i")
}

finish_job() {
    local i=$1
    local status=0 log="$LOGS/${names[i]}.log" seconds
    wait "${pids[i]}" || status=$?
    seconds=$((SECONDS - starts[i]))
    if [ "$max_jobs" -gt 1 ]; then
        echo "=== ${labels[i]}: output ($log)"
        cat "$log"
    fi
    if [ "$status" -eq 0 ]; then
        echo "=== ${labels[i]}: $seconds s"
        summary[i]=$(printf '  %-18s %6s s  ok' "${labels[i]}" "$seconds")
    else
        echo "=== ${labels[i]}: FAILED (exit status $status) after $seconds s, log $log"
        summary[i]=$(printf '  %-18s %6s s  FAILED (exit status %s)' "${labels[i]}" "$seconds" "$status")
        failed+=("${labels[i]} ($log)")
    fi
}

start=$SECONDS
next=0
while [ "$next" -lt "${#names[@]}" ] || [ "${#running[@]}" -gt 0 ]; do
    while [ "${#running[@]}" -lt "$max_jobs" ] && [ "$next" -lt "${#names[@]}" ]; do
        start_job "$next"
        next=$((next + 1))
    done
    sleep 1
    still=()
    for i in "${running[@]}"; do
        if kill -0 "${pids[i]}" 2>/dev/null; then
            still+=("$i")
        else
            finish_job "$i"
        fi
    done
    running=("${still[@]}")
done

echo "=== test-all: ${#names[@]} jobs, $max_jobs at a time, $((SECONDS - start)) s"
if [ "${#summary[@]}" -gt 0 ]; then
    printf '%s\n' "${summary[@]}"
fi
if [ "${#failed[@]}" -gt 0 ]; then
    printf -v list '%s, ' "${failed[@]}"
    echo "=== test-all: FAILED: ${list%, }" >&2
    exit 1
fi
