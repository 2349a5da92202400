"""The leak hunter itself: it must flag what leaks and nothing else.

Run by ``scripts/leaks/run.sh`` before the real run, on the debug interpreter:
``python -m pytest -p pytester scripts/leaks/test_pytest_refleaks.py``.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(
    not hasattr(sys, "gettotalrefcount"), reason="needs a debug build of CPython"
)

SAMPLE = """
import ctypes
import functools
import gc

import pytest

KEPT = []
CYCLES = []


class Node:
    pass


@pytest.fixture(scope="module")
def module_state():
    return {"made": [object() for _ in range(10)]}


@pytest.fixture
def fresh():
    yield [object() for _ in range(10)]


@functools.lru_cache(maxsize=None)
def cached(n):
    return [object() for _ in range(n)]


def test_nothing():
    pass


def test_prints_and_uses_fixtures(module_state, fresh):
    print("some output", len(module_state["made"]), len(fresh))
    print("to stderr", file=__import__("sys").stderr)


def test_fills_a_cache_once():
    cached(100)


def test_makes_garbage_cycles():
    for _ in range(10):
        node = Node()
        node.self = node


def test_records_a_property(record_property):
    record_property("key", [object()])


@pytest.mark.parametrize("n", [1, 2])
def test_parametrized(n):
    assert n


def test_skipped():
    pytest.skip("nothing to see")


def test_leaks_a_reference():
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(Node))


def test_keeps_objects_forever():
    KEPT.append(Node())


def test_keeps_a_cycle_forever():
    node = Node()
    node.self = node
    CYCLES.append(node)


def test_fails():
    assert False, "a real failure"
"""


def test_the_plugin_flags_exactly_the_leaking_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_sample=SAMPLE)
    log = pytester.path / "deltas.txt"
    result = pytester.runpytest_subprocess(
        "-p", "pytest_refleaks", "--refleaks", f"--refleaks-log={log}", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=7, skipped=1, failed=4)
    result.stdout.fnmatch_lines(
        [
            "*11 tests measured (1 warm-up, 3 measured runs each), 3 leaked, 0 not measured*",
            "LEAK test_sample.py::test_leaks_a_reference: references [[]1, 1, 1[]]*",
            "LEAK test_sample.py::test_keeps_objects_forever: references *",
            "LEAK test_sample.py::test_keeps_a_cycle_forever: references *",
            "FAILED test_sample.py::test_fails - AssertionError: a real failure*",
        ]
    )
    clean = [line for line in log.read_text().splitlines() if "forever" not in line]
    clean = [line for line in clean if "leaks_a_reference" not in line]
    assert len(clean) == 8
    for line in clean:
        assert "\trefs [0, 0, 0]\t" in line, line
