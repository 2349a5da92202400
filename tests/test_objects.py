"""What every object of ours shares, over every entry of :mod:`catalogue` (README, "iterators"):

* each is of a type named after its function, from the function's module, tracked by the
  garbage collector; an iterator is its own async iterator, with the repr
  ``<module.name object at 0x...>``;
* a reference cycle through it (it holds a source and a function that hold what holds it) is
  freed by the collector: fresh (over an async or a sync source), suspended in a step, and
  held by its ``aclose()`` awaitable;
* after ``aclose()`` (before its first item, after one, a second time) and after exhaustion,
  an iterator's ``__anext__`` raises ``StopAsyncIteration``, and a source it pulled from is
  closed once.

What a function holds beyond its source and function (a key, a buffer, a group, a pool, a
start value) is tested in the function's own file.
"""

from __future__ import annotations

import gc
import sys
import types
import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import asyncitertools as a
import asyncitertools.builtins
import asyncitertools.functools
import asyncitertools.heapq
import asyncitertools.itertools

import support
from catalogue import ENTRIES, Entry
from support import TrackedSource, make_source

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
    assert {entry.name for entry in AWAITABLES} >= {
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
    assert cls.__module__ == public.__module__ == home(entry.name)
    assert gc.is_tracked(built)
    if entry in ITERATORS:
        assert cls.__name__ == entry.name
        assert getattr(sys.modules[cls.__module__], entry.name) is public
        assert built.__aiter__() is built
        assert repr(built) == f"<{cls.__module__}.{cls.__qualname__} object at {id(built):#x}>"
    else:
        # A result's awaitable is named for what it is (as CPython's anext_awaitable), not
        # like the result: `'sum_awaitable' object is not subscriptable`.
        assert cls.__name__ == f"{entry.name}_awaitable"
        assert not hasattr(sys.modules[cls.__module__], cls.__name__)
        assert repr(built) == f"<{cls.__name__} object at {id(built):#x}>"
        built.close()  # never awaited, and closed: no warning


# --- cycles ---------------------------------------------------------------------------------------


class Holder:
    """Weakref-able: hangs on to the object under test, which holds it back."""

    held: Any = None

    def function(self, x: Any) -> Any:
        return function(x)


@types.coroutine
def _suspends_once() -> Iterator[Any]:
    yield "first"


class HoldingSource:
    """An async iterator that holds ``holder``; each step suspends once, yielding "first"."""

    def __init__(self, holder: Holder) -> None:
        self.holder = holder

    def __aiter__(self) -> HoldingSource:
        return self

    def __anext__(self) -> Any:
        return _suspends_once()


# Objects that never suspend: a step of theirs completes at once (test_chain.py).
NEVER_SUSPEND = {"count", "repeat"}
# Objects whose cycles are made in another file.
CYCLES_ELSEWHERE = {
    "count": "test_chain.py: through the number it counts from",
    "anext": "test_gc.py: through the anext_awaitable, against the builtin's",
}


def _hold(entry: Entry, state: str) -> Holder:
    """A Holder that holds ``entry``'s object over a source that holds the Holder, in ``state``."""
    holder = Holder()
    if state == "fresh, over a sync iterator":
        holder.held = entry.own_object(iter([holder]), holder.function)
        return holder
    built = entry.own_object(HoldingSource(holder), holder.function)
    if state == "fresh":
        holder.held = built
    elif state == "suspended in a step":
        step = built.__anext__() if entry in ITERATORS else built
        assert step.send(None) == "first"
        holder.held = step
    else:  # held by its aclose() awaitable, not started
        holder.held = built.aclose()
    return holder


def _states(entry: Entry) -> list[str]:
    states = ["fresh", "fresh, over a sync iterator"]
    if entry.name not in NEVER_SUSPEND:
        states.append("suspended in a step")
    if entry in ITERATORS:
        states.append("closing")
    return states


@pytest.fixture
def no_automatic_gc() -> Iterator[None]:
    """No collection but the test's own: what the test makes stays in the youngest generation
    until its ``gc.collect(0)``, which takes little time however large the heap (a full
    collection takes a second or more in a run of the whole suite)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.usefixtures("no_automatic_gc")
@pytest.mark.parametrize(
    "entry", [e for e in ITERATORS + AWAITABLES if e.name not in CYCLES_ELSEWHERE], ids=repr
)
def test_a_cycle_through_the_object_is_collected(entry: Entry) -> None:
    """Collected in every state. A result's awaitable collected before it was awaited says so,
    as a coroutine does: its finalizer runs in the collection (PEP 442)."""
    alive = {state: weakref.ref(_hold(entry, state)) for state in _states(entry)}
    freed = [state for state, ref in alive.items() if ref() is None]
    assert freed == [], "no cycle: freed by reference counting alone"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect(0)
    kept = [state for state, ref in alive.items() if ref() is not None]
    assert kept == [], "the cycle was not collected"
    never_awaited = [state for state in alive if state.startswith("fresh")]
    expected = [f"awaitable '{entry.name}_awaitable' was never awaited"] * len(never_awaited)
    assert [str(w.message) for w in caught] == (expected if entry in AWAITABLES else [])


# --- after aclose() and after the end -------------------------------------------------------------


async def assert_over(iterator: Any) -> None:
    for _ in range(2):
        with pytest.raises(StopAsyncIteration):
            await iterator.__anext__()


async def closed_before_its_first_item(iterator: Any) -> None:
    assert await iterator.aclose() is None
    assert await iterator.aclose() is None
    await assert_over(iterator)


async def closed_after_one_item(iterator: Any) -> None:
    await iterator.__anext__()
    assert await iterator.aclose() is None
    assert await iterator.aclose() is None
    await assert_over(iterator)


async def exhausted_then_closed(iterator: Any) -> None:
    assert [item async for item in iterator]
    await assert_over(iterator)
    assert await iterator.aclose() is None
    await assert_over(iterator)


ENDINGS = [closed_before_its_first_item, closed_after_one_item, exhausted_then_closed]
# Endless: no exhaustion to wait for.
ENDLESS = {"count", "cycle", "repeat"}


@pytest.mark.parametrize("entry", [e for e in ITERATORS if e.name != "borrow"], ids=repr)
def test_after_aclose_and_after_the_end_anext_raises_stop_async_iteration(
    run: Callable[..., Any], entry: Entry
) -> None:
    """Each ending, over a list and over an async source that suspends (in ``__anext__`` and
    ``aclose()``) under each loop. (borrow's ``aclose()`` does nothing, its iterator goes on:
    test_borrow.py.)"""

    async def scenario() -> list[tuple[str, int, int]]:
        closes = []
        for end in ENDINGS:
            if end is exhausted_then_closed and entry.name in ENDLESS:
                continue
            await end(entry.own_object(list(ITEMS), function))
            source = TrackedSource(ITEMS, suspends=True)
            await end(entry.own_object(source, function))
            closes.append((end.__name__, source.pulled, source.closed))
        return closes

    for ending, pulled, closed in run(scenario):
        if ending == "closed_before_its_first_item":
            assert closed <= 1, ending  # some close their sources unpulled, others never
        else:  # count and repeat pull none (repeat's is the item it repeats) and close none
            assert closed == (1 if pulled else 0), ending


# --- a result's awaitable, not awaited ------------------------------------------------------------

RESULTS = [e for e in AWAITABLES if e.name != "anext"]


def _result_awaitable(entry: Entry) -> Any:
    return entry.own_object(make_source("async_generator", ITEMS), function)


@pytest.mark.parametrize("entry", RESULTS, ids=repr)
def test_a_result_never_awaited_warns_as_a_coroutine_does(entry: Entry) -> None:
    """``x = sum(...)`` without ``await``: a RuntimeWarning when ``x`` is freed (by reference
    counting here; by the collector in a cycle: above), as ``coroutine ... was never awaited``."""
    with pytest.warns(RuntimeWarning) as caught:
        _result_awaitable(entry)
    assert [str(w.message) for w in caught] == [
        f"awaitable '{entry.name}_awaitable' was never awaited"
    ]


@pytest.mark.parametrize("entry", RESULTS, ids=repr)
@pytest.mark.parametrize("ending", ["awaited", "closed", "started and closed"])
def test_a_result_awaited_or_closed_does_not_warn(entry: Entry, ending: str) -> None:
    awaitable = _result_awaitable(entry)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if ending == "awaited":
            support.run_in("asyncio", lambda done=awaitable: done)
        elif ending == "started and closed":
            try:
                awaitable.send(None)
            except StopIteration:
                pass
            awaitable.close()
        else:
            awaitable.close()
        del awaitable
        gc.collect()


def test_the_warning_turned_error_is_reported_as_unraisable() -> None:
    """Under ``-W error`` the warning cannot propagate from the finalizer: reported as
    unraisable with the awaitable named, as CPython reports a coroutine's."""
    reported: list[Any] = []

    def hook(unraisable: Any) -> None:
        # What it says, not the objects: the exception's traceback holds this test's frame.
        reported.append((type(unraisable.exc_value), type(unraisable.object).__name__))

    previous = sys.unraisablehook
    sys.unraisablehook = hook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            a.sum([1, 2])
    finally:
        sys.unraisablehook = previous
    assert reported == [(RuntimeWarning, "sum_awaitable")]


def test_the_steps_of_iterators_and_anext_do_not_warn() -> None:
    """As CPython's ``asend`` objects and ``anext_awaitable``: they stand for no result."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a.map(function, ITEMS).__anext__()
        a.map(function, ITEMS).aclose()
        a.anext(a.iter(ITEMS))
        a.anext(a.iter(ITEMS), None)
        gc.collect()


HINT = "Did you forget to await it?"

MISUSES: dict[str, tuple[Callable[[Any], Any], str]] = {
    "x[0]": (lambda x: x[0], "'{}' object is not subscriptable."),
    "len(x)": (len, "object of type '{}' has no len()."),
    "x + 1": (lambda x: x + 1, "unsupported operand type(s) for +: '{}' and 'int'."),
    "1 + x": (lambda x: 1 + x, "unsupported operand type(s) for +: 'int' and '{}'."),
    "x * 2": (lambda x: x * 2, "unsupported operand type(s) for *: '{}' and 'int'."),
    "x / 2": (lambda x: x / 2, "unsupported operand type(s) for /: '{}' and 'int'."),
    "x ** 2": (lambda x: x**2, "unsupported operand type(s) for ** or pow(): '{}' and 'int'."),
    "-x": (lambda x: -x, "bad operand type for unary -: '{}'."),
    "x > 3": (lambda x: x > 3, "'{}' object does not support ordering comparisons."),
    "3 <= x": (lambda x: 3 <= x, "'{}' object does not support ordering comparisons."),
    "1 in x": (lambda x: 1 in x, "argument of type '{}' is not a container."),
    "int(x)": (
        int,
        "int() argument must be a string, a bytes-like object or a real number, not '{}'.",
    ),
    "float(x)": (float, "float() argument must be a string or a real number, not '{}'."),
    "[0][x]": (lambda x: [0][x], "'{}' object cannot be interpreted as an integer."),
}


@pytest.mark.parametrize("entry", RESULTS, ids=repr)
@pytest.mark.parametrize("misuse", MISUSES)
def test_a_result_used_without_await_says_so(entry: Entry, misuse: str) -> None:
    """``await list(...)`` forgotten: the TypeError names the awaitable and hints at it."""
    operation, message = MISUSES[misuse]
    awaitable = _result_awaitable(entry)
    try:
        with pytest.raises(TypeError) as raised:
            operation(awaitable)
        name = f"{entry.name}_awaitable"
        assert str(raised.value) == f"{message.format(name)} {HINT}"
    finally:
        awaitable.close()


def test_an_operand_that_knows_awaitables_still_decides() -> None:
    """The other operand's own methods come first, as CPython gives them their turn."""

    class Lazy:
        def __add__(self, other: Any) -> Any:
            return ("add", other)

        def __radd__(self, other: Any) -> Any:
            return ("radd", other)

    awaitable = a.sum([1])
    try:
        lazy = Lazy()
        assert lazy + awaitable == ("add", awaitable)
        assert awaitable + lazy == ("radd", awaitable)
        assert awaitable == awaitable and awaitable != a.sum  # identity, hashable
        assert {awaitable: 1}[awaitable] == 1
        assert hash(awaitable) == object.__hash__(awaitable)
        # True, as a coroutine: libraries test awaitables for truth (asyncio's task repr).
        assert bool(awaitable) is True
    finally:
        awaitable.close()


@pytest.mark.parametrize("entry", ITERATORS, ids=repr)
def test_every_iterator_is_a_closeable_async_iterator(entry: Entry) -> None:
    """The public type to annotate them with, a runtime-checkable protocol."""
    built = entry.own_object(make_source("async_generator", ITEMS), function)
    assert isinstance(built, a.CloseableAsyncIterator)


def test_closeable_async_iterator_is_structural() -> None:
    async def generator() -> Any:
        yield 1

    made = generator()
    assert isinstance(made, a.CloseableAsyncIterator)
    awaitable = a.sum([])
    assert not isinstance(awaitable, a.CloseableAsyncIterator)
    assert not isinstance([], a.CloseableAsyncIterator)
    awaitable.close()
    made.aclose().close()
