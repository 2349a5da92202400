"""``asyncitertools.concurrent``'s time: timeout, batched's ``within``, spaceout, per_second.

The time is the loop's: under a virtual clock (trio's MockClock, an asyncio loop whose clock
jumps to its next timer; see concurrent_support) hours pass in no time and the tests are exact
to the float; uvloop has real time only, and its tests run in units of 50 ms with margins of
half a unit. Only the semantics are timed (a timeout fires, a batch comes within its time,
the starts are spaced): never a speed.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

import pytest
import trio

import asyncitertools
from asyncitertools import concurrent

import concurrent_support as cs
from concurrent_support import Calls, Probe

LOOPS = cs.LOOPS


@pytest.fixture(params=LOOPS)
def loop(request: pytest.FixtureRequest) -> str:
    return request.param


def unit(loop: str) -> float:
    """A second of the tests' time: one virtual second, or 50 ms of uvloop's real time."""
    return 1.0 if loop in cs.VIRTUAL_LOOPS else 0.05


def slack(loop: str) -> float:
    """How far a time may be off, in units."""
    return 1e-6 if loop in cs.VIRTUAL_LOOPS else 0.5


def run(loop: str, scenario: Any) -> Any:
    with cs.Reports() as reports:

        async def checked() -> Any:
            reports.watch_loop()
            before = cs.live_tasks()
            result = await scenario()
            assert cs.live_tasks() == before
            return result

        result = cs.run(loop, checked, virtual_time=True)
    reports.check()
    return result


def near(value: float, expected: float, loop: str) -> bool:
    return abs(value - expected) <= slack(loop)


# --- timeout --------------------------------------------------------------------------------------


def test_timeout_fires_when_the_next_item_takes_longer(loop: str) -> None:
    """Items after 1 and 2 units, the third after 10 more: with a timeout of 5, the builtin
    TimeoutError 5 units after the second; the late pull cancelled, the source closed."""
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe(["a", "b", "c"], seconds=[u, u, 10 * u])
        start = cs.now()
        got = []
        try:
            async for item in concurrent.timeout(source, 5 * u):
                got.append(item)
        except TimeoutError as exc:
            return got, type(exc), (cs.now() - start) / u, source.cancelled, source.closes
        raise AssertionError("no timeout")  # pragma: no cover

    got, kind, elapsed, cancelled, closes = run(loop, scenario)
    assert got == ["a", "b"]
    assert kind is TimeoutError
    assert near(elapsed, 7, loop)
    assert (cancelled, closes) == (1, 1)


def test_timeout_runs_per_pull_not_for_the_whole_stream(loop: str) -> None:
    """Ten items, each 0.9 of the timeout apart: nine timeouts' worth in all, no error."""
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe(range(10), seconds=0.6 * u)
        start = cs.now()
        async with concurrent.timeout(source, u) as items:
            got = [item async for item in items]
        return got, (cs.now() - start) / u

    got, elapsed = run(loop, scenario)
    assert got == list(range(10))
    assert near(elapsed, 6.6, loop)  # ten items and the end, 0.6 each


def test_timeout_counts_from_each_pull_not_from_the_previous_item(loop: str) -> None:
    """The consumer spends 3 units on each item; the pulls take 0.5: no timeout of 1 fires
    (the time spent by the consumer is not the source's)."""
    u = unit(loop)

    async def scenario() -> Any:
        got = []
        async with concurrent.timeout(Probe(range(4), seconds=0.5 * u), u) as items:
            async for item in items:
                got.append(item)
                await cs.sleep(3 * u)
        return got

    assert run(loop, scenario) == [0, 1, 2, 3]


def test_timeout_fires_at_the_late_pulls_own_deadline(loop: str) -> None:
    """After pulls that came in time (each moving the deadline on), the late one times out one
    timeout after it began, not after an earlier one."""
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe(range(5), seconds=[0.9 * u, 0.9 * u, 0.9 * u, 5 * u])
        start = cs.now()
        got = []
        with pytest.raises(TimeoutError):
            async for item in concurrent.timeout(source, u):
                got.append(item)
        return got, (cs.now() - start) / u

    got, elapsed = run(loop, scenario)
    assert got == [0, 1, 2]
    assert near(elapsed, 2.7 + 1, loop)


def test_timeout_of_the_first_item(loop: str) -> None:
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe([1], block_at=0)
        start = cs.now()
        with pytest.raises(TimeoutError):
            await concurrent.timeout(source, 2 * u).__anext__()
        return (cs.now() - start) / u, source.closes

    elapsed, closes = run(loop, scenario)
    assert near(elapsed, 2, loop) and closes == 1


def test_timeout_uses_the_loops_clock(loop: str) -> None:
    """An hour's timeout under a virtual clock fires in no real time."""
    if loop not in cs.VIRTUAL_LOOPS:
        loop = "asyncio"

    async def scenario() -> Any:
        start, real = cs.now(), time.perf_counter()
        with pytest.raises(TimeoutError):
            await asyncitertools.list(concurrent.timeout(Probe([1], seconds=7200), 3600))
        return cs.now() - start, time.perf_counter() - real

    elapsed, real = run(loop, scenario)
    assert elapsed == 3600
    assert real < 60  # not an hour


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_after_a_timeout_the_consumer_is_not_left_cancelled(loop: str) -> None:
    """asyncio: the timeout cancels the consumer's own task for the pull; it takes that back
    (3.11+ counts cancellations), so the task goes on normally."""
    u = unit(loop)

    async def scenario() -> Any:
        with pytest.raises(TimeoutError):
            await asyncitertools.list(concurrent.timeout(Probe([1], block_at=0), u))
        await asyncio.sleep(0)  # not cancelled
        task = asyncio.current_task()
        assert task is not None
        return task.cancelling() if sys.version_info >= (3, 11) else 0

    assert run(loop, scenario) == 0


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_an_item_given_although_the_timeout_fired_is_delivered(loop: str) -> None:
    """A source that swallows the cancellation and gives an item: the item, not an error, and
    the task's cancellation taken back."""

    class Stubborn:
        def __aiter__(self) -> Any:
            return self

        async def __anext__(self) -> str:
            try:
                await asyncio.sleep(100)
            except asyncio.CancelledError:
                return "late"
            return "never"  # pragma: no cover

    async def scenario() -> Any:
        item = await concurrent.timeout(Stubborn(), unit(loop)).__anext__()
        task = asyncio.current_task()
        assert task is not None
        return item, task.cancelling() if sys.version_info >= (3, 11) else 0

    assert run(loop, scenario) == ("late", 0)


def test_a_cancellation_of_the_consumer_during_a_timed_pull_is_not_a_timeout(loop: str) -> None:
    async def scenario() -> Any:
        source = Probe([1], block_at=0)

        async def consume() -> None:
            async with concurrent.timeout(source, 1000) as items:
                await items.__anext__()

        cancelled, _ = await cs.cancelled_after(5, consume, loop)
        return cancelled, source.closes, cs.now()

    cancelled, closes, _ = run(loop, scenario)
    assert (cancelled, closes) == (True, 1)


@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_timeout_under_trio_needs_no_async_with(loop: str) -> None:
    async def scenario() -> Any:
        got = []
        with pytest.raises(TimeoutError):
            async for item in concurrent.timeout(Probe([1, 2], seconds=[0, 10]), 5):
                got.append(item)
        return got

    assert run(loop, scenario) == [1]


def test_a_sync_source_is_never_timed_out(loop: str) -> None:
    async def scenario() -> Any:
        async with concurrent.timeout(range(5), 1e-9) as items:
            return [item async for item in items]

    assert run(loop, scenario) == [0, 1, 2, 3, 4]


# --- batched's within -----------------------------------------------------------------------------


def test_a_batch_comes_within_its_time_after_its_first_item(loop: str) -> None:
    """Items 0 and 1 at once, 2 after 5 units, 3 and 4 at once after 5 more: with n=3 and
    within=2, the batches come 2 units after their first item (0 and 1), ..."""
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe(range(5), seconds=[0, 0, 5 * u, 5 * u, 0, 0])
        start = cs.now()
        batches = []
        async with concurrent.batched(source, 3, within=2 * u) as batched:
            async for batch in batched:
                batches.append((batch, round((cs.now() - start) / u, 6)))
        return batches

    got = run(loop, scenario)
    assert [batch for batch, _ in got] == [(0, 1), (2,), (3, 4)]
    times = [at for _, at in got]
    assert near(times[0], 2, loop)  # the first item at 0
    assert near(times[1], 7, loop)  # item 2 at 5
    assert near(times[2], 10, loop)  # items 3 and 4 at 10: the end comes with them


def test_a_full_batch_comes_at_once(loop: str) -> None:
    u = unit(loop)

    async def scenario() -> Any:
        start = cs.now()
        source = Probe(range(6), seconds=[0] * 6 + [6 * u])
        async with concurrent.batched(source, 3, within=100 * u) as b:
            first = await b.__anext__()
            at_first = (cs.now() - start) / u
            second = await b.__anext__()
            at_second = (cs.now() - start) / u
            rest = [batch async for batch in b]
        return first, at_first, second, at_second, rest, (cs.now() - start) / u

    first, at_first, second, at_second, rest, end = run(loop, scenario)
    assert (first, second, rest) == ((0, 1, 2), (3, 4, 5), [])
    assert near(at_first, 0, loop) and near(at_second, 0, loop)
    assert near(end, 6, loop)  # the end came, no batch waited for its time


def test_the_time_of_a_batch_runs_while_the_consumer_is_busy(loop: str) -> None:
    """After the first (full) batch the consumer is busy for 10 units; item 3 arrives after
    1 (the task pulls meanwhile): its batch's time is up at 3, and the consumer, back at 10,
    gets it at once."""
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe(range(4), seconds=[0, 0, 0, u, 6 * u])
        start = cs.now()
        async with concurrent.batched(source, 3, within=2 * u) as b:
            first = await b.__anext__()
            await cs.sleep(10 * u)
            second = await b.__anext__()
            at_second = (cs.now() - start) / u
            rest = [batch async for batch in b]
        return first, second, at_second, rest

    first, second, at_second, rest = run(loop, scenario)
    assert (first, second, rest) == ((0, 1, 2), (3,), [])
    assert near(at_second, 10, loop)


def test_batched_comes_in_time_while_a_pull_blocks(loop: str) -> None:
    """The pull of the next item blocks forever: the batch still comes within its time."""
    u = unit(loop)

    async def scenario() -> Any:
        source = Probe(range(5), block_at=2)
        start = cs.now()
        async with concurrent.batched(source, 5, within=3 * u) as b:
            batch = await b.__anext__()
            at = (cs.now() - start) / u
        return batch, at, source.cancelled, source.closes

    batch, at, cancelled, closes = run(loop, scenario)
    assert batch == (0, 1)
    assert near(at, 3, loop)
    assert (cancelled, closes) == (1, 1)


# --- spaceout -------------------------------------------------------------------------------------


def test_spaceout_spaces_the_items(loop: str) -> None:
    u = unit(loop)

    async def scenario() -> Any:
        times = []
        start = cs.now()
        async with concurrent.spaceout(range(5), 2 * u) as spaced:
            async for _ in spaced:
                times.append((cs.now() - start) / u)
        return times

    times = run(loop, scenario)
    assert near(times[0], 0, loop)
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert all(gap >= 2 - slack(loop) for gap in gaps), gaps
    assert all(near(gap, 2, loop) for gap in gaps), gaps  # and no more than needed


def test_spaceout_adds_no_wait_to_a_slower_source(loop: str) -> None:
    u = unit(loop)

    async def scenario() -> Any:
        times = []
        start = cs.now()
        async with concurrent.spaceout(Probe(range(4), seconds=3 * u), 2 * u) as spaced:
            async for _ in spaced:
                times.append((cs.now() - start) / u)
        return times

    times = run(loop, scenario)
    assert all(near(at, 3 * (n + 1), loop) for n, at in enumerate(times)), times


def test_spaceout_counts_from_when_the_consumer_got_the_last_item(loop: str) -> None:
    """The consumer spends 1 unit on each item: with an interval of 3 the next comes 3 after
    the previous was given, not 3 after the consumer asks."""
    u = unit(loop)

    async def scenario() -> Any:
        times = []
        start = cs.now()
        async with concurrent.spaceout(range(3), 3 * u) as spaced:
            async for _ in spaced:
                times.append((cs.now() - start) / u)
                await cs.sleep(u)
        return times

    times = run(loop, scenario)
    assert all(near(at, 3 * n, loop) for n, at in enumerate(times)), times


def test_spaceout_of_zero_gives_the_items_as_they_come(loop: str) -> None:
    async def scenario() -> Any:
        start = cs.now()
        async with concurrent.spaceout(Probe(range(5), ticks=1), 0) as spaced:
            got = [item async for item in spaced]
        return got, cs.now() - start

    got, elapsed = run(loop, scenario)
    assert got == list(range(5))
    assert near(elapsed, 0, loop)


# --- per_second -----------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 3])
def test_per_second_spaces_the_calls_starts(loop: str, limit: int) -> None:
    """At most 2 starts a second: the calls start 0.5 s apart, the first at once; with a limit
    of 3 they overlap (each takes 1.2 s), and start no later than needed."""
    u = unit(loop)

    async def scenario() -> Any:
        starts: list[float] = []
        start = cs.now()
        calls = Calls(seconds=1.2 * u, on_start=lambda item: starts.append((cs.now() - start) / u))
        async with concurrent.map(calls, range(6), limit=limit, per_second=2 / u) as results:
            got = [r async for r in results]
        return got, starts, calls.max_in_flight

    got, starts, most = run(loop, scenario)
    assert got == list(range(6))
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert near(starts[0], 0, loop)
    assert all(gap >= 0.5 - slack(loop) for gap in gaps), starts
    if limit == 3:
        assert all(near(gap, 0.5, loop) for gap in gaps), starts  # no more than needed
        assert most == 3


def test_per_second_spaces_the_starts_also_when_pulls_take_their_time(loop: str) -> None:
    """The pulls take 0.9 and 0 of an interval in turn: the starts are still an interval apart
    (the spacing is of the calls' starts, not of the pulls')."""
    u = unit(loop)

    async def scenario() -> Any:
        starts: list[float] = []
        start = cs.now()
        calls = Calls(seconds=5 * u, on_start=lambda item: starts.append((cs.now() - start) / u))
        source = Probe(range(6), seconds=[0.9 * u, 0] * 4)
        async with concurrent.map(calls, source, limit=6, per_second=1 / u) as results:
            got = [r async for r in results]
        return got, starts

    got, starts = run(loop, scenario)
    assert got == list(range(6))
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert all(gap >= 1 - slack(loop) for gap in gaps), starts


def test_per_second_with_unordered_results(loop: str) -> None:
    u = unit(loop)

    async def scenario() -> Any:
        starts: list[float] = []
        start = cs.now()
        calls = Calls(
            seconds=lambda item: (5 - item) * u,
            on_start=lambda item: starts.append((cs.now() - start) / u),
        )
        async with concurrent.map(calls, range(5), limit=5, ordered=False, per_second=4 / u) as r:
            got = [item async for item in r]
        return got, starts

    got, starts = run(loop, scenario)
    assert sorted(got) == list(range(5))
    assert all(near(at, 0.25 * n, loop) for n, at in enumerate(starts)), starts


@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_trio_timing_is_the_mock_clocks(loop: str) -> None:
    async def scenario() -> Any:
        start = trio.current_time()
        async with concurrent.map(Calls(seconds=3600), range(4), limit=2, per_second=1) as r:
            got = [item async for item in r]
        return got, trio.current_time() - start

    got, elapsed = run(loop, scenario)
    assert got == [0, 1, 2, 3]
    assert elapsed == 3600 * 2 + 1  # two rounds of an hour, the second started 1 s late
