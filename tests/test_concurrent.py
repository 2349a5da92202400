"""``asyncitertools.concurrent``: structured concurrent iteration, under every event loop.

What every function shares: the two forms (``async with``, and a plain ``async for`` under
asyncio), the loops (asyncio, uvloop, trio, anyio on both backends; the RuntimeError under
trio without ``async with`` and under any other loop), every async source owned and closed
exactly once, every task gone when the stream is done, no loop library imported, dropped
streams and reference cycles collected. Then each function: its results and their order, its
limits (counted in flight), arrival order, and backpressure (how far the source was pulled at
each step of the consumer). Errors, early stops and cancellations: test_concurrent_errors.py;
timeouts and rates: test_concurrent_timing.py.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import subprocess
import sys
import tracemalloc
import weakref
from typing import Any

import pytest
import trio
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools
from asyncitertools import concurrent

import concurrent_support as cs
import ownloop
import support
from concurrent_support import Calls, GeneratorRecord, Probe, SyncProbe, probe_generator

LOOPS = cs.LOOPS


@pytest.fixture(params=LOOPS)
def loop(request: pytest.FixtureRequest) -> str:
    return request.param


# --- the forms and the loops ----------------------------------------------------------------------


@pytest.mark.parametrize("name", cs.SINGLES)
def test_async_with_works_under_every_loop(loop: str, name: str) -> None:
    """``async with f(...) as stream: async for item in stream`` gives every item, then every
    task is gone and the source is closed once, before the block exits."""

    async def scenario() -> Any:
        source = Probe(range(5), ticks=1)
        before = cs.live_tasks()
        async with cs.single(name, source) as stream:
            assert stream is not None
            items = [item async for item in stream]
        return items, source.closes, cs.live_tasks() == before

    items, closes, no_task_left = cs.run(loop, scenario)
    cs.assert_gives(name, items, [0, 1, 2, 3, 4])
    assert closes == 1
    assert no_task_left


@pytest.mark.parametrize("name", cs.SINGLES)
@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_a_plain_async_for_works_under_asyncio(loop: str, name: str) -> None:
    """Without ``async with``: the tasks start at the first step and are gone at the end."""

    async def scenario() -> Any:
        source = Probe(range(5), ticks=1)
        before = cs.live_tasks()
        items = [item async for item in cs.single(name, source)]
        return items, source.closes, cs.live_tasks() == before

    items, closes, no_task_left = cs.run(loop, scenario)
    cs.assert_gives(name, items, [0, 1, 2, 3, 4])
    assert closes == 1
    assert no_task_left


@pytest.mark.parametrize("name", cs.SINGLES)
@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_aclose_of_a_plain_stream_cancels_its_tasks_and_closes_the_source(
    loop: str, name: str
) -> None:
    async def scenario() -> Any:
        source = Probe(range(100), ticks=1)
        before = cs.live_tasks()
        stream = cs.single(name, source)
        first = await stream.__anext__()
        await stream.aclose()
        after = cs.live_tasks() == before
        with pytest.raises(StopAsyncIteration):
            await stream.__anext__()
        return first, source.closes, after

    first, closes, no_task_left = cs.run(loop, scenario)
    assert cs.unwrapped(name, [first])[0] in range(100)
    assert closes == 1
    assert no_task_left


@pytest.mark.parametrize("name", cs.SINGLES)
def test_a_plain_stream_closes_its_source_at_exhaustion_once(loop: str, name: str) -> None:
    """The package's ownership contract: an exhausted async source is closed too, once."""
    if loop in cs.TRIO_LOOPS and name in cs.STARTS_TASKS:
        name = "timeout"  # (trio: the async with form; test_async_with_works_under_every_loop)

    async def scenario() -> Any:
        source = Probe([1, 2])
        record = GeneratorRecord()
        generator = probe_generator([3], record)
        items = [item async for item in cs.single(name, source)]
        items += [item async for item in cs.single(name, generator)]
        return items, source.closes, record.finals, generator.ag_frame

    items, closes, finals, frame = cs.run(loop, scenario)
    if name != "switchmap":
        cs.assert_gives(name, items, [1, 2, 3])
    assert (closes, finals, frame) == (1, 1, None)


@pytest.mark.parametrize("name", cs.STARTS_TASKS)
@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_under_trio_a_stream_that_starts_tasks_needs_async_with(loop: str, name: str) -> None:
    """The first step fails at once with a RuntimeError that names the ``async with`` form;
    nothing is pulled, no task started, and the owned source is closed (the stream is done)."""

    async def scenario() -> Any:
        source = Probe(range(3))
        stream = cs.single(name, source)
        before = cs.live_tasks()
        with pytest.raises(RuntimeError) as raised:
            await stream.__anext__()
        after = cs.live_tasks() == before
        with pytest.raises(StopAsyncIteration):
            await stream.__anext__()
        return str(raised.value), source.pulls, source.closes, after

    message, pulls, closes, no_task_left = cs.run(loop, scenario)
    assert "async with concurrent." in message and "trio" in message, message
    assert (pulls, closes, no_task_left) == (0, 1, True)


@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_under_trio_asyncitertools_list_of_a_task_starting_stream_fails_clearly(loop) -> None:
    async def scenario() -> str:
        with pytest.raises(RuntimeError) as raised:
            await asyncitertools.list(concurrent.map(abs, range(3), limit=2))
        return str(raised.value)

    assert "async with" in cs.run(loop, scenario)


@pytest.mark.parametrize("name", cs.STARTS_NO_TASKS)
@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_timeout_and_spaceout_need_no_async_with_under_trio(loop: str, name: str) -> None:
    async def scenario() -> Any:
        source = Probe(range(3), ticks=1)
        items = [item async for item in cs.single(name, source)]
        total = await asyncitertools.list(cs.single(name, range(3)))
        return items, total, source.closes

    assert cs.run(loop, scenario) == ([0, 1, 2], [0, 1, 2], 1)


@pytest.mark.parametrize("name", cs.SINGLES)
def test_under_another_loop_the_first_step_is_a_clear_runtime_error(name: str) -> None:
    """The tests' own tiny loop is neither asyncio nor trio: a RuntimeError saying what runs."""

    async def scenario() -> str:
        stream = cs.single(name, support.make_source("async_generator", [1]))
        try:
            await stream.__anext__()
        except RuntimeError as exc:
            return str(exc)
        raise AssertionError("no RuntimeError")

    message = ownloop.run(scenario())
    assert f"concurrent.{name.removesuffix('_unordered')}()" in message
    assert "needs a running asyncio (or uvloop) or trio event loop" in message


def test_gather_under_another_loop_is_a_clear_runtime_error() -> None:
    async def value() -> int:
        return 1

    async def scenario() -> str:
        coroutine = value()
        try:
            await concurrent.gather(coroutine)
        except RuntimeError as exc:
            return str(exc)
        raise AssertionError("no RuntimeError")

    message = ownloop.run(scenario())
    assert "concurrent.gather()" in message and "asyncio" in message and "trio" in message


@pytest.mark.parametrize("name", cs.SINGLES)
def test_a_stream_can_be_entered_once_and_only_before_its_first_step(loop, name) -> None:
    async def scenario() -> Any:
        messages = []
        stream = cs.single(name, range(3))
        async with stream:
            with pytest.raises(RuntimeError) as twice:
                async with stream:
                    pass  # pragma: no cover
            messages.append(str(twice.value))
            items = [item async for item in stream]
        if loop in cs.ASYNCIO_LOOPS or name in cs.STARTS_NO_TASKS:
            late = cs.single(name, range(3))
            await late.__anext__()
            with pytest.raises(RuntimeError) as after_a_step:
                async with late:
                    pass  # pragma: no cover
            messages.append(str(after_a_step.value))
            await late.aclose()
        return items, messages

    items, messages = cs.run(loop, scenario)
    cs.assert_gives(name, items, [0, 1, 2])
    for message in messages:
        assert "can only be entered once, before its first step" in message


@pytest.mark.parametrize("name", cs.SINGLES)
def test_after_the_block_the_stream_is_exhausted(loop: str, name: str) -> None:
    async def scenario() -> None:
        async with cs.single(name, range(10)) as stream:
            async for _ in stream:
                break
        with pytest.raises(StopAsyncIteration):
            await stream.__anext__()
        await stream.aclose()  # again: nothing to do

    cs.run(loop, scenario)


@pytest.mark.parametrize("name", cs.SINGLES)
def test_aclose_before_the_first_step_closes_the_source_and_starts_nothing(loop, name) -> None:
    async def scenario() -> Any:
        source = Probe(range(3))
        stream = cs.single(name, source)
        await stream.aclose()
        with pytest.raises(StopAsyncIteration):
            await stream.__anext__()
        return source.pulls, source.closes

    assert cs.run(loop, scenario) == (0, 1)


@pytest.mark.parametrize("name", cs.SINGLES)
def test_a_second_step_while_one_is_running_is_refused(name: str) -> None:
    async def scenario() -> Any:
        source = Probe(range(3), block_at=0)
        async with cs.single(name, source) as stream:
            first = asyncio.ensure_future(stream.__anext__())
            await cs.checkpoints(5)
            with pytest.raises(RuntimeError, match="already running"):
                await stream.__anext__()
            with pytest.raises(RuntimeError, match="already running"):
                await stream.aclose()
            first.cancel()
            with pytest.raises(asyncio.CancelledError):
                await first
        return source.closes

    assert cs.run("asyncio", scenario) == 1


@pytest.mark.parametrize("name", cs.SINGLES)
def test_the_repr_names_the_function(name: str) -> None:
    stream = cs.single(name, [])
    assert repr(stream).startswith(f"<concurrent.{name.removesuffix('_unordered')} object at 0x")
    assert isinstance(stream, concurrent.Stream)
    assert stream.__aiter__() is stream


def test_no_event_loop_library_is_imported_by_the_package() -> None:
    code = (
        "import sys, asyncitertools, asyncitertools.concurrent as c\n"
        "c.map(abs, [], limit=1); c.merge(); c.timeout([], 1)\n"
        "print(sorted(m for m in ('asyncio', 'trio', 'anyio', 'uvloop', 'sniffio')"
        " if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_the_module_exports_its_functions_and_nothing_at_the_package_root() -> None:
    assert sorted(concurrent.__all__) == [
        *("Stream", "as_completed", "batched", "buffer", "concatmap", "flatmap", "gather"),
        *("map", "merge", "spaceout", "switchmap", "timeout", "zip", "ziplatest"),
    ]
    assert asyncitertools.merge is not concurrent.merge
    assert "concurrent" not in asyncitertools.__all__


# --- the package's other functions take a stream --------------------------------------------------


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_the_packages_functions_consume_a_stream_under_asyncio(loop: str) -> None:
    async def scenario() -> Any:
        before = cs.live_tasks()
        doubled = await asyncitertools.list(concurrent.map(lambda n: 2 * n, range(5), limit=2))
        source = Probe(range(100), ticks=1)
        # zip stops at the shorter input and closes the stream: its tasks end, its source closes
        pairs = await asyncitertools.list(
            asyncitertools.zip(concurrent.map(Calls(), source, limit=4), "ab")
        )
        total = await asyncitertools.sum(concurrent.merge(range(3), Probe([10])))
        return doubled, pairs, total, source.closes, cs.live_tasks() == before

    assert cs.run(loop, scenario) == ([0, 2, 4, 6, 8], [(0, "a"), (1, "b")], 13, 1, True)


@pytest.mark.parametrize("loop", ["trio", "anyio_trio"])
def test_the_packages_functions_consume_a_stream_inside_async_with_under_trio(loop) -> None:
    async def scenario() -> Any:
        async with concurrent.map(lambda n: 2 * n, Probe(range(5), ticks=1), limit=2) as stream:
            return await asyncitertools.list(stream)

    assert cs.run(loop, scenario) == [0, 2, 4, 6, 8]


# --- collected streams ----------------------------------------------------------------------------


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
@pytest.mark.parametrize("name", cs.STARTS_TASKS)
def test_a_dropped_unclosed_stream_has_its_tasks_cancelled(loop: str, name: str) -> None:
    """Under asyncio a stream dropped mid-way (no aclose) cancels its tasks when collected."""

    async def scenario() -> Any:
        reports.watch_loop()
        before = cs.live_tasks()
        calls = Calls(block=[5])
        source = Probe(range(100), ticks=1)
        stream = cs.single(name, concurrent.map(calls, source, limit=8, ordered=False))
        await stream.__anext__()
        await cs.checkpoints(10)
        during = len(cs.live_tasks() - before)
        reference = weakref.ref(stream)
        del stream
        gc.collect()
        await cs.checkpoints(20)
        return during, reference() is None, cs.live_tasks() == before, calls.in_flight

    with cs.Reports() as reports:
        during, collected, no_task_left, in_flight = cs.run(loop, scenario)
    reports.check()
    assert during > 0
    assert collected and no_task_left and in_flight == 0


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
@pytest.mark.parametrize("name", cs.STARTS_TASKS)
def test_a_reference_cycle_through_a_stream_is_collected(loop: str, name: str) -> None:
    """An object that holds its stream, and itself: dropped mid-way (no aclose), the cycle is
    collected by the garbage collector, the stream's tasks cancelled, nothing reported (its
    tasks, held by the loop while they wait, are not collected with it)."""
    log: list[str] = []

    async def function(item: int) -> int:
        if item == 1:
            try:
                await cs.wait_forever()
            finally:
                log.append("call 1 ended")
        return item

    class Holder:
        stream: Any = None
        me: Any = None

    async def scenario() -> Any:
        reports.watch_loop()
        before = cs.live_tasks()
        holder = Holder()
        holder.me = holder
        holder.stream = cs.single(name, concurrent.map(function, Probe(range(50)), limit=4))
        await holder.stream.__anext__()
        await cs.checkpoints(10)
        reference = weakref.ref(holder.stream)
        del holder
        gc.collect()
        await cs.checkpoints(20)
        return reference() is None, cs.live_tasks() == before, log

    with cs.Reports() as reports:
        assert cs.run(loop, scenario) == (True, True, ["call 1 ended"])
    reports.check()


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_a_cycle_through_the_streams_own_function_ends_quietly_with_the_loop(loop: str) -> None:
    """A stream whose function refers back to it is kept by its waiting tasks (which the loop
    holds) until they end: with the loop, then, cancelled, and nothing reported."""
    log: list[str] = []

    class Holder:
        stream: Any = None

        async def function(self, item: int) -> int:
            if item == 1:
                try:
                    await cs.wait_forever()
                finally:
                    log.append("call 1 ended")
            return item

    async def scenario() -> None:
        reports.watch_loop()
        holder = Holder()
        holder.stream = concurrent.map(holder.function, Probe(range(50)), limit=4)
        await holder.stream.__anext__()
        del holder
        gc.collect()
        await cs.checkpoints(10)

    with cs.Reports() as reports:
        cs.run(loop, scenario)
    reports.check()
    assert log == ["call 1 ended"]


# --- sources and callables of every kind ----------------------------------------------------------


@pytest.mark.parametrize("callable_kind", support.CALLABLE_KINDS)
def test_map_takes_every_kind_of_iterable_and_callable(loop: str, callable_kind: str) -> None:
    """Sync and async iterables; sync and async callables (an awaitable result is awaited)."""
    function = support.callable_of(callable_kind, lambda n: n * n)

    async def scenario() -> Any:
        got = {}
        for kind in support.ITERABLE_KINDS:
            async with concurrent.map(
                function, support.iterable_of(kind, range(7)), limit=3
            ) as squares:
                got[kind] = [square async for square in squares]
        return got

    assert cs.run(loop, scenario) == {
        kind: [n * n for n in range(7)] for kind in support.ITERABLE_KINDS
    }


@pytest.mark.parametrize("name", cs.SINGLES)
def test_every_function_takes_every_kind_of_iterable(loop: str, name: str) -> None:
    async def scenario() -> Any:
        got = {}
        for kind in support.ITERABLE_KINDS:
            async with cs.single(name, support.iterable_of(kind, range(4))) as stream:
                got[kind] = [item async for item in stream]
        return got

    for items in cs.run(loop, scenario).values():
        cs.assert_gives(name, items, [0, 1, 2, 3])


@pytest.mark.parametrize("name", cs.SINGLES)
def test_sync_iterators_are_not_closed(loop: str, name: str) -> None:
    async def scenario() -> Any:
        exhausted, stopped = SyncProbe(range(3)), SyncProbe(range(100))
        async with cs.single(name, exhausted) as stream:
            items = [item async for item in stream]
        async with cs.single(name, stopped) as stream:
            async for _ in stream:
                break
        return items, exhausted.closes, stopped.closes

    items, *closes = cs.run(loop, scenario)
    cs.assert_gives(name, items, [0, 1, 2])
    assert closes == [0, 0]


def test_an_object_with_both_protocols_is_iterated_asynchronously(loop: str) -> None:
    class Both:
        def __iter__(self) -> Any:
            return iter(["sync"])

        def __aiter__(self) -> Any:
            return support.make_source("async_generator", ["async"])

    async def scenario() -> Any:
        async with concurrent.merge(Both()) as merged:
            return [item async for item in merged]

    assert cs.run(loop, scenario) == ["async"]


# --- map ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2, 3, 8])
def test_map_gives_results_in_input_order_whatever_the_calls_durations(loop, limit) -> None:
    """Later items finish first (fewer checkpoints); the results are still in input order."""

    async def scenario() -> Any:
        calls = Calls(lambda n: -n, ticks=lambda n: 3 * (12 - n))
        async with concurrent.map(calls, Probe(range(12)), limit=limit) as results:
            return [r async for r in results], calls.max_in_flight

    results, most = cs.run(loop, scenario)
    assert results == [-n for n in range(12)]
    assert most == limit


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_unordered_map_gives_results_as_the_calls_complete(loop: str, limit: int) -> None:
    """Item n takes 2 ** (4 - n) steps of time (no two calls end at once): a slot starts the
    next item as soon as its call completes, and the results come as the calls complete."""
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.02

    async def scenario() -> Any:
        calls = Calls(seconds=lambda n: step * 2 ** (4 - n))
        async with concurrent.map(calls, range(5), limit=limit, ordered=False) as results:
            return [r async for r in results], calls.max_in_flight

    results, most = cs.run(loop, scenario, virtual_time=True)
    assert most == limit
    running: list[tuple[float, int]] = []
    expected, clock, pending = [], 0.0, list(range(5))
    while pending or running:
        while pending and len(running) < limit:
            n = pending.pop(0)
            running.append((clock + 2 ** (4 - n), n))
        running.sort()
        clock, n = running.pop(0)
        expected.append(n)
    assert results == expected


def test_map_starts_the_calls_in_input_order_and_one_per_item(loop: str) -> None:
    async def scenario() -> Any:
        calls = Calls(ticks=lambda n: n % 3)
        async with concurrent.map(calls, range(20), limit=4, ordered=False) as results:
            got = [r async for r in results]
        return sorted(got), calls.start_order, calls.started

    got, order, started = cs.run(loop, scenario)
    assert got == order == list(range(20))
    assert started == 20


def test_map_with_limit_one_runs_one_call_at_a_time(loop: str) -> None:
    async def scenario() -> Any:
        calls = Calls(ticks=2)
        async with concurrent.map(calls, range(5), limit=1) as results:
            return [r async for r in results], calls.max_in_flight

    assert cs.run(loop, scenario) == ([0, 1, 2, 3, 4], 1)


def test_map_with_a_limit_above_the_items_starts_a_task_per_item_only(loop: str) -> None:
    """Workers are started as the calls need them: with 3 items and a limit of 100, a task per
    call, and at most one more (the worker that finds the end)."""

    async def scenario() -> Any:
        before = cs.live_tasks()
        seen = []
        calls = Calls(ticks=5, on_start=lambda item: seen.append(len(cs.live_tasks() - before)))
        async with concurrent.map(calls, range(3), limit=100) as results:
            got = [r async for r in results]
        return got, max(seen)

    got, most_tasks = cs.run(loop, scenario)
    assert got == [0, 1, 2]
    assert most_tasks <= 3 + 1


class Ledger:
    """What a consumer of map observes at each step: pulls, calls started and finished."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.consumed = 0
        self.finished = 0
        self.violations: list[str] = []
        self.calls: Calls | None = None
        self.source: Probe | None = None

    def at_pull(self, index: int) -> None:
        """A pull starts only when a call can start at once."""
        assert self.calls is not None
        if self.calls.in_flight >= self.limit:
            self.violations.append(f"pull {index} with {self.calls.in_flight} calls in flight")
        if self.waiting() >= self.limit:
            self.violations.append(f"pull {index} with {self.waiting()} results waiting")

    def at_call(self, item: Any) -> None:
        """A call starts only while fewer than ``limit`` finished results wait."""
        if self.waiting() >= self.limit:
            self.violations.append(f"call {item} with {self.waiting()} results waiting")

    def waiting(self) -> int:
        assert self.calls is not None
        return self.calls.finished - self.consumed

    def at_step(self) -> None:
        """The input is never more than 2 * limit - 1 items ahead of the consumer."""
        assert self.source is not None
        ahead = self.source.pulls - self.consumed
        if ahead > 2 * self.limit - 1:
            self.violations.append(f"{ahead} items pulled ahead after {self.consumed}")


async def consume_with_ledger(
    limit: int, ordered: bool, call_ticks: list[int], pauses: list[int], count: int
) -> Ledger:
    ledger = Ledger(limit)
    ledger.calls = calls = Calls(ticks=call_ticks, on_start=ledger.at_call)
    ledger.source = source = Probe(range(count), on_pull=ledger.at_pull)
    async with concurrent.map(calls, source, limit=limit, ordered=ordered) as results:
        async for _ in results:
            ledger.consumed += 1
            ledger.at_step()
            await cs.checkpoints(pauses[ledger.consumed % len(pauses)])
            ledger.at_step()
    assert ledger.consumed == count
    return ledger


@pytest.mark.parametrize("ordered", [True, False])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_map_backpressure_with_a_slow_consumer(loop: str, limit: int, ordered: bool) -> None:
    """The consumer sleeps between steps: the calls finish, their results wait, no more than
    ``limit`` of them; the input is at most ``2 * limit - 1`` items ahead."""

    async def scenario() -> Ledger:
        return await consume_with_ledger(limit, ordered, [0, 3, 1, 0, 5] * 6, [30], 30)

    ledger = cs.run(loop, scenario)
    assert ledger.violations == []


@pytest.mark.parametrize("ordered", [True, False])
def test_map_backpressure_reaches_its_bound(loop: str, ordered: bool) -> None:
    """The bound is the tightest one: with ``limit - 1`` calls blocked and a consumer that
    waits (ordered: for the first of them), the input is pulled exactly ``2 * limit - 1``
    items ahead of it, and no further."""
    limit = 3

    async def scenario() -> Any:
        gate = cs.Gate()
        source = Probe(range(20))
        taken: list[int] = []

        async def function(item: int) -> int:
            if item < limit - 1:
                await gate.wait()
            return item

        async with concurrent.map(function, source, limit=limit, ordered=ordered) as results:

            async def consumer() -> None:
                taken.append(await results.__anext__())

            async def watcher() -> int:
                await cs.checkpoints(50)
                ahead = source.pulls - len(taken)
                gate.open()
                return ahead

            _, ahead = await cs.together(consumer, watcher)
            rest = [r async for r in results]
        return ahead, sorted(taken + rest)

    ahead, items = cs.run(loop, scenario)
    assert items == list(range(20))
    if ordered:
        # Items 0 and 1 block; 2, 3 and 4 finish and wait (limit results: no more pulls).
        assert ahead == 2 * limit - 1
    else:
        # The consumer took the first result to finish; the workers pull again once half of
        # the results waiting are taken (not at every one).
        assert limit <= ahead <= 2 * limit - 1


@pytest.mark.parametrize("loop", cs.HYPOTHESIS_LOOPS)
@settings(max_examples=30, deadline=None)
@given(
    limit=st.integers(1, 4),
    ordered=st.booleans(),
    call_ticks=st.lists(st.integers(0, 6), min_size=1, max_size=20),
    pauses=st.lists(st.integers(0, 8), min_size=1, max_size=5),
    count=st.integers(0, 20),
)
def test_map_backpressure_at_any_pace(loop, limit, ordered, call_ticks, pauses, count) -> None:
    ledger = cs.run(loop, lambda: consume_with_ledger(limit, ordered, call_ticks, pauses, count))
    assert ledger.violations == []
    assert ledger.calls is not None and ledger.calls.max_in_flight <= limit


def test_map_pulls_nothing_before_the_first_step(loop: str) -> None:
    async def scenario() -> Any:
        source = Probe(range(5))
        stream = concurrent.map(abs, source, limit=2)
        async with stream:
            await cs.checkpoints(5)
            before = source.pulls
            first = await stream.__anext__()
        return before, first

    assert cs.run(loop, scenario) == (0, 0)


# --- merge and zip --------------------------------------------------------------------------------


def test_merge_gives_every_item_of_every_source_each_in_its_order(loop: str) -> None:
    async def scenario() -> Any:
        sources = [
            Probe([("a", n) for n in range(5)], ticks=[3, 0, 5, 1, 0]),
            support.make_source("suspending_async_generator", [("b", n) for n in range(4)]),
            [("c", n) for n in range(3)],
        ]
        async with concurrent.merge(*sources) as merged:
            return [item async for item in merged]

    items = cs.run(loop, scenario)
    for name, count in (("a", 5), ("b", 4), ("c", 3)):
        assert [n for source, n in items if source == name] == list(range(count))
    assert len(items) == 12


def test_merge_gives_the_items_in_arrival_order(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.03

    async def scenario() -> Any:
        fast = Probe(["f0", "f1", "f2"], seconds=2 * step)  # at 2, 4, 6
        slow = Probe(["s0", "s1"], seconds=[3 * step, 4 * step])  # at 3, 7
        async with concurrent.merge(fast, slow) as merged:
            return [item async for item in merged]

    assert cs.run(loop, scenario, virtual_time=True) == ["f0", "s0", "f1", "f2", "s1"]


def test_merge_runs_each_source_one_item_ahead_only(loop: str) -> None:
    async def scenario() -> Any:
        sources = [Probe([(s, n) for n in range(10)], ticks=s) for s in range(3)]
        taken = [0, 0, 0]
        violations = []
        async with concurrent.merge(*sources) as merged:
            async for source_index, _ in merged:
                taken[source_index] += 1
                await cs.checkpoints(10)  # every source had time to run ahead
                for s, source in enumerate(sources):
                    if source.pulls > taken[s] + 1:
                        violations.append((s, source.pulls, taken[s]))
                    if source.pulls < min(taken[s] + 1, 11):
                        violations.append(("idle", s, source.pulls, taken[s]))
        return violations, taken

    violations, taken = cs.run(loop, scenario)
    assert violations == []
    assert taken == [10, 10, 10]


def test_merge_of_nothing_is_empty(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.merge() as merged:
            return [item async for item in merged]

    assert cs.run(loop, scenario) == []


def test_merge_closes_each_source_once_when_it_ends(loop: str) -> None:
    """An exhausted source is closed while the others still run (not only at the end)."""

    async def scenario() -> Any:
        short, long = Probe([1]), Probe(range(10, 20), ticks=3)
        async with concurrent.merge(short, long) as merged:
            items = []
            async for item in merged:
                items.append(item)
                if item == 15:
                    closed_during = short.closes
        return sorted(items), closed_during, short.closes, long.closes

    items, during, short, long = cs.run(loop, scenario)
    assert items == [1, *range(10, 20)]
    assert (during, short, long) == (1, 1, 1)


CASES = [[], [[]], [[1, 2, 3]], [[1, 2, 3], "ab"], ["ab", [1, 2, 3]], [[1], [2, 3], []]]


@pytest.mark.parametrize("lists", CASES, ids=repr)
def test_zip_gives_the_stdlib_tuples(loop: str, lists: list[Any]) -> None:
    async def scenario() -> Any:
        sources = [Probe(items, ticks=n) for n, items in enumerate(lists)]
        async with concurrent.zip(*sources) as zipped:
            got = [pair async for pair in zipped]
        return got, [source.closes for source in sources]

    got, closes = cs.run(loop, scenario)
    assert got == list(zip(*lists, strict=False))
    assert closes == [1] * len(lists)


STRICT_CASES = [
    [[1, 2], [1]],
    [[1], [1, 2]],
    [[1, 2], [1, 2], [1]],
    [[1], [1], [1, 2]],
    [[1, 2], [1], [1, 2]],
    [[], [1]],
    [[1, 2], [1, 2]],
]


@pytest.mark.parametrize("lists", STRICT_CASES, ids=repr)
def test_zip_strict_raises_the_stdlib_error(loop: str, lists: list[Any]) -> None:
    expected = support.sync_outcome(zip(*lists, strict=True))

    async def scenario() -> Any:
        sources = [Probe(items) for items in lists]
        async with concurrent.zip(*sources, strict=True) as zipped:
            outcome = await support.collect_outcome(zipped)
        return outcome, [source.closes for source in sources]

    outcome, closes = cs.run(loop, scenario)
    assert outcome == expected
    assert closes == [1] * len(lists)


def test_zip_pulls_the_items_of_a_tuple_concurrently(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.05

    async def scenario() -> Any:
        sources = [Probe(range(3), seconds=step) for _ in range(4)]
        start = cs.now()
        async with concurrent.zip(*sources) as zipped:
            got = [pair async for pair in zipped]
        return got, (cs.now() - start) / step

    got, steps = cs.run(loop, scenario, virtual_time=True)
    assert got == [(n, n, n, n) for n in range(3)]
    # Three rounds of one step each, and one for the end: not 16 steps.
    assert steps < 4 + 2


def test_zip_pulls_only_when_the_consumer_asks(loop: str) -> None:
    async def scenario() -> Any:
        sources = [Probe(range(10)), Probe(range(10), ticks=2)]
        seen = []
        async with concurrent.zip(*sources) as zipped:
            async for _ in zipped:
                await cs.checkpoints(10)
                seen.append([source.pulls for source in sources])
                if len(seen) == 3:
                    break
        return seen

    assert cs.run(loop, scenario) == [[1, 1], [2, 2], [3, 3]]


def test_zip_items_are_the_same_objects(loop: str) -> None:
    firsts, seconds = [object(), object()], [object(), object()]

    async def scenario() -> Any:
        async with concurrent.zip(Probe(firsts), seconds) as zipped:
            return [pair async for pair in zipped]

    got = cs.run(loop, scenario)
    assert all(a is x and b is y for (a, b), x, y in zip(got, firsts, seconds, strict=True))


# --- flatmap, concatmap, switchmap ----------------------------------------------------------------


def inner_of(kind: str, item: int, length: int, ticks: int = 0) -> Any:
    """An iterable of ``(item, 0) ... (item, length - 1)`` of the given kind."""
    values = [(item, n) for n in range(length)]
    if kind == "list":
        return values
    if kind == "probe":
        return Probe(values, ticks=ticks)
    return support.make_source(kind, values)


INNER_KINDS = ("list", "probe", "async_generator", "suspending_async_generator")


@pytest.mark.parametrize("kind", INNER_KINDS)
@pytest.mark.parametrize("callable_kind", ["sync", "async"])
def test_flatmap_gives_every_item_of_every_iterable(loop, kind, callable_kind) -> None:
    function = support.callable_of(callable_kind, lambda item: inner_of(kind, item, item % 4))

    async def scenario() -> Any:
        async with concurrent.flatmap(function, Probe(range(8), ticks=1), limit=3) as flat:
            return [item async for item in flat]

    items = cs.run(loop, scenario)
    assert sorted(items) == [(i, n) for i in range(8) for n in range(i % 4)]
    for i in range(8):  # each iterable's items in its own order
        assert [n for j, n in items if j == i] == list(range(i % 4))


def test_flatmap_merges_the_iterables_items_as_they_arrive(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.03

    def pages(site: str) -> Probe:
        return Probe([f"{site}/0", f"{site}/1"], seconds=step * (1 if site == "fast" else 3))

    async def scenario() -> Any:
        async with concurrent.flatmap(pages, ["slow", "fast"], limit=2) as all_pages:
            return [page async for page in all_pages]

    assert cs.run(loop, scenario, virtual_time=True) == ["fast/0", "fast/1", "slow/0", "slow/1"]


@pytest.mark.parametrize("name", ["flatmap", "concatmap"])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_at_most_limit_iterables_are_open(loop: str, name: str, limit: int) -> None:
    """An iterable is open from its function call until it is closed (each once)."""

    async def scenario() -> Any:
        inners: list[Probe] = []
        most = [0]

        def function(item: int) -> Probe:
            inners.append(Probe([(item, n) for n in range(3)], ticks=item % 3))
            opened = sum(1 for inner in inners if not inner.closes)
            most[0] = max(most[0], opened)
            return inners[-1]

        function_of = getattr(concurrent, name)
        async with function_of(function, Probe(range(9)), limit=limit) as flat:
            items = [item async for item in flat]
        return items, most[0], [inner.closes for inner in inners]

    items, most, closes = cs.run(loop, scenario)
    assert sorted(items) == [(i, n) for i in range(9) for n in range(3)]
    if name == "concatmap":
        assert items == [(i, n) for i in range(9) for n in range(3)]
    assert most <= limit
    assert closes == [1] * 9


def test_concatmap_gives_the_iterables_one_after_the_other(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.03

    def pages(site: str) -> Probe:
        seconds = step * (1 if site == "fast" else 3)
        return Probe([f"{site}/0", f"{site}/1"], seconds=[seconds, seconds, 0])

    async def scenario() -> Any:
        start = cs.now()
        async with concurrent.concatmap(pages, ["slow", "fast", "slow"], limit=3) as all_pages:
            got = [page async for page in all_pages]
        return got, (cs.now() - start) / step

    got, steps = cs.run(loop, scenario, virtual_time=True)
    assert got == ["slow/0", "slow/1", "fast/0", "fast/1", "slow/0", "slow/1"]
    # The later iterables run ahead while the first is read, one item ahead each: 10 steps
    # (slow/1 at 6, fast/1 at 7, the second slow's first item ready since 3, its second at
    # 10), not the 14 of one after the other.
    assert steps < 12


@pytest.mark.parametrize("kind", INNER_KINDS)
def test_concatmap_takes_every_kind_of_iterable(loop: str, kind: str) -> None:
    async def scenario() -> Any:
        function = Calls(lambda item: inner_of(kind, item, 3 - item % 3, ticks=item % 2))
        async with concurrent.concatmap(function, range(6), limit=2) as flat:
            return [item async for item in flat]

    assert cs.run(loop, scenario) == [(i, n) for i in range(6) for n in range(3 - i % 3)]


def test_switchmap_reads_only_the_newest_iterable(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.04

    async def scenario() -> Any:
        inners: dict[str, Probe] = {}

        def search(text: str) -> Probe:
            inners[text] = Probe([f"{text}:{n}" for n in range(3)], seconds=2 * step)
            return inners[text]

        queries = Probe(["a", "as", "asy"], seconds=[0, 3 * step, 3 * step])
        async with concurrent.switchmap(search, queries) as results:
            got = [result async for result in results]
        return got, {text: inner.closes for text, inner in inners.items()}, queries.closes

    got, closes, queries_closed = cs.run(loop, scenario, virtual_time=True)
    # "a" gives a:0 at 2, "as" arrives at 3 (a closed), gives as:0 at 5, "asy" at 6...
    assert got == ["a:0", "as:0", "asy:0", "asy:1", "asy:2"]
    assert closes == {"a": 1, "as": 1, "asy": 1}
    assert queries_closed == 1


def test_switchmap_closes_the_current_iterable_when_the_next_item_arrives(loop: str) -> None:
    async def scenario() -> Any:
        inners: list[Probe] = []
        gate = cs.Gate()

        async def queries() -> Any:
            yield 0
            await gate.wait()
            yield 1

        def function(item: int) -> Probe:
            inners.append(Probe(range(100), block_at=1))
            return inners[-1]

        async with concurrent.switchmap(function, queries()) as results:
            first = await results.__anext__()
            before = inners[0].closes
            gate.open()
            await cs.checkpoints(20)
            after = inners[0].closes, inners[0].cancelled
            second = await results.__anext__()
        return first, before, after, second, [inner.closes for inner in inners]

    first, before, after, second, closes = cs.run(loop, scenario)
    assert (first, before, second) == (0, 0, 0)
    assert after == (1, 1)  # its blocked pull cancelled, then closed
    assert closes == [1, 1]


def test_switchmap_with_a_sync_input_reads_the_last_iterable(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.switchmap(lambda n: Probe([n, n], ticks=1), range(5)) as results:
            return [r async for r in results]

    got = cs.run(loop, scenario)
    assert got[-2:] == [4, 4]
    assert all(a <= b for a, b in zip(got, got[1:], strict=False))


def test_the_flat_functions_call_the_function_once_per_item(loop: str) -> None:
    async def scenario() -> Any:
        counts = {}
        for name in ("flatmap", "concatmap", "switchmap"):
            calls = Calls(lambda item: [item])
            if name == "switchmap":
                stream = concurrent.switchmap(calls, range(10))
            else:
                stream = getattr(concurrent, name)(calls, range(10), limit=2)
            async with stream as items:
                got = [item async for item in items]
            counts[name] = (calls.started, calls.start_order == list(range(10)), len(got))
        return counts

    counts = cs.run(loop, scenario)
    assert counts["flatmap"] == counts["concatmap"] == (10, True, 10)
    assert counts["switchmap"][:2] == (10, True)


# --- gather and as_completed ----------------------------------------------------------------------


async def after(seconds: float, value: Any, log: list[Any] | None = None) -> Any:
    if log is not None:
        log.append(("start", value))
    await cs.sleep(seconds)
    if log is not None:
        log.append(("end", value))
    return value


def test_gather_gives_the_results_in_argument_order(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.02

    async def scenario() -> Any:
        start = cs.now()
        got = await concurrent.gather(*(after(step * (5 - n), n) for n in range(5)))
        return got, (cs.now() - start) / step

    got, steps = cs.run(loop, scenario, virtual_time=True)
    assert got == [0, 1, 2, 3, 4]
    assert steps < 5 + 3  # concurrently: the longest, not the sum


def test_gather_of_nothing_is_an_empty_list(loop: str) -> None:
    assert cs.run(loop, concurrent.gather) == []


def test_gather_takes_any_awaitable(loop: str) -> None:
    async def scenario() -> Any:
        return await concurrent.gather(
            support.Deferred(lambda: "deferred", ()), after(0, "coroutine")
        )

    assert cs.run(loop, scenario) == ["deferred", "coroutine"]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_gather_awaits_at_most_limit_at_a_time(loop: str, limit: int) -> None:
    async def scenario() -> Any:
        running, most = [0], [0]

        async def job(n: int) -> int:
            running[0] += 1
            most[0] = max(most[0], running[0])
            await cs.checkpoints(n % 3 + 1)
            running[0] -= 1
            return n

        got = await concurrent.gather(*(job(n) for n in range(10)), limit=limit)
        return got, most[0]

    assert cs.run(loop, scenario) == (list(range(10)), limit)


def test_as_completed_gives_the_results_in_completion_order(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.03

    async def scenario() -> Any:
        racing = [after(step * 3, "slow"), after(step, "fast"), after(step * 2, "middle")]
        async with concurrent.as_completed(racing) as results:
            return [r async for r in results]

    assert cs.run(loop, scenario, virtual_time=True) == ["fast", "middle", "slow"]


@pytest.mark.parametrize("limit", [1, 2])
def test_as_completed_with_a_limit_starts_them_in_order(loop: str, limit: int) -> None:
    async def scenario() -> Any:
        log: list[Any] = []
        awaitables = [after(0, n, log) for n in range(4)]
        async with concurrent.as_completed(awaitables, limit=limit) as results:
            got = [r async for r in results]
        starts = [value for event, value in log if event == "start"]
        most, running = 0, 0
        for event, _ in log:
            running += 1 if event == "start" else -1
            most = max(most, running)
        return sorted(got), starts, most

    assert cs.run(loop, scenario) == ([0, 1, 2, 3], [0, 1, 2, 3], limit)


def test_as_completed_pulls_an_async_iterable_of_awaitables_as_slots_free(loop: str) -> None:
    async def scenario() -> Any:
        pulled = []

        async def awaitables() -> Any:
            for n in range(6):
                pulled.append(n)
                yield after(0, n)

        seen = []
        async with concurrent.as_completed(awaitables(), limit=2) as results:
            async for result in results:
                seen.append((result, len(pulled)))
        return seen

    seen = cs.run(loop, scenario)
    assert sorted(result for result, _ in seen) == list(range(6))
    assert all(pulled <= taken + 2 * 2 for taken, (_, pulled) in enumerate(seen, 1))


# --- buffer and batched ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 5])
def test_buffer_runs_ahead_by_at_most_size_items(loop: str, size: int) -> None:
    async def scenario() -> Any:
        source = Probe(range(20), ticks=[n % 3 for n in range(21)])
        seen, taken = [], 0
        async with concurrent.buffer(source, size) as buffered:
            async for item in buffered:
                assert item == taken
                taken += 1
                await cs.checkpoints(20)  # the pulling task runs ahead meanwhile
                seen.append(source.pulls - taken)
        return seen

    seen = cs.run(loop, scenario)
    assert max(seen) <= size + 1
    assert seen[0] >= min(size, 19)  # it did run ahead
    assert len(seen) == 20


def test_buffer_gives_the_items_in_order(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.buffer(support.make_source("suspending_anext", range(30)), 4) as b:
            return [item async for item in b]

    assert cs.run(loop, scenario) == list(range(30))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_batched_gives_full_batches_without_waiting_when_items_are_there(loop, n) -> None:
    async def scenario() -> Any:
        start = cs.now()
        async with concurrent.batched(Probe(range(7)), n, within=1000) as batches:
            got = [batch async for batch in batches]
        return got, cs.now() - start

    got, elapsed = cs.run(loop, scenario, virtual_time=True)
    assert got == [tuple(range(7))[i : i + n] for i in range(0, 7, n)]
    assert elapsed < 1000  # the last one at the end, not after its time


def test_batched_holds_at_most_n_items_plus_the_one_being_pulled(loop: str) -> None:
    async def scenario() -> Any:
        source = Probe(range(30))
        taken, seen = 0, []
        async with concurrent.batched(source, 4, within=1000) as batches:
            async for batch in batches:
                taken += len(batch)
                await cs.checkpoints(10)
                seen.append(source.pulls - taken)
        return seen, taken

    seen, taken = cs.run(loop, scenario)
    assert taken == 30
    assert max(seen) <= 4 + 1


# --- memory ---------------------------------------------------------------------------------------


def traced_input(count: int, sizes: list[int], every: int) -> Any:
    """``range(count)`` that notes the memory traced (tracemalloc) every ``every`` items."""
    for item in range(count):
        if item % every == 0:
            sizes.append(tracemalloc.get_traced_memory()[0])
        yield item


def traced(make: Any, count: int, every: int) -> tuple[int, list[int]]:
    """Consume ``make(input)`` over a traced input of ``count`` items: how many items it gave,
    and the memory in use as the input was pulled."""

    async def consume() -> tuple[int, list[int]]:
        sizes: list[int] = [0] * 100  # made before: its growth is not counted
        del sizes[:]
        given = 0
        async with make(traced_input(count, sizes, every)) as stream:
            async for _ in stream:
                given += 1
        return given, sizes

    tracemalloc.start()
    try:
        return asyncio.run(consume())
    finally:
        tracemalloc.stop()


def test_a_million_items_through_map_in_constant_memory() -> None:
    given, sizes = traced(lambda xs: concurrent.map(abs, xs, limit=8), 1_000_000, 100_000)
    assert given == 1_000_000
    # After the first 100 000 items, less than 8 kB more in use at any point.
    assert max(sizes[1:]) - sizes[1] < 8 * 1024, sizes


MEMORY_CASES = {
    "map_unordered": lambda xs: concurrent.map(abs, xs, limit=8, ordered=False),
    "merge": lambda xs: concurrent.merge(xs, range(10)),
    "zip": lambda xs: concurrent.zip(xs, itertools.count()),
    "flatmap": lambda xs: concurrent.flatmap(lambda item: Probe([item]), xs, limit=4),
    "concatmap": lambda xs: concurrent.concatmap(lambda item: Probe([item]), xs, limit=4),
    "switchmap": lambda xs: concurrent.switchmap(lambda item: Probe([item]), xs),
    "as_completed": lambda xs: concurrent.as_completed(
        cs._MapAsync(cs.Lazy(xs), cs._returns), limit=8
    ),
    "buffer": lambda xs: concurrent.buffer(xs, 16),
    "batched": lambda xs: concurrent.batched(xs, 4, within=1000),
    "ziplatest": lambda xs: concurrent.ziplatest(xs, range(10)),
    "timeout": lambda xs: concurrent.timeout(xs, 1000),
    "timeout_async": lambda xs: concurrent.timeout(cs.Lazy(xs), 1000),
    "spaceout": lambda xs: concurrent.spaceout(xs, 0),
}


@pytest.mark.parametrize("name", MEMORY_CASES)
def test_every_function_runs_in_constant_memory(name: str) -> None:
    """12 000 items: the memory in use over the second half is no more than over the first
    (which warms up: the loop's own structures, the heap of timers called off) by 8 kB, less
    than a byte an item."""
    # batched wakes its consumer once in 4 items: 4 times as many for as many steps (asyncio's
    # own memory warms up over its first 2 000 wakeups or so).
    count = 48_000 if name == "batched" else 12_000
    given, sizes = traced(MEMORY_CASES[name], count, count // 20)
    assert given > 0
    assert max(sizes[10:]) - max(sizes[:10]) < 8 * 1024, sizes


# --- ziplatest ------------------------------------------------------------------------------------


def test_ziplatest_gives_every_sources_newest_item_at_each_arrival(loop: str) -> None:
    step = 1.0 if loop in cs.VIRTUAL_LOOPS else 0.03

    async def scenario() -> Any:
        prices = Probe([10, 11, 12], seconds=[step, 2 * step, 2 * step])  # at 1, 3, 5
        rates = Probe([1.5, 1.6], seconds=[2 * step, 2 * step])  # at 2, 4
        async with concurrent.ziplatest(prices, rates) as latest:
            partial = [row async for row in latest]
        prices = Probe([10, 11, 12], seconds=[step, 2 * step, 2 * step])
        rates = Probe([1.5, 1.6], seconds=[2 * step, 2 * step])
        async with concurrent.ziplatest(prices, rates, partial=False) as latest:
            full = [row async for row in latest]
        return partial, full, prices.closes, rates.closes

    partial, full, *closes = cs.run(loop, scenario, virtual_time=True)
    assert partial == [(10, None), (10, 1.5), (11, 1.5), (11, 1.6), (12, 1.6)]
    assert full == [(10, 1.5), (11, 1.5), (11, 1.6), (12, 1.6)]
    assert closes == [1, 1]


def test_ziplatest_stands_default_for_a_source_without_an_item_yet(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.ziplatest(Probe([1]), Probe([], block_at=0), default="-") as rows:
            return await rows.__anext__()

    assert cs.run(loop, scenario) == (1, "-")


def test_ziplatest_without_partial_ends_when_a_source_ends_empty(loop: str) -> None:
    """No full tuple can come: the stream ends then, and does not read the others forever."""

    async def scenario() -> Any:
        endless = Probe(range(10**9), ticks=1)
        async with concurrent.ziplatest(endless, Probe([], ticks=20), partial=False) as rows:
            got = [row async for row in rows]
        return got, endless.pulls < 100, endless.closes

    assert cs.run(loop, scenario) == ([], True, 1)


def test_ziplatest_ends_when_every_source_has_ended(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.ziplatest(Probe([1, 2]), range(3), []) as rows:
            return [row async for row in rows]

    rows = cs.run(loop, scenario)
    assert len(rows) == 5
    assert rows[-1] == (2, 2, None)


# --- argument errors ------------------------------------------------------------------------------


async def _coroutine() -> None:  # pragma: no cover - closed, never run
    pass


def function(item: Any) -> Any:
    return item


ARGUMENT_ERRORS = [
    # (call, exception, message)
    (
        lambda: concurrent.map(function, []),
        TypeError,
        "map() missing 1 required keyword-only argument: 'limit'",
    ),
    (
        lambda: concurrent.map(function, [], limit=0),
        ValueError,
        "map() limit must be a positive integer, not 0",
    ),
    (
        lambda: concurrent.map(function, [], limit=-3),
        ValueError,
        "map() limit must be a positive integer, not -3",
    ),
    (
        lambda: concurrent.map(function, [], limit=1.5),
        TypeError,
        "map() limit must be a positive integer, not float",
    ),
    (
        lambda: concurrent.map(function, [], limit="2"),
        TypeError,
        "map() limit must be a positive integer, not str",
    ),
    (
        lambda: concurrent.map(function, [], limit=None),
        TypeError,
        "map() limit must be a positive integer, not NoneType",
    ),
    (lambda: concurrent.map(1, [], limit=1), TypeError, "'int' object is not callable"),
    (lambda: concurrent.map(function, 1, limit=1), TypeError, "'int' object is not iterable"),
    (
        lambda: concurrent.map(function, [], limit=1, per_second=0),
        ValueError,
        "map() per_second must be a positive number of calls a second, not 0",
    ),
    (
        lambda: concurrent.map(function, [], limit=1, per_second=-1.5),
        ValueError,
        "map() per_second must be a positive number of calls a second, not -1.5",
    ),
    (
        lambda: concurrent.map(function, [], limit=1, per_second=float("nan")),
        ValueError,
        "map() per_second must be a positive number of calls a second, not nan",
    ),
    (
        lambda: concurrent.map(function, [], limit=1, per_second="1"),
        TypeError,
        "map() per_second must be a number of calls a second, not str",
    ),
    (lambda: concurrent.merge([], 1), TypeError, "'int' object is not iterable"),
    (lambda: concurrent.zip([], 1), TypeError, "'int' object is not iterable"),
    (lambda: concurrent.ziplatest(None), TypeError, "'NoneType' object is not iterable"),
    (
        lambda: concurrent.flatmap(function, [], limit=0),
        ValueError,
        "flatmap() limit must be a positive integer, not 0",
    ),
    (
        lambda: concurrent.flatmap(function, []),
        TypeError,
        "flatmap() missing 1 required keyword-only argument: 'limit'",
    ),
    (lambda: concurrent.flatmap(1, [], limit=1), TypeError, "'int' object is not callable"),
    (lambda: concurrent.flatmap(function, 1, limit=1), TypeError, "'int' object is not iterable"),
    (
        lambda: concurrent.concatmap(function, [], limit=2.0),
        TypeError,
        "concatmap() limit must be a positive integer, not float",
    ),
    (
        lambda: concurrent.concatmap(None, [], limit=2),
        TypeError,
        "'NoneType' object is not callable",
    ),
    (lambda: concurrent.switchmap("f", []), TypeError, "'str' object is not callable"),
    (lambda: concurrent.switchmap(function, 3), TypeError, "'int' object is not iterable"),
    (lambda: concurrent.as_completed(5), TypeError, "'int' object is not iterable"),
    (
        lambda: concurrent.as_completed([1]),
        TypeError,
        "as_completed() argument 1 must be awaitable, not 'int'",
    ),
    (
        lambda: concurrent.as_completed([], limit=0),
        ValueError,
        "as_completed() limit must be a positive integer, not 0",
    ),
    (
        lambda: concurrent.gather(_coroutine(), 2),
        TypeError,
        "gather() argument 2 must be awaitable, not 'int'",
    ),
    (
        lambda: concurrent.gather(_coroutine(), limit=-1),
        ValueError,
        "gather() limit must be a positive integer, not -1",
    ),
    (
        lambda: concurrent.gather(_coroutine(), limit=1.0),
        TypeError,
        "gather() limit must be a positive integer, not float",
    ),
    (
        lambda: concurrent.buffer([], 0),
        ValueError,
        "buffer() size must be a positive integer, not 0",
    ),
    (
        lambda: concurrent.buffer([], 1.0),
        TypeError,
        "buffer() size must be a positive integer, not float",
    ),
    (lambda: concurrent.buffer(1, 1), TypeError, "'int' object is not iterable"),
    (
        lambda: concurrent.batched([], 0, within=1),
        ValueError,
        "batched() n must be a positive integer, not 0",
    ),
    (
        lambda: concurrent.batched([], 2),
        TypeError,
        "batched() missing 1 required keyword-only argument: 'within'",
    ),
    (
        lambda: concurrent.batched([], 2, within=0),
        ValueError,
        "batched() within must be a positive number of seconds, not 0",
    ),
    (
        lambda: concurrent.batched([], 2, within=-1),
        ValueError,
        "batched() within must be a positive number of seconds, not -1",
    ),
    (
        lambda: concurrent.timeout([], -1),
        ValueError,
        "timeout() seconds must be a positive number of seconds, not -1",
    ),
    (
        lambda: concurrent.timeout([], float("nan")),
        ValueError,
        "timeout() seconds must be a positive number of seconds, not nan",
    ),
    (
        lambda: concurrent.timeout([], "1"),
        TypeError,
        "timeout() seconds must be a number of seconds, not str",
    ),
    (
        lambda: concurrent.timeout([], None),
        TypeError,
        "timeout() seconds must be a number of seconds, not NoneType",
    ),
    (lambda: concurrent.timeout(2, 1), TypeError, "'int' object is not iterable"),
    (
        lambda: concurrent.spaceout([], -0.5),
        ValueError,
        "spaceout() interval must be a non-negative number of seconds, not -0.5",
    ),
    (
        lambda: concurrent.spaceout([], float("nan")),
        ValueError,
        "spaceout() interval must be a non-negative number of seconds, not nan",
    ),
    (
        lambda: concurrent.spaceout([], b"1"),
        TypeError,
        "spaceout() interval must be a number of seconds, not bytes",
    ),
]


@pytest.mark.parametrize(("call", "kind", "message"), ARGUMENT_ERRORS, ids=lambda x: "")
def test_argument_errors_are_raised_at_the_call_with_clear_messages(call, kind, message) -> None:
    """Raised at the call (not at the first step); the coroutines given to gather and
    as_completed are closed first (none warns 'never awaited': -W error)."""
    with pytest.raises(kind) as raised:
        call()
    assert str(raised.value) == message
    gc.collect()


def test_durations_take_any_real_number() -> None:
    from decimal import Decimal
    from fractions import Fraction

    for seconds in (1, 0.5, Decimal("0.25"), Fraction(1, 3), True, float("inf")):
        concurrent.timeout([], seconds)
        concurrent.batched([], 1, within=seconds)
        concurrent.map(abs, [], limit=1, per_second=seconds)
    concurrent.spaceout([], 0)


def test_a_function_giving_no_iterable_fails_at_its_step(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.flatmap(lambda item: item, [1], limit=1) as flat:
            with pytest.raises(TypeError, match="'int' object is not iterable"):
                await flat.__anext__()

    cs.run(loop, scenario)


def test_an_async_iterable_of_things_not_awaitable_fails_at_its_step(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.as_completed(Probe([1])) as results:
            with pytest.raises(TypeError, match="'int' object can't be awaited"):
                await results.__anext__()

    cs.run(loop, scenario)


# --- the loops' own cancellation of the block, without the stream's knowledge ---------------------


@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_trio_a_cancelled_block_raises_the_plain_cancellation_not_a_group(loop: str) -> None:
    """A cancel scope around the block: what leaves the block is trio's Cancelled as it is
    (the scope catches it), not an ExceptionGroup of the tasks' cancellations."""

    async def scenario() -> Any:
        seen = []
        calls = Calls(block=range(100))
        with trio.move_on_after(0.01) as scope:
            try:
                async with concurrent.map(calls, range(100), limit=4) as results:
                    async for _ in results:
                        pass  # pragma: no cover
            except BaseException as exc:
                seen.append(type(exc))
                raise
        return seen, scope.cancelled_caught, calls.cancelled, calls.in_flight

    assert cs.run(loop, scenario) == ([trio.Cancelled], True, 4, 0)
