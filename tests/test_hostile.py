"""Hostile objects against every public function: no crash, no Rust panic, no hang, no lost item.

Two fuzzers, both over every entry of :mod:`catalogue` (one way to call each public name):

* hostile *items and callables*: items whose ``__eq__``, ``__hash__``, ``__bool__``, ``__lt__``,
  ``__gt__`` or ``__add__`` raise or return the wrong type, keys and functions that raise, return
  such items, or mutate the list being iterated. These have a sync twin, so the outcome is
  compared with the stdlib's over the same list: the same items, then the same exception (the
  very object when it is the one planted).
* hostile *protocols*: sources whose ``__aiter__``, ``__anext__``, the awaitable's ``__await__``
  or ``aclose`` raise (an Exception or a BaseException), return the wrong type, raise
  ``StopIteration``, or yield a foreign object to the event loop. The outcome must be a clean
  Python exception of the expected kind, the items before it a prefix of the stdlib's, and a fault
  that never fired must change nothing.

Each example runs in a driver that sends into the coroutine a bounded number of times, so a hang
fails the example instead of the run. A ``PanicException`` (a Rust panic reaching Python) or a
``SystemError`` (a C-API contract broken) always fails.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asyncitertools as a

import ownloop
import support
from catalogue import (
    BY_NAME,
    ENTRIES,
    NOT_FUNCTIONS,
    Entry,
    outcome_of_ours,
    outcome_of_reference,
)

MAX_STEPS = 20_000


class Hang(AssertionError):
    pass


def drive(make: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run ``make()`` by sending into it, whatever it yields; a hang fails after MAX_STEPS."""
    previous, support._current_loop = support._current_loop, "ownloop"
    coro = make()
    try:
        for _ in range(MAX_STEPS):
            try:
                coro.send(None)
            except StopIteration as stop:
                return stop.value
        raise Hang(f"not done after {MAX_STEPS} steps")
    finally:
        coro.close()
        support._current_loop = previous


def assert_clean(exc: BaseException | None) -> None:
    """No Rust panic and no broken C-API contract reached Python."""
    if exc is None:
        return
    assert type(exc).__name__ != "PanicException", f"a Rust panic reached Python: {exc!r}"
    assert not isinstance(exc, SystemError), f"a C-API contract was broken: {exc!r}"


async def ours_outcome(entry: Entry, source: Any, function: Any, kind: str) -> Any:
    """(what came out, the exception that ended it or None); items so far for an iterator."""
    items: list[Any] = []
    try:
        built = entry.ours(source, function, kind)
        if hasattr(built, "__anext__"):
            async for item in built:
                items.append(item)
            return items, None
        return await outcome_of_ours(built), None
    except BaseException as exc:  # every outcome counts, the planted BaseException too
        return items, exc


def reference_items_then_error(entry: Entry, items: list[Any], function: Any) -> Any:
    """The stdlib's items up to its error and the error (a value for a reduction)."""
    collected: list[Any] = []
    try:
        computed = entry.reference(items, function)
        if hasattr(computed, "__next__"):
            for item in computed:
                collected.append(item)
            return collected, None
        return outcome_of_reference(computed), None
    except BaseException as exc:
        return collected, exc


# --- hostile items -----------------------------------------------------------------------------


class HostileError(Exception):
    """The error planted in hostile objects (one instance per example)."""


class HostileBaseError(BaseException):
    """A planted error that is not an Exception (as KeyboardInterrupt is not)."""


def value_of(obj: Any) -> Any:
    return obj.value if isinstance(obj, Item) else obj


class Item:
    """A value whose dunders behave by value, except those in ``hostile``: "raise" raises the
    planted error, "wrong" returns what the protocol rejects or does not expect."""

    __slots__ = ("error", "hostile", "value")

    def __init__(self, value: int, hostile: dict[str, str], error: BaseException) -> None:
        self.value = value
        self.hostile = hostile
        self.error = error

    def _mode(self, name: str) -> str | None:
        mode = self.hostile.get(name)
        if mode == "raise":
            raise self.error
        return mode

    def __eq__(self, other: object) -> Any:
        if self._mode("__eq__") == "wrong":
            return NotImplemented
        return self.value == value_of(other)

    def __hash__(self) -> Any:
        self._mode("__hash__")
        return hash(self.value)

    def __bool__(self) -> Any:
        if self._mode("__bool__") == "wrong":
            return 2
        return bool(self.value)

    def __lt__(self, other: object) -> Any:
        if self._mode("__lt__") == "wrong":
            return NotImplemented
        return self.value < value_of(other)

    def __gt__(self, other: object) -> Any:
        if self._mode("__gt__") == "wrong":
            return NotImplemented
        return self.value > value_of(other)

    def __add__(self, other: object) -> Any:
        if self._mode("__add__") == "wrong":
            return NotImplemented
        return make_item(self.value + value_of(other), self.hostile, self.error)

    __radd__ = __add__

    def __repr__(self) -> str:
        return f"Item({self.value}, {self.hostile})"


class UnhashableItem(Item):
    """An item whose ``__hash__`` is "wrong": None, so hashing it is a TypeError.

    Not a ``__hash__`` returning a str: CPython 3.11 leaks that result (slot_tp_hash returns
    without releasing it), a reference per call the leak run would blame on us.
    """

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]


def make_item(value: int, hostile: dict[str, str], error: BaseException) -> Item:
    kind = UnhashableItem if hostile.get("__hash__") == "wrong" else Item
    return kind(value, hostile, error)


DUNDERS = ("__eq__", "__hash__", "__bool__", "__lt__", "__gt__", "__add__")
RAISE = object()


def canonical(obj: Any) -> Any:
    """A form of a result that compares without calling any hostile dunder."""
    if isinstance(obj, Item):
        return ("Item", obj.value)
    if isinstance(obj, (tuple, list)):
        return (type(obj).__name__, [canonical(x) for x in obj])
    if isinstance(obj, (set, frozenset)):
        return ("set", sorted((canonical(x) for x in obj), key=repr))
    if isinstance(obj, dict):
        return ("dict", sorted(((canonical(k), canonical(v)) for k, v in obj.items()), key=repr))
    return obj


# Built once: strategies built in every draw grow hypothesis' caches (structural-coverage tags
# for each new label), which the leak run would count against the test.
HOSTILITY = st.dictionaries(
    st.sampled_from(DUNDERS), st.sampled_from(["raise", "wrong"]), max_size=2
)
ITEM_SPECS = st.lists(st.tuples(st.integers(0, 5), st.one_of(st.just({}), HOSTILITY)), max_size=7)
# What the function gives for each item value: a number, an item (maybe hostile) or raise.
OUTPUTS = st.dictionaries(
    st.integers(0, 5),
    st.one_of(
        st.integers(0, 3),
        st.tuples(st.just("item"), st.integers(0, 3), HOSTILITY),
        st.just(RAISE),
    ),
    max_size=4,
)
MUTATIONS = st.sampled_from([None, "append", "clear", "pop"])


@st.composite
def hostile_cases(draw: st.DrawFn) -> dict[str, Any]:
    # A fresh error each example: a reused one would carry every traceback it was raised with.
    error = HostileBaseError("planted") if draw(st.booleans()) else HostileError("planted")
    return {
        "error": error,
        "specs": draw(ITEM_SPECS),
        "outputs": draw(OUTPUTS),
        "mutation": draw(MUTATIONS),
    }


def build_items(case: dict[str, Any]) -> list[Item]:
    return [make_item(value, hostile, case["error"]) for value, hostile in case["specs"]]


def build_function(case: dict[str, Any], target: list[Any]) -> Callable[[Any], Any]:
    """The case's function, mutating ``target`` (the list being iterated) on its first call."""
    mutated = [False]

    def function(obj: Any) -> Any:
        if case["mutation"] and not mutated[0]:
            mutated[0] = True
            if case["mutation"] == "append":
                target.append(Item(1, {}, case["error"]))
            elif case["mutation"] == "clear":
                target.clear()
            elif target:
                target.pop()
        key = value_of(obj)
        output = case["outputs"].get(key, key) if isinstance(key, int) else 0
        if output is RAISE:
            raise case["error"]
        if isinstance(output, tuple):
            return make_item(output[1], output[2], case["error"])
        return output

    return function


# heapq.nlargest/nsmallest measure a list (len(), or a sorted copy) before the first key call;
# ours calls the key as the items come, so a key that mutates the list sees its own change:
# a documented difference, left out of the mutating cases.
SNAPSHOTS = {"nlargest", "nsmallest"}


def key_call_before_comparison(
    case: dict[str, Any], ours: BaseException | None, theirs: BaseException | None
) -> bool:
    """The other documented difference of nlargest/nsmallest: ours calls the key on every item
    before it compares any, the stdlib compares the first n keys before it calls the key on
    the rest. When a key call raises the planted error and a comparison fails too, ours raises
    the key's error where the stdlib raises the comparison's TypeError."""
    return (
        RAISE in case["outputs"].values()
        and ours is case["error"]
        and isinstance(theirs, TypeError)
        and "not supported between instances of" in str(theirs)
    )


def differential(entry: Entry, case: dict[str, Any], source_kind: str, call_kind: str) -> None:
    mutating = (
        case["mutation"] is not None and source_kind == "list" and entry.name not in SNAPSHOTS
    )
    if not mutating:
        case = {**case, "mutation": None}  # the async sources copy the list: no twin to mutate
    reference_items = build_items(case)
    our_items = list(reference_items)
    expected = reference_items_then_error(
        entry, reference_items, build_function(case, reference_items)
    )
    # support.iterable_of() copies its items: the list kind is the very list the function mutates.
    source = our_items if source_kind == "list" else support.iterable_of(source_kind, our_items)
    actual = drive(lambda: ours_outcome(entry, source, build_function(case, our_items), call_kind))
    assert_clean(actual[1])
    assert canonical(actual[0]) == canonical(expected[0]), (actual, expected)
    if entry.name in SNAPSHOTS and key_call_before_comparison(case, actual[1], expected[1]):
        return
    if expected[1] is None:
        assert actual[1] is None, actual
    elif expected[1] is case["error"]:
        assert actual[1] is case["error"], (actual, expected)
    else:
        assert support.Raised.of(actual[1]) == support.Raised.of(expected[1]), (actual, expected)


# Entries that need an async iterator (aiter, anext and borrow reject a list).
NEEDS_ASYNC = {"aiter", "anext", "borrow"}


@st.composite
def differential_runs(draw: st.DrawFn) -> tuple[Entry, str, str]:
    entry = draw(st.sampled_from(ENTRIES))
    kinds = support.SOURCE_KINDS if entry.name in NEEDS_ASYNC else ("list", *support.SOURCE_KINDS)
    return entry, draw(st.sampled_from(kinds)), draw(st.sampled_from(support.CALLABLE_KINDS))


def test_the_catalogue_covers_every_public_name() -> None:
    assert set(BY_NAME) == set(a.__all__) - NOT_FUNCTIONS
    assert len(BY_NAME) == len(ENTRIES)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(run=differential_runs(), case=hostile_cases())
def test_hostile_items_and_callables_behave_as_in_the_stdlib(
    run: tuple[Entry, str, str], case: dict[str, Any]
) -> None:
    entry, source_kind, call_kind = run
    differential(entry, case, source_kind, call_kind)


@pytest.mark.parametrize("entry", ENTRIES, ids=repr)
def test_every_function_survives_hostile_items(entry: Entry) -> None:
    """One hand-picked hostile case per function and dunder, so each is hit on every run."""
    error = HostileError("planted")
    kinds = support.SOURCE_KINDS if entry.name in NEEDS_ASYNC else ("list", "async_generator")
    for dunder in DUNDERS:
        for mode in ("raise", "wrong"):
            specs = [(3, {}), (1, {dunder: mode}), (1, {}), (2, {dunder: mode})]
            case = {"error": error, "specs": specs, "outputs": {}, "mutation": None}
            for source_kind in kinds[:2]:
                differential(entry, case, source_kind, "async")


# --- hostile protocols ---------------------------------------------------------------------------

# Where a source can misbehave, and how; each fault fires once, at the given call.
FAULTS = {
    "__aiter__": ("raise", "base", "wrong_type", "stop_iteration"),
    "__anext__": ("raise", "base", "wrong_type", "stop_iteration"),
    "__await__": ("raise", "base", "wrong_type", "stop_iteration", "foreign_yield"),
    "aclose": ("raise", "base", "wrong_type", "not_callable"),
}


class _Step:
    """The awaitable a :class:`HostileSource` returns from ``__anext__``."""

    def __init__(self, source: HostileSource, fault: str | None) -> None:
        self.source = source
        self.fault = fault

    def __await__(self) -> Any:
        if self.fault == "raise":
            raise self.source.error
        if self.fault == "base":
            raise self.source.base_error
        if self.fault == "wrong_type":
            return 5
        return self._steps()

    def _steps(self) -> Any:
        if self.source.suspends:
            yield from ownloop.Yield().__await__()
        if self.fault == "foreign_yield":
            yield "a foreign object"
        if self.fault == "stop_iteration":
            raise StopIteration("from __await__")
        if not self.source.items:
            raise StopAsyncIteration
        return self.source.items.pop(0)


class Faulty:
    """One fault, at ``place``, on the ``at``-th call there: raised at once, or handed back."""

    def __init__(self, places: dict[str, Any], place: str, fault: str, at: int) -> None:
        self.place, self.fault, self.at = place, fault, at
        self.calls = {name: 0 for name in places}
        self.fired = False
        self.error = HostileError(f"{place} {fault}")
        self.base_error = HostileBaseError(f"{place} {fault}")

    def _fault(self, place: str, raising: bool = True) -> str | None:
        """The fault if it fires now; the raising kinds raise here unless ``raising`` is off."""
        self.calls[place] += 1
        if place != self.place or self.calls[place] != self.at + 1:
            return None
        self.fired = True
        if raising:
            if self.fault == "raise":
                raise self.error
            if self.fault == "base":
                raise self.base_error
            if self.fault == "stop_iteration":
                raise StopIteration(f"from {place}")
            if self.fault == "stop_async_iteration":
                raise StopAsyncIteration
        return self.fault


class HostileSource(Faulty):
    """An async iterator over ``items`` with one fault, at ``place``, on its ``at``-th call."""

    def __init__(self, items: list[Any], place: str, fault: str, at: int, suspends: bool) -> None:
        super().__init__(FAULTS, place, fault, at)
        self.items = list(items)
        self.suspends = suspends
        if place == "aclose" and fault == "not_callable" and at == 0:
            self.aclose = None  # type: ignore[assignment,method-assign]
            self.fired = True  # from the start: whoever closes it finds no method

    def __aiter__(self) -> Any:
        return 5 if self._fault("__aiter__") == "wrong_type" else self

    def __anext__(self) -> Any:
        if self._fault("__anext__") == "wrong_type":
            return 5
        # The awaitable's own fault fires in its __await__.
        return _Step(self, self._fault("__await__", raising=False))

    def aclose(self) -> Any:
        return 5 if self._fault("aclose") == "wrong_type" else self._closed()

    async def _closed(self) -> None:
        if self.suspends:
            await ownloop.Yield()

    def __repr__(self) -> str:
        return f"<HostileSource {self.place} {self.fault} at {self.at}>"


@st.composite
def protocol_cases(draw: st.DrawFn) -> tuple[Entry, HostileSource, list[int], str]:
    entry = draw(st.sampled_from(ENTRIES))
    place = draw(st.sampled_from(sorted(FAULTS)))
    fault = draw(st.sampled_from(FAULTS[place]))
    items = draw(st.lists(st.integers(0, 5), max_size=6))
    at = draw(st.integers(0, 3 if place == "__aiter__" else len(items) + 1))
    source = HostileSource(items, place, fault, at, draw(st.booleans()))
    return entry, source, items, draw(st.sampled_from(support.CALLABLE_KINDS))


def check_protocol_case(entry: Entry, source: HostileSource, items: list[int], kind: str) -> None:
    def function(x: Any) -> Any:
        return x % 3

    expected_items, expected_error = reference_items_then_error(entry, items, function)
    assert expected_error is None
    delivered, raised = drive(lambda: ours_outcome(entry, source, function, kind))
    assert_clean(raised)
    if not source.fired or source.fault == "foreign_yield":
        # Nothing went wrong, or something the loop had to deal with: the stdlib's outcome.
        assert (delivered, raised) == (expected_items, None), source
        return
    if raised is None:
        # A fault the function never had to see the effect of: a close it does not await (aiter
        # hands the source back as it is; borrow's aclose() does nothing), so nothing is lost.
        assert source.place == "aclose" and entry.name in ("aiter", "anext", "borrow"), source
        assert delivered == expected_items
        return
    if entry.name == "aiter" and source.place == "__await__" and source.fault in ("raise", "base"):
        # aiter() hands back the source itself: the interpreter's `async for` reports an
        # `__await__` that raises as a TypeError caused by the error, as CPython does.
        assert isinstance(raised, TypeError), (raised, source)
        raised = raised.__cause__
    if source.fault == "raise":
        assert raised is source.error, (raised, source)
    elif source.fault == "base":
        assert raised is source.base_error, (raised, source)
    elif source.fault == "stop_iteration" and source.place == "__aiter__":
        # Raised by a plain call (as by the builtin aiter()), before any await.
        assert isinstance(raised, (StopIteration, RuntimeError)), (raised, source)
    elif source.fault == "stop_iteration" and entry.name == "aiter":
        # The interpreter's own `async for` over the source: the StopIteration is raised in the
        # consuming frame itself, which catches it as it is.
        assert isinstance(raised, (StopIteration, RuntimeError)), (raised, source)
    elif source.fault == "stop_iteration":
        # A StopIteration cannot cross an await: PEP 479's RuntimeError.
        assert isinstance(raised, RuntimeError), (raised, source)
    else:
        assert isinstance(raised, TypeError), (raised, source)
        assert str(raised), "a TypeError without a message"
    if isinstance(expected_items, list):  # an iterator's items before the error
        assert delivered == expected_items[: len(delivered)], (delivered, expected_items)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=protocol_cases())
def test_hostile_protocols_give_clean_exceptions(
    case: tuple[Entry, HostileSource, list[int], str],
) -> None:
    check_protocol_case(*case)


@pytest.mark.parametrize("entry", ENTRIES, ids=repr)
def test_every_function_survives_every_protocol_fault(entry: Entry) -> None:
    """Every fault at the first call and at a later one, for each function, on every run."""
    items = [3, 1, 4]
    for place, faults in FAULTS.items():
        for fault in faults:
            for at in (0, 1):
                for suspends in (False, True):
                    source = HostileSource(items, place, fault, at, suspends)
                    check_protocol_case(entry, source, items, "sync")


# --- hostile sync sources ---------------------------------------------------------------------

SYNC_FAULTS = {
    "__iter__": ("raise", "base", "wrong_type"),
    "__next__": ("raise", "base", "stop_async_iteration", "wrong_type"),
}


class HostileSyncSource(Faulty):
    """A sync iterable over ``items`` with one fault, at ``place``, on its ``at``-th call."""

    def __init__(self, items: list[Any], place: str, fault: str, at: int) -> None:
        super().__init__(SYNC_FAULTS, place, fault, at)
        self.items = list(items)

    def __iter__(self) -> Any:
        return 5 if self._fault("__iter__") == "wrong_type" else self

    def __next__(self) -> Any:
        if self._fault("__next__") == "wrong_type":
            return object.__new__(Item)  # an item with no value: any use of it fails
        if not self.items:
            raise StopIteration
        return self.items.pop(0)


@st.composite
def sync_protocol_cases(draw: st.DrawFn) -> tuple[Entry, HostileSyncSource, list[int], str]:
    entry = draw(st.sampled_from([e for e in ENTRIES if e.name not in NEEDS_ASYNC]))
    place = draw(st.sampled_from(sorted(SYNC_FAULTS)))
    fault = draw(st.sampled_from(SYNC_FAULTS[place]))
    items = draw(st.lists(st.integers(0, 5), max_size=6))
    at = draw(st.integers(0, 2 if place == "__iter__" else len(items) + 1))
    source = HostileSyncSource(items, place, fault, at)
    return entry, source, items, draw(st.sampled_from(support.CALLABLE_KINDS))


def check_sync_protocol_case(
    entry: Entry, source: HostileSyncSource, items: list[int], kind: str
) -> None:
    def function(x: Any) -> Any:
        return x % 3 if isinstance(x, int) else x.value  # fails on the valueless item

    expected_items, _ = reference_items_then_error(entry, items, function)
    delivered, raised = drive(lambda: ours_outcome(entry, source, function, kind))
    assert_clean(raised)
    if not source.fired:
        assert (delivered, raised) == (expected_items, None), source
        return
    if isinstance(expected_items, list) and isinstance(delivered, list):
        # The items before the fault; a valueless item may have been passed on as it is.
        valued = [x for x in delivered if not (isinstance(x, Item) and not hasattr(x, "value"))]
        assert len(valued) <= len(expected_items) or source.fault == "wrong_type", delivered
    if source.fault == "raise":
        assert raised is source.error, (raised, source)
    elif source.fault == "base":
        assert raised is source.base_error, (raised, source)
    elif source.fault == "stop_async_iteration":
        # The end, for our iteration (see docs/contract.md); the stdlib's own reductions raise it.
        assert raised is None or isinstance(raised, StopAsyncIteration), (raised, source)
    elif source.place == "__iter__":
        assert isinstance(raised, TypeError), (raised, source)
    else:
        # A valueless item: whatever uses it fails with a clean exception, or it passes through.
        assert raised is None or isinstance(raised, (AttributeError, TypeError)), (raised, source)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=sync_protocol_cases())
def test_hostile_sync_sources_give_clean_exceptions(
    case: tuple[Entry, HostileSyncSource, list[int], str],
) -> None:
    check_sync_protocol_case(*case)
