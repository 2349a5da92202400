"""``asyncitertools.heapq.merge``: the stdlib's ``heapq.merge`` over sync or async sources.

``merge(*iterables, key=None, reverse=False)`` gives the stdlib's items in the stdlib's order
(equal items in argument order, inconsistent orders such as NaN included), with the stdlib's
pulls and key calls in the stdlib's order: at the first ``__anext__`` each argument in turn is
made an iterator and its first item pulled and keyed; afterwards an item is given before the
next one of its source is pulled; the last source left passes through without key calls.
A key may be sync or async (an awaitable result is awaited).

Ownership: an async source is closed as soon as it is exhausted, before the merge goes on; the
others when the merge ends (error, ``aclose()``, cancellation). An argument the merge has not
started yet (it starts them one by one at the first step) is left untouched.
"""

from __future__ import annotations

import builtins
import gc
import heapq
import weakref
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import asyncitertools as a
from asyncitertools.heapq import merge

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
    suspend,
    sync_outcome,
)

NAN = float("nan")
KEY_KINDS = ("none", *CALLABLE_KINDS)


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def halve(x: Any) -> Any:
    """The key of the differential tests: fails on 99; maps pairs of ints to one key (ties)."""
    if x == 99:
        raise ArithmeticError("key failed")
    return x // 2 if isinstance(x, int) else x


def key_of(kind: str) -> Any:
    return None if kind == "none" else callable_of(kind, halve)


def oracle_key(kind: str) -> Any:
    return None if kind == "none" else halve


# --- results -----------------------------------------------------------------------------------

CASES: list[list[list[Any]]] = [
    [],
    [[]],
    [[1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25]],
    [[1, 1, 2], [1, 2, 2], [0, 1]],
    [["dog", "horse"], ["cat", "fish", "kangaroo"]],
]


@pytest.mark.parametrize("key_kind", KEY_KINDS)
@pytest.mark.parametrize("kind", ITERABLE_KINDS)
def test_items_equal_the_stdlib_merge(run, kind: str, key_kind: str) -> None:
    """Each case, forwards and reversed, for every kind of source and of key."""
    for lists in CASES:
        function = len if lists is CASES[-1] else halve
        key = None if key_kind == "none" else callable_of(key_kind, function)
        oracle = None if key_kind == "none" else function
        for reverse in (False, True):
            inputs = [sorted(items, key=oracle, reverse=reverse) for items in lists]

            async def scenario(inputs=inputs, key=key, reverse=reverse) -> Any:
                iterables = (iterable_of(kind, items) for items in inputs)
                return await collect(merge(*iterables, key=key, reverse=reverse))

            assert run(scenario) == list(heapq.merge(*inputs, key=oracle, reverse=reverse))


# Strategies are made once: hypothesis caches strategies, and ones made per example would grow
# its cache (the reference-leak run would see it).
PLAIN_ITEMS = st.lists(st.integers(-3, 4), max_size=5)
# Sometimes incomparable items ("a" against ints), NaN, an item whose key fails (99).
SPICY_ITEMS = st.lists(st.integers(-3, 4) | st.sampled_from((99, "a", NAN)), max_size=5)
LOOP = st.sampled_from(support.HYPOTHESIS_LOOPS)
KIND = st.sampled_from(ITERABLE_KINDS)
KEY_KIND = st.sampled_from(KEY_KINDS)
SMALL = st.integers(0, 5)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[str, list[tuple[str, list[Any]]], str, bool]:
    """A loop, sources of any kind (sorted or not, maybe failing), a key kind and reverse."""
    loop = draw(LOOP)
    lists = SPICY_ITEMS if draw(SMALL) == 0 else PLAIN_ITEMS
    reverse = draw(st.booleans())
    sources = []
    for _ in range(draw(SMALL) % 5):
        kind = draw(KIND)
        items = draw(lists)
        if draw(SMALL) > 1:
            try:
                items.sort(reverse=reverse)
            except TypeError:
                pass
        if kind != "list" and draw(SMALL) == 0:
            position = min(draw(SMALL), len(items))
            items.insert(position, Fail(LookupError("source failed")))
        sources.append((kind, items))
    return loop, sources, draw(KEY_KIND), reverse


@settings(max_examples=150, deadline=None)
@given(scenario=scenarios())
def test_any_sources_key_and_order_behave_as_the_stdlib_merge(scenario) -> None:
    """Items (ties, NaN, unsorted inputs), source errors, key errors (99) and comparison errors
    (str against int, message included) as the stdlib's merge, at the same point."""
    loop, sources, key_kind, reverse = scenario
    expected = sync_outcome(
        heapq.merge(
            *(oracle_iterable(kind, items) for kind, items in sources),
            key=oracle_key(key_kind),
            reverse=reverse,
        )
    )

    def run() -> Any:
        iterables = [iterable_of(kind, items) for kind, items in sources]
        return collect_outcome(merge(*iterables, key=key_of(key_kind), reverse=reverse))

    assert support.run_in(loop, run) == expected


LOGGED_KINDS = ("sync_generator", "async_generator", "suspending_async_generator", "native")


def logged_source(kind: str, index: int, items: list[Any], log: list[Any]) -> Any:
    """A source of the given kind that logs ``("pull", index, item)`` as it produces an item."""

    def sync() -> Any:
        for item in items:
            log.append(("pull", index, item))
            yield item

    async def asynchronous() -> Any:
        for item in items:
            if kind == "suspending_async_generator":
                await suspend()
            log.append(("pull", index, item))
            yield item

    if kind == "sync_generator":
        return sync()
    if kind == "native":
        return a.iter(asynchronous())
    return asynchronous()


@settings(max_examples=60, deadline=None)
@given(
    loop=st.sampled_from(support.HYPOTHESIS_LOOPS),
    sources=st.lists(
        st.tuples(
            st.sampled_from(LOGGED_KINDS),
            st.lists(st.integers(0, 6), max_size=4).map(sorted),
        ),
        max_size=4,
    ),
    key_kind=st.sampled_from(KEY_KINDS),
    reverse=st.booleans(),
)
def test_pulls_key_calls_and_items_interleave_as_in_the_stdlib(
    loop: str, sources, key_kind: str, reverse: bool
) -> None:
    """The side effects: which source is pulled when, each key call, each item given."""
    sources = [(kind, sorted(items, reverse=reverse)) for kind, items in sources]

    def logging_key(log: list[Any]) -> Any:
        def key(x: Any) -> Any:
            log.append(("key", x))
            return x // 2

        return key

    expected: list[Any] = []
    oracle = heapq.merge(
        *(
            logged_source("sync_generator", i, items, expected)
            for i, (_, items) in enumerate(sources)
        ),
        key=None if key_kind == "none" else logging_key(expected),
        reverse=reverse,
    )
    for item in oracle:
        expected.append(("got", item))

    async def scenario() -> list[Any]:
        log: list[Any] = []
        key = None if key_kind == "none" else callable_of(key_kind, logging_key(log))
        iterables = [logged_source(kind, i, items, log) for i, (kind, items) in enumerate(sources)]
        async for item in merge(*iterables, key=key, reverse=reverse):
            log.append(("got", item))
        return log

    assert support.run_in(loop, scenario) == expected


def test_equal_items_come_in_argument_order(run) -> None:
    """Stable, also reversed: of equal keys, the item of the earlier argument first."""
    first = [(1, "a"), (2, "a")]
    second = [(1, "b"), (2, "b")]
    third = [(0, "c"), (1, "c")]

    def key(pair: tuple[int, str]) -> int:
        return pair[0]

    async def scenario() -> Any:
        forward = await collect(
            merge(first, make_source("async_generator", second), third, key=key)
        )
        backward = await collect(
            merge(
                first[::-1],
                second[::-1],
                make_source("suspending_anext", third[::-1]),
                key=key,
                reverse=True,
            )
        )
        return forward, backward

    forward, backward = run(scenario)
    assert forward == list(heapq.merge(first, second, third, key=key))
    assert [tag for _, tag in forward] == ["c", "a", "b", "c", "a", "b"]
    assert backward == list(
        heapq.merge(first[::-1], second[::-1], third[::-1], key=key, reverse=True)
    )
    assert [tag for _, tag in backward] == ["a", "b", "a", "b", "c", "c"]


def test_items_are_the_same_objects(run) -> None:
    class Item:
        def __init__(self, rank: int) -> None:
            self.rank = rank

        def __lt__(self, other: Item) -> bool:
            return self.rank < other.rank

    items = [Item(0), Item(1), Item(2)]
    got = run(
        lambda: collect(merge([items[1]], make_source("async_generator", [items[0], items[2]])))
    )
    assert builtins.len(got) == 3
    assert all(x is y for x, y in builtins.zip(got, items, strict=True))


def test_many_sources(run) -> None:
    """More sources than _heapq's cache-friendly heapify threshold (2500): the same heap."""
    lists = [[(i * 7919) % 3001, 3001 + (i * 13) % 17] for i in range(3000)]
    expected = list(heapq.merge(*lists))
    assert run(lambda: collect(merge(*lists))) == expected
    assert run(lambda: collect(merge(*lists, key=lambda x: -x, reverse=True))) == list(
        heapq.merge(*lists, key=lambda x: -x, reverse=True)
    )


def test_a_merge_of_merges(run) -> None:
    """A native layer over native layers (driven through Rust)."""
    got = run(
        lambda: collect(merge(merge([1, 4], [2]), a.iter(make_source("async_generator", [0, 3]))))
    )
    assert got == [0, 1, 2, 3, 4]


def test_merge_of_nothing_is_empty(run) -> None:
    assert run(lambda: collect(merge())) == []
    assert run(lambda: collect(merge([], make_source("async_generator", []), key=len))) == []


@pytest.mark.parametrize("key_kind", CALLABLE_KINDS)
def test_the_key_is_called_once_per_item_until_one_source_is_left(run, key_kind: str) -> None:
    lists = [[1, 5, 6, 7], [2, 3]]
    expected: list[Any] = []
    list(heapq.merge(*lists, key=lambda x: expected.append(x) or x))
    calls: list[Any] = []
    key = callable_of(key_kind, lambda x: calls.append(x) or x)
    assert run(lambda: collect(merge(*lists, key=key))) == [1, 2, 3, 5, 6, 7]
    assert calls == expected == [1, 2, 5, 3]


def test_a_key_result_is_awaited_once(run) -> None:
    """An ``async def`` key returning an awaitable object: that object is the key (awaited
    again, it would give keys that put the items the other way round)."""

    class Ranked:
        def __init__(self, rank: int, awaited: int) -> None:
            self.rank = rank
            self.awaited = awaited

        def __lt__(self, other: Ranked) -> bool:
            return self.rank < other.rank

        def __await__(self) -> Any:
            return self.awaited
            yield  # pragma: no cover - makes this a generator function

    async def key(x: int) -> Ranked:
        return Ranked(x, -x)

    assert run(lambda: collect(merge([1], [2], key=key))) == [1, 2]
    assert run(lambda: collect(merge([1], [2], key=lambda x: key(x)))) == [1, 2]


# --- when things happen ----------------------------------------------------------------------


def test_nothing_is_touched_before_the_first_anext() -> None:
    touched: list[Any] = []

    class Iterable:
        def __aiter__(self) -> Any:
            touched.append("aiter")
            return make_source("async_generator", [1])

    class Reverse:
        def __bool__(self) -> bool:
            touched.append("bool")
            return False

    merge(Iterable(), TrackedSource([1]), key=touched.append, reverse=Reverse())
    assert touched == []


def test_reverse_is_read_at_the_first_anext_as_in_the_stdlib(run) -> None:
    class Reverse:
        def __bool__(self) -> bool:
            raise ZeroDivisionError("no truth")

    source = TrackedSource([1])
    stdlib = heapq.merge([1], reverse=Reverse())
    theirs = exception_of(next, stdlib)

    async def scenario() -> Any:
        iterator = merge(source, reverse=Reverse())
        try:
            await a.anext(iterator)
        except ZeroDivisionError as raised:
            return str(raised), source.pulled, await a.anext(iterator, "ended")

    assert run(scenario) == (str(theirs), 0, "ended")


@pytest.mark.parametrize("kind", ["async_generator", "suspending_anext", "sync_generator"])
def test_a_non_iterable_argument_fails_at_its_turn_after_earlier_ones_started(run, kind) -> None:
    """The stdlib's TypeError at the first next(), after the earlier arguments' first items;
    the started async source is closed first, then the later one it was given (owned, as
    zip's), which is never pulled."""
    theirs = exception_of(next, heapq.merge([1], 5, [2]))
    log: list[Any] = []
    first = TrackedSource([1, 2], log, "first")
    later = TrackedSource([3], log, "later")

    async def scenario() -> Any:
        try:
            await collect(merge(first, iterable_of(kind, [0]), 5, later))
        except TypeError as raised:
            return str(raised), first.pulled, list(log), later.pulled

    assert run(scenario) == (str(theirs), 1, [("closed", "first"), ("closed", "later")], 0)


def test_a_non_callable_key_fails_at_the_first_item_with_the_stdlibs_message(run) -> None:
    theirs = exception_of(next, heapq.merge([1], [2], key=1))

    async def scenario() -> Any:
        try:
            await collect(merge([1], [2], key=1))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)


def test_an_item_is_given_before_its_source_is_pulled_again(run) -> None:
    first = TrackedSource([1, 3])
    second = TrackedSource([2])

    async def scenario() -> Any:
        iterator = merge(first, second)
        seen = []
        for _ in range(3):
            item = await a.anext(iterator)
            seen.append((item, first.pulled, second.pulled))
        return seen

    # After 1 is given, first is pulled (3) only at the next step; 2 is then the top.
    assert run(scenario) == [(1, 1, 1), (2, 2, 1), (3, 2, 1)]


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [k for k in ITERABLE_KINDS if k != "list"])
def test_an_exception_from_a_source_propagates_unchanged(run, kind: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        iterator = merge([0, 5], iterable_of(kind, [1, Fail(error)]))
        got: list[Any] = [await a.anext(iterator), await a.anext(iterator)]
        try:
            await a.anext(iterator)
        except KeyError as raised:
            got.append(raised)
        got.append(await a.anext(iterator, "exhausted after the error"))
        return got

    got = run(scenario)
    assert got == [0, 1, error, "exhausted after the error"]
    assert got[2] is error


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
@pytest.mark.parametrize("at_start", [True, False])
def test_an_exception_from_the_key_closes_the_sources_first(run, callable_kind, at_start) -> None:
    log: list[Any] = []
    error = ValueError("bad key")
    bad = 1 if at_start else 4

    def key(x: int) -> int:
        if x == bad:
            raise error
        return x

    first = TrackedSource([0, 4], log, "first", suspends=True)
    second = TrackedSource([1, 5], log, "second")

    async def scenario() -> Any:
        try:
            await collect(merge(first, second, key=callable_of(callable_kind, key)))
        except ValueError as raised:
            return raised, list(log)

    raised, closed = run(scenario)
    assert raised is error
    assert sorted(closed) == [("closed", "first"), ("closed", "second")]


def test_a_comparison_error_propagates_and_closes_the_sources(run) -> None:
    log: list[Any] = []
    theirs = exception_of(list, heapq.merge([1], ["a"]))

    async def scenario() -> Any:
        try:
            await collect(merge(TrackedSource([1], log, "one"), TrackedSource(["a"], log, "two")))
        except TypeError as raised:
            return str(raised), list(log)

    assert run(scenario) == (str(theirs), [("closed", "one"), ("closed", "two")])


def test_a_stopiteration_from_the_key_is_an_error_not_the_end(run) -> None:
    """The stdlib silently drops the source (and the item) when its key raises StopIteration;
    an await cannot carry it: a RuntimeError (PEP 479) caused by it, as the contract says."""
    error = StopIteration("from the key")

    def key(x: int) -> int:
        if x == 2:
            raise error
        return x

    got, raised = run(lambda: support.collect_until_error(merge([1, 2], [3], key=key)))
    assert got == [1]
    support.assert_is_pep479_error(raised, error)


# --- closing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suspends", [False, True])
def test_a_source_is_closed_once_as_soon_as_it_is_exhausted(run, suspends: bool) -> None:
    log: list[Any] = []
    short = TrackedSource([1], log, "short", suspends=suspends)
    empty = TrackedSource([], log, "empty", suspends=suspends)
    long = TrackedSource([2, 3, 4], log, "long", suspends=suspends)

    async def scenario() -> Any:
        iterator = merge(short, empty, long)
        seen = [(await a.anext(iterator), list(log))]  # empty closed while starting
        seen.append((await a.anext(iterator), list(log)))  # short closed before 2 is given
        rest = await collect(iterator)
        at_stop = list(log)
        await iterator.aclose()
        return seen, rest, at_stop

    seen, rest, at_stop = run(scenario)
    assert seen == [
        (1, [("closed", "empty")]),
        (2, [("closed", "empty"), ("closed", "short")]),
    ]
    assert rest == [3, 4]
    assert at_stop == [("closed", "empty"), ("closed", "short"), ("closed", "long")]
    assert (short.closed, empty.closed, long.closed) == (1, 1, 1)


def test_aclose_closes_the_started_sources_once_and_ends_the_iteration(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = merge(logging_generator([1, 3], log, "a"), logging_generator([2], log, "b"))
        first = await a.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()
        return first, list(log), await a.anext(iterator, "ended")

    assert run(scenario) == (1, [("finally", "a"), ("finally", "b")], "ended")


def test_aclose_before_the_first_anext_closes_the_async_iterators_given(run) -> None:
    """Nothing is pulled, but what it was given it owns, as zip and chain: closed."""
    log: list[Any] = []
    source = TrackedSource([1], log, "a")

    async def scenario() -> Any:
        iterator = merge(source, [2], TrackedSource([3], log, "b"))
        await iterator.aclose()
        return await a.anext(iterator, "ended")

    assert run(scenario) == "ended"
    assert source.pulled == 0 and log == [("closed", "a"), ("closed", "b")]


def test_an_error_while_starting_closes_the_sources_not_started_too(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        given = [TrackedSource([1], log, "a"), 1, TrackedSource([3], log, "b")]
        return await support.collect_until_error(merge(*given))

    got, raised = run(scenario)
    assert got == [] and isinstance(raised, TypeError)
    assert log == [("closed", "a"), ("closed", "b")]


def test_borrowed_and_sync_sources_are_not_closed(run) -> None:
    source = TrackedSource([1, 4])
    generator = (x for x in [2, 3, 5])

    async def scenario() -> Any:
        iterator = merge(a.borrow(source), generator)
        got = [await a.anext(iterator), await a.anext(iterator)]
        await iterator.aclose()
        return got

    assert run(scenario) == [1, 2]
    assert source.closed == 0
    assert builtins.next(generator) == 3  # given 2, not pulled again before the next step


def test_a_failing_aclose_replaces_the_outcome(run) -> None:
    close_error = OSError("close failed")
    error = KeyError("source failed")
    closing = TrackedSource([0, 9], name="closing", close_error=close_error)

    async def scenario() -> Any:
        try:
            await collect(merge(closing, make_source("async_generator", [1, Fail(error)])))
        except OSError as raised:
            return raised, raised.__context__

    raised, context = run(scenario)
    assert raised is close_error
    assert context is error


def test_a_failing_aclose_of_an_exhausted_source_ends_the_merge(run) -> None:
    close_error = OSError("close failed")
    log: list[Any] = []
    other = TrackedSource([2, 3], log, "other")

    async def scenario() -> Any:
        got = []
        try:
            async for item in merge(TrackedSource([1], name="bad", close_error=close_error), other):
                got.append(item)
        except OSError as raised:
            return got, raised, list(log)

    got, raised, closed = run(scenario)
    assert (got, raised, closed) == ([1], close_error, [("closed", "other")])


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_a_source_is_suspended_closes_every_source(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = merge(
            support.forever_after([1], log, "blocking"), logging_generator([2, 3], log, "other")
        )
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, sorted(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (
        1,
        [("finally", "blocking"), ("finally", "other")],
        "ended",
    )


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_while_the_key_is_suspended_closes_every_source(loop: str) -> None:
    log: list[Any] = []

    async def key(x: int) -> int:
        if x == 3:
            await support.wait_forever()
        return x

    async def scenario() -> Any:
        iterator = merge(
            logging_generator([1, 3], log, "a"), logging_generator([2], log, "b"), key=key
        )
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, sorted(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (1, [("finally", "a"), ("finally", "b")], "ended")


# --- misuse and the object -------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def scenario() -> Any:
        iterator = merge(make_source("suspending_async_generator", [1, 2]), [0])
        first = iterator.__anext__()
        first.send(None)  # suspended inside the source
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


@pytest.mark.parametrize("through", ["head", "last"])
def test_a_cycle_through_the_iterator_is_collected(through: str) -> None:
    """Started: through an item held in the heap, or as the last source's head. (Through the
    arguments and the key: test_objects.py.)"""

    class Holder:
        pass

    async def step(iterator: Any) -> None:
        await a.anext(iterator)

    holder = Holder()
    if through == "head":
        holder.iterator = merge([0], [holder, holder], key=id)
    else:
        holder.iterator = merge([holder, holder], key=id)
    coroutine = step(holder.iterator)
    with pytest.raises(StopIteration):
        coroutine.send(None)
    holder.step = holder.iterator.__anext__()
    alive = weakref.ref(holder)
    del holder
    gc.collect()
    assert alive() is None


# --- arguments -------------------------------------------------------------------------------

ARGUMENT_CASES: list[dict[str, Any]] = [
    {"foo": 1},
    {"key": None, "reversed": True},
    {"iterables": [1]},
]


@pytest.mark.parametrize("kwargs", ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(kwargs: dict[str, Any]) -> None:
    """Raised by the call itself, with the stdlib's type and message."""
    theirs = exception_of(heapq.merge, [1], **kwargs)
    ours = exception_of(merge, [1], **kwargs)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


def test_key_and_reverse_are_keyword_only_as_in_the_stdlib(run) -> None:
    """Positional arguments are all iterables: ``merge([1], None)`` fails at None's turn."""
    theirs = exception_of(next, heapq.merge([1], None))

    async def scenario() -> Any:
        try:
            await collect(merge([1], None))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)
    assert run(lambda: collect(merge([3], [1], key=None, reverse=0))) == [1, 3]


ANY_NAME = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=12)
BASE_NAME = st.sampled_from(["key", "reverse"])
EDIT = st.sampled_from(["insert", "delete", "replace", "case"])
LETTER = st.sampled_from("aekrsvyKERV_é")
POSITION = st.integers(0, 7)


@st.composite
def keyword_names(draw: st.DrawFn) -> str:
    """Names near ``key`` and ``reverse`` (a few edits, case flips) or anything."""
    if draw(st.booleans()):
        return draw(ANY_NAME)
    name = list(draw(BASE_NAME))
    for _ in range(1 + draw(POSITION) % 3):
        position = min(draw(POSITION), len(name))
        edit = draw(EDIT)
        letter = draw(LETTER)
        if edit == "insert" or not name:
            name.insert(position, letter)
        elif edit == "delete":
            del name[min(position, len(name) - 1)]
        elif edit == "replace":
            name[min(position, len(name) - 1)] = letter
        else:
            index = min(position, len(name) - 1)
            name[index] = name[index].swapcase()
    return "".join(name)


@settings(max_examples=150, deadline=None)
@given(name=keyword_names())
def test_an_unexpected_keyword_is_the_stdlibs_error_with_its_suggestion(name: str) -> None:
    """3.13+ suggests the closest keyword ("Did you mean 'reverse'?") as the interpreter does."""
    assume(name not in ("key", "reverse"))
    theirs = exception_of(heapq.merge, [1], **{name: 1})
    ours = exception_of(merge, [1], **{name: 1})
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))
