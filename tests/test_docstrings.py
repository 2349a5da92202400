"""Every example in the package's docstrings runs, and prints what it shows (doctest)."""

from __future__ import annotations

import doctest
import types
from pathlib import Path

import pytest

import asyncitertools
import asyncitertools._scoped
import asyncitertools._typing
import asyncitertools.builtins
import asyncitertools.concurrent
import asyncitertools.concurrent._buffer
import asyncitertools.concurrent._flat
import asyncitertools.concurrent._latest
import asyncitertools.concurrent._map
import asyncitertools.concurrent._merge
import asyncitertools.concurrent._time
import asyncitertools.functools
import asyncitertools.heapq
import asyncitertools.itertools

MODULES = [
    asyncitertools,
    asyncitertools.builtins,
    asyncitertools.itertools,
    asyncitertools.functools,
    asyncitertools.heapq,
    asyncitertools._scoped,
    asyncitertools._typing,
    asyncitertools.concurrent._map,
    asyncitertools.concurrent._merge,
    asyncitertools.concurrent._latest,
    asyncitertools.concurrent._flat,
    asyncitertools.concurrent._buffer,
    asyncitertools.concurrent._time,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_the_docstring_examples_run(module: types.ModuleType) -> None:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(module, module.__name__)
    for test in tests:
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.attempted > 0, f"{module.__name__} has no examples"
    assert results.failed == 0


def test_every_module_of_the_package_is_covered() -> None:
    """A new module of the package gets examples, or a reason here why not."""
    package = Path(asyncitertools.__file__).parent
    files = {
        ".".join(path.relative_to(package).with_suffix("").parts) for path in package.rglob("*.py")
    }
    covered = {module.__name__.partition(".")[2] for module in MODULES[1:]}
    covered |= {"__init__", "concurrent.__init__"}
    internal = {
        "_waiting",  # how a tee child waits for another child's pull: no public name
        "concurrent._core",  # the hub and the stream: the functions' examples run them
        "concurrent._runtime",  # the event loops' primitives: no public name
    }
    assert files - internal == covered
