"""``asyncitertools.itertools.tee``: the stdlib's ``tee`` over sync and async iterables.

``tee(iterable, n=2)`` gives a tuple of ``n`` native async iterators (children), each giving
every item of the iterable in order. They may be read in any order, also concurrently from
several tasks: a child that needs an item while another child's pull of the source is in flight
waits for that pull (asyncio, uvloop, trio; a bare yield to any other loop) instead of raising
"already running". One buffer holds exactly the items some live child has not read. A source
error reaches the child that pulled it and is not stored (the next pull asks the source again,
as the stdlib does). The source is closed once: when exhausted, or when the last child is closed;
a closed or collected child no longer holds the buffer back.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import weakref
from typing import Any

import pytest
import trio
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a
from asyncitertools.itertools import tee

import ownloop
import support
from support import (
    ITERABLE_KINDS,
    Fail,
    Raised,
    TrackedSource,
    collect,
    exception_of,
    iterable_of,
    logging_generator,
    make_source,
    outcome,
)

# Sources that go on after raising (class-based ones); generators end at their first error.
CONTINUING_KINDS = (
    "async_def_anext",
    "anext_returns_coroutine",
    "anext_returns_awaitable",
    "types_coroutine_anext",
    "suspending_anext",
)


class ContinuingIterator:
    """The stdlib's side of a class-based source: raises at a Fail item, then goes on."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.index = 0

    def __iter__(self) -> ContinuingIterator:
        return self

    def __next__(self) -> Any:
        if self.index >= len(self.items):
            raise StopIteration
        self.index += 1
        item = self.items[self.index - 1]
        if isinstance(item, Fail):
            raise item.error
        return item


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    if kind == "list":
        return list(items)
    if kind in CONTINUING_KINDS:
        return ContinuingIterator(items)
    return support._sync_generator(items)


def sync_read(iterator: Any) -> Any:
    try:
        return next(iterator)
    except StopIteration:
        return "stop"
    except Exception as exc:
        return Raised.of(exc)


async def read(iterator: Any) -> Any:
    try:
        return await iterator.__anext__()
    except StopAsyncIteration:
        return "stop"
    except Exception as exc:
        return Raised.of(exc)


# --- results -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ITERABLE_KINDS)
@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_child_gives_every_item_in_order(run, kind: str, n: int) -> None:
    items = [0, "a", None, 3]

    async def scenario() -> Any:
        children = tee(iterable_of(kind, items), n)
        return [await collect(child) for child in children]

    assert run(scenario) == [items] * n


ITEMS = st.lists(st.integers(-3, 3), max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    loop=st.sampled_from(support.HYPOTHESIS_LOOPS),
    kind=st.sampled_from(ITERABLE_KINDS),
    n=st.integers(1, 4),
    items=ITEMS,
    failures=st.lists(st.integers(0, 8), max_size=2),
    data=st.data(),
)
def test_any_interleaving_of_reads_behaves_as_the_stdlib_tee(
    loop: str, kind: str, n: int, items: list[Any], failures: list[int], data: st.DataObject
) -> None:
    """Reads of the children in a random order, then each drained: the stdlib's outcomes."""
    items = list(items)
    for position in failures:
        items.insert(min(position, len(items)), Fail(LookupError(f"source failed {position}")))
    schedule = data.draw(st.lists(st.integers(0, n - 1), max_size=3 * len(items) + 3))

    theirs = itertools.tee(oracle_iterable(kind, items), n)
    expected = [(child, sync_read(theirs[child])) for child in schedule]
    expected += [(child, sync_read(theirs[child])) for child in range(n) for _ in range(2)]

    async def scenario() -> Any:
        ours = tee(iterable_of(kind, items), n)
        got = [(child, await read(ours[child])) for child in schedule]
        got += [(child, await read(ours[child])) for child in range(n) for _ in range(2)]
        for child in ours:
            await child.aclose()
        return got

    assert support.run_in(loop, scenario) == expected


def test_items_are_the_same_objects(run) -> None:
    items = [object(), object()]

    async def scenario() -> Any:
        first, second = tee(make_source("async_generator", items))
        return await collect(first), await collect(second)

    first, second = run(scenario)
    assert len(first) == len(second) == 2
    assert all(first[i] is items[i] and second[i] is items[i] for i in range(2))


def test_zero_children_is_an_empty_tuple_and_nothing_is_touched() -> None:
    source = TrackedSource([1])
    assert tee(source, 0) == ()
    assert source.pulled == 0 and source.closed == 0
    assert tee(1, 0) == itertools.tee(1, 0) == ()


def test_nothing_is_pulled_before_the_first_anext(run) -> None:
    source = TrackedSource([1, 2])

    async def scenario() -> Any:
        first, _ = tee(source)
        before = source.pulled
        await a.anext(first)
        return before, source.pulled

    assert run(scenario) == (0, 1)


# --- the buffer ----------------------------------------------------------------------------------


class Item:
    """An item that can be watched with a weak reference."""

    def __init__(self, number: int) -> None:
        self.number = number


def fresh_items(count: int, made: list[weakref.ref[Item]]):
    """An async generator of new Items (no other reference to them), recording weakrefs."""

    def make(number: int) -> Item:
        item = Item(number)
        made.append(weakref.ref(item))
        return item

    async def generator():
        for number in range(count):
            yield make(number)  # no local keeps the item while the generator is suspended

    return generator()


def alive(made: list[weakref.ref[Item]]) -> list[int]:
    gc.collect()
    return [ref().number for ref in made if ref() is not None]  # type: ignore[union-attr]


@pytest.mark.parametrize("loop", ["asyncio", "trio", "ownloop"])
def test_the_buffer_holds_exactly_the_lag_of_the_slowest_child(loop: str) -> None:
    made: list[weakref.ref[Item]] = []

    async def scenario() -> Any:
        ahead, middle, behind = tee(fresh_items(20, made), 3)
        for _ in range(15):
            await a.anext(ahead)
        for _ in range(9):
            await a.anext(middle)
        for _ in range(4):
            await a.anext(behind)
        lagging = alive(made)
        await a.anext(behind)
        one_more = alive(made)
        await behind.aclose()  # now `middle` is the slowest
        without_behind = alive(made)
        del middle
        only_ahead = alive(made)
        await ahead.aclose()  # the last child: closes the generator
        return lagging, one_more, without_behind, only_ahead

    lagging, one_more, without_behind, only_ahead = support.run_in(loop, scenario)
    assert lagging == list(range(4, 15))
    assert one_more == list(range(5, 15))
    assert without_behind == list(range(9, 15))
    assert only_ahead == []  # a collected child no longer holds items; `ahead` holds none


def test_a_single_live_child_buffers_nothing(run) -> None:
    made: list[weakref.ref[Item]] = []

    async def scenario() -> Any:
        (only,) = tee(fresh_items(5, made), 1)
        await a.anext(only)
        await a.anext(only)
        held = alive(made)
        await only.aclose()
        return held

    assert run(scenario) == []


# --- concurrency ---------------------------------------------------------------------------------


async def spawn_all(loop: str, functions: list[Any]) -> list[Any]:
    """Run the coroutine functions concurrently as tasks of the loop; their results in order."""
    if loop in ("asyncio", "uvloop"):
        return list(await asyncio.gather(*(function() for function in functions)))
    results: list[Any] = [None] * len(functions)

    async def one(index: int) -> None:
        results[index] = await functions[index]()

    async with trio.open_nursery() as nursery:
        for index in range(len(functions)):
            nursery.start_soon(one, index)
    return results


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("n", [2, 5])
def test_concurrent_consumers_get_every_item_in_order(loop: str, n: int) -> None:
    """Each child in its own task, at its own pace: every item to every child, pulled once."""
    source = TrackedSource(range(30), suspends=True)

    async def scenario() -> Any:
        children = tee(source, n)

        def consumer(index: int) -> Any:
            async def consume() -> list[Any]:
                got = []
                async for item in children[index]:
                    got.append(item)
                    for _ in range((item * (index + 1)) % 3):
                        await support.suspend()
                return got

            return consume

        return await spawn_all(loop, [consumer(index) for index in range(n)])

    assert support.run_in(loop, scenario) == [list(range(30))] * n
    assert source.pulled == 30
    assert source.closed == 1


@settings(max_examples=30, deadline=None)
@given(
    loop=st.sampled_from(["asyncio", "trio"]),
    n=st.integers(2, 4),
    count=st.integers(0, 12),
    paces=st.lists(st.lists(st.integers(0, 2), min_size=1, max_size=5), min_size=4, max_size=4),
)
def test_any_pace_of_concurrent_consumers_gets_every_item(loop, n, count, paces) -> None:
    source = TrackedSource(range(count), suspends=True)

    async def scenario() -> Any:
        children = tee(source, n)

        def consumer(index: int) -> Any:
            async def consume() -> list[Any]:
                got = []
                async for item in children[index]:
                    got.append(item)
                    pace = paces[index]
                    for _ in range(pace[len(got) % len(pace)]):
                        await support.suspend()
                return got

            return consume

        return await spawn_all(loop, [consumer(index) for index in range(n)])

    assert support.run_in(loop, scenario) == [list(range(count))] * n
    assert (source.pulled, source.closed) == (count, 1)


def test_under_another_loop_a_waiting_child_yields_none_and_checks_again() -> None:
    """A round-robin scheduler inside the own loop: a bare yield means "resume me later"."""
    source = TrackedSource(range(6), suspends=True)

    async def scenario() -> Any:
        children = tee(source, 3)
        results: list[list[Any]] = [[], [], []]

        async def consume(index: int) -> None:
            async for item in children[index]:
                results[index].append(item)

        coroutines = [consume(index).__await__() for index in range(3)]
        bare_yields = 0
        while coroutines:
            for coroutine in list(coroutines):
                try:
                    request = coroutine.send(None)
                except StopIteration:
                    coroutines.remove(coroutine)
                    continue
                if request is None:
                    bare_yields += 1
                else:
                    await ownloop.Yield()  # the source's suspension: pass it to the loop
        return results, bare_yields

    results, bare_yields = support.run_in("ownloop", scenario)
    assert results == [list(range(6))] * 3
    assert bare_yields > 0  # the waiting path was taken
    assert (source.pulled, source.closed) == (6, 1)


def test_the_same_child_from_two_tasks_is_already_running() -> None:
    async def scenario() -> Any:
        first, _ = tee(make_source("suspending_async_generator", [1, 2]))
        step = first.__anext__()
        step.send(None)  # suspended inside the source
        with pytest.raises(RuntimeError) as second:
            await first.__anext__()
        step.close()
        return str(second.value)

    assert support.run_in("asyncio", scenario) == (
        "anext(): asynchronous iterator is already running"
    )


class Gate:
    """A loop-specific event the test opens."""

    def __init__(self, loop: str) -> None:
        self.event: Any = asyncio.Event() if loop in ("asyncio", "uvloop") else trio.Event()

    def open(self) -> None:
        self.event.set()

    async def wait(self) -> None:
        await self.event.wait()


class GatedSource:
    """Item i waits for gates[i] (if any) before it is produced; goes on after cancellation."""

    def __init__(self, items: list[Any], gates: dict[int, Gate]) -> None:
        self.items = items
        self.gates = gates
        self.index = 0
        self.calls = 0
        self.closed = 0

    def __aiter__(self) -> GatedSource:
        return self

    async def __anext__(self) -> Any:
        self.calls += 1
        gate = self.gates.get(self.index)
        if gate is not None:
            await gate.wait()
        if self.index >= len(self.items):
            raise StopAsyncIteration
        self.index += 1
        return self.items[self.index - 1]

    async def aclose(self) -> None:
        self.closed += 1


async def cancel_task_and_wait(loop: str, function: Any) -> Any:
    """Start ``function()`` as a task; once it blocks, cancel it; return how it ended."""
    if loop in ("asyncio", "uvloop"):
        task = asyncio.ensure_future(function())
        for _ in range(10):
            await asyncio.sleep(0)
        assert not task.done()
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            return "cancelled"
        return "finished"
    scope = trio.CancelScope()

    async def cancellable() -> None:
        with scope:
            await function()

    async with trio.open_nursery() as nursery:
        nursery.start_soon(cancellable)
        for _ in range(10):
            await trio.lowlevel.checkpoint()
        scope.cancel()
    return "cancelled" if scope.cancelled_caught else "finished"


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_a_waiting_child_can_be_cancelled_and_read_on_later(loop: str) -> None:
    async def scenario() -> Any:
        gate = Gate(loop)
        source = GatedSource(["x", "y"], {0: gate})
        puller, waiter = tee(source)
        got: list[Any] = []

        async def pull() -> None:
            got.append(await a.anext(puller))

        async def run() -> Any:
            async def wait_then_cancel() -> Any:
                return await cancel_task_and_wait(loop, lambda: a.anext(waiter))

            async def open_later() -> None:
                for _ in range(30):
                    await support.suspend()
                gate.open()

            ended, *_ = await spawn_all(loop, [wait_then_cancel, pull, open_later])
            return ended

        ended = await run()
        rest = await collect(waiter), await collect(puller)
        return ended, got, rest, source.calls, source.closed

    assert support.run_in(loop, scenario) == ("cancelled", ["x"], (["x", "y"], ["y"]), 3, 1)


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_when_the_pulling_child_is_cancelled_a_waiting_child_pulls_itself(loop: str) -> None:
    async def scenario() -> Any:
        gate = Gate(loop)  # opened only after the puller's cancellation
        source = GatedSource(["x", "y"], {0: gate})
        puller, waiter = tee(source)
        got: list[Any] = []

        async def cancel_puller() -> Any:
            return await cancel_task_and_wait(loop, lambda: a.anext(puller))

        async def wait_in_line() -> None:
            await support.suspend()  # the puller is in the source first
            got.append(await a.anext(waiter))

        async def unblock() -> None:
            for _ in range(40):
                await support.suspend()
            gate.open()

        ended, *_ = await spawn_all(loop, [cancel_puller, wait_in_line, unblock])
        # The waiter pulled item 0 itself once the puller was cancelled; the cancelled child
        # reads it from the buffer.
        return ended, got, await collect(puller), await collect(waiter), source.closed

    ended, got, puller_rest, waiter_rest, closed = support.run_in(loop, scenario)
    assert (ended, got, puller_rest, waiter_rest, closed) == (
        "cancelled",
        ["x"],
        ["x", "y"],
        ["y"],
        1,
    )


async def gated_generator(items: list[Any], gate: Gate, log: list[Any]):
    """An async generator that waits for ``gate`` before its second item: a cancellation
    thrown into it there ends it, with items left."""
    try:
        for index, item in enumerate(items):
            if index == 1:
                log.append("waiting")
                await gate.wait()
            yield item
    finally:
        log.append("finally")


CANCELLED = {"asyncio": asyncio.CancelledError, "uvloop": asyncio.CancelledError}


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("waiting", [False, True], ids=["later", "waiting"])
def test_a_source_killed_by_a_cancelled_pull_is_an_error_for_every_child_not_an_end(
    loop: str, waiting: bool
) -> None:
    """The puller's task is cancelled inside the source, an async generator, which dies of
    it. Its items after that are lost: the siblings (a waiting one, or one that comes later)
    and the cancelled child itself get every item they had, then a RuntimeError caused by the
    cancellation instead of a clean end; once only, then they are exhausted."""

    async def scenario() -> Any:
        log: list[Any] = []
        gate = Gate(loop)  # never opened
        puller, sibling, late = tee(gated_generator(["a", "b", "c"], gate, log), 3)
        first = await a.anext(puller)
        outcomes: list[Any] = []

        async def wait_in_line() -> None:
            while "waiting" not in log:  # the puller is in the source first
                await support.suspend()
            outcomes.append(await support.collect_until_error(sibling))

        async def cancel_puller() -> Any:
            return await cancel_task_and_wait(loop, lambda: a.anext(puller))

        functions = [cancel_puller, wait_in_line] if waiting else [cancel_puller]
        ended, *_ = await spawn_all(loop, functions)
        if not waiting:
            outcomes.append(await support.collect_until_error(sibling))
        outcomes.append(await support.collect_until_error(late))
        outcomes.append(await support.collect_until_error(puller))
        again = [await a.anext(child, "end") for child in (puller, sibling, late)]
        return first, ended, outcomes, again, log

    first, ended, outcomes, again, log = support.run_in(loop, scenario)
    assert (first, ended, again, log) == ("a", "cancelled", ["end"] * 3, ["waiting", "finally"])
    expected_items = [["a"], ["a"], []]
    for (items, raised), expected in zip(outcomes, expected_items, strict=True):
        assert items == expected
        assert isinstance(raised, RuntimeError), raised
        assert "interrupted" in str(raised) and "lost" in str(raised)
        cancelled = CANCELLED.get(loop, trio.Cancelled)
        assert isinstance(raised.__cause__, cancelled)


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_a_source_that_survives_a_cancelled_pull_loses_nothing(loop: str) -> None:
    """A class-based source whose ``__anext__`` was cancelled goes on: no error, every item."""

    async def scenario() -> Any:
        gate = Gate(loop)
        source = GatedSource(["x", "y"], {0: gate})
        puller, sibling = tee(source)
        ended = await cancel_task_and_wait(loop, lambda: a.anext(puller))
        gate.open()
        return ended, await collect(sibling), await collect(puller)

    assert support.run_in(loop, scenario) == ("cancelled", ["x", "y"], ["x", "y"])


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_an_error_of_a_concurrent_pull_reaches_its_puller_and_the_waiter_pulls_again(
    loop: str,
) -> None:
    error = LookupError("once")

    class FailingOnce(GatedSource):
        async def __anext__(self) -> Any:
            self.calls += 1
            if self.calls == 1:
                for _ in range(3):
                    await support.suspend()
                raise error
            return await super().__anext__()

    async def scenario() -> Any:
        source = FailingOnce([1, 2], {})
        first, second = tee(source)

        async def read_first() -> Any:
            try:
                return await a.anext(first)
            except LookupError as raised:
                return raised

        async def read_second() -> Any:
            await support.suspend()
            return await a.anext(second)

        return await spawn_all(loop, [read_first, read_second]), await collect(first)

    (first_got, second_got), first_rest = support.run_in(loop, scenario)
    assert first_got is error
    assert second_got == 1
    assert first_rest == [1, 2]


# --- closing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suspends", [False, True])
def test_exhaustion_closes_the_source_once_and_the_others_drain_the_buffer(
    run, suspends: bool
) -> None:
    source = TrackedSource([1, 2], suspends=suspends)

    async def scenario() -> Any:
        first, second = tee(source)
        got = await collect(first)
        at_exhaustion = source.closed
        rest = await collect(second)
        await first.aclose()
        await second.aclose()
        return got, at_exhaustion, rest

    assert run(scenario) == ([1, 2], 1, [1, 2])
    assert source.closed == 1


def test_the_last_childs_aclose_closes_the_source(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        first, second, third = tee(logging_generator(range(5), log), 3)
        got = [await a.anext(first), await a.anext(second)]
        await first.aclose()
        await first.aclose()
        after_first = list(log)
        got.append(await a.anext(third))
        got.append(await a.anext(second))
        await second.aclose()
        after_second = list(log)
        await third.aclose()
        ended = [await a.anext(child, "ended") for child in (first, second, third)]
        return got, after_first, after_second, list(log), ended

    assert run(scenario) == (
        [0, 0, 0, 1],
        [],
        [],
        [("finally", "source")],
        ["ended"] * 3,
    )


def test_an_aclose_error_of_the_source_reaches_the_last_closer(run) -> None:
    error = ValueError("close failed")
    source = TrackedSource([1, 2], close_error=error)

    async def scenario() -> Any:
        first, second = tee(source)
        await a.anext(first)
        await first.aclose()
        try:
            await second.aclose()
        except ValueError as raised:
            return raised

    assert run(scenario) is error
    assert source.closed == 1


def test_collected_children_do_not_await_the_sources_aclose(run) -> None:
    source = TrackedSource([1, 2])

    async def scenario() -> Any:
        first, second = tee(source)
        await a.anext(first)
        del first, second
        gc.collect()
        return source.closed

    assert run(scenario) == 0


def test_a_sync_source_and_a_borrowed_one_are_not_closed(run) -> None:
    generator = (x for x in range(10))
    borrowed = TrackedSource(range(10))

    async def scenario() -> Any:
        for iterable in (generator, a.borrow(borrowed)):
            first, second = tee(iterable)
            await a.anext(first)
            await first.aclose()
            await second.aclose()

    run(scenario)
    assert next(generator) == 1
    assert borrowed.closed == 0 and borrowed.pulled == 1


def test_a_native_source_is_closed_by_the_last_child(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        first, second = tee(a.iter(logging_generator(range(3), log)))
        await a.anext(second)
        await second.aclose()
        before = list(log)
        await first.aclose()
        return before, list(log)

    assert run(scenario) == ([], [("finally", "source")])


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_of_the_puller_leaves_the_source_open_for_the_others(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        first, second = tee(support.forever_after([1], log))
        await a.anext(first)
        await support.cancel_while_suspended(lambda: a.anext(first))
        # The generator was cancelled inside: it is over, for every child, and what it had
        # left is lost, which the other child is told (not a clean end).
        got = [await a.anext(second)]
        got += await support.collect_until_error(second)
        before_close = list(log)
        await first.aclose()
        await second.aclose()
        return got, before_close

    (item, rest, raised), before_close = support.run_in(loop, scenario)
    assert (item, rest, before_close) == (1, [], [("finally", "source")])
    assert isinstance(raised, RuntimeError) and raised.__cause__ is not None


def test_an_error_reaches_the_pulling_child_and_a_generator_then_ends(run) -> None:
    error = LookupError("bad")

    async def scenario() -> Any:
        first, second = tee(make_source("async_generator", [1, Fail(error)]))
        got = [await a.anext(first)]
        try:
            await a.anext(first)
        except LookupError as raised:
            got.append(raised)
        got.append(await a.anext(second))
        got.append(await a.anext(second, "ended"))
        got.append(await a.anext(first, "ended"))
        return got

    assert run(scenario) == [1, error, 1, "ended", "ended"]


# --- the objects ---------------------------------------------------------------------------------


def test_the_children_are_a_tuple_of_distinct_iterators_of_one_type() -> None:
    """(A child's type, repr and collection, as every iterator's: test_objects.py.)"""
    children = tee([1], 3)
    assert type(children) is tuple and len(children) == 3
    assert len({type(child) for child in children}) == 1
    assert len({id(child) for child in children}) == 3


def make_cycle(holder: Any, through: str) -> None:
    if through == "buffered item":
        holder.children = tee([holder, 1])

        async def read_one() -> Any:
            return await a.anext(holder.children[0])

        assert ownloop.run(read_one()) is holder  # now in the buffer, for the second child
    else:
        holder.children = tee(make_source("suspending_async_generator", [holder]))

        async def block() -> None:
            holder.pull = holder.children[0].__anext__()
            holder.pull.send(None)  # the first child pulls
            holder.wait = holder.children[1].__anext__()
            holder.wait.send(None)  # the second child waits

        support.run_in("asyncio", block)


@pytest.mark.parametrize("through", ["buffered item", "waiting child"])
def test_a_cycle_through_the_children_is_collected(through: str) -> None:
    """Through the buffer, and a child waiting for the one that pulls. (Through the source:
    test_objects.py.)"""

    class Holder:
        pass

    holder = Holder()
    make_cycle(holder, through)
    alive = weakref.ref(holder)
    del holder
    gc.collect()
    assert alive() is None


# --- arguments -----------------------------------------------------------------------------------

ARGUMENT_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (([], 2, 3), {}),
    (([],), {"n": 2}),
    ((), {"iterable": []}),
    (([], "x"), {}),
    (([], 2.0), {}),
    (([], None), {}),
    (([], -1), {}),
    (([], 2**70), {}),
    (([], -(2**70)), {}),
    ((1,), {}),
    ((1, -1), {}),
    ((1, "x"), {}),
    ((support.long_named_class()(),), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    theirs = exception_of(itertools.tee, *args, **kwargs)
    ours = exception_of(tee, *args, **kwargs)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


@pytest.mark.parametrize("n", [True, 3, 1])
def test_n_is_any_index(n: Any) -> None:
    class Index:
        def __index__(self) -> int:
            return int(n)

    assert len(tee([], Index())) == len(itertools.tee([], Index())) == int(n)
    assert outcome(lambda: len(tee([], n))) == outcome(lambda: len(itertools.tee([], n)))
