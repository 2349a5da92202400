"""``asyncitertools.itertools``: chain, chain.from_iterable, cycle, count, repeat, zip_longest.

The items and errors of the stdlib's itertools, for sync and async iterables of every kind.
chain makes an inner iterable an iterator only when it reaches it and closes an owned inner
async iterator as soon as it is exhausted; cycle closes its source after the first pass;
zip_longest closes all its sources when it ends; count and repeat have no source.
"""

from __future__ import annotations

import decimal
import fractions
import gc
import itertools
import weakref
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a
from asyncitertools import itertools as ai

import support
from support import (
    HYPOTHESIS_LOOPS,
    ITERABLE_KINDS,
    Fail,
    TrackedSource,
    collect,
    collect_outcome,
    iterable_of,
    logging_generator,
    make_source,
    sync_outcome,
)


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


async def take(iterator: Any, n: int) -> tuple[list[Any], support.Raised | None]:
    """The first ``n`` items (or fewer and the error that ended it)."""
    got: list[Any] = []
    try:
        for _ in range(n):
            try:
                got.append(await iterator.__anext__())
            except StopAsyncIteration:
                break
    except Exception as exc:
        return got, support.Raised.of(exc)
    finally:
        await iterator.aclose()
    return got, None


def sync_take(iterable: Any, n: int) -> tuple[list[Any], support.Raised | None]:
    return sync_outcome(itertools.islice(iterable, n))


ITEMS = st.lists(st.integers(0, 9), max_size=5)
KINDS = st.sampled_from(ITERABLE_KINDS)
LOOPS = st.sampled_from(HYPOTHESIS_LOOPS)


@st.composite
def sources(draw: Any) -> tuple[str, list[Any]]:
    """A kind and its items, with a failure at a random point (a list cannot raise)."""
    kind = draw(KINDS)
    items: list[Any] = list(draw(ITEMS))
    failure = draw(st.none() | st.integers(0, 5))
    if failure is not None and kind != "list":
        items.insert(min(failure, len(items)), Fail(LookupError("source failed")))
    return kind, items


# --- differential tests against the stdlib --------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(loop=LOOPS, parts=st.lists(sources(), max_size=4), not_iterable=st.booleans())
def test_chain_behaves_as_the_stdlib_chain(loop, parts, not_iterable) -> None:
    extra = [1] if not_iterable else []  # fails when reached: 'int' object is not iterable
    expected = sync_outcome(itertools.chain(*[oracle_iterable(k, i) for k, i in parts], *extra))

    def scenario() -> Any:
        return collect_outcome(ai.chain(*[iterable_of(k, i) for k, i in parts], *extra))

    assert support.run_in(loop, scenario) == expected


@settings(max_examples=60, deadline=None)
@given(loop=LOOPS, outer=sources(), parts=st.lists(sources(), max_size=4))
def test_chain_from_iterable_behaves_as_the_stdlib(loop, outer, parts) -> None:
    """The outer iterable of any kind, its items iterables of any kind; errors of both."""
    outer_kind, outer_items = outer
    fails = [item for item in outer_items if isinstance(item, Fail)]
    theirs = [oracle_iterable(k, i) for k, i in parts]
    ours = [iterable_of(k, i) for k, i in parts]
    expected = sync_outcome(
        itertools.chain.from_iterable(oracle_iterable(outer_kind, theirs + fails))
    )

    def scenario() -> Any:
        return collect_outcome(ai.chain.from_iterable(iterable_of(outer_kind, ours + fails)))

    assert support.run_in(loop, scenario) == expected


@settings(max_examples=60, deadline=None)
@given(loop=LOOPS, parts=st.lists(sources(), max_size=4), fill=st.none() | st.integers())
def test_zip_longest_behaves_as_the_stdlib(loop, parts, fill) -> None:
    expected = sync_outcome(
        itertools.zip_longest(*[oracle_iterable(k, i) for k, i in parts], fillvalue=fill)
    )

    def scenario() -> Any:
        return collect_outcome(
            ai.zip_longest(*[iterable_of(k, i) for k, i in parts], fillvalue=fill)
        )

    assert support.run_in(loop, scenario) == expected


@settings(max_examples=60, deadline=None)
@given(loop=LOOPS, source=sources(), n=st.integers(0, 14))
def test_cycle_behaves_as_the_stdlib(loop, source, n) -> None:
    kind, items = source
    expected = sync_take(itertools.cycle(oracle_iterable(kind, items)), n)
    assert support.run_in(loop, lambda: take(ai.cycle(iterable_of(kind, items)), n)) == expected


NUMBERS = (
    st.integers(-(2**70), 2**70)
    | st.sampled_from([2**63 - 3, -(2**63), True, False])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.fractions()
    | st.complex_numbers(allow_nan=False, allow_infinity=False)
)


@settings(max_examples=100, deadline=None)
@given(loop=LOOPS, start=st.none() | NUMBERS, step=st.none() | NUMBERS, n=st.integers(0, 8))
def test_count_behaves_as_the_stdlib(loop, start, step, n) -> None:
    """Same values of the same types, by the same repeated additions (float rounding too)."""
    kwargs = {k: v for k, v in {"start": start, "step": step}.items() if v is not None}
    expected = sync_take(itertools.count(**kwargs), n)
    got = support.run_in(loop, lambda: take(ai.count(**kwargs), n))
    assert got == expected
    assert [type(x) for x in got[0]] == [type(x) for x in expected[0]]


@pytest.mark.parametrize(
    "args",
    [(0.5, 0.1), (2**63 - 2,), (True,), (1, True), (1, 1.0), (decimal.Decimal("0.1"),)],
    ids=repr,
)
def test_count_edge_cases_as_the_stdlib(run, args) -> None:
    expected = sync_take(itertools.count(*args), 5)
    got = run(lambda: take(ai.count(*args), 5))
    assert got == expected
    assert [type(x) for x in got[0]] == [type(x) for x in expected[0]]


@settings(max_examples=40, deadline=None)
@given(loop=LOOPS, times=st.none() | st.integers(-3, 5), keywords=st.booleans())
def test_repeat_behaves_as_the_stdlib(loop, times, keywords) -> None:
    item = object()
    if times is None:
        args: tuple[Any, ...] = (item,)
        kwargs: dict[str, Any] = {"object": item} if keywords else {}
        args = () if keywords else args
    else:
        args, kwargs = ((), {"object": item, "times": times}) if keywords else ((item, times), {})
    expected = sync_take(itertools.repeat(*args, **kwargs), 7)
    got = support.run_in(loop, lambda: take(ai.repeat(*args, **kwargs), 7))
    assert got == expected
    assert all(x is item for x in got[0])


# --- argument errors ------------------------------------------------------------------------------

ARGUMENT_ERRORS = [
    ("chain", (), {"x": 1}),
    ("count", ("a",), {}),
    ("count", (1, "a"), {}),
    ("count", (1, 2, 3), {}),
    ("count", (), {"x": 1}),
    ("count", (1,), {"start": 2}),
    ("count", (1,), {"step": 2, "x": 3}),
    ("repeat", (), {}),
    ("repeat", (1, 2, 3), {}),
    ("repeat", (1,), {"x": 2}),
    ("repeat", (1, 2.0), {}),
    ("repeat", (1, None), {}),
    ("repeat", (1, 2**70), {}),
    ("repeat", (1,), {"object": 2}),
    ("cycle", (), {}),
    ("cycle", ([], []), {}),
    ("cycle", (1,), {}),
    ("cycle", (), {"iterable": []}),
    ("zip_longest", ([], 1), {}),
    ("zip_longest", ([],), {"x": 1}),
    ("zip_longest", ([],), {"fillvalue": 1, "x": 2}),
]


@pytest.mark.parametrize("name, args, kwargs", ARGUMENT_ERRORS, ids=repr)
def test_argument_errors_are_the_stdlib_ones(name: str, args, kwargs) -> None:
    theirs = support.exception_of(getattr(itertools, name), *args, **kwargs)
    ours = support.exception_of(getattr(ai, name), *args, **kwargs)
    assert support.Raised.of(ours) == support.Raised.of(theirs)


@pytest.mark.parametrize("args", [(), (1, 2)], ids=repr)
def test_from_iterable_argument_errors_are_the_stdlib_ones(args) -> None:
    theirs = support.exception_of(itertools.chain.from_iterable, *args)
    ours = support.exception_of(ai.chain.from_iterable, *args)
    assert support.Raised.of(ours) == support.Raised.of(theirs)
    theirs = support.exception_of(itertools.chain.from_iterable, 1)
    ours = support.exception_of(ai.chain.from_iterable, 1)  # the outer iterable: at once
    assert support.Raised.of(ours) == support.Raised.of(theirs)


def test_chain_makes_an_inner_iterator_only_when_reached(run) -> None:
    iterator = ai.chain([1], 2)  # no error yet, as the stdlib
    got = run(lambda: take(iterator, 3))
    assert got == sync_take(itertools.chain([1], 2), 3)


# --- chain is a type ------------------------------------------------------------------------------


def test_chain_is_the_type_of_its_iterators() -> None:
    assert isinstance(ai.chain([1]), ai.chain)
    assert isinstance(ai.chain.from_iterable([[1]]), ai.chain)


# --- closing --------------------------------------------------------------------------------------


def test_chain_closes_each_inner_source_when_it_is_exhausted(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.chain(TrackedSource([1], log, "a"), [2], TrackedSource([3], log, "b"))
        got = [await iterator.__anext__(), list(log)]
        got += [await iterator.__anext__(), list(log)]
        got += [await collect(iterator)]
        await iterator.aclose()
        return got, log

    got, log = run(scenario)
    assert got == [1, [], 2, [("closed", "a")], [3]]
    assert log == [("closed", "a"), ("closed", "b")]


def test_chain_aclose_closes_the_current_inner_then_the_outer_not_the_unreached(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        later = TrackedSource([9], log, "later")
        outer = logging_generator([TrackedSource([1, 2], log, "inner"), later], log, "outer")
        iterator = ai.chain.from_iterable(outer)
        first = await iterator.__anext__()
        await iterator.aclose()
        return first, await a.anext(iterator, "ended")

    assert run(scenario) == (1, "ended")
    assert log == [("closed", "inner"), ("finally", "outer")]


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_chain_aclose_closes_every_async_iterator_it_was_given(run, steps: int) -> None:
    """The arguments are given to chain, as to zip: the async iterators among them are owned,
    and closed when it ends early (in argument order), before the first step too. Sync
    iterators and async iterables that are not iterators are not closed (nothing was
    obtained from them)."""
    log: list[Any] = []

    class AsyncIterableOnly:
        def __aiter__(self) -> Any:
            log.append(("aiter", "iterable"))
            return TrackedSource([7], log, "made")

    async def scenario() -> Any:
        generator = logging_generator([3], log, "generator")
        given = [TrackedSource([1], log, "x"), [2], AsyncIterableOnly()]
        given += [generator, TrackedSource([4], log, "z", suspends=True)]
        iterator = ai.chain(*given)
        got = [await iterator.__anext__() for _ in range(steps)]
        await iterator.aclose()
        # An async generator never started has no frame to run: aclose() ends it at once.
        return got, await a.anext(iterator, "ended"), generator.ag_frame

    assert run(scenario) == ([1, 2][:steps], "ended", None)
    assert log == [("closed", "x"), ("closed", "z")]


@pytest.mark.parametrize("failure", ["not iterable", "inner error"])
def test_chain_an_error_closes_the_unreached_async_iterators_given(run, failure: str) -> None:
    log: list[Any] = []
    error = ValueError("bad")

    async def scenario() -> Any:
        first: Any = 1 if failure == "not iterable" else TrackedSource([Fail(error)], log, "x")
        iterator = ai.chain(first, TrackedSource([2], log, "y"), TrackedSource([3], log, "z"))
        return await support.collect_until_error(iterator)

    got, raised = run(scenario)
    assert got == []
    if failure == "not iterable":
        assert isinstance(raised, TypeError)
        assert log == [("closed", "y"), ("closed", "z")]
    else:
        assert raised is error
        assert log == [("closed", "x"), ("closed", "y"), ("closed", "z")]


def test_chain_closes_each_given_async_iterator_once(run) -> None:
    """An argument reached and exhausted is closed then; one given twice is closed as each."""
    log: list[Any] = []
    shared = TrackedSource([1], log, "shared")

    async def scenario() -> Any:
        iterator = ai.chain(shared, TrackedSource([2], log, "next"), shared)
        first = await iterator.__anext__()
        await iterator.aclose()
        return first

    assert run(scenario) == 1
    assert log == [("closed", "shared"), ("closed", "next"), ("closed", "shared")]


def test_chain_borrowed_sources_are_not_closed(run) -> None:
    log: list[Any] = []
    inner = TrackedSource([1, 2], log, "inner")

    async def scenario() -> Any:
        iterator = ai.chain(a.borrow(inner), [3])
        return await collect(iterator)

    assert run(scenario) == [1, 2, 3]
    assert log == []


@pytest.mark.parametrize("where", ["inner", "outer"])
def test_chain_an_error_closes_the_sources_first(run, where: str) -> None:
    log: list[Any] = []
    error = ValueError("bad")

    async def scenario() -> Any:
        inner = TrackedSource([1, Fail(error)] if where == "inner" else [1], log, "inner")
        outer_items = [inner] if where == "inner" else [inner, Fail(error)]
        outer = TrackedSource(outer_items, log, "outer")
        try:
            await collect(ai.chain.from_iterable(outer))
        except ValueError as raised:
            return raised, list(log)

    raised, closed = run(scenario)
    assert raised is error
    assert sorted(closed) == [("closed", "inner"), ("closed", "outer")]


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_chain_cancellation_closes_the_sources(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.chain.from_iterable(
            logging_generator([support.forever_after([1], log, "inner")], log, "outer")
        )
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    expected = (1, [("finally", "inner"), ("finally", "outer")], "ended")
    assert support.run_in(loop, scenario) == expected


def test_cycle_closes_its_source_after_the_first_pass(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.cycle(TrackedSource([1, 2], log, suspends=True))
        got = [await iterator.__anext__(), await iterator.__anext__(), list(log)]
        got += [await iterator.__anext__(), list(log)]
        await iterator.aclose()
        return got, await a.anext(iterator, "ended")

    assert run(scenario) == ([1, 2, [], 1, [("closed", "source")]], "ended")
    assert log == [("closed", "source")]


@pytest.mark.parametrize("items", [[], [1]])
def test_cycle_aclose_during_the_first_pass_closes_the_source(run, items) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.cycle(TrackedSource(items, log))
        got = await a.anext(iterator, "empty")
        await iterator.aclose()
        return got, await a.anext(iterator, "ended")

    assert run(scenario) == (items[0] if items else "empty", "ended")
    assert log == [("closed", "source")]


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cycle_cancellation_closes_the_source(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.cycle(support.forever_after([1], log))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (1, [("finally", "source")], "ended")


def test_zip_longest_closes_every_source_once_when_it_ends(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        short = TrackedSource([1], log, "short")
        long = TrackedSource([1, 2, 3], log, "long", suspends=True)
        iterator = ai.zip_longest(short, [5, 6], long)
        got = [await iterator.__anext__(), await iterator.__anext__(), list(log)]
        got.append(await collect(iterator))
        await iterator.aclose()
        return got

    got = run(scenario)
    assert got == [(1, 5, 1), (None, 6, 2), [], [(None, None, 3)]]
    assert log == [("closed", "short"), ("closed", "long")]


def test_zip_longest_an_error_closes_every_source(run) -> None:
    log: list[Any] = []
    error = KeyError("bad")

    async def scenario() -> Any:
        iterator = ai.zip_longest(
            TrackedSource([1], log, "a"), TrackedSource([1, Fail(error)], log, "b")
        )
        try:
            await collect(iterator)
        except KeyError as raised:
            return raised, await a.anext(iterator, "ended")

    assert run(scenario) == (error, "ended")
    assert log == [("closed", "a"), ("closed", "b")]


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_zip_longest_cancellation_closes_the_sources(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = ai.zip_longest(
            logging_generator([1], log, "a"), support.forever_after([1], log, "b")
        )
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, sorted(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == ((1, 1), [("finally", "a"), ("finally", "b")], "ended")


@pytest.mark.parametrize("make", ["count", "repeat"])
def test_count_and_repeat_never_suspend(make: str) -> None:
    iterator = ai.count() if make == "count" else ai.repeat(7)
    step = iterator.__anext__()
    with pytest.raises(StopIteration) as stopped:
        step.send(None)
    assert stopped.value.value == (0 if make == "count" else 7)


# --- misuse ---------------------------------------------------------------------------------------

MAKERS = {
    "chain": lambda s: ai.chain(s),
    "from_iterable": lambda s: ai.chain.from_iterable([s]),
    "cycle": lambda s: ai.cycle(s),
    "zip_longest": lambda s: ai.zip_longest(s, []),
}


@pytest.mark.parametrize("name", MAKERS)
def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error(name: str) -> None:
    async def scenario() -> Any:
        iterator = MAKERS[name](make_source("suspending_async_generator", [1, 2]))
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


# --- garbage collection ---------------------------------------------------------------------------

# Through what the catalogue's calls do not hold (test_objects.py makes the cycles through the
# sources): from_iterable's source, count's number, zip_longest's fillvalue.
CYCLES = {
    "from_iterable": lambda h: ai.chain.from_iterable(make_source("async_generator", [[h]])),
    "count": lambda h: ai.count(h.number),
    "zip_longest": lambda h: ai.zip_longest([], fillvalue=h),
}


class Number(fractions.Fraction):
    pass


@pytest.mark.parametrize("name", CYCLES)
def test_a_cycle_through_the_iterator_is_collected(name: str) -> None:
    class Holder:
        pass

    holder = Holder()
    holder.number = Number(1)  # type: ignore[attr-defined]
    holder.number.holder = holder  # type: ignore[attr-defined]
    holder.iterator = CYCLES[name](holder)  # type: ignore[attr-defined]
    if name == "from_iterable":
        # Start a step so that the inner source is reached and held.
        holder.step = holder.iterator.__anext__()  # type: ignore[attr-defined]
    alive = weakref.ref(holder)
    del holder
    gc.collect()
    assert alive() is None
