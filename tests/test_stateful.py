"""``asyncitertools.itertools``: ``accumulate``, ``pairwise``, ``islice`` and ``batched``.

Each is the stdlib's function over a sync or async iterable, with these additions:

- ``accumulate``'s ``func`` may be sync or async: a result whose type has ``__await__`` is
  awaited (once) and what it gives is the new total;
- ``islice`` pulls no item beyond the last index of its slice (the stdlib pulls up to ``stop``
  when a step skips past it);
- ``batched`` takes ``strict`` on every Python version (the 3.13 signature).

Like every iterator of the package, each owns an async iterator passed in and closes it when it
ends (exhausted, failed, its slice complete, or ``aclose()``); a borrowed one is not closed.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import operator
import re
import sys
import types
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a
from asyncitertools import itertools as ai

import support
from support import (
    CALLABLE_KINDS,
    ITERABLE_KINDS,
    Fail,
    TrackedSource,
    callable_of,
    collect,
    collect_outcome,
    exception_of,
    iterable_of,
    logging_generator,
    make_source,
    sync_outcome,
)

FUNC_KINDS = ("None", *CALLABLE_KINDS)


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def with_failure(items: list[Any], failure: int | None) -> list[Any]:
    """``items`` with a source error inserted at ``failure`` (None: no error)."""
    items = list(items)
    if failure is not None:
        items.insert(min(failure, len(items)), Fail(LookupError("source failed")))
    return items


def combine(total: Any, item: Any) -> Any:
    """accumulate's function in the differential tests: fails on "!" items."""
    if item == "!":
        raise ArithmeticError("func failed")
    return total * 2 + item


def func_of(kind: str) -> Any:
    return None if kind == "None" else callable_of(kind, combine)


def oracle_func(kind: str) -> Any:
    return None if kind == "None" else combine


def batched_reference(iterable: Iterable[Any], n: int, *, strict: bool = False) -> Iterator[Any]:
    """The documentation's recipe (3.13), for the versions whose stdlib lacks it or strict."""
    n = operator.index(n)
    if n < 1:
        raise ValueError("n must be at least one")
    iterator = iter(iterable)
    while batch := tuple(itertools.islice(iterator, n)):
        if strict and len(batch) != n:
            raise ValueError("batched(): incomplete batch")
        yield batch


def stdlib_batched(iterable: Iterable[Any], n: int, *, strict: bool = False) -> Iterator[Any]:
    """The stdlib's batched where it has it (with strict from 3.13), else the recipe."""
    if sys.version_info >= (3, 13):
        return itertools.batched(iterable, n, strict=strict)
    if sys.version_info >= (3, 12) and not strict:
        return itertools.batched(iterable, n)
    return batched_reference(iterable, n, strict=strict)


class Yielding:
    """An async iterator whose ``__anext__`` suspends once (a bare yield) before each item and
    then forgets the item: only its consumer holds it afterwards."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = list(items)
        self.pulled = 0

    def __aiter__(self) -> Yielding:
        return self

    @types.coroutine
    def __anext__(self) -> Any:
        yield "suspended"
        if not self.items:
            raise StopAsyncIteration
        self.pulled += 1
        return self.items.pop(0)


def drive(awaitable: Any) -> Any:
    """Complete an awaitable by hand, resuming it whenever it suspends; its value."""
    iterator = awaitable.__await__()
    try:
        while True:
            iterator.send(None)
    except StopIteration as stop:
        return stop.value


# --- results against the stdlib --------------------------------------------------------------

ITEMS = st.lists(st.integers(-3, 3) | st.just("!"), max_size=8)
LOOP = st.sampled_from(support.HYPOTHESIS_LOOPS)
KIND = st.sampled_from(ITERABLE_KINDS)
FAILURE = st.none() | st.integers(0, 8)


@settings(max_examples=80, deadline=None)
@given(
    loop=LOOP,
    kind=KIND,
    items=ITEMS,
    func_kind=st.sampled_from(FUNC_KINDS),
    initial=st.none() | st.integers(-2, 2) | st.just("s"),
    failure=FAILURE,
)
def test_accumulate_behaves_as_the_stdlibs(loop, kind, items, func_kind, initial, failure):
    """Totals, the initial value, func's errors ("!") and addition's TypeErrors, source errors."""
    items = with_failure(items, failure)
    expected = sync_outcome(
        itertools.accumulate(oracle_iterable(kind, items), oracle_func(func_kind), initial=initial)
    )

    def scenario() -> Any:
        iterable = iterable_of(kind, items)
        return collect_outcome(ai.accumulate(iterable, func_of(func_kind), initial=initial))

    assert support.run_in(loop, scenario) == expected


@settings(max_examples=60, deadline=None)
@given(loop=LOOP, kind=KIND, items=ITEMS, failure=FAILURE)
def test_pairwise_behaves_as_the_stdlibs(loop, kind, items, failure):
    items = with_failure(items, failure)
    expected = sync_outcome(itertools.pairwise(oracle_iterable(kind, items)))

    def scenario() -> Any:
        return collect_outcome(ai.pairwise(iterable_of(kind, items)))

    assert support.run_in(loop, scenario) == expected


INDEX = st.none() | st.integers(0, 10)


def last_needed(start: int | None, stop: int | None, step: int | None) -> int | None:
    """The number of items an exact islice pulls (None: all of them)."""
    if stop is None:
        return None
    indices = range(start or 0, stop, step or 1)
    return indices[-1] + 1 if indices else 0


@settings(max_examples=100, deadline=None)
@given(
    loop=LOOP,
    kind=KIND,
    items=st.lists(st.integers(), max_size=12),
    start=INDEX,
    stop=INDEX,
    step=st.none() | st.integers(1, 4),
    form=st.sampled_from(["stop", "start_stop", "start_stop_step"]),
    failure=st.none() | st.integers(0, 12),
)
def test_islice_behaves_as_the_stdlibs(loop, kind, items, start, stop, step, form, failure):
    """Items and source errors as the stdlib's islice over the items it needs: an error placed
    after the slice's last index is never reached."""
    items = with_failure(items, failure)
    args: tuple[Any, ...] = {
        "stop": (stop,),
        "start_stop": (start, stop),
        "start_stop_step": (start, stop, step),
    }[form]
    slice_ = slice(*args)
    needed = last_needed(slice_.start, slice_.stop, slice_.step)
    reachable = items if needed is None else items[:needed]
    expected = sync_outcome(itertools.islice(oracle_iterable(kind, reachable), *args))

    def scenario() -> Any:
        return collect_outcome(ai.islice(iterable_of(kind, items), *args))

    assert support.run_in(loop, scenario) == expected


@settings(max_examples=80, deadline=None)
@given(
    loop=LOOP,
    kind=KIND,
    items=st.lists(st.integers(), max_size=10),
    n=st.integers(1, 4),
    strict=st.booleans(),
    failure=FAILURE,
)
def test_batched_behaves_as_the_stdlibs(loop, kind, items, n, strict, failure):
    """Batches, the shorter last one or strict's ValueError, source errors (the batch in
    progress is lost, as in the stdlib)."""
    items = with_failure(items, failure)
    expected = sync_outcome(stdlib_batched(oracle_iterable(kind, items), n, strict=strict))

    def scenario() -> Any:
        return collect_outcome(ai.batched(iterable_of(kind, items), n, strict=strict))

    assert support.run_in(loop, scenario) == expected


@pytest.mark.parametrize("kind", ITERABLE_KINDS)
def test_each_gives_the_stdlibs_items_for_every_kind(run, kind: str) -> None:
    items = list(range(7))

    async def scenario() -> Any:
        return [
            await collect(ai.accumulate(iterable_of(kind, items))),
            await collect(ai.accumulate(iterable_of(kind, items), initial=100)),
            await collect(ai.pairwise(iterable_of(kind, items))),
            await collect(ai.islice(iterable_of(kind, items), 1, 6, 2)),
            await collect(ai.batched(iterable_of(kind, items), 3)),
        ]

    assert run(scenario) == [
        list(itertools.accumulate(items)),
        list(itertools.accumulate(items, initial=100)),
        list(itertools.pairwise(items)),
        list(itertools.islice(items, 1, 6, 2)),
        list(batched_reference(items, 3)),
    ]


def test_items_are_the_same_objects(run) -> None:
    items = [object(), object(), object()]

    async def scenario() -> Any:
        return [
            await collect(ai.accumulate(make_source("async_generator", items), lambda t, x: x)),
            await collect(ai.pairwise(make_source("async_generator", items))),
            await collect(ai.islice(make_source("async_generator", items), 2)),
            await collect(ai.batched(make_source("async_generator", items), 2)),
        ]

    accumulated, pairs, sliced, batches = run(scenario)
    assert all(x is y for x, y in zip(accumulated, items, strict=True))
    assert len(pairs) == 2
    assert all(
        p[0] is x and p[1] is y for p, x, y in zip(pairs, items[:-1], items[1:], strict=True)
    )
    assert all(x is y for x, y in zip(sliced, items[:2], strict=True))
    assert [x is y for x, y in zip(batches[0] + batches[1], items, strict=True)] == [True] * 3


# --- accumulate --------------------------------------------------------------------------------


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_accumulate_calls_func_with_the_total_and_the_item(run, callable_kind: str) -> None:
    calls: list[Any] = []

    def record(total: Any, item: Any) -> Any:
        calls.append((total, item))
        return f"{total}{item}"

    got = run(lambda: collect(ai.accumulate("abc", callable_of(callable_kind, record))))
    assert got == ["a", "ab", "abc"]
    assert calls == [("a", "b"), ("ab", "c")]


def test_accumulate_yields_the_initial_value_before_pulling() -> None:
    source = TrackedSource([1, 2])

    async def scenario() -> Any:
        iterator = ai.accumulate(source, initial=10)
        first = await a.anext(iterator)
        pulled = source.pulled
        return first, pulled, await collect(iterator)

    assert support.run_in("asyncio", scenario) == (10, 0, [11, 13])


def test_accumulate_with_initial_none_has_no_initial_value(run) -> None:
    assert run(lambda: collect(ai.accumulate([1, 2], initial=None))) == [1, 3]
    assert run(lambda: collect(ai.accumulate([], initial=None))) == []
    assert run(lambda: collect(ai.accumulate([], initial=0))) == [0]


def test_accumulate_adds_as_the_plus_operator(run) -> None:
    items = [[1], (2,), [3]]
    theirs = exception_of(list, itertools.accumulate(items))

    async def scenario() -> Any:
        try:
            await collect(ai.accumulate(items))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)
    assert run(lambda: collect(ai.accumulate(["a", "b"]))) == ["a", "ab"]


def test_accumulate_awaits_an_awaitable_total_once(run) -> None:
    async def pair(total: Any, item: Any) -> Any:
        return support.Deferred(lambda: "not awaited again", ())

    got = run(lambda: collect(ai.accumulate([1, 2], pair)))
    assert got[0] == 1 and isinstance(got[1], support.Deferred)


def test_accumulate_func_error_propagates_unchanged_and_ends(run) -> None:
    error = KeyError("boom")

    async def failing(total: Any, item: Any) -> Any:
        raise error

    async def scenario() -> Any:
        iterator = ai.accumulate([1, 2, 3], failing)
        first = await a.anext(iterator)
        try:
            await a.anext(iterator)
        except KeyError as raised:
            return first, raised, await a.anext(iterator, "ended")

    first, raised, after = run(scenario)
    assert (first, after) == (1, "ended")
    assert raised is error


# --- islice: what it pulls ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "pulled"),
    [
        ((0,), 0),
        ((3,), 3),
        ((2, 2), 0),
        ((5, 3), 0),
        ((1, 4), 4),
        ((0, 6, 2), 5),
        ((1, 8, 3), 8),
        ((2, None), 10),
        ((None,), 10),
    ],
    ids=repr,
)
def test_islice_pulls_nothing_beyond_the_slice(run, args: tuple[Any, ...], pulled: int) -> None:
    source = TrackedSource(range(10))

    async def scenario() -> Any:
        got = await collect(ai.islice(source, *args))
        return got, source.pulled, source.closed

    assert run(scenario) == (list(itertools.islice(range(10), *args)), pulled, 1)


def test_islice_leaves_a_shared_sync_iterator_where_the_slice_ends(run) -> None:
    ours = iter(range(10))
    theirs = iter(range(10))

    async def scenario() -> Any:
        return await collect(ai.islice(ours, 2, 5))

    assert run(scenario) == list(itertools.islice(theirs, 2, 5))
    assert list(ours) == list(theirs)


def test_islice_over_a_sync_source_skips_many_items_in_one_step(run) -> None:
    got = run(lambda: collect(ai.islice(range(1_000_000), 999_998, None)))
    assert got == [999_998, 999_999]


def test_islice_of_a_native_layer_drives_it_and_closes_it(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        inner = ai.accumulate(logging_generator(range(100), log))
        outer = ai.islice(ai.islice(inner, 1, None), 2)
        got = await collect(outer)
        return got, list(log)

    assert run(scenario) == ([1, 3], [("finally", "source")])


def test_islice_counts_through_index_objects(run) -> None:
    got = run(lambda: collect(ai.islice(range(10), Index(1), Index(9), Index(3))))
    assert got == list(itertools.islice(range(10), Index(1), Index(9), Index(3)))
    assert run(lambda: collect(ai.islice(range(10), True))) == [0]


def test_islice_is_exhausted_once_its_slice_is(run) -> None:
    async def scenario() -> Any:
        iterator = ai.islice(make_source("async_generator", range(10)), 1)
        got = [await a.anext(iterator)]
        for _ in range(3):
            got.append(await a.anext(iterator, "ended"))
        return got

    assert run(scenario) == [0, "ended", "ended", "ended"]


# --- batched and pairwise ----------------------------------------------------------------------


def test_batched_ends_after_a_shorter_batch_without_pulling_again(run) -> None:
    class Counting:
        """Counts every __anext__ call, the ones that end the iteration included."""

        def __init__(self, items: list[Any]) -> None:
            self.items = items
            self.calls = 0

        def __aiter__(self) -> Counting:
            return self

        async def __anext__(self) -> Any:
            self.calls += 1
            await support.suspend()
            if not self.items:
                raise StopAsyncIteration
            return self.items.pop(0)

    source = Counting([1, 2, 3])

    async def scenario() -> Any:
        iterator = ai.batched(source, 2)
        got = await collect(iterator)
        return got, source.calls, await a.anext(iterator, "ended"), source.calls

    assert run(scenario) == ([(1, 2), (3,)], 4, "ended", 4)


def test_batched_strict_raises_at_the_incomplete_batch_and_closes_the_source(run) -> None:
    source = TrackedSource([1, 2, 3], suspends=True)

    async def scenario() -> Any:
        return await support.collect_until_error(ai.batched(source, 2, strict=True))

    got, raised = run(scenario)
    assert got == [(1, 2)]
    assert isinstance(raised, ValueError) and str(raised) == "batched(): incomplete batch"
    assert raised.__context__ is None
    assert source.closed == 1


def test_batched_strict_with_whole_batches_ends_quietly(run) -> None:
    assert run(lambda: collect(ai.batched(range(4), 2, strict=True))) == [(0, 1), (2, 3)]


def test_pairwise_of_one_item_is_empty_and_pulls_twice(run) -> None:
    source = TrackedSource([1])
    assert run(lambda: collect(ai.pairwise(source))) == []
    assert source.closed == 1


# --- closing -----------------------------------------------------------------------------------


async def add_async(total: Any, item: Any) -> Any:
    await support.suspend()
    return total + item


MAKERS: dict[str, Callable[[Any], Any]] = {
    "accumulate": lambda source: ai.accumulate(source),
    "accumulate_async": lambda source: ai.accumulate(source, add_async),
    "pairwise": lambda source: ai.pairwise(source),
    "islice": lambda source: ai.islice(source, None),
    "islice_step": lambda source: ai.islice(source, 1, None, 2),
    "batched": lambda source: ai.batched(source, 2),
}


@pytest.mark.parametrize("maker", MAKERS)
@pytest.mark.parametrize("suspends", [False, True])
def test_exhaustion_closes_the_source_once_before_the_stop(run, maker: str, suspends) -> None:
    source = TrackedSource(range(5), suspends=suspends)

    async def scenario() -> Any:
        iterator = MAKERS[maker](source)
        await collect(iterator)
        at_stop = source.closed
        await iterator.aclose()
        return at_stop, await a.anext(iterator, "ended")

    assert run(scenario) == (1, "ended")
    assert source.closed == 1


@pytest.mark.parametrize("maker", MAKERS)
def test_a_source_error_closes_the_source_first_and_propagates(run, maker: str) -> None:
    error = LookupError("source failed")
    source = TrackedSource([1, 2, 3, Fail(error)], suspends=True)

    async def scenario() -> Any:
        got, raised = await support.collect_until_error(MAKERS[maker](source))
        return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


@pytest.mark.parametrize("maker", MAKERS)
def test_aclose_closes_the_source_and_ends_the_iteration(run, maker: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = MAKERS[maker](logging_generator(range(10), log))
        await a.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()
        return list(log), await a.anext(iterator, "ended")

    assert run(scenario) == ([("finally", "source")], "ended")


@pytest.mark.parametrize("maker", MAKERS)
def test_a_borrowed_source_is_not_closed(run, maker: str) -> None:
    source = TrackedSource(range(6))

    async def scenario() -> Any:
        iterator = MAKERS[maker](a.borrow(source))
        await a.anext(iterator)
        await iterator.aclose()
        return await a.anext(source)

    assert run(scenario) is not None
    assert source.closed == 0


def test_an_accumulate_func_error_closes_the_source_first(run) -> None:
    source = TrackedSource([1, 2, 3])

    def failing(total: Any, item: Any) -> Any:
        raise ArithmeticError(source.closed)

    async def scenario() -> Any:
        return await support.collect_until_error(ai.accumulate(source, failing))

    got, raised = run(scenario)
    assert got == [1]
    assert isinstance(raised, ArithmeticError) and raised.args == (0,)
    assert source.closed == 1


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [((2,), [0, 1]), ((1, 4), [1, 2, 3]), ((1, 6, 2), [1, 3, 5]), ((3, 4, 9), [3])],
)
def test_a_completed_islice_closes_its_source_before_delivering_the_last_item(
    run, arguments: tuple[int, ...], expected: list[int]
) -> None:
    """Closed as soon as the slice is complete: not at the next step, which may never come."""
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.islice(logging_generator(range(10), log), *arguments)
        got, closed_at = [], []
        for _ in expected:
            got.append(await a.anext(iterator))
            closed_at.append(list(log))
        got.append(await a.anext(iterator, "ended"))
        return got, closed_at

    got, closed_at = run(scenario)
    assert got == [*expected, "ended"]
    assert closed_at == [[]] * (len(expected) - 1) + [[("finally", "source")]]


@pytest.mark.parametrize("suspends", [False, True], ids=["immediate", "suspending"])
def test_islice_delivers_the_last_item_after_an_aclose_that_suspends(run, suspends: bool) -> None:
    source = TrackedSource(range(5), suspends=suspends)

    async def scenario() -> Any:
        iterator = ai.islice(source, 1, 3)
        return [item async for item in iterator], source.closed, source.pulled

    assert run(scenario) == ([1, 2], 1, 3)


def test_a_failing_close_of_a_completed_islice_replaces_its_last_item(run) -> None:
    """As an exception raised in a ``finally`` block replaces the return value."""
    source = TrackedSource(range(5), close_error=ArithmeticError("close"))

    async def scenario() -> Any:
        return await support.collect_until_error(ai.islice(source, 2))

    got, raised = run(scenario)
    assert got == [0] and isinstance(raised, ArithmeticError) and source.closed == 1


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("maker", MAKERS)
def test_cancellation_while_the_source_is_suspended_closes_it(loop: str, maker: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = MAKERS[maker](support.forever_after([1, 2, 3], log))
        await support.cancel_while_suspended(lambda: collect(iterator))
        return list(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == ([("finally", "source")], "ended")


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_while_func_is_suspended_closes_the_source(loop: str) -> None:
    log: list[Any] = []

    async def func(total: Any, item: Any) -> Any:
        await support.wait_forever()

    async def scenario() -> Any:
        iterator = ai.accumulate(logging_generator(range(5), log), func)
        await support.cancel_while_suspended(lambda: collect(iterator))
        return list(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == ([("finally", "source")], "ended")


# --- misuse and the objects --------------------------------------------------------------------


@pytest.mark.parametrize("maker", MAKERS)
def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error(maker: str) -> None:
    async def scenario() -> Any:
        iterator = MAKERS[maker](make_source("suspending_async_generator", range(6)))
        first = iterator.__anext__()
        first.send(None)  # suspended inside the source
        with pytest.raises(RuntimeError) as second:
            await iterator.__anext__()
        with pytest.raises(RuntimeError) as closing:
            await iterator.aclose()
        first.close()
        return str(second.value), str(closing.value)

    second, closing = support.run_in("asyncio", scenario)
    assert second == "anext(): asynchronous iterator is already running"
    assert closing == "aclose(): asynchronous iterator is already running"


def test_nothing_is_pulled_before_the_first_anext() -> None:
    source = TrackedSource([1, 2])
    for make in MAKERS.values():
        make(source)
    assert source.pulled == 0


class Holder:
    """Something that ends up in a cycle through an iterator."""


def assert_collected(build: Callable[[Holder], None]) -> None:
    holder = Holder()
    build(holder)
    alive = weakref.ref(holder)
    del holder
    gc.collect()
    assert alive() is None


def test_a_cycle_through_accumulates_initial_and_total_is_collected() -> None:
    """(Through the source and the function: test_objects.py.)"""

    def through_initial(holder: Holder) -> None:
        holder.iterator = ai.accumulate(Yielding([]), initial=holder)

    def through_total(holder: Holder) -> None:
        holder.iterator = ai.accumulate(Yielding([holder, 1]), lambda total, item: total)
        assert drive(holder.iterator.__anext__()) is holder

    for build in (through_initial, through_total):
        assert_collected(build)


def test_a_cycle_through_pairwises_previous_item_is_collected() -> None:
    def build(holder: Holder) -> None:
        holder.iterator = ai.pairwise(Yielding([1, holder]))
        assert drive(holder.iterator.__anext__()) == (1, holder)

    assert_collected(build)


def test_a_cycle_through_a_batch_in_progress_is_collected() -> None:
    def build(holder: Holder) -> None:
        holder.iterator = ai.batched(Yielding([holder, 2]), 2)
        holder.step = holder.iterator.__anext__()
        holder.step.send(None)  # pulling the first item
        holder.step.send(None)  # the first item is in the batch; pulling the second

    assert_collected(build)


# --- arguments ---------------------------------------------------------------------------------


class Index:
    """An object with ``__index__``: ``value``, or a new exception if it is an exception class
    (a new one each time: a raised exception object keeps its growing traceback)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __index__(self) -> Any:
        if isinstance(self.value, type) and issubclass(self.value, BaseException):
            raise self.value("from __index__")
        return self.value


def assert_same_error(theirs: Callable[..., Any], ours: Callable[..., Any], args, kwargs) -> None:
    expected = exception_of(theirs, *args, **kwargs)
    got = exception_of(ours, *args, **kwargs)
    assert (type(got), str(got)) == (type(expected), str(expected))


ISLICE_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (([],), {}),
    (([], 1, 2, 3, 4), {}),
    (([], 1), {"foo": 1}),
    (([],), {"stop": 1}),
    (([], -1), {}),
    (([], -2), {}),
    (([], "a"), {}),
    (([], 1.0), {}),
    (([], 2**63), {}),
    (([], 2**70), {}),
    (([], 1, -1), {}),
    (([], 1, -2), {}),
    (([], -1, 2), {}),
    (([], -1, -1), {}),
    (([], "a", 5), {}),
    (([], "a", -2), {}),
    (([], 2**63, 5), {}),
    (([], 0, 1, 0), {}),
    (([], 0, 1, -1), {}),
    (([], 0, 1, "x"), {}),
    (([], 0, None, 2**70), {}),
    (([], -1, 1, 0), {}),
    (([], Index(-1)), {}),
    (([], Index(KeyError)), {}),
    (([], 0, Index("not an int")), {}),
    ((1, -1), {}),
    ((1, 1), {}),
    ((support.long_named_class()(), 1), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), ISLICE_CASES, ids=repr)
def test_islice_argument_errors_are_the_stdlibs(args, kwargs) -> None:
    assert_same_error(itertools.islice, ai.islice, args, kwargs)


ACCUMULATE_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    ((), {"foo": 1}),
    (([], None, 1), {}),
    (([], None, 1, 2), {}),
    (([], None), {"func": None}),
    (([],), {"iterable": []}),
    (([],), {"foo": 1}),
    (([],), {"initial": 1, "func": None, "foo": 2}),
    ((), {"initial": 1, "func": None, "foo": 2}),
    ((), {"func": None}),
    (([], None, None), {"initial": 1}),
    ((), {"iterable": [], "foo": 1, "bar": 2}),
    ((1,), {}),
    ((support.long_named_class()(),), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), ACCUMULATE_CASES, ids=repr)
def test_accumulate_argument_errors_are_the_stdlibs(args, kwargs) -> None:
    assert_same_error(itertools.accumulate, ai.accumulate, args, kwargs)


PAIRWISE_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (([], 1), {}),
    ((1,), {}),
    (([],), {"foo": 1}),
    ((), {"iterable": []}),
]


@pytest.mark.parametrize(("args", "kwargs"), PAIRWISE_CASES, ids=repr)
def test_pairwise_argument_errors_are_the_stdlibs(args, kwargs) -> None:
    assert_same_error(itertools.pairwise, ai.pairwise, args, kwargs)


# Errors of the values, the same on every version (the recipe raises them where the stdlib
# lacks batched).
BATCHED_VALUE_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (([], 0), {}),
    (([], -1), {}),
    (([], "a"), {}),
    (([], 1.0), {}),
    (([], Index(KeyError)), {}),
    ((1, 1), {}),
]
# Errors of the binding, with the texts of 3.13, whose stdlib has this signature: checked
# against it there, and the specification of ours on the versions before (whose own batched, in
# 3.12, has no strict and so other counts in its messages).
BATCHED_BINDING_CASES: list[tuple[tuple[Any, ...], dict[str, Any], type, str]] = [
    ((), {}, TypeError, "batched() missing required argument 'iterable' (pos 1)"),
    (([],), {}, TypeError, "batched() missing required argument 'n' (pos 2)"),
    ((), {"n": 1}, TypeError, "batched() missing required argument 'iterable' (pos 1)"),
    ((), {"foo": 1}, TypeError, "batched() missing required argument 'iterable' (pos 1)"),
    (([], 1, True, 4), {}, TypeError, "batched() takes at most 3 arguments (4 given)"),
    (
        ([], 1),
        {"n": 1},
        TypeError,
        "argument for batched() given by name ('n') and position (2)",
    ),
    (([], 1), {"foo": 1}, TypeError, "batched() got an unexpected keyword argument 'foo'"),
    (
        ([], 1),
        {"strct": True},
        TypeError,
        "batched() got an unexpected keyword argument 'strct'. Did you mean 'strict'?",
    ),
    (
        (),
        {"iterable": [], "n": 1, "strict": 1, "x": 1},
        TypeError,
        "batched() takes at most 3 keyword arguments (4 given)",
    ),
    (([], 1, True), {}, TypeError, "batched() takes exactly 2 positional arguments (3 given)"),
    (([], "a"), {"strict": True}, TypeError, "'str' object cannot be interpreted as an integer"),
    (([], 2**70), {}, OverflowError, "Python int too large to convert to C ssize_t"),
    (([], 0), {"strict": Index(1)}, ValueError, "n must be at least one"),
]


def on_this_version(message: str) -> str:
    """A 3.13 argument error's text as the running version words it."""
    unknown = re.fullmatch(
        r"(\w+)\(\) got an unexpected keyword argument '(\w+)'(\. Did you mean '\w+'\?)?", message
    )
    if unknown and sys.version_info < (3, 13):
        return f"'{unknown[2]}' is an invalid keyword argument for {unknown[1]}()"
    return message


@pytest.mark.parametrize(("args", "kwargs"), BATCHED_VALUE_CASES, ids=repr)
def test_batched_value_errors_are_the_stdlibs(args, kwargs) -> None:
    def theirs(*args: Any, **kwargs: Any) -> Any:
        if sys.version_info >= (3, 12):
            return itertools.batched(*args, **kwargs)
        return list(batched_reference(*args, **kwargs))

    assert_same_error(theirs, ai.batched, args, kwargs)


@pytest.mark.parametrize(("args", "kwargs", "error", "message"), BATCHED_BINDING_CASES, ids=repr)
def test_batched_binding_errors_are_the_stdlibs_of_313(args, kwargs, error, message) -> None:
    got = exception_of(ai.batched, *args, **kwargs)
    assert (type(got), str(got)) == (error, on_this_version(message))
    if sys.version_info >= (3, 13):
        expected = exception_of(itertools.batched, *args, **kwargs)
        assert (type(expected), str(expected)) == (error, message)


def test_a_strict_whose_truth_fails_raises_that_error() -> None:
    class NoTruth:
        def __bool__(self) -> bool:
            raise KeyError("no truth")

    with pytest.raises(KeyError, match="no truth"):
        ai.batched([], 1, strict=NoTruth())


def test_a_non_callable_func_is_the_stdlibs_type_error(run) -> None:
    theirs = exception_of(list, itertools.accumulate([1, 2], 1))

    async def scenario() -> Any:
        try:
            await collect(ai.accumulate([1, 2], 1))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)


def test_no_event_loop_is_needed_to_build_them() -> None:
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()
    for make in MAKERS.values():
        make([])
