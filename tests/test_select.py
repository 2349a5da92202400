"""``asyncitertools.itertools``: ``dropwhile``, ``takewhile``, ``filterfalse``, ``compress`` and
``starmap``, the stdlib's with sync or async iterables and sync or async callables.

A predicate's (or starmap function's) result whose type has ``__await__`` is awaited once; the
truth of what it gives decides. ``takewhile`` ends at the first false verdict: that item is
consumed and not given, and the owned sources are closed before the ``StopAsyncIteration``.
``dropwhile`` never asks the predicate again once it was false. ``compress`` pulls ``data``
first, then ``selectors``, and ends with the shorter. ``starmap`` unpacks each item as
``function(*item)`` does (a sync iterable; anything else is the stdlib's ``TypeError``).
"""

from __future__ import annotations

import builtins
import gc
import itertools
import weakref
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a
from asyncitertools import itertools as ait

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

PREDICATED = ("dropwhile", "takewhile", "filterfalse")
ALL_NAMES = (*PREDICATED, "compress", "starmap")
RAISING_KINDS = tuple(kind for kind in ITERABLE_KINDS if kind != "list")  # a list cannot raise


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def remainder(x: Any) -> Any:
    """The predicate of the differential tests: fails on "!", else a value to take the truth of."""
    if x == "!":
        raise ArithmeticError("predicate failed")
    return x % 3 if isinstance(x, int) else x


def combine(*args: Any) -> Any:
    """The starmap function of the differential tests: fails when the first argument is "!"."""
    if args and args[0] == "!":
        raise ArithmeticError("function failed")
    return args


class Truth:
    """An object whose truth is ``value`` (or whose ``__bool__`` raises ``error``)."""

    def __init__(self, value: bool, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error
        self.asked = 0

    def __bool__(self) -> bool:
        self.asked += 1
        if self.error is not None:
            raise self.error
        return self.value

    def __repr__(self) -> str:
        return f"Truth({self.value}, {self.error!r})"


def ours_of(name: str, function: Any, iterable: Any) -> Any:
    """Our ``name`` over one iterable: the function is the predicate, the selectors' truth
    (compress: ``function`` is the selectors), or starmap's function."""
    return getattr(ait, name)(function, iterable)


def make_with_source(name: str, source: Any, callable_kind: str = "sync") -> Any:
    """Our ``name`` whose (first) source is ``source``, giving its items unchanged."""
    if name == "compress":
        return ait.compress(source, itertools.repeat(1))
    if name == "starmap":
        return ait.starmap(
            callable_of(callable_kind, lambda *x: x[0]), a.map(lambda x: (x,), source)
        )
    keep = name == "takewhile"
    return getattr(ait, name)(callable_of(callable_kind, lambda x: keep), source)


# --- results against the stdlib ------------------------------------------------------------------

ITEMS = st.lists(st.integers(-5, 5) | st.text(max_size=1) | st.none() | st.just("!"), max_size=10)
LOOPS = st.sampled_from(support.HYPOTHESIS_LOOPS)
KINDS = st.sampled_from(ITERABLE_KINDS)
FAILURE = st.none() | st.integers(0, 10)


def with_failure(items: list[Any], failure: int | None, error: BaseException) -> list[Any]:
    items = list(items)
    if failure is not None:
        items.insert(min(failure, len(items)), Fail(error))
    return items


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(PREDICATED),
    loop=LOOPS,
    items=ITEMS,
    kind=KINDS,
    predicate_kind=st.sampled_from(("None", *CALLABLE_KINDS)),
    failure=FAILURE,
)
def test_any_data_behaves_as_the_stdlib_selectors(
    name, loop, items, kind, predicate_kind, failure
) -> None:
    """Items, predicate errors ("!"), source errors and None predicates as the stdlib's."""
    items = with_failure(items, failure, LookupError("source failed"))
    theirs_predicate = None if predicate_kind == "None" else remainder
    ours_predicate = None if predicate_kind == "None" else callable_of(predicate_kind, remainder)
    expected = sync_outcome(
        getattr(itertools, name)(theirs_predicate, oracle_iterable(kind, items))
    )

    def scenario() -> Any:
        return collect_outcome(ours_of(name, ours_predicate, iterable_of(kind, items)))

    assert support.run_in(loop, scenario) == expected


SELECTORS = st.lists(
    # Fresh objects per example: one exception instance raised again and again would keep a
    # growing traceback (and the leak run would see it).
    st.integers(0, 2)
    | st.builds(Truth, st.booleans())
    | st.builds(Truth, st.just(True), st.builds(KeyError, st.just("no"))),
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(
    loop=LOOPS,
    data=ITEMS,
    selectors=SELECTORS,
    data_kind=KINDS,
    selectors_kind=KINDS,
    data_failure=FAILURE,
    selectors_failure=FAILURE,
)
def test_any_data_behaves_as_the_stdlib_compress(
    loop, data, selectors, data_kind, selectors_kind, data_failure, selectors_failure
) -> None:
    """Items, lengths, source errors in either, errors from a selector's truth: the stdlib's."""
    data = with_failure(data, data_failure, LookupError("data failed"))
    selectors = with_failure(selectors, selectors_failure, IndexError("selectors failed"))
    expected = sync_outcome(
        itertools.compress(
            oracle_iterable(data_kind, data), oracle_iterable(selectors_kind, selectors)
        )
    )

    def scenario() -> Any:
        return collect_outcome(
            ait.compress(iterable_of(data_kind, data), iterable_of(selectors_kind, selectors))
        )

    assert support.run_in(loop, scenario) == expected


ARGUMENTS = st.lists(
    st.tuples()
    | st.tuples(st.integers(0, 3))
    | st.tuples(st.just("!"), st.integers())
    | st.lists(st.integers(0, 3), max_size=3)
    | st.text(max_size=2)
    | st.integers(0, 3)
    | st.none(),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(
    loop=LOOPS,
    items=ARGUMENTS,
    kind=KINDS,
    callable_kind=st.sampled_from(CALLABLE_KINDS),
    failure=FAILURE,
)
def test_any_data_behaves_as_the_stdlib_starmap(loop, items, kind, callable_kind, failure) -> None:
    """Results, unpacking (tuples, lists, strings; non-iterables fail), function and source
    errors as the stdlib's starmap."""
    items = with_failure(items, failure, LookupError("source failed"))
    expected = sync_outcome(itertools.starmap(combine, oracle_iterable(kind, items)))

    def scenario() -> Any:
        return collect_outcome(
            ait.starmap(callable_of(callable_kind, combine), iterable_of(kind, items))
        )

    assert support.run_in(loop, scenario) == expected


@pytest.mark.parametrize("name", PREDICATED)
@pytest.mark.parametrize("kind", ITERABLE_KINDS)
def test_items_equal_the_stdlibs_for_every_kind(run, name: str, kind: str) -> None:
    items = [3, 1, 0, 2, 4, 0, 6, 5]
    expected = list(getattr(itertools, name)(remainder, items))
    assert run(lambda: collect(ours_of(name, remainder, iterable_of(kind, items)))) == expected


@pytest.mark.parametrize("data_kind", ITERABLE_KINDS)
def test_compress_equals_the_stdlibs_for_every_kind(run, data_kind: str) -> None:
    data, selectors = list("abcdefg"), [1, 0, 1, 1, 0]

    async def scenario() -> Any:
        return [
            await collect(ait.compress(iterable_of(data_kind, data), iterable_of(kind, selectors)))
            for kind in ITERABLE_KINDS
        ]

    expected = list(itertools.compress(data, selectors))
    assert run(scenario) == [expected] * builtins.len(ITERABLE_KINDS)


def test_compress_takes_its_arguments_by_keyword_too(run) -> None:
    got = run(lambda: collect(ait.compress(selectors=[0, 1, 1], data="abc")))
    assert got == list(itertools.compress(selectors=[0, 1, 1], data="abc")) == ["b", "c"]
    assert run(lambda: collect(ait.compress("abc", selectors=[1]))) == ["a"]


# --- what each one pulls and asks ----------------------------------------------------------------


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_takewhile_consumes_the_first_false_item_and_stops_there(run, callable_kind) -> None:
    """Like the stdlib: the item that failed is gone from the source; nothing after it."""
    theirs = builtins.iter(range(10))
    assert list(itertools.takewhile(lambda x: x < 3, theirs)) == [0, 1, 2]
    ours = builtins.iter(range(10))
    calls: list[Any] = []

    def below_three(x: int) -> bool:
        calls.append(x)
        return x < 3

    async def scenario() -> Any:
        iterator = ait.takewhile(callable_of(callable_kind, below_three), ours)
        got = await collect(iterator)
        return got, await a.anext(iterator, "still ended")

    assert run(scenario) == ([0, 1, 2], "still ended")
    assert calls == [0, 1, 2, 3]
    assert builtins.next(ours) == builtins.next(theirs) == 4


@pytest.mark.parametrize("suspends", [False, True])
def test_takewhile_closes_an_owned_source_at_the_stop(run, suspends: bool) -> None:
    source = TrackedSource([1, 2, 5, 1], suspends=suspends)

    async def scenario() -> Any:
        iterator = ait.takewhile(lambda x: x < 3, source)
        got = [await a.anext(iterator), await a.anext(iterator)]
        before = source.closed
        got.append(await a.anext(iterator, "stopped"))
        return got, before, source.closed, source.pulled

    assert run(scenario) == ([1, 2, "stopped"], 0, 1, 3)


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_dropwhile_asks_until_the_first_false_then_never_again(run, callable_kind) -> None:
    calls: list[Any] = []

    def small(x: int) -> bool:
        calls.append(x)
        return x < 3

    items = [0, 1, 5, 0, 1, 7]
    got = run(lambda: collect(ait.dropwhile(callable_of(callable_kind, small), items)))
    assert got == [5, 0, 1, 7] == list(itertools.dropwhile(lambda x: x < 3, items))
    assert calls == [0, 1, 5]


def test_filterfalse_with_none_or_bool_takes_each_items_truth_once(run) -> None:
    items = [Truth(True), Truth(False), Truth(False)]
    assert run(lambda: collect(ait.filterfalse(None, items))) == items[1:]
    assert run(lambda: collect(ait.filterfalse(bool, items))) == items[1:]
    assert [item.asked for item in items] == [2, 2, 2]  # once per call


@pytest.mark.parametrize("name", PREDICATED)
@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_the_truth_of_the_awaited_verdict_decides_asked_once(run, name, callable_kind) -> None:
    truths = {1: Truth(True), 2: Truth(False), 3: Truth(True)}
    predicate = callable_of(callable_kind, truths.__getitem__)
    expected = list(getattr(itertools, name)(lambda x: truths[x].value, [1, 2, 3]))
    assert run(lambda: collect(ours_of(name, predicate, [1, 2, 3]))) == expected
    assert all(truth.asked <= 1 for truth in truths.values())


@pytest.mark.parametrize("name", PREDICATED)
def test_many_rejected_items_in_a_row_are_skipped_without_recursion(run, name: str) -> None:
    predicate = {
        "dropwhile": lambda x: x < 19_999,
        "takewhile": lambda x: x < 19_999,
        "filterfalse": lambda x: x < 19_999,
    }[name]
    expected = list(getattr(itertools, name)(predicate, range(20_000)))
    assert run(lambda: collect(ours_of(name, predicate, range(20_000)))) == expected


def test_compress_pulls_data_first_and_stops_at_the_shorter(run) -> None:
    """Selectors exhausted: one more data item was pulled (and lost), as in the stdlib."""
    theirs = builtins.iter(range(10))
    assert list(itertools.compress(theirs, [1, 0, 1])) == [0, 2]
    ours = builtins.iter(range(10))
    selectors = TrackedSource([1, 0, 1])
    data = TrackedSource([1, 2])

    async def scenario() -> Any:
        first = await collect(ait.compress(ours, [1, 0, 1]))
        second = await collect(ait.compress(data, selectors))
        return first, second, data.pulled, selectors.pulled

    assert run(scenario) == ([0, 2], [1], 2, 2)
    assert builtins.next(ours) == builtins.next(theirs) == 4


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_starmap_spreads_each_item_as_arguments(run, callable_kind: str) -> None:
    items = [(1, 2), [3], "ab", (), range(2), (x for x in (7, 8))]
    expected = list(itertools.starmap(combine, [(1, 2), [3], "ab", (), range(2), (7, 8)]))
    got = run(lambda: collect(ait.starmap(callable_of(callable_kind, combine), items)))
    assert got == expected


def test_starmap_does_not_unpack_an_async_iterable_item(run) -> None:
    """``function(*item)`` is sync unpacking: an async iterable item is the stdlib's error."""
    item = make_source("async_generator", [1])
    theirs = exception_of(list, itertools.starmap(combine, [item]))
    ours = run(lambda: support.collect_until_error(ait.starmap(combine, [item])))
    assert ours[0] == []
    assert (type(ours[1]), str(ours[1])) == (type(theirs), str(theirs))


def test_stacked_native_layers_equal_the_stdlib_stack(run) -> None:
    """Each layer drives the one below through Rust; the result is the stdlib's."""
    items = [0, 1, 2, 3, 0, 4, 5, 6, 7, 8, 0, 9, 2]
    expected = list(
        itertools.starmap(
            lambda x: x * 10,
            itertools.compress(
                (
                    [x]
                    for x in itertools.takewhile(
                        lambda x: x != 9,
                        itertools.dropwhile(
                            lambda x: x < 2, itertools.filterfalse(lambda x: x == 4, items)
                        ),
                    )
                ),
                itertools.cycle([1, 0, 1]),
            ),
        )
    )

    async def scenario() -> Any:
        return await collect(
            ait.starmap(
                lambda x: x * 10,
                ait.compress(
                    a.map(
                        lambda x: [x],
                        ait.takewhile(
                            lambda x: x != 9,
                            ait.dropwhile(
                                lambda x: x < 2,
                                ait.filterfalse(
                                    lambda x: x == 4, make_source("async_generator", items)
                                ),
                            ),
                        ),
                    ),
                    itertools.cycle([1, 0, 1]),
                ),
            )
        )

    assert run(scenario) == expected


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ("dropwhile", "takewhile", "filterfalse", "starmap"))
@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_callable_propagates_unchanged(run, name, callable_kind) -> None:
    """The very exception object; the iterator is exhausted afterwards."""
    error = KeyError("boom")

    def function(x: int) -> bool:
        if x == 2:
            raise error
        return name != "filterfalse"  # 1 is dropped by dropwhile, given by the others

    items: list[Any] = [1, 2, 3]
    if name == "starmap":
        items = [(1,), (2,), (3,)]

    async def scenario() -> Any:
        iterator = getattr(ait, name)(callable_of(callable_kind, function), items)
        got, raised = await support.collect_until_error(iterator)
        return got, raised, await a.anext(iterator, "exhausted after the error")

    got, raised, after = run(scenario)
    assert raised is error
    assert after == "exhausted after the error"
    assert got == {"dropwhile": [], "takewhile": [1], "filterfalse": [1], "starmap": [True]}[name]


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("kind", RAISING_KINDS)
def test_an_exception_from_the_source_propagates_unchanged(run, name: str, kind: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        iterator = make_with_source(name, iterable_of(kind, [1, Fail(error), 3]))
        got, raised = await support.collect_until_error(iterator)
        return got, raised, await a.anext(iterator, "exhausted after the error")

    got, raised, after = run(scenario)
    assert got == [1]
    assert raised is error
    assert after == "exhausted after the error"


@pytest.mark.parametrize("name", ALL_NAMES)
def test_an_error_from_a_verdicts_truth_propagates_unchanged(run, name: str) -> None:
    error = KeyError("no truth")

    async def scenario() -> Any:
        if name == "compress":
            iterator = ait.compress([1, 2], [1, Truth(True, error)])
        elif name == "starmap":
            iterator = ait.starmap(lambda x: x, [(1,), (Truth(True, error),)])
            return await collect(iterator)
        else:
            iterator = getattr(ait, name)(lambda x: x, [Truth(name != "dropwhile", error)])
        return await support.collect_until_error(iterator)

    if name == "starmap":  # starmap gives results; it never asks their truth
        got = run(scenario)
        assert got[0] == 1 and isinstance(got[1], Truth) and got[1].asked == 0
        return
    got, raised = run(scenario)
    assert raised is error
    assert got == ([1] if name == "compress" else [])


@pytest.mark.parametrize("name", ("dropwhile", "takewhile", "filterfalse", "starmap"))
def test_a_stopiteration_from_the_callable_is_an_error_not_the_end(run, name: str) -> None:
    """The stdlib ends silently on it; an await cannot carry it: a RuntimeError (PEP 479)."""
    error = StopIteration("from the callable")

    def function(*args: Any) -> bool:
        if args[0] == 2:
            raise error
        return name != "filterfalse"

    items: list[Any] = [(1,), (2,), (3,)] if name == "starmap" else [1, 2, 3]
    got, raised = run(lambda: support.collect_until_error(getattr(ait, name)(function, items)))
    assert got == {"dropwhile": [], "takewhile": [1], "filterfalse": [1], "starmap": [True]}[name]
    support.assert_is_pep479_error(raised, error)


@pytest.mark.parametrize("name", PREDICATED)
def test_a_non_callable_predicate_is_the_stdlibs_type_error(run, name: str) -> None:
    theirs = exception_of(list, getattr(itertools, name)(1, [1]))

    async def scenario() -> Any:
        return (await support.collect_until_error(ours_of(name, 1, [1])))[1]

    ours = run(scenario)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


# --- closing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("suspends", [False, True])
def test_an_owned_source_is_closed_once_before_the_end(run, name: str, suspends: bool) -> None:
    source = TrackedSource([0, 1, 2], suspends=suspends)

    async def scenario() -> Any:
        iterator = make_with_source(name, source)
        got = await collect(iterator)
        at_stop = source.closed
        await iterator.aclose()
        return got, at_stop

    assert run(scenario) == ([0, 1, 2], 1)
    assert source.closed == 1


@pytest.mark.parametrize("name", ALL_NAMES)
def test_a_borrowed_source_is_not_closed(run, name: str) -> None:
    source = TrackedSource([0, 1, 2])

    async def scenario() -> Any:
        iterator = make_with_source(name, a.borrow(source))
        got = [await a.anext(iterator)]
        await iterator.aclose()
        return got, source.closed, await a.anext(source)

    assert run(scenario) == ([0], 0, 1)


def test_compress_closes_both_sources_when_either_ends(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        short_data = ait.compress(TrackedSource([1], log, "d1"), TrackedSource([1, 1], log, "s1"))
        short_selectors = ait.compress(
            TrackedSource([1, 2], log, "d2"), TrackedSource([1], log, "s2")
        )
        return await collect(short_data), await collect(short_selectors)

    assert run(scenario) == ([1], [1])
    assert log == [("closed", "d1"), ("closed", "s1"), ("closed", "d2"), ("closed", "s2")]


@pytest.mark.parametrize("name", ("dropwhile", "takewhile", "filterfalse", "starmap"))
@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_callable_closes_the_source_first(run, name, callable_kind) -> None:
    error = ValueError("bad")
    source = TrackedSource([(1,), (2,), (3,)] if name == "starmap" else [1, 2, 3])

    def function(*args: Any) -> Any:
        if args[0] == 2:
            raise error
        return name != "filterfalse"

    async def scenario() -> Any:
        iterator = getattr(ait, name)(callable_of(callable_kind, function), source)
        _, raised = await support.collect_until_error(iterator)
        return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


@pytest.mark.parametrize("name", ALL_NAMES)
def test_an_exception_from_the_source_closes_it_first(run, name: str) -> None:
    error = ValueError("bad")
    source = TrackedSource([1, Fail(error)], suspends=True)

    async def scenario() -> Any:
        _, raised = await support.collect_until_error(make_with_source(name, source))
        return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


@pytest.mark.parametrize("name", ALL_NAMES)
def test_aclose_closes_the_source_and_ends_the_iteration(run, name: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = make_with_source(name, logging_generator(range(5), log))
        first = await a.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()
        return first, list(log), await a.anext(iterator, "ended")

    assert run(scenario) == (0, [("finally", "source")], "ended")


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_while_the_source_is_suspended_closes_it(loop: str, name: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = make_with_source(name, support.forever_after([1], log))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (1, [("finally", "source")], "ended")


@pytest.mark.parametrize("name", ("dropwhile", "takewhile", "filterfalse", "starmap"))
@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_while_the_callable_is_suspended_closes_the_source(loop, name) -> None:
    log: list[Any] = []

    async def function(*args: Any) -> Any:
        try:
            await support.wait_forever()
        finally:
            log.append(("callable finally", args[0]))

    async def scenario() -> Any:
        source = logging_generator([(0,), (1,), (2,)] if name == "starmap" else range(5), log)
        iterator = getattr(ait, name)(function, source)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return list(log), await a.anext(iterator, "ended")

    got_log, after = support.run_in(loop, scenario)
    assert after == "ended"
    assert got_log == [("callable finally", 0), ("finally", "source")]


# --- misuse and the objects ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_NAMES)
def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error(name: str) -> None:
    async def scenario() -> Any:
        iterator = make_with_source(name, make_source("suspending_async_generator", [1, 2]))
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


def test_a_cycle_through_compress_selectors_is_collected() -> None:
    """(Through the source and the callable of each: test_objects.py.)"""

    class Holder:
        pass

    holder = Holder()
    holder.iterator = ait.compress([1], make_source("async_generator", [holder]))
    holder.step = holder.iterator.__anext__()
    alive = weakref.ref(holder)
    del holder
    gc.collect()
    assert alive() is None


# --- arguments -----------------------------------------------------------------------------------

ARGUMENT_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    ((None,), {}),
    ((None, [], []), {}),
    ((None, 1), {}),
    ((1, 2), {}),
    ((None, support.long_named_class()()), {}),
    ((None, []), {"foo": 1}),
    ((None,), {"iterable": []}),
    ((), {"predicate": None, "iterable": []}),
    ((), {"function": None, "iterable": []}),
    ((), {"data": [], "selectors": []}),
    (([],), {"selectors": []}),
    (([],), {"data": []}),
    (([],), {"foo": []}),
    (([], []), {"foo": []}),
    (([], [], []), {}),
    (([],), {"selectors": [], "foo": 1}),
    (([],), {"a": 1, "b": 2, "c": 3}),
    ((), {"data": [], "selectors": [], "foo": 1}),
    ((), {"selectors": []}),
    ((), {"foo": 1}),
]


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize(("args", "kwargs"), ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(name: str, args: tuple[Any, ...], kwargs) -> None:
    """Raised by the call itself, with the stdlib's type and message for this Python."""
    theirs = support.outcome(getattr(itertools, name), *args, **kwargs)
    ours = support.outcome(getattr(ait, name), *args, **kwargs)
    if isinstance(theirs, support.Returned):
        assert isinstance(ours, support.Returned)
    else:
        assert ours == theirs
