"""The owned sources are closed before an error of the caller's own objects reaches the consumer.

The contract (README, "ownership and closing"): when a function fails, the ``aclose()`` of every
async iterator it owns has been awaited by the time the consumer sees the exception, and the
exception is the very object raised. Errors of the sources themselves are checked elsewhere
(``test_cancellation.py``, ``test_hostile.py``); here the error comes from what the caller hands
in, at the point where the function asks it something:

* ``item.D``: every item's dunder ``D`` raises (its truth for ``any``/``all``/``compress``'s
  selectors/``filter(None, ...)``, ``==`` for ``groupby`` without a key, ``<``/``>`` for
  ``max``/``min``/``sorted``/``merge``/``nlargest``/``nsmallest`` without a key, ``+`` for
  ``sum``/``accumulate``, the hash for ``set``/``dict``);
* ``result.D``: every result of the function (a predicate's verdict, a key) has a dunder ``D``
  that raises (the truth of a verdict, the comparisons of keys);
* ``call``: the function raises at its third call (a predicate, a key, ``map``'s and
  ``starmap``'s function, ``accumulate``'s and ``reduce``'s).

Every entry of :mod:`catalogue` is tried with every hostility, plus the calls the catalogue's
one way of calling leaves out (no key, no predicate, the selectors of ``compress``, a second
async source); a case is kept where the stdlib, over the same items, raises the planted error.
Each case runs under every event loop, over class-based sources that suspend or not (and one
behind a native ``asyncitertools.iter``), with every kind of callable, for an ``Exception`` and
a ``BaseException``.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import asyncitertools as a

import support
from catalogue import ENTRIES, Entry, outcome_of_ours
from support import CALLABLE_KINDS, TrackedSource, callable_of

# The hostile items and the stdlib's outcome over them, as the hostile-object tests build them.
from test_hostile import (
    DUNDERS,
    HostileBaseError,
    HostileError,
    make_item,
    reference_items_then_error,
    value_of,
)

Function = Callable[[Any], Any]
# (make an owned source over items, the items, the function, the callable kind) -> our call.
Ours = Callable[[Callable[[list[Any]], Any], list[Any], Function, str], Any]

VALUES = [3, 1, 4, 1, 5, 9, 2, 6]
# The function raises at this call (0-based): after some items went through.
FAILING_CALL = 2


@dataclass(frozen=True)
class Call:
    """One way to call a function over owned async sources, and the stdlib's equivalent."""

    name: str
    ours: Ours
    reference: Callable[[list[Any], Function], Any]

    def __repr__(self) -> str:
        return self.name


def from_catalogue(entry: Entry) -> Call:
    return Call(
        entry.name,
        lambda source_of, items, f, k: entry.ours(source_of(items), f, k),
        entry.reference,
    )


async def _keys_of(iterator: Any) -> list[Any]:
    """The keys of a groupby, its groups never read (the parent skips them)."""
    return [key async for key, _ in iterator]


async def _groups(iterator: Any) -> list[Any]:
    return [(key, await a.list(group)) async for key, group in iterator]


def _evens(items: list[Any]) -> list[Any]:
    return items[::2]


def _odds(items: list[Any]) -> list[Any]:
    return items[1::2]


# What the catalogue's one way of calling each name leaves out.
EXTRA_CALLS = [
    Call(
        "compress(selectors)",
        lambda source_of, items, f, k: a.compress(source_of(range(len(items))), source_of(items)),
        lambda items, f: itertools.compress(range(len(items)), items),
    ),
    Call(
        "filter(None)",
        lambda source_of, items, f, k: a.filter(None, source_of(items)),
        lambda items, f: filter(None, items),
    ),
    Call(
        "filterfalse(None)",
        lambda source_of, items, f, k: a.filterfalse(None, source_of(items)),
        lambda items, f: itertools.filterfalse(None, items),
    ),
    Call(
        "groupby(keys only)",
        lambda source_of, items, f, k: _keys_of(a.groupby(source_of(items), callable_of(k, f))),
        lambda items, f: [key for key, _ in itertools.groupby(items, f)],
    ),
    Call(
        "groupby(no key)",
        lambda source_of, items, f, k: _groups(a.groupby(source_of(items))),
        lambda items, f: [(key, list(group)) for key, group in itertools.groupby(items)],
    ),
    Call(
        "max(no key)",
        lambda source_of, items, f, k: a.max(source_of(items)),
        lambda items, f: max(items),
    ),
    Call(
        "min(no key)",
        lambda source_of, items, f, k: a.min(source_of(items)),
        lambda items, f: min(items),
    ),
    Call(
        "sorted(no key)",
        lambda source_of, items, f, k: a.sorted(source_of(items)),
        lambda items, f: sorted(items),
    ),
    Call(
        "nlargest(no key)",
        lambda source_of, items, f, k: a.nlargest(3, source_of(items)),
        lambda items, f: heapq.nlargest(3, items),
    ),
    Call(
        "nsmallest(no key)",
        lambda source_of, items, f, k: a.nsmallest(3, source_of(items)),
        lambda items, f: heapq.nsmallest(3, items),
    ),
    Call(
        "merge(two sources)",
        lambda source_of, items, f, k: a.merge(
            source_of(_evens(items)), source_of(_odds(items)), key=callable_of(k, f)
        ),
        lambda items, f: heapq.merge(_evens(items), _odds(items), key=f),
    ),
    Call(
        "merge(two sources, no key)",
        lambda source_of, items, f, k: a.merge(source_of(_evens(items)), source_of(_odds(items))),
        lambda items, f: heapq.merge(_evens(items), _odds(items)),
    ),
    Call(
        "accumulate(no function)",
        lambda source_of, items, f, k: a.accumulate(source_of(items)),
        lambda items, f: itertools.accumulate(items),
    ),
    Call(
        "map(two sources)",
        lambda source_of, items, f, k: a.map(
            callable_of(k, lambda x, y: f(y)), source_of(items), source_of(items)
        ),
        lambda items, f: map(lambda x, y: f(y), items, items),
    ),
]

CALLS = [from_catalogue(entry) for entry in ENTRIES] + EXTRA_CALLS


@dataclass(frozen=True)
class Hostility:
    """Where the caller's object raises: ``place`` is "item", "result" or "call"."""

    place: str
    dunder: str | None = None

    def __repr__(self) -> str:
        return self.place if self.dunder is None else f"{self.place}.{self.dunder}"

    def items(self, error: BaseException) -> list[Any]:
        if self.place == "item":
            return [make_item(value, {self.dunder: "raise"}, error) for value in VALUES]
        return list(VALUES)

    def function(self, error: BaseException) -> Function:
        calls = itertools.count()

        def function(obj: Any) -> Any:
            value = value_of(obj)
            if self.place == "result":
                return make_item(value, {self.dunder: "raise"}, error)
            if self.place == "call" and next(calls) == FAILING_CALL:
                raise error
            return value

        return function


HOSTILITIES = [
    *(Hostility("item", dunder) for dunder in DUNDERS),
    *(Hostility("result", dunder) for dunder in DUNDERS),
    Hostility("call"),
]


def stdlib_raises(call: Call, hostility: Hostility) -> bool:
    """Whether the stdlib, over the same items and function, raises the planted error."""
    error = HostileError("probe")
    _, raised = reference_items_then_error(call, hostility.items(error), hostility.function(error))
    return raised is error


CASES = [
    (call, hostility)
    for call in CALLS
    for hostility in HOSTILITIES
    if stdlib_raises(call, hostility)
]

# The functions that ask the caller's objects something, and what each must be tried with at
# least: the cases above are found by running the stdlib, so this says they do reach them.
MUST_BE_TRIED = {
    "filter": {"call", "result.__bool__"},
    "filter(None)": {"item.__bool__"},
    "filterfalse": {"call", "result.__bool__"},
    "filterfalse(None)": {"item.__bool__"},
    "takewhile": {"call", "result.__bool__"},
    "dropwhile": {"call", "result.__bool__"},
    "compress(selectors)": {"item.__bool__"},
    "any": {"item.__bool__"},
    "all": {"item.__bool__"},
    "groupby": {"call", "result.__eq__"},
    "groupby(keys only)": {"call", "result.__eq__"},
    "groupby(no key)": {"item.__eq__"},
    "max": {"call", "result.__gt__"},
    "max(no key)": {"item.__gt__"},
    "min": {"call", "result.__lt__"},
    "min(no key)": {"item.__lt__"},
    "sorted": {"call", "result.__lt__"},
    "sorted(no key)": {"item.__lt__"},
    "merge": {"call", "result.__eq__", "result.__lt__"},
    "merge(two sources)": {"call", "result.__eq__", "result.__lt__"},
    "merge(two sources, no key)": {"item.__eq__", "item.__lt__"},
    "nlargest": {"call", "result.__eq__", "result.__lt__"},
    "nlargest(no key)": {"item.__lt__"},
    "nsmallest": {"call", "result.__eq__", "result.__lt__"},
    "nsmallest(no key)": {"item.__lt__"},
    "sum": {"item.__add__"},
    "accumulate": {"call"},
    "accumulate(no function)": {"item.__add__"},
    "reduce": {"call"},
    "map": {"call"},
    "map(two sources)": {"call"},
    "starmap": {"call"},
    "scoped_iter": {"call"},
    "set": {"item.__hash__"},
    "dict": {"item.__hash__"},
}


def test_the_cases_reach_every_function_that_asks_the_callers_objects() -> None:
    """Each function that asks the caller's objects something has the cases listed for it."""
    tried: dict[str, set[str]] = {}
    for call, hostility in CASES:
        tried.setdefault(call.name, set()).add(repr(hostility))
    missing = {
        name: needed - tried.get(name, set())
        for name, needed in MUST_BE_TRIED.items()
        if needed - tried.get(name, set())
    }
    assert not missing, missing
    assert set(MUST_BE_TRIED) <= {call.name for call in CALLS}


# How the owned sources are made: class-based, suspending to the loop in every __anext__ and
# aclose() or not, or behind one of our native iterators (driven through Rust).
SOURCE_STYLES = ("class", "suspending class", "native over class")
ERRORS = (HostileError, HostileBaseError)


async def try_one(call: Call, hostility: Hostility, style: str, kind: str, error_type: type) -> Any:
    """Run one variant; what went wrong with it, or None."""
    error = error_type("planted")
    tracked: list[TrackedSource] = []

    def source_of(items: Any) -> Any:
        source = TrackedSource(
            items, name=f"source {len(tracked)}", suspends=style == "suspending class"
        )
        tracked.append(source)
        return a.iter(source) if style == "native over class" else source

    built = call.ours(source_of, hostility.items(error), hostility.function(error), kind)
    try:
        await outcome_of_ours(built)
    except BaseException as exc:  # the planted BaseException too
        raised, closed_at_error = exc, [source.closed for source in tracked]
    else:
        return "no error"
    if raised is not error:
        return f"raised {raised!r} instead of the planted error"
    if closed_at_error != [1] * len(tracked):
        return f"closes when the consumer saw the error: {closed_at_error}"
    if hasattr(built, "aclose"):
        await built.aclose()
    if [source.closed for source in tracked] != [1] * len(tracked):
        return f"closed again by aclose(): {[source.closed for source in tracked]}"
    return None


@pytest.mark.parametrize(("call", "hostility"), CASES, ids=[f"{c!r}-{h!r}" for c, h in CASES])
def test_the_owned_sources_are_closed_once_before_the_error_reaches_the_consumer(
    run, call: Call, hostility: Hostility
) -> None:
    """The very exception object reaches the consumer, every owned source has been closed once
    by then, and an ``aclose()`` of the failed iterator closes nothing again: for every source
    style, callable kind, and an ``Exception`` or a ``BaseException``."""

    async def scenario() -> dict[tuple[str, str, str], str]:
        failures = {}
        for style in SOURCE_STYLES:
            for kind in CALLABLE_KINDS:
                for error_type in ERRORS:
                    failure = await try_one(call, hostility, style, kind, error_type)
                    if failure is not None:
                        failures[style, kind, error_type.__name__] = failure
        return failures

    assert run(scenario) == {}


def test_compress_closes_data_and_selectors_before_a_selectors_truth_error(run) -> None:
    """The data item whose selector's ``__bool__`` raises is not given; both sources are closed
    (data first, in argument order) before the very exception object reaches the consumer."""
    error = HostileError("no truth")
    log: list[Any] = []

    class Selector:
        def __init__(self, truth: bool | None) -> None:
            self.truth = truth

        def __bool__(self) -> bool:
            if self.truth is None:
                raise error
            return self.truth

    data = TrackedSource(["a", "b", "c", "d"], log, "data", suspends=True)
    selectors = TrackedSource(
        [Selector(True), Selector(False), Selector(None), Selector(True)], log, "selectors"
    )

    async def scenario() -> Any:
        got, raised = await support.collect_until_error(a.compress(data, selectors))
        return got, raised, list(log)

    got, raised, log_at_error = run(scenario)
    assert raised is error
    assert got == ["a"]
    assert log_at_error == [("closed", "data"), ("closed", "selectors")]
    assert (data.pulled, selectors.pulled) == (3, 3)
