"""Reference-leak hunting for pytest on a debug CPython (one that has ``sys.gettotalrefcount``).

Load it with ``-p pytest_refleaks`` (this folder on ``PYTHONPATH``) and turn it on with
``--refleaks``. Each test then runs its whole protocol (setup, call, teardown) ``--refleaks-warmup``
times unmeasured, to fill the caches, then ``--refleaks-runs`` times measured; after each run,
with the garbage collected, the total reference count (``sys.gettotalrefcount()``) is read. A
test whose total grew in every measured run leaks, as CPython's own ``regrtest -R`` decides: it
is reported as failed, with the deltas and the types of the objects one more run left behind.
A total that grew in some runs only is noise (a cache filling) and is not reported. The number
of allocated memory blocks is read too and logged, but does not fail a test: it moves by a few
blocks without any reference leaked (pytest's own ``capsys`` does that), and the extension's
Rust allocations are not in it anyway.

The tests that ``EXCLUDED`` matches run once unmeasured, or are skipped, each pattern with its
reason; the summary says how many each pattern left out, and why. ``--refleaks-log=FILE``
writes every measured test's deltas, one a line.
"""

from __future__ import annotations

import array
import fnmatch
import gc
import sys
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol

# Tests whose reference counts cannot be measured meaningfully: fnmatch patterns matched
# against the node id (as pytest prints it, from the root), each with what happens to the tests
# and why. UNMEASURED: run once, as without the plugin; SKIPPED: not run. Keep this list short:
# every test left out is a test whose leaks nobody sees.
UNMEASURED, SKIPPED = "unmeasured", "skipped"
HYPOTHESIS_WITH_PARAMETERS = (
    "a hypothesis test that pytest also parametrizes grows the total in every run by itself "
    "(measured: 16 references per run for such a test that uses nothing but hypothesis and "
    "builtins), so its own growth cannot be told apart; the same functions are measured by "
    "the plain parametrized tests of the same file"
)
EXCLUDED: dict[str, tuple[str, str]] = {
    "tests/test_*[[]*uvloop*": (
        UNMEASURED,
        "uvloop leaks references by itself, with no asyncitertools involved: on this debug "
        "CPython each `uvloop.run()` adds 211 to the total with the PyPI wheel (built for "
        "release CPython, whose inline Py_INCREF/Py_DECREF skip the debug total) and 5 when "
        "built from source for it; the same tests run under asyncio, trio and ownloop",
    ),
    "tests/test_examples.py::*": (
        UNMEASURED,
        "runs the examples of README and docs/, the demo and the benchmarks in child "
        "interpreters, so nothing of asyncitertools runs in the measured process; and "
        "`tmp_path` appends a "
        "finalizer to the session-scoped `tmp_path_factory` on every use (pytest's design)",
    ),
    "tests/test_peers.py::*": (
        UNMEASURED,
        "runs asyncstdlib, aioitertools and aiostream to check README's comparison: what "
        "they keep or leave behind (aiostream and aioitertools leave asyncio tasks and "
        "asend() objects pending under trio) is theirs to count; each of our calls there is "
        "measured by the tests of its function",
    ),
    "tests/test_bench_builtins.py::*": (
        UNMEASURED,
        "runs the benchmark in a child interpreter: nothing of asyncitertools runs in the "
        "measured process",
    ),
    "tests/test_bench_concurrent.py::*": (
        UNMEASURED,
        "runs the concurrent benchmark in a child interpreter: nothing of asyncitertools runs "
        "in the measured process",
    ),
    "tests/test_map.py::test_a_result_that_cannot_be_awaited_fails_as_await_does[[]*Raises[]]": (
        UNMEASURED,
        "raises one class-level exception instance every run, whose traceback grows with each "
        "raise: a plain `await` of the same object grows the total as much",
    ),
    "tests/test_chain.py::test_count_behaves_as_the_stdlib": (
        UNMEASURED,
        "hypothesis' number strategies (floats, fractions, complex) grow the total by "
        "themselves: the same test with itertools.count in place of ours grows it by the same "
        "4704 references per run, and a hand loop over count() with every kind of number "
        "(ints past 2**63, floats, Fraction, complex, bool) grows it by nothing",
    ),
    "tests/test_memory.py::*": (
        SKIPPED,
        "runs 10 million items in child interpreters and measures their peak RSS: nothing of "
        "asyncitertools runs in the measured process, and four runs of it would take minutes",
    ),
    "tests/test_packaging.py::*": (
        SKIPPED,
        "builds the wheel and the sdist and installs them in fresh environments, all in child "
        "processes: nothing of asyncitertools runs in the measured process, a run takes half a "
        "minute, and its session-scoped fixtures keep a finalizer per use (pytest's design); "
        "`make test` checks packaging on the release interpreters",
    ),
}
# The hypothesis tests that pytest also parametrizes (see HYPOTHESIS_WITH_PARAMETERS).
for _pattern in (
    "tests/test_zip.py::test_any_mix_of_sources_behaves_as_the_stdlib_zip[[]*",
    "tests/test_map.py::test_any_data_behaves_as_the_stdlib_map[[]*",
    "tests/test_filter.py::test_any_data_behaves_as_the_stdlib_filter[[]*",
    "tests/test_iter.py::test_any_iterable_behaves_as_the_stdlib_iter[[]*",
    "tests/test_iter.py::test_calls_behave_as_the_stdlib_iter_with_a_sentinel[[]*",
    "tests/test_borrow.py::test_what_the_borrower_leaves_the_real_iterator_continues_with[[]*",
    "tests/test_reductions.py::test_all_and_any_equal_the_stdlib[[]*",
    "tests/test_reductions.py::test_sum_equals_the_stdlib[[]*",
    "tests/test_reductions.py::test_sum_of_lists_with_a_list_start_equals_the_stdlib[[]*",
    "tests/test_reductions.py::test_max_and_min_equal_the_stdlib[[]*",
    "tests/test_reductions.py::test_max_and_min_of_several_arguments_equal_the_stdlib[[]*",
    "tests/test_reductions.py::test_sorted_equals_the_stdlib[[]*",
    "tests/test_reductions.py::test_list_tuple_and_set_equal_the_stdlib[[]*",
    "tests/test_reductions.py::test_dict_equals_the_stdlib[[]*",
    "tests/test_concurrent.py::test_map_backpressure_at_any_pace[[]*",
    "tests/test_concurrent_random.py::test_random_errors_and_early_stops[[]*",
):
    EXCLUDED[_pattern] = (UNMEASURED, HYPOTHESIS_WITH_PARAMETERS)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("refleaks", "reference-leak hunting (debug CPython only)")
    group.addoption(
        "--refleaks",
        action="store_true",
        help="run each test repeatedly and fail the tests whose reference count always grows",
    )
    group.addoption("--refleaks-warmup", type=int, default=1, help="unmeasured runs (default 1)")
    group.addoption("--refleaks-runs", type=int, default=3, help="measured runs (default 3)")
    group.addoption("--refleaks-log", default=None, help="write every test's deltas to this file")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("refleaks"):
        return
    if not hasattr(sys, "gettotalrefcount"):
        raise pytest.UsageError("--refleaks needs a debug build of CPython (sys.gettotalrefcount)")
    if config.getoption("refleaks_warmup") < 1 or config.getoption("refleaks_runs") < 1:
        raise pytest.UsageError("--refleaks-warmup and --refleaks-runs must be at least 1")
    config.pluginmanager.register(RefLeaks(config), "refleaks-session")


def exclusion(nodeid: str) -> str | None:
    """The pattern of ``EXCLUDED`` that leaves this test out, if any."""
    return next((pattern for pattern in EXCLUDED if fnmatch.fnmatchcase(nodeid, pattern)), None)


def always_grew(deltas: list[int]) -> bool:
    return all(delta > 0 for delta in deltas)


class RefLeaks:
    def __init__(self, config: pytest.Config) -> None:
        self.warmup: int = config.getoption("refleaks_warmup")
        self.runs: int = config.getoption("refleaks_runs")
        log = config.getoption("refleaks_log")
        self.log_path = Path(log) if log else None
        self.measured: list[tuple[str, list[int], list[int]]] = []
        self.leaked: list[tuple[str, list[int], list[int]]] = []
        self.excluded: Counter[str] = Counter()  # pattern: how many tests it left out

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            pattern = exclusion(item.nodeid)
            if pattern is not None and EXCLUDED[pattern][0] == SKIPPED:
                item.add_marker(pytest.mark.skip(reason=f"not in the leak run: {pattern}"))

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self) -> None:
        gc.collect()
        gc.freeze()

    def pytest_sessionfinish(self) -> None:
        gc.unfreeze()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool:
        ihook = item.ihook
        ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        pattern = exclusion(item.nodeid)
        if pattern is not None:
            self.excluded[pattern] += 1
            reports = runtestprotocol(item, nextitem=nextitem, log=False)
        else:
            reports = self.measure(item, nextitem)
        collect()  # what this test left behind (caches, module state) will not be scanned again
        gc.freeze()
        for report in reports:
            ihook.pytest_runtest_logreport(report=report)
        ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    def measure(self, item: pytest.Item, nextitem: pytest.Item | None) -> list[pytest.TestReport]:
        # What a run appends to the item (captured output, user properties) would look like a
        # leak: each run starts from what the item held before the first.
        sections = list(item._report_sections)
        properties = list(item.user_properties)
        # An exception instance among the test's parameters is raised again by every run, and
        # CPython chains each raise's traceback onto the previous ones: each run starts from
        # the state the parameter had before the first. (A reference leaked to the exception
        # itself still shows.)
        exceptions = [(exc, exception_state(exc)) for exc in parameter_exceptions(item)]

        def run() -> list[pytest.TestReport]:
            item._report_sections[:] = sections
            item.user_properties[:] = properties
            for exc, state in exceptions:
                restore_exception_state(exc, state)
            return runtestprotocol(item, nextitem=nextitem, log=False)

        reports, refs, blocks = self.totals(run)
        if refs is None or blocks is None:  # a run failed: report that run's outcome
            return reports
        ref_deltas = [after - before for before, after in pairwise(refs)]
        block_deltas = [after - before for before, after in pairwise(blocks)]
        self.measured.append((item.nodeid, ref_deltas, block_deltas))
        if always_grew(ref_deltas):
            self.leaked.append((item.nodeid, ref_deltas, block_deltas))
            call = next((r for r in reports if r.when == "call"), reports[-1])
            call.outcome = "failed"
            call.longrepr = (
                f"references leaked in every measured run: {ref_deltas} "
                f"(memory blocks {block_deltas})\n"
                f"objects that one more run left behind, by type: {growth(run)}"
            )
        return reports

    def totals(
        self, run: Callable[[], list[pytest.TestReport]]
    ) -> tuple[list[pytest.TestReport], list[int] | None, list[int] | None]:
        """Run the test ``warmup + runs`` times; return the last run's reports and the totals of
        references and blocks after the last warm-up run and after each measured run (none if a
        run failed; then that run's reports).

        Every reading is taken in the same state: only this frame holds a run's reports, one
        run's at a time, and the readings go into preallocated C arrays (storing a Python int
        would count as a leak).
        """
        refs = array.array("q", bytes(8 * (self.runs + 1)))
        blocks = array.array("q", bytes(8 * (self.runs + 1)))
        reports = None
        for index in range(self.warmup + self.runs):
            reports = None
            reports = run()
            if failed(reports):
                return reports, None, None
            if index >= self.warmup - 1:
                collect()
                refs[index - self.warmup + 1] = sys.gettotalrefcount()  # type: ignore[attr-defined]
                blocks[index - self.warmup + 1] = sys.getallocatedblocks()
        assert reports is not None
        return reports, refs.tolist(), blocks.tolist()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        tr = terminalreporter
        tr.section("reference leaks")
        tr.write_line(
            f"{len(self.measured)} tests measured ({self.warmup} warm-up, {self.runs} measured "
            f"runs each), {len(self.leaked)} leaked, {sum(self.excluded.values())} not measured"
        )
        for nodeid, ref_deltas, block_deltas in self.leaked:
            tr.write_line(f"LEAK {nodeid}: references {ref_deltas}, blocks {block_deltas}")
        for pattern, count in self.excluded.items():
            action, reason = EXCLUDED[pattern]
            tr.write_line(f"{action}: {count} tests {pattern}: {reason}")
        if self.log_path is not None:
            with self.log_path.open("w", encoding="utf-8") as log:
                for nodeid, ref_deltas, block_deltas in self.measured:
                    log.write(f"{nodeid}\trefs {ref_deltas}\tblocks {block_deltas}\n")
            tr.write_line(f"per-test deltas: {self.log_path}")


def parameter_exceptions(item: pytest.Item) -> list[BaseException]:
    """The exception instances among the test's parameters, inside containers included."""
    found: list[BaseException] = []
    seen: set[int] = set()

    def visit(value: object, depth: int) -> None:
        if id(value) in seen or depth > 4:
            return
        seen.add(id(value))
        if isinstance(value, BaseException):
            found.append(value)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for member in value:
                visit(member, depth + 1)
        elif isinstance(value, dict):
            for key, member in value.items():
                visit(key, depth + 1)
                visit(member, depth + 1)

    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        for value in callspec.params.values():
            visit(value, 0)
    return found


def exception_state(exc: BaseException) -> tuple[Any, ...]:
    return (exc.__traceback__, exc.__context__, exc.__cause__, exc.__suppress_context__)


def restore_exception_state(exc: BaseException, state: tuple[Any, ...]) -> None:
    exc.__traceback__, exc.__context__, exc.__cause__, exc.__suppress_context__ = state


def growth(run: Callable[[], list[pytest.TestReport]]) -> dict[str, int]:
    """How many more objects of each type the collector tracks after one more run (a hint at
    what leaks; objects it does not track, such as strings and numbers, do not show)."""
    collect()
    run()
    collect()
    before = Counter(type(obj).__qualname__ for obj in gc.get_objects())
    run()
    collect()
    after = Counter(type(obj).__qualname__ for obj in gc.get_objects() if obj is not before)
    after.subtract(before)
    return {name: count for name, count in after.most_common(12) if count > 0}


def failed(reports: list[pytest.TestReport]) -> bool:
    return any(report.failed for report in reports)


def collect() -> None:
    """Collect the garbage among the objects made since the last ``freeze()``.

    A full collection takes about 0.1 s on the debug interpreter, and the run needs several
    per test: everything that survived earlier tests is frozen instead (``gc.freeze()``: the
    collector treats it as alive and no longer scans it), so each collection only looks at
    what the current test made. Garbage cycles among those are collected as usual; only a
    cycle through an object frozen before the test began is not, and that shows as a leak in
    one run at most (the run that dropped it), not in every run.
    """
    gc.collect()
    gc.collect()
