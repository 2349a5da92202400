"""What every object of ours shares, over every entry of :mod:`catalogue` (README, "iterators"):

* each is of a type named after its function, from the function's module, tracked by the
  garbage collector; an iterator is its own async iterator, with the repr
  ``<module.name object at 0x...>``.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

import pytest

import asyncitertools as a
import asyncitertools.builtins
import asyncitertools.functools
import asyncitertools.heapq
import asyncitertools.itertools

from catalogue import ENTRIES, Entry
from support import make_source

ITEMS = [3, 1, 4, 1, 5]

# Names that give no object of ours: aiter gives the source's own iterator back, scoped_iter is
# a context manager written in Python (what it lends is a borrow, tested here as such).
NOT_OURS = {"aiter", "scoped_iter"}


def function(x: Any) -> Any:
    return x % 2 if isinstance(x, int) else 0


def _kinds() -> tuple[list[Entry], list[Entry]]:
    """The entries whose object is an async iterator, and those whose object is an awaitable."""
    iterators, awaitables = [], []
    for entry in ENTRIES:
        if entry.name in NOT_OURS:
            continue
        built = entry.own_object(make_source("async_generator", []), function)
        (iterators if hasattr(built, "__anext__") else awaitables).append(entry)
        if hasattr(built, "close"):
            built.close()  # never awaited
    return iterators, awaitables


ITERATORS, AWAITABLES = _kinds()


def test_the_names_left_out_give_no_object_of_ours() -> None:
    source = make_source("async_generator", [])
    assert a.aiter(source) is source
    assert type(a.scoped_iter(source)).__module__ == "asyncitertools._scoped"  # Python code


def test_every_iterator_and_every_reduction_is_swept() -> None:
    names = {entry.name for entry in ITERATORS}
    assert {"iter", "borrow", "map", "zip", "islice", "tee", "groupby", "merge", "count"} <= names
    assert {entry.name for entry in AWAITABLES} == {
        *("all", "any", "dict", "list", "set", "tuple", "sum", "max", "min", "sorted"),
        *("reduce", "nlargest", "nsmallest", "anext"),
    }


# --- the type and the repr ------------------------------------------------------------------------


def home(name: str) -> str:
    """The module a public name comes from: its submodule, the package itself for builtins."""
    for module in (asyncitertools.itertools, asyncitertools.functools, asyncitertools.heapq):
        if name in module.__all__:
            return module.__name__
    assert name in asyncitertools.builtins.__all__
    return "asyncitertools"


@pytest.mark.parametrize(
    "entry", [e for e in ITERATORS + AWAITABLES if e.name != "anext"], ids=repr
)
def test_the_object_is_of_the_functions_own_type(entry: Entry) -> None:
    """(anext's ``anext_awaitable`` is the builtin's look-alike: test_anext_awaitable.py.)"""
    built = entry.own_object(make_source("async_generator", ITEMS), function)
    cls = type(built)
    public = getattr(a, entry.name)
    assert cls.__name__ == entry.name
    assert cls.__module__ == public.__module__ == home(entry.name)
    assert getattr(sys.modules[cls.__module__], entry.name) is public
    assert gc.is_tracked(built)
    if entry in ITERATORS:
        assert built.__aiter__() is built
        assert repr(built) == f"<{cls.__module__}.{cls.__qualname__} object at {id(built):#x}>"
    else:
        built.close()  # never awaited
