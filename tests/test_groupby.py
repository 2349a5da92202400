"""``asyncitertools.itertools.groupby``: the stdlib's ``itertools.groupby``, with lazy groups.

``groupby(iterable, key=None)`` yields ``(key, group)`` for each run of consecutive items with
equal keys (compared with ``==``); ``key`` may be sync or async (an awaitable result is
awaited), ``None`` for the item itself. ``group`` is a native async iterator that pulls through
the groupby: advancing the groupby skips the rest of the group and invalidates it (it yields
nothing more). The groupby owns the source and closes it; a group's ``aclose()`` ends only that
group. While a group's step is in flight the groupby's own ``__anext__``/``aclose()`` raise
the already-running ``RuntimeError``. Any error (from the source, the key or ``==``), wherever
it happens, closes the source and ends the groupby and its groups.
"""

from __future__ import annotations

import functools
import gc
import itertools
import tracemalloc
import weakref
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
    Raised,
    TrackedSource,
    callable_of,
    collect,
    exception_of,
    iterable_of,
    logging_generator,
)

KEY_KINDS = ("None", *CALLABLE_KINDS)
RAISING_KINDS = tuple(kind for kind in ITERABLE_KINDS if kind != "list")  # a list cannot raise
END = "end of group"  # what a trace records when a group stops


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def halve(x: Any) -> Any:
    """The key of the differential tests: fails on "!", pairs up integers."""
    if x == "!":
        raise ArithmeticError("key failed")
    return x // 2 if isinstance(x, int) else x


def key_of(kind: str) -> Any:
    return None if kind == "None" else callable_of(kind, halve)


def oracle_key(kind: str) -> Any:
    return None if kind == "None" else halve


# --- traces: the same consumption plan driven through the stdlib and through ours ------------


def sync_trace(groups: Any, plan: list[int], poke_old: bool) -> list[Any]:
    """Drive the stdlib's groupby: for the i-th group take ``plan[i]`` items (-1: all), then
    look into the previous (now invalidated) group if ``poke_old``. Ends at the first error."""
    trace: list[Any] = []
    old = None
    try:
        for index, (key, group) in enumerate(groups):
            wanted = plan[index % len(plan)] if plan else -1
            taken: list[Any] = []
            while wanted < 0 or len(taken) < wanted:
                try:
                    taken.append(next(group))
                except StopIteration:
                    taken.append(END)
                    break
            trace.append((key, taken))
            if poke_old and old is not None:
                trace.append(("old", list(old)))
            old = group
    except Exception as exc:
        trace.append(Raised.of(exc))
    return trace


async def async_trace(groups: Any, plan: list[int], poke_old: bool) -> list[Any]:
    """:func:`sync_trace` for ours."""
    trace: list[Any] = []
    old = None
    try:
        index = 0
        async for key, group in groups:
            wanted = plan[index % len(plan)] if plan else -1
            taken: list[Any] = []
            while wanted < 0 or len(taken) < wanted:
                try:
                    taken.append(await a.anext(group))
                except StopAsyncIteration:
                    taken.append(END)
                    break
            trace.append((key, taken))
            if poke_old and old is not None:
                trace.append(("old", await collect(old)))
            old = group
            index += 1
    except Exception as exc:
        trace.append(Raised.of(exc))
    return trace


def stdlib_groups(items: list[Any]) -> list[tuple[Any, list[Any]]]:
    return [(key, list(group)) for key, group in itertools.groupby(items)]


async def our_groups(groupby: Any) -> list[tuple[Any, list[Any]]]:
    return [(key, await collect(group)) async for key, group in groupby]


# --- results -----------------------------------------------------------------------------------

CASES = [[], [1], [0, 1, 2, 3, 3, 3, 8, 4, 5], list("aaabccdaa")]


@pytest.mark.parametrize("key_kind", KEY_KINDS)
@pytest.mark.parametrize("kind", ITERABLE_KINDS)
@pytest.mark.parametrize("items", CASES, ids=repr)
def test_groups_equal_the_stdlib_groupby(run, kind: str, key_kind: str, items) -> None:
    """Every group consumed in full: the stdlib's keys and groups, for every kind of both."""
    got = run(lambda: our_groups(ai.groupby(iterable_of(kind, items), key_of(key_kind))))
    expected = [(k, list(g)) for k, g in itertools.groupby(items, oracle_key(key_kind))]
    assert got == expected


ITEMS = st.lists(st.integers(0, 5) | st.just("!"), max_size=12)


@settings(max_examples=120, deadline=None)
@given(
    loop=st.sampled_from(support.HYPOTHESIS_LOOPS),
    items=ITEMS,
    kind=st.sampled_from(ITERABLE_KINDS),
    key_kind=st.sampled_from(KEY_KINDS),
    plan=st.lists(st.integers(-1, 3), max_size=4),
    poke_old=st.booleans(),
    failure=st.none() | st.integers(0, 12),
)
def test_any_data_and_consumption_behaves_as_the_stdlib(
    loop, items, kind, key_kind, plan, poke_old, failure
) -> None:
    """Keys, group items, skipped and invalidated groups, key errors ("!") and source errors
    as the stdlib's, whatever is taken from each group, up to the first error."""
    items = list(items)
    if failure is not None:
        items.insert(min(failure, len(items)), Fail(LookupError("source failed")))
    groups = itertools.groupby(oracle_iterable(kind, items), oracle_key(key_kind))
    expected = sync_trace(groups, plan, poke_old)

    def scenario() -> Any:
        groupby = ai.groupby(iterable_of(kind, items), key_of(key_kind))
        return async_trace(groupby, plan, poke_old)

    assert support.run_in(loop, scenario) == expected


def test_keyword_arguments_are_accepted_as_by_the_stdlib(run) -> None:
    items = [1, 2, 3, 4]
    got = run(lambda: our_groups(ai.groupby(key=halve, iterable=items)))
    assert got == [(k, list(g)) for k, g in itertools.groupby(key=halve, iterable=items)]
    assert run(lambda: our_groups(ai.groupby(items, key=None))) == stdlib_groups(items)


def test_items_and_keys_are_the_same_objects(run) -> None:
    items = [object(), object()]
    [(key, group)] = run(lambda: our_groups(ai.groupby(items, key=lambda x: "k")))
    assert group[0] is items[0] and group[1] is items[1]
    pairs = run(lambda: our_groups(ai.groupby(items)))
    assert [key for key, _ in pairs] == items
    assert pairs[0][0] is items[0] and pairs[1][1][0] is items[1]


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_the_key_gets_each_item_once_in_order(run, callable_kind: str) -> None:
    """Even when groups are skipped: the stdlib computes every item's key once too."""
    calls: list[Any] = []

    def record(x: Any) -> Any:
        calls.append(x)
        return x // 3

    async def scenario() -> Any:
        return [key async for key, _ in ai.groupby(range(10), callable_of(callable_kind, record))]

    assert run(scenario) == [0, 1, 2, 3]
    assert calls == list(range(10))


def test_an_awaitable_key_result_is_awaited_once(run) -> None:
    """An ``async def`` key returning an awaitable object: that object is the key."""
    marker = support.Deferred(lambda: "never awaited", ())

    async def key(x: Any) -> Any:
        return marker

    got = run(lambda: our_groups(ai.groupby([1, 2], key)))
    assert got == [(marker, [1, 2])]


class Key:
    """A key whose ``==`` is logged (to compare how often the stdlib and ours compare)."""

    def __init__(self, value: Any, log: list[Any], error: BaseException | None = None) -> None:
        self.value = value
        self.log = log
        self.error = error

    def __eq__(self, other: object) -> bool:
        self.log.append((self.value, getattr(other, "value", other)))
        if self.error is not None and getattr(other, "error", None) is not None:
            raise self.error
        return isinstance(other, Key) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


@pytest.mark.parametrize("plan", [[-1], [0], [1], [2, 0, 1]], ids=repr)
def test_keys_are_compared_with_eq_as_often_and_in_the_order_of_the_stdlib(run, plan) -> None:
    values = [0, 0, 1, 1, 1, 2, 0, 0]
    theirs: list[Any] = []
    sync_trace(itertools.groupby(values, key=lambda v: Key(v, theirs)), plan, True)
    ours: list[Any] = []
    run(lambda: async_trace(ai.groupby(values, key=lambda v: Key(v, ours)), plan, True))
    assert ours == theirs
    assert theirs  # the comparison is non-trivial


def test_identical_keys_are_equal_even_if_eq_says_not(run) -> None:
    """``==`` as PyObject_RichCompareBool: identity first (a NaN groups with itself)."""
    nan = float("nan")
    items = [nan, nan, float("nan")]
    got = run(lambda: our_groups(ai.groupby(items)))
    assert [len(group) for _, group in got] == [2, 1]
    assert [len(group) for _, group in got] == [len(g) for _, g in stdlib_groups(items)]


@pytest.mark.parametrize("where", ["groupby", "group"])
def test_an_error_from_eq_propagates_closes_the_source_and_ends(run, where: str) -> None:
    error = KeyError("eq failed")
    log: list[Any] = []
    keys = [Key(0, log, error), Key(0, log, error)]
    source = TrackedSource([0, 1])

    async def scenario() -> Any:
        groupby = ai.groupby(source, key=lambda i: keys[i])
        _, group = await a.anext(groupby)
        try:
            if where == "group":
                await a.anext(group)  # the group's own key: equal by identity
                await a.anext(group)  # the second item's key is compared
            else:
                await a.anext(groupby)
        except KeyError as raised:
            caught = raised
        return caught, source.closed, await a.anext(groupby, "ended"), await collect(group)

    caught, closed, after, rest = run(scenario)
    assert caught is error
    assert (closed, after, rest) == (1, "ended", [])


# --- laziness and invalidation -----------------------------------------------------------------


def test_advancing_skips_the_rest_of_the_group_and_invalidates_it(run) -> None:
    async def scenario() -> Any:
        groupby = ai.groupby("aaabbc")
        _, first = await a.anext(groupby)
        head = await a.anext(first)
        key, second = await a.anext(groupby)
        return head, key, await collect(first), await collect(second), await collect(first)

    assert run(scenario) == ("a", "b", [], ["b", "b"], [])


def test_a_group_consumed_in_full_then_the_next_ones_continue(run) -> None:
    source = TrackedSource([1, 1, 2, 3, 3])

    async def scenario() -> Any:
        groupby = ai.groupby(source)
        got = []
        async for key, group in groupby:
            got.append((key, await collect(group), await collect(group), source.pulled))
        return got

    # The group's end is seen by pulling the next group's first item (kept for the groupby).
    assert run(scenario) == [(1, [1, 1], [], 3), (2, [2], [], 4), (3, [3, 3], [], 5)]


def test_nothing_is_pulled_before_the_first_anext_and_groups_pull_lazily(run) -> None:
    source = TrackedSource([1, 1, 1, 2])

    async def scenario() -> Any:
        groupby = ai.groupby(source)
        before = source.pulled
        _, group = await a.anext(groupby)
        after_first = source.pulled
        await a.anext(group)
        await a.anext(group)
        return before, after_first, source.pulled

    assert run(scenario) == (0, 1, 2)


def test_a_group_held_while_the_groupby_is_done_yields_nothing(run) -> None:
    async def scenario() -> Any:
        groupby = ai.groupby([1, 1, 2])
        pairs = [pair async for pair in groupby]
        return [await collect(group) for _, group in pairs]

    assert run(scenario) == [[], []]


def test_many_items_in_one_skipped_group_are_skipped_in_one_step(run) -> None:
    """A long skipped group is skipped in a loop, without recursion."""
    items = [0] * 20_000 + [1]
    keys = run(lambda: a.list(a.map(lambda pair: pair[0], ai.groupby(items))))
    assert keys == [0, 1]


def test_a_group_is_a_native_source_for_other_functions(run) -> None:
    async def scenario() -> Any:
        return [(key, await a.list(group)) async for key, group in ai.groupby(a.iter("aab"))]

    assert run(scenario) == [("a", ["a", "a"]), ("b", ["b"])]


def test_memory_stays_constant_over_many_items_and_groups(run) -> None:
    """Nothing accumulates: neither items, nor groups, nor anything a group refers to."""

    async def scenario() -> Any:
        async def consume(count: int) -> None:
            async for _, group in ai.groupby(range(count), key=lambda x: x // 3):
                await a.anext(group)

        await consume(2_000)  # warm free lists and caches
        tracemalloc.start()
        try:
            await consume(100_000)
            return tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    current, peak = run(scenario)
    assert current < 50_000 and peak < 200_000, (current, peak)


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["groupby", "group"])
@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_key_propagates_unchanged_and_ends(run, callable_kind, where):
    error = KeyError("boom")

    def key(x: int) -> int:
        if x == 3:
            raise error
        return x // 2

    source = TrackedSource([0, 1, 2, 3, 4])

    async def scenario() -> Any:
        groupby = ai.groupby(source, callable_of(callable_kind, key))
        await a.anext(groupby)
        _, group = await a.anext(groupby)
        try:
            if where == "group":
                await collect(group)
            else:
                await a.anext(groupby)
        except KeyError as raised:
            caught = raised
        return caught, source.closed, await a.anext(groupby, "ended"), await collect(group)

    caught, closed, after, rest = run(scenario)
    assert caught is error
    assert (closed, after, rest) == (1, "ended", [])


@pytest.mark.parametrize("where", ["groupby", "group"])
@pytest.mark.parametrize("kind", RAISING_KINDS)
def test_an_exception_from_the_source_propagates_unchanged(run, kind: str, where: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        groupby = ai.groupby(iterable_of(kind, [1, 1, Fail(error), 3]))
        _, group = await a.anext(groupby)
        try:
            if where == "group":
                await collect(group)
            else:
                await a.anext(groupby)
        except KeyError as raised:
            caught = raised
        return caught, await a.anext(groupby, "ended"), await collect(group)

    caught, after, rest = run(scenario)
    assert caught is error
    assert (after, rest) == ("ended", [])


def test_a_stopiteration_from_a_sync_key_is_an_error_not_the_end(run) -> None:
    error = StopIteration("from the key")

    def key(x: int) -> int:
        if x == 2:
            raise error
        return x

    got, raised = run(lambda: support.collect_until_error(ai.groupby([1, 2, 3], key)))
    assert [k for k, _ in got] == [1]
    support.assert_is_pep479_error(raised, error)


def test_a_non_callable_key_is_the_stdlibs_type_error_at_the_first_item(run) -> None:
    theirs = exception_of(list, itertools.groupby([1], 1))

    async def scenario() -> Any:
        groupby = ai.groupby([1], 1)  # no error yet, as in the stdlib
        try:
            await a.anext(groupby)
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)


# --- closing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("end_in", ["groupby", "group"])
@pytest.mark.parametrize("suspends", [False, True])
def test_the_source_is_closed_once_at_exhaustion(run, suspends: bool, end_in: str) -> None:
    """Whether the groupby or a group sees the end, the source is closed before the stop."""
    source = TrackedSource([0, 0, 1], suspends=suspends)

    async def scenario() -> Any:
        groupby = ai.groupby(source)
        await a.anext(groupby)
        _, group = await a.anext(groupby)
        if end_in == "group":
            got = await collect(group)
        else:
            got = await collect(groupby)
        at_stop = source.closed
        await groupby.aclose()
        await group.aclose()
        return got, at_stop, await a.anext(groupby, "ended")

    expected = [1] if end_in == "group" else []
    assert run(scenario) == (expected, 1, "ended")
    assert source.closed == 1


def test_aclose_closes_the_source_and_ends_the_groupby_and_its_group(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        groupby = ai.groupby(logging_generator([1, 1, 2], log))
        _, group = await a.anext(groupby)
        await groupby.aclose()
        await groupby.aclose()
        return list(log), await a.anext(groupby, "ended"), await collect(group)

    assert run(scenario) == ([("finally", "source")], "ended", [])


def test_a_groups_aclose_ends_only_that_group(run) -> None:
    source = TrackedSource([1, 1, 1, 2, 2])

    async def scenario() -> Any:
        groupby = ai.groupby(source)
        _, group = await a.anext(groupby)
        first = await a.anext(group)
        await group.aclose()
        await group.aclose()
        after = await collect(group), source.closed
        rest = await our_groups(groupby)
        return first, after, rest

    assert run(scenario) == (1, ([], 0), [(2, [2, 2])])
    assert source.closed == 1


def test_a_borrowed_source_is_not_closed(run) -> None:
    source = TrackedSource([1, 1, 2, Fail(ValueError("bad"))])

    async def scenario() -> Any:
        groupby = ai.groupby(a.borrow(source))
        _, group = await a.anext(groupby)
        await a.anext(group)
        await groupby.aclose()
        return source.closed, await a.anext(source)

    assert run(scenario) == (0, 1)


def test_a_sync_source_is_not_closed(run) -> None:
    generator = (x for x in [1, 1, 2, 3])

    async def scenario() -> Any:
        groupby = ai.groupby(generator)
        await a.anext(groupby)
        await groupby.aclose()

    run(scenario)
    assert next(generator) == 1  # the one item pulled was the first


@pytest.mark.parametrize("in_group", [False, True])
@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_the_source_is_suspended_closes_it(loop: str, in_group: bool) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        groupby = ai.groupby(support.forever_after([1], log))
        _, group = await a.anext(groupby)
        await a.anext(group)
        target = group if in_group else groupby
        await support.cancel_while_suspended(lambda: a.anext(target))
        return list(log), await a.anext(groupby, "ended"), await collect(group)

    assert support.run_in(loop, scenario) == ([("finally", "source")], "ended", [])


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_while_the_key_is_suspended_closes_the_source(loop: str) -> None:
    log: list[Any] = []

    async def key(x: int) -> int:
        if x == 1:
            await support.wait_forever()
        return x

    async def scenario() -> Any:
        groupby = ai.groupby(logging_generator(range(5), log), key)
        await a.anext(groupby)
        await support.cancel_while_suspended(lambda: a.anext(groupby))
        return list(log), await a.anext(groupby, "ended")

    assert support.run_in(loop, scenario) == ([("finally", "source")], "ended")


# --- misuse and the objects --------------------------------------------------------------------

ALREADY_RUNNING = "anext(): asynchronous iterator is already running"


def test_while_a_groups_step_is_in_flight_the_groupby_is_already_running() -> None:
    """The groupby's anext and aclose raise RuntimeError and change nothing; once the group's
    step is done, everything continues where it was."""
    source = TrackedSource([1, 1, 1, 2], suspends=True)

    async def scenario() -> Any:
        groupby = ai.groupby(source)
        _, group = await a.anext(groupby)
        first = await a.anext(group)  # the item the groupby pulled
        step = group.__anext__()
        step.send(None)  # suspended inside the source
        with pytest.raises(RuntimeError) as anext_error:
            await groupby.__anext__()
        with pytest.raises(RuntimeError) as aclose_error:
            await groupby.aclose()
        with pytest.raises(RuntimeError) as second_step:
            await group.__anext__()
        try:
            while True:
                step.send(None)
        except StopIteration as done:
            item = done.value
        rest = await collect(group)
        pairs = await our_groups(groupby)
        return (
            str(anext_error.value),
            str(aclose_error.value),
            str(second_step.value),
            [
                first,
                item,
                rest,
                pairs,
                source.closed,
            ],
        )

    anext_error, aclose_error, second_step, after = support.run_in("asyncio", scenario)
    assert anext_error == ALREADY_RUNNING
    assert "already running" in aclose_error
    assert second_step == ALREADY_RUNNING
    assert after == [1, 1, [1], [(2, [2])], 1]


def test_while_the_groupbys_step_is_in_flight_the_old_group_is_over() -> None:
    """Its group is invalidated when the groupby's step starts; the groupby's own second step
    is already running."""
    source = TrackedSource([1, 2, 2], suspends=True)

    async def scenario() -> Any:
        groupby = ai.groupby(source)
        _, old = await a.anext(groupby)
        step = groupby.__anext__()
        step.send(None)
        with pytest.raises(RuntimeError) as second:
            await groupby.__anext__()
        old_items = await collect(old)
        try:
            while True:
                step.send(None)
        except StopIteration as done:
            key, group = done.value
        return str(second.value), old_items, key, await collect(group)

    assert support.run_in("asyncio", scenario) == (ALREADY_RUNNING, [], 2, [2, 2])


def test_a_group_step_closed_in_flight_closes_the_source_and_ends_everything() -> None:
    """A group's step closed in flight (its awaiting coroutine closed) ends everything."""
    log: list[Any] = []

    async def source() -> Any:
        try:
            for item in [1, 1, 2]:
                await support.suspend()
                yield item
        finally:
            log.append("finally")

    async def scenario() -> Any:
        groupby = ai.groupby(source())
        _, group = await a.anext(groupby)
        await a.anext(group)
        step = group.__anext__()
        step.send(None)
        step.close()
        return list(log), await a.anext(groupby, "ended"), await collect(group)

    assert support.run_in("asyncio", scenario) == (["finally"], "ended", [])


def test_a_group_is_an_async_iterator_with_a_readable_repr() -> None:
    """As itertools' groups, of a type ``_grouper``. (The groupby itself: test_objects.py.)"""

    async def scenario() -> Any:
        _, group = await a.anext(ai.groupby([1]))
        return group

    group = support.run_in("asyncio", scenario)
    assert group.__aiter__() is group
    assert type(group).__module__ == "asyncitertools.itertools"
    assert type(group).__qualname__ == "_grouper"
    assert repr(group) == f"<asyncitertools.itertools._grouper object at {id(group):#x}>"
    assert gc.is_tracked(group)


def assert_only_the_collector_frees(make_cycle: Any) -> None:
    """``make_cycle()`` returns an object only reachable through a cycle once dropped."""
    gc.disable()
    try:
        alive = weakref.ref(make_cycle())
        assert alive() is not None, "no cycle: freed by reference counting alone"
        gc.collect()
        assert alive() is None, "the cycle was not collected"
    finally:
        gc.enable()


class Holder:
    def key(self, x: Any) -> Any:
        return 0


async def hang_a_group_on(holder: Holder, through: str) -> None:
    if through == "key":
        groupby = ai.groupby([1, 1], holder.key)
    else:
        groupby = ai.groupby([holder, holder])
    _, holder.group = await a.anext(groupby)


@pytest.mark.parametrize("through", ["key", "group key"])
def test_a_cycle_through_a_group_is_collected(through: str) -> None:
    """The group holds the groupby (and its key); the holder holds the group."""

    def make_cycle() -> Holder:
        holder = Holder()
        support.run_in("asyncio", functools.partial(hang_a_group_on, holder, through))
        return holder

    assert_only_the_collector_frees(make_cycle)


def test_a_group_refers_to_the_groupby_only_until_it_is_seen_over() -> None:
    """Old groups do not keep the groupby (and what it holds) alive once they are over."""

    async def scenario() -> Any:
        groupby = ai.groupby([1, 2])
        _, old = await a.anext(groupby)
        holds_while_current = groupby in gc.get_referents(old)
        await a.anext(groupby)
        await collect(old)  # sees it is over
        return holds_while_current, groupby in gc.get_referents(old)

    assert support.run_in("asyncio", scenario) == (True, False)


# --- arguments ---------------------------------------------------------------------------------

ARGUMENT_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (([], None, 1), {}),
    (([],), {"foo": 1}),
    (([],), {"foo": 1, "bar": 2}),
    (([],), {"iterable": []}),
    (([],), {"iterable": [], "foo": 1}),
    (([],), {"a": 1, "b": 2, "c": 3}),
    ((), {"key": None}),
    ((), {"key": None, "foo": 1}),
    ((), {"a": 1, "b": 2, "c": 3}),
    ((), {"foo": 1}),
    (([], None), {"key": None}),
    ((1,), {}),
    ((support.long_named_class()(),), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raised by the call itself, with the stdlib's type and message for this Python."""
    theirs = exception_of(itertools.groupby, *args, **kwargs)
    ours = exception_of(ai.groupby, *args, **kwargs)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))
