"""``product``, ``permutations``, ``combinations``, ``combinations_with_replacement``.

The stdlib's functions over sync or async iterables. Like the stdlib, each materialises its
inputs before the first item: on the first ``__anext__`` every input is consumed into a tuple,
in order (an owned async source is closed once exhausted; an error from one propagates after
the others are closed), then the items are the stdlib's own over those tuples. The arguments
are checked at the call, with the stdlib's messages and in the stdlib's order.
"""

from __future__ import annotations

import gc
import itertools
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a
import asyncitertools.itertools as ait

import support
from support import (
    ITERABLE_KINDS,
    Fail,
    Raised,
    TrackedSource,
    collect,
    collect_outcome,
    exception_of,
    iterable_of,
    logging_generator,
    make_source,
    sync_outcome,
)

NAMES = ("product", "permutations", "combinations", "combinations_with_replacement")
# Sources that log their aclose(): the differential test checks each is closed exactly once.
TRACKED_KINDS = ("tracked", "tracked_suspending")
KINDS = ITERABLE_KINDS + TRACKED_KINDS
RAISING_KINDS = tuple(kind for kind in KINDS if kind != "list")  # a list cannot raise


def ours(name: str) -> Callable[..., Any]:
    return getattr(ait, name)


def one_input(name: str, iterable: Any, r: int) -> Any:
    """Our ``name`` over one iterable, with ``r`` as r (product: as repeat)."""
    return ait.product(iterable, repeat=r) if name == "product" else ours(name)(iterable, r)


def theirs(name: str) -> Callable[..., Any]:
    return getattr(itertools, name)


def source_of(kind: str, items: list[Any]) -> Any:
    """A fresh iterable of any kind in :data:`KINDS` producing ``items`` (Fail: raises)."""
    if kind in TRACKED_KINDS:
        return TrackedSource(items, suspends=kind == "tracked_suspending")
    return iterable_of(kind, items)


def oracle_of(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``source_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def stdlib_outcome(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The stdlib's items and error: it raises a source's error at the call, we at the first
    ``__anext__``; both count as "no items, then this error"."""
    try:
        iterator = function(*args, **kwargs)
    except Exception as exc:
        return [], Raised.of(exc)
    return sync_outcome(iterator)


# --- results -------------------------------------------------------------------------------------

CASES: list[tuple[str, list[list[Any]], dict[str, Any]]] = [
    ("product", [], {}),
    ("product", [[1, 2]], {}),
    ("product", [[1, 2], ["a", "b", "c"]], {}),
    ("product", [[1, 2], []], {}),
    ("product", [[0, 1]], {"repeat": 3}),
    ("product", [[0, 1], "xy"], {"repeat": 0}),
    ("permutations", [[1, 2, 3]], {}),
    ("permutations", [[1, 2, 3]], {"r": 2}),
    ("permutations", [[1, 2]], {"r": 3}),
    ("permutations", [[]], {}),
    ("combinations", [[1, 2, 3, 4]], {"r": 2}),
    ("combinations", [[1, 2]], {"r": 0}),
    ("combinations", [[1, 2]], {"r": 5}),
    ("combinations_with_replacement", [[1, 2, 3]], {"r": 2}),
    ("combinations_with_replacement", [[]], {"r": 1}),
    ("combinations_with_replacement", [[]], {"r": 0}),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "inputs", "kwargs"), CASES, ids=repr)
def test_items_equal_the_stdlibs(run, kind: str, name: str, inputs, kwargs) -> None:
    """Every function, every kind of input (all inputs of that kind), every event loop."""
    got = run(lambda: collect(ours(name)(*[source_of(kind, i) for i in inputs], **kwargs)))
    assert got == list(theirs(name)(*inputs, **kwargs))


ITEM = st.integers(-3, 3) | st.sampled_from("ab") | st.none()
ERRORS = st.sampled_from([KeyError, ValueError])
# The strategies drawn from, made once: hypothesis keeps a tag per strategy label for good.
NAME = st.sampled_from(NAMES)
COUNT = st.integers(0, 3)
KIND = st.sampled_from(KINDS)
ITEMS = st.lists(ITEM, max_size=5)
SHORT_ITEMS = st.lists(ITEM, max_size=3)
FLAG = st.booleans()
REPEAT = st.none() | st.integers(0, 2)
R = st.none() | st.integers(0, 6)
POSITIONS = st.integers(0, 5)


@st.composite
def calls(draw: st.DrawFn) -> tuple[str, list[tuple[str, list[Any]]], tuple[Any, ...], dict]:
    """A function, its inputs (kind and items, maybe with a Fail) and its other arguments,
    kept small enough that the results stay short."""
    name = draw(NAME)
    count = draw(COUNT) if name == "product" else 1
    inputs = []
    for _ in range(count):
        kind = draw(KIND)
        items = draw(SHORT_ITEMS if name == "product" else ITEMS)
        if kind != "list" and draw(FLAG):
            # A fresh exception (one raised again would grow its traceback) from fixed strategies.
            error = draw(ERRORS)("source failed")
            items.insert(draw(POSITIONS) % (len(items) + 1), Fail(error))
        inputs.append((kind, items))
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = {}
    if name == "product":
        repeat = draw(REPEAT)
        if repeat is not None:
            kwargs["repeat"] = repeat
    else:
        r = draw(R)
        if r is not None or name != "permutations":
            r = 2 if r is None else r
            if draw(FLAG):
                kwargs["r"] = r
            else:
                args = (r,)
    return name, inputs, args, kwargs


@settings(max_examples=150, deadline=None)
@given(loop=st.sampled_from(support.HYPOTHESIS_LOOPS), call=calls())
def test_any_call_behaves_as_the_stdlib(loop: str, call) -> None:
    """Items, and errors raised by the sources at any point, as the stdlib's; every tracked
    source closed exactly once, whatever happened."""
    name, inputs, args, kwargs = call
    expected = stdlib_outcome(
        theirs(name), *[oracle_of(kind, items) for kind, items in inputs], *args, **kwargs
    )
    sources = [source_of(kind, items) for kind, items in inputs]

    def scenario() -> Any:
        return collect_outcome(ours(name)(*sources, *args, **kwargs))

    assert support.run_in(loop, scenario) == expected
    # product(..., repeat=0) does not touch its iterables (the stdlib's does not either).
    untouched = kwargs.get("repeat") == 0
    tracked = [source for source in sources if isinstance(source, TrackedSource)]
    assert [source.closed for source in tracked] == [0 if untouched else 1] * len(tracked)


def test_product_with_repeat_0_does_not_touch_its_iterables(run) -> None:
    """The stdlib's product(..., repeat=0) neither iterates nor even checks its arguments."""
    source = TrackedSource([1, 2])
    got = run(lambda: collect(ait.product(source, 1, repeat=0)))
    assert got == list(itertools.product([1, 2], 1, repeat=0)) == [()]
    assert (source.pulled, source.closed) == (0, 0)


def test_the_items_are_the_same_objects(run) -> None:
    items = [object(), object()]
    got = run(lambda: collect(ait.permutations(make_source("async_generator", items))))
    assert got == [(items[0], items[1]), (items[1], items[0])]
    assert got[0][0] is items[0] and got[1][0] is items[1]


def test_a_layer_of_ours_over_one_of_ours(run) -> None:
    """Our iterators as inputs and as the source of another layer (driven through Rust)."""
    inner = ait.combinations(a.iter(make_source("async_generator", [1, 2, 3])), 2)
    got = run(lambda: a.list(a.enumerate(ait.product(inner, ait.permutations("ab")))))
    assert got == list(
        enumerate(
            itertools.product(itertools.combinations([1, 2, 3], 2), itertools.permutations("ab"))
        )
    )


def test_the_iterable_may_be_given_by_keyword(run) -> None:
    got = run(
        lambda: collect(ait.combinations(iterable=make_source("async_generator", "abc"), r=2))
    )
    assert got == list(itertools.combinations(iterable="abc", r=2))


def test_nothing_is_pulled_before_the_first_anext() -> None:
    source = TrackedSource([1, 2])
    for name in NAMES:
        one_input(name, source, 1)
    assert (source.pulled, source.closed) == (0, 0)


def test_every_input_is_consumed_before_the_first_item(run) -> None:
    """As the stdlib's: all inputs collected (and closed) when the first item comes."""
    first, second = TrackedSource([1, 2]), TrackedSource("ab", suspends=True)

    async def scenario() -> Any:
        iterator = ait.product(first, second)
        item = await a.anext(iterator)
        return item, first.pulled, second.pulled, first.closed, second.closed

    assert run(scenario) == ((1, "a"), 2, 2, 1, 1)


# --- closing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_source_is_closed_once_when_exhausted(run, name: str) -> None:
    source = TrackedSource([1, 2, 3], suspends=True)

    async def scenario() -> Any:
        iterator = one_input(name, source, 2)
        got = await collect(iterator)
        at_stop = source.closed
        await iterator.aclose()
        return len(got), at_stop

    expected = (
        theirs(name)([1, 2, 3], repeat=2) if name == "product" else theirs(name)([1, 2, 3], 2)
    )
    assert run(scenario) == (len(list(expected)), 1)
    assert source.closed == 1


def test_an_error_from_one_source_propagates_after_every_source_is_closed(run) -> None:
    log: list[Any] = []
    error = KeyError("boom")
    sources = [
        TrackedSource([1, 2], log, "first"),
        TrackedSource([3, Fail(error)], log, "second", suspends=True),
        TrackedSource([5], log, "third"),
    ]

    async def scenario() -> Any:
        iterator = ait.product(*sources)
        try:
            await a.anext(iterator)
        except KeyError as raised:
            return raised, list(log), await a.anext(iterator, "exhausted after the error")

    raised, closed, after = run(scenario)
    assert raised is error
    assert closed == [("closed", "first"), ("closed", "second"), ("closed", "third")]
    assert after == "exhausted after the error"
    assert sources[2].pulled == 0


def test_a_failing_aclose_of_a_source_is_the_outcome_and_the_others_are_closed(run) -> None:
    log: list[Any] = []
    error = OSError("close failed")
    sources = [TrackedSource([1], log, "first", close_error=error), TrackedSource([2], log, "next")]

    async def scenario() -> Any:
        try:
            await collect(ait.product(*sources))
        except OSError as raised:
            return raised, list(log)

    raised, closed = run(scenario)
    assert raised is error
    assert closed == [("closed", "first"), ("closed", "next")]


def test_aclose_before_the_first_anext_closes_every_source_unpulled(run) -> None:
    log: list[Any] = []
    sources = [TrackedSource([1], log, "first"), TrackedSource([2], log, "second")]

    async def scenario() -> Any:
        iterator = ait.product(*sources)
        await iterator.aclose()
        await iterator.aclose()
        return list(log), await a.anext(iterator, "ended")

    assert run(scenario) == ([("closed", "first"), ("closed", "second")], "ended")
    assert [source.pulled for source in sources] == [0, 0]


def test_aclose_after_the_first_item_does_not_close_again(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ait.permutations(logging_generator(range(3), log))
        first = await a.anext(iterator)
        at_first = list(log)
        await iterator.aclose()
        return first, at_first, list(log), await a.anext(iterator, "ended")

    finally_ = [("finally", "source")]
    assert run(scenario) == ((0, 1, 2), finally_, finally_, "ended")


def test_a_borrowed_source_is_not_closed(run) -> None:
    source = TrackedSource([1, 2])
    got = run(lambda: collect(ait.combinations(a.borrow(source), 1)))
    assert got == [(1,), (2,)]
    assert source.closed == 0


def test_a_sync_source_is_not_closed(run) -> None:
    """An error in an earlier input leaves a sync one untouched and usable (never closed)."""
    error = KeyError("boom")
    generator = (x for x in range(3))

    async def scenario() -> Any:
        try:
            await collect(ait.product(make_source("async_generator", [Fail(error)]), generator))
        except KeyError as raised:
            return raised

    assert run(scenario) is error
    assert list(generator) == [0, 1, 2]


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_a_source_is_suspended_closes_every_source(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ait.product(
            logging_generator([1], log, "first"),
            support.forever_after([2], log, "second"),
            logging_generator([3], log, "third"),
        )
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return list(log), await a.anext(iterator, "ended")

    # The third never started: an unstarted async generator has no finally to run.
    expected = ([("finally", "first"), ("finally", "second")], "ended")
    assert support.run_in(loop, scenario) == expected


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_closes_the_sources_not_yet_collected(loop: str) -> None:
    log: list[Any] = []
    later = TrackedSource([3], log, "later")

    async def scenario() -> Any:
        iterator = ait.product(support.forever_after([2], log, "blocking"), later)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return list(log)

    assert support.run_in(loop, scenario) == [("finally", "blocking"), ("closed", "later")]
    assert later.pulled == 0


# --- misuse and the object -----------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def scenario() -> Any:
        iterator = ait.product(make_source("suspending_async_generator", [1, 2]))
        first = iterator.__anext__()
        first.send(None)  # suspended inside the source, collecting it
        with pytest.raises(RuntimeError) as second:
            await iterator.__anext__()
        with pytest.raises(RuntimeError) as closing:
            await iterator.aclose()
        first.close()
        return str(second.value), str(closing.value), await collect(iterator)

    second, closing, rest = support.run_in("asyncio", scenario)
    assert second == "anext(): asynchronous iterator is already running"
    assert closing == "aclose(): asynchronous iterator is already running"
    assert rest == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("through", ["items", "argument"])
def test_a_cycle_through_the_iterator_is_collected(name: str, through: str) -> None:
    """Through the pool of items taken, and through r (product: repeat). (Through the source:
    test_objects.py.)"""

    class Marker:
        """Weakref-able (an int subclass is not): freed with the holder."""

    class Holder(int):
        """An int (permutations takes nothing else as r) that holds the iterator."""

    holder = Holder(1)
    holder.marker = Marker()
    if through == "argument":  # r or repeat, kept as given for the stdlib's call
        holder.iterator = ours(name)([1], **{"repeat" if name == "product" else "r": holder})
        holder.step = holder.iterator.__anext__()
    else:
        holder.iterator = one_input(name, make_source("async_generator", [holder]), 1)
        iterator = holder.iterator
        support.run_in("ownloop", lambda: a.anext(iterator))
        del iterator
    alive = weakref.ref(holder.marker)
    del holder
    gc.collect()
    assert alive() is None


# --- arguments -----------------------------------------------------------------------------------

ARGUMENT_CASES: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("product", (1,), {}),
    ("product", ([], 1), {}),
    ("product", ([],), {"repeat": -1}),
    ("product", (1,), {"repeat": -1}),
    ("product", ([],), {"repeat": "x"}),
    ("product", ([],), {"repeat": 2**70}),
    ("product", ([],), {"foo": 1}),
    ("product", (), {"iterable": []}),
    ("product", (), {"repeat": 1, "foo": 2}),
    ("product", (support.long_named_class()(),), {}),
    ("permutations", (), {}),
    ("permutations", (1,), {}),
    ("permutations", (1, -1), {}),
    ("permutations", (1, "x"), {}),
    ("permutations", ([], -1), {}),
    ("permutations", ([], "x"), {}),
    ("permutations", ([], 1.5), {}),
    ("permutations", ([], 2**70), {}),
    ("permutations", ([], None, 3), {}),
    ("permutations", ([],), {"foo": 1}),
    ("permutations", ([],), {"iterable": []}),
    ("permutations", (), {"r": 1}),
    ("combinations", ([],), {}),
    ("combinations", (1,), {}),
    ("combinations", (1, -1), {}),
    ("combinations", (1, "x"), {}),
    ("combinations", ([], -1), {}),
    ("combinations", ([], None), {}),
    ("combinations", ([], 2**70), {}),
    ("combinations", (), {"iterable": 1, "r": -1}),
    ("combinations", ([], 1), {"r": 1}),
    ("combinations", ([], 1, 2), {}),
    ("combinations_with_replacement", (1, 2), {}),
    ("combinations_with_replacement", ([], -1), {}),
    ("combinations_with_replacement", (1, -1), {}),
    ("combinations_with_replacement", (1, "x"), {}),
    ("combinations_with_replacement", (), {"r": 1}),
    ("combinations_with_replacement", ([],), {"x": 1}),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), ARGUMENT_CASES, ids=repr)
def test_argument_errors_are_the_stdlibs(name: str, args: tuple[Any, ...], kwargs) -> None:
    """Raised by the call itself, with the stdlib's type and message for this Python, and the
    stdlib's choice between a bad iterable and a bad r."""
    expected = exception_of(theirs(name), *args, **kwargs)
    got = exception_of(ours(name), *args, **kwargs)
    assert (type(got), str(got)) == (type(expected), str(expected))


@pytest.mark.parametrize(("name", "args", "kwargs"), ARGUMENT_CASES, ids=repr)
def test_argument_errors_with_async_iterables_are_the_stdlibs(name, args, kwargs) -> None:
    """The same calls with every list replaced by an async generator: the same error, at the
    call, and without consuming it."""
    generators = []

    def swap(arg: Any) -> Any:
        if isinstance(arg, list):
            generators.append(TrackedSource(arg))
            return generators[-1]
        return arg

    expected = exception_of(theirs(name), *args, **kwargs)
    got = exception_of(
        ours(name), *map(swap, args), **{key: swap(value) for key, value in kwargs.items()}
    )
    assert (type(got), str(got)) == (type(expected), str(expected))
    assert [(source.pulled, source.closed) for source in generators] == [(0, 0)] * len(generators)
