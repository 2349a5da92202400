"""CPython's own tests, ``Lib/test/test_asyncgen.py`` of the running interpreter, with ours.

Each CPython test runs twice with ``builtins.aiter``/``builtins.anext`` replaced: by the
builtins themselves (the reference: what passes, what is skipped, which warnings are emitted)
and by ``asyncitertools``'. Ours must pass, skip the same tests and emit the same warnings.

The CPython tests run under ``warnings.catch_warnings()`` with filters of their own (every
warning recorded), not under pytest's ``filterwarnings = error``: they trigger warnings on
purpose (unawaited coroutines, the deprecated ``throw(type, value, tb)`` signature).
``AsyncGenAsyncioTest.tearDown`` resets the event loop policy; the policy in force before is
put back (through asyncio's private accessors on 3.14+, where the public ones are deprecated,
as CPython's own tests do).
"""

from __future__ import annotations

import asyncio
import builtins
import gc
import unittest
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import test.test_asyncgen as cpython_module

from support import BUILTIN, Impl

# CPython tests that pin a CPython bug that asyncitertools fixes on purpose, skipped by name
# (the test id without "test.test_asyncgen."), each with the reason. None so far: no test in
# 3.10-3.13's test_asyncgen asserts the gh-128078 SystemError, the gh-131670 crash or
# __await__ being called again on every step.
KNOWN_DIFFERENCES: dict[str, str] = {}

# The event loop policy's accessors: 3.14 deprecates the public ones (DeprecationWarning).
get_event_loop_policy = getattr(
    asyncio.events, "_get_event_loop_policy", asyncio.get_event_loop_policy
)
set_event_loop_policy = getattr(
    asyncio.events, "_set_event_loop_policy", asyncio.set_event_loop_policy
)


def _flatten(suite: unittest.TestSuite) -> Iterator[unittest.TestCase]:
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _flatten(test)
        else:
            yield test


PREFIX = cpython_module.__name__ + "."
CPYTHON_TESTS = [
    test.id().removeprefix(PREFIX)
    for test in _flatten(unittest.defaultTestLoader.loadTestsFromModule(cpython_module))
]


class Report:
    """What running one CPython test with one implementation did."""

    def __init__(self, result: unittest.TestResult, caught: list[warnings.WarningMessage]):
        self.tests_run = result.testsRun
        self.problems = [
            f"{kind} in {test.id()}:\n{trace}"
            for kind, pairs in (("FAILURE", result.failures), ("ERROR", result.errors))
            for test, trace in pairs
        ] + [f"UNEXPECTED SUCCESS: {test.id()}" for test in result.unexpectedSuccesses]
        self.skipped = sorted((test.id(), reason) for test, reason in result.skipped)
        self.warnings = sorted(
            (w.category.__name__, str(w.message), w.filename, w.lineno) for w in caught
        )


def run_cpython_test(name: str, impl: Impl) -> Report:
    """Run the CPython test ``name`` with ``impl`` installed as builtins.aiter/anext."""
    suite = unittest.defaultTestLoader.loadTestsFromName(name, cpython_module)
    result = unittest.TestResult()
    saved = builtins.aiter, builtins.anext
    policy = get_event_loop_policy()
    builtins.aiter, builtins.anext = impl.aiter, impl.anext
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            suite.run(result)
            gc.collect()  # unawaited-coroutine warnings are emitted at collection
    finally:
        builtins.aiter, builtins.anext = saved
        set_event_loop_policy(policy)
    return Report(result, caught)


@pytest.mark.parametrize("name", CPYTHON_TESTS)
def test_cpython_test_asyncgen_passes_with_ours(ours: Impl, name: str) -> None:
    if name in KNOWN_DIFFERENCES:
        pytest.skip(KNOWN_DIFFERENCES[name])
    reference = run_cpython_test(name, BUILTIN)
    assert reference.problems == [], "the CPython test fails with the builtins themselves"

    report = run_cpython_test(name, ours)

    assert report.problems == [], "\n\n".join(report.problems)
    assert report.tests_run == reference.tests_run
    assert report.skipped == reference.skipped
    assert report.warnings == reference.warnings


def test_cpython_tests_were_found() -> None:
    assert len(CPYTHON_TESTS) >= 60
    assert any("anext" in name for name in CPYTHON_TESTS)
    assert set(KNOWN_DIFFERENCES) <= set(CPYTHON_TESTS), "a skip names no CPython test"


def test_running_a_cpython_test_restores_builtins_and_the_event_loop_policy(ours: Impl) -> None:
    policy = get_event_loop_policy()
    name = next(name for name in CPYTHON_TESTS if "AsyncGenAsyncioTest" in name)
    report = run_cpython_test(name, ours)
    assert report.tests_run == 1
    assert builtins.aiter is BUILTIN.aiter
    assert builtins.anext is BUILTIN.anext
    assert get_event_loop_policy() is policy


def test_a_broken_anext_makes_the_cpython_tests_fail() -> None:
    """The harness notices when the replacement is wrong."""

    def broken_anext(*args: Any) -> Any:
        return BUILTIN.anext(*args[:1])  # forgets the default

    broken = Impl("broken", BUILTIN.aiter, broken_anext)
    report = run_cpython_test("AsyncGenAsyncioTest.test_async_generator_anext", broken)
    assert report.problems
