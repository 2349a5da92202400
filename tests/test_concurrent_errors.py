"""``asyncitertools.concurrent``: errors, early stops and cancellations.

* The first exception from a source or a call reaches the consumer as that very object, never
  in an ExceptionGroup, once the other tasks are cancelled and every owned source closed.
  Ordered map raises it in its turn, after the earlier items (the later calls cancelled at
  once); the functions that give items as they arrive deliver what had arrived first (batched
  its partial batch); gather raises at once. BaseExceptions propagate as they are; a callable
  raising StopIteration is a RuntimeError.
* An early stop (break, aclose(), the consumer cancelled) cancels the calls and pulls in
  flight (never waits for them), and closes every owned source exactly once, before the block
  exits or aclose() returns; an error pending then is dropped silently.
* Nothing is reported: no "Task exception was never retrieved", no "coroutine ... was never
  awaited", no warning.

Random early stops and errors, for every function: test_concurrent_random.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import trio

from asyncitertools import concurrent

import concurrent_support as cs
from concurrent_support import Calls, Planted, Probe

LOOPS = cs.LOOPS


@pytest.fixture(params=LOOPS)
def loop(request: pytest.FixtureRequest) -> str:
    return request.param


async def outcome(stream: Any) -> tuple[list[Any], BaseException | None]:
    """The items of ``stream`` in ``async with``, and the exception that ended it."""
    items: list[Any] = []
    try:
        async with stream:
            async for item in stream:
                items.append(item)
    except Exception as exc:
        return items, exc
    return items, None


def run_checked(loop: str, scenario: Any, **options: Any) -> Any:
    """Run ``scenario`` under ``loop``; nothing left behind: no task, no report."""

    async def checked() -> Any:
        reports.watch_loop()
        before = cs.live_tasks()
        result = await scenario()
        assert cs.live_tasks() == before, "a task outlived its stream"
        return result

    with cs.Reports() as reports:
        result = cs.run(loop, checked, **options)
    reports.check()
    return result


# --- the error, as it is --------------------------------------------------------------------------


@pytest.mark.parametrize("name", cs.SINGLES)
def test_a_source_error_reaches_the_consumer_as_it_is(loop: str, name: str) -> None:
    error = Planted("source")

    async def scenario() -> Any:
        source = Probe(range(10), ticks=1, fail={3: error})
        items, raised = await outcome(cs.single(name, source))
        return cs.unwrapped(name, items), raised, source.closes

    items, raised, closes = run_checked(loop, scenario)
    assert raised is error
    assert closes == 1
    if name not in ("switchmap", "map_unordered", "merge", "flatmap", "as_completed"):
        assert items == [0, 1, 2]
    else:
        assert set(items) <= {0, 1, 2}


@pytest.mark.parametrize("name", cs.SINGLES)
@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_a_plain_async_for_ends_on_an_error_with_everything_cleaned_up(loop, name) -> None:
    """Under asyncio, without ``async with``: the error as it is, once the tasks are gone and
    the source closed."""
    error = Planted("source")

    async def scenario() -> Any:
        source = Probe(range(10), ticks=1, fail={2: error})
        before = cs.live_tasks()
        try:
            async for _ in cs.single(name, source):
                pass
        except Planted as exc:
            return exc, source.closes, cs.live_tasks() == before
        raise AssertionError("no error")  # pragma: no cover

    assert run_checked(loop, scenario) == (error, 1, True)


@pytest.mark.parametrize("ordered", [True, False])
def test_a_call_error_reaches_the_consumer_as_it_is(loop: str, ordered: bool) -> None:
    error = Planted("call")

    async def scenario() -> Any:
        calls = Calls(ticks=1, fail={4: error})
        source = Probe(range(10))
        items, raised = await outcome(concurrent.map(calls, source, limit=3, ordered=ordered))
        return items, raised, source.closes, calls.in_flight

    items, raised, closes, in_flight = run_checked(loop, scenario)
    assert raised is error
    assert type(raised) is Planted  # not in an ExceptionGroup
    assert (closes, in_flight) == (1, 0)
    if ordered:
        assert items == [0, 1, 2, 3]
    else:
        assert set(items) <= set(range(10)) - {4}


@pytest.mark.parametrize("where", ["input", "function", "inner"])
@pytest.mark.parametrize("name", ["flatmap", "concatmap", "switchmap"])
def test_the_flat_functions_errors_reach_the_consumer_as_they_are(loop, name, where) -> None:
    error = Planted(where)

    async def scenario() -> Any:
        inners: list[Probe] = []

        def function(item: int) -> Probe:
            if where == "function" and item == 2:
                raise error
            fail = {1: error} if where == "inner" and item == 2 else None
            inners.append(Probe([(item, 0), (item, 1)], ticks=1, fail=fail))
            return inners[-1]

        source = Probe(range(6), ticks=10, fail={2: error} if where == "input" else None)
        stream = getattr(concurrent, name)
        stream = (
            stream(function, source) if name == "switchmap" else stream(function, source, limit=2)
        )
        items, raised = await outcome(stream)
        return items, raised, source.closes, [inner.closes for inner in inners]

    items, raised, closes, inner_closes = run_checked(loop, scenario)
    assert raised is error
    assert closes == 1
    assert inner_closes == [1] * len(inner_closes)
    if name == "concatmap":
        expected = [(0, 0), (0, 1), (1, 0), (1, 1)] + ([(2, 0)] if where == "inner" else [])
        assert items == expected


def test_gather_raises_the_first_failure_at_once_and_closes_what_never_ran(loop: str) -> None:
    """gather fails fast: the first failure in time, not in argument order; the others are
    cancelled (not awaited to completion), the coroutines never started closed (else they
    would warn 'never awaited')."""
    error = Planted("gather")

    async def scenario() -> Any:
        log: list[str] = []

        async def slow() -> None:
            try:
                await cs.sleep(1000)
            finally:
                log.append("slow ended")

        async def failing() -> None:
            await cs.sleep(1 if loop in cs.VIRTUAL_LOOPS else 0.05)
            raise error

        async def never() -> None:  # pragma: no cover - never started
            log.append("never started")

        start = cs.now()
        with pytest.raises(Planted) as raised:
            await concurrent.gather(slow(), failing(), never(), never(), limit=2)
        return raised.value, cs.now() - start, log

    raised, elapsed, log = run_checked(loop, scenario, virtual_time=True)
    assert raised is error
    assert elapsed < 100
    assert log == ["slow ended"]


def test_as_completed_delivers_what_completed_then_raises(loop: str) -> None:
    error = Planted("as_completed")

    async def scenario() -> Any:
        async def value(n: int, ticks: int) -> int:
            await cs.checkpoints(ticks)
            return n

        async def failing() -> int:
            await cs.checkpoints(30)
            raise error

        async with concurrent.as_completed([value(0, 1), failing(), value(2, 2)]) as results:
            await cs.checkpoints(60)  # all of them ended meanwhile
            items = []
            with pytest.raises(Planted) as raised:
                async for result in results:
                    items.append(result)
        return sorted(items), raised.value

    assert run_checked(loop, scenario) == ([0, 2], error)


@pytest.mark.parametrize("name", cs.STARTS_TASKS)
def test_a_base_exception_from_a_task_propagates_as_it_is(loop: str, name: str) -> None:
    """KeyboardInterrupt (or any BaseException) raised in a call or a pull: the consumer gets
    that very object, after the tasks are cancelled and the source closed."""
    interrupt = KeyboardInterrupt()

    async def scenario() -> Any:
        source = Probe(range(10), ticks=1, fail={2: interrupt})
        try:
            await outcome(cs.single(name, source))
        except KeyboardInterrupt as exc:
            return exc, source.closes
        raise AssertionError("no KeyboardInterrupt")  # pragma: no cover

    assert run_checked(loop, scenario) == (interrupt, 1)


@pytest.mark.parametrize("name", ["map", "flatmap", "concatmap", "switchmap"])
def test_a_callable_raising_stop_iteration_is_a_runtime_error(loop: str, name: str) -> None:
    stop = StopIteration("stop")

    def function(item: int) -> Any:
        if item == 1:
            raise stop
        return [item] if name != "map" else item

    async def scenario() -> Any:
        stream = getattr(concurrent, name)
        stream = (
            stream(function, range(3))
            if name == "switchmap"
            else stream(function, range(3), limit=2)
        )
        return await outcome(stream)

    _, raised = run_checked(loop, scenario)
    assert isinstance(raised, RuntimeError)
    assert raised.__cause__ is stop
    assert str(raised) == f"{name}() step raised StopIteration"


@pytest.mark.parametrize("ordered", [True, False])
def test_an_async_callable_raising_stop_iteration_is_a_runtime_error(loop, ordered) -> None:
    async def function(item: int) -> int:
        raise StopIteration

    async def scenario() -> Any:
        return await outcome(concurrent.map(function, range(3), limit=2, ordered=ordered))

    _, raised = run_checked(loop, scenario)
    assert isinstance(raised, RuntimeError)


@pytest.mark.parametrize("loop", cs.ASYNCIO_LOOPS)
def test_a_cancelled_error_raised_by_a_call_is_its_failure(loop: str) -> None:
    """Under asyncio a call may raise CancelledError itself (a future it awaited was
    cancelled): that is the call's failure, raised to the consumer, not a silent loss."""
    cancelled = asyncio.CancelledError("not ours")

    async def function(item: int) -> int:
        await asyncio.sleep(0)
        if item == 1:
            raise cancelled
        return item

    async def scenario() -> Any:
        async with concurrent.map(function, range(3), limit=2) as results:
            items = []
            try:
                async for result in results:
                    items.append(result)
            except asyncio.CancelledError as exc:
                return items, exc
        return items, None  # pragma: no cover

    assert run_checked(loop, scenario) == ([0], cancelled)


def test_a_failing_aclose_replaces_the_outcome(loop: str) -> None:
    """The package's contract: the source's aclose() error is raised, the outcome its
    context."""
    close_error = Planted("aclose")
    error = Planted("source")

    async def scenario() -> Any:
        ended = await outcome(concurrent.map(abs, Probe([1, 2], close_error=close_error), limit=2))
        failed = await outcome(
            concurrent.map(abs, Probe([1, 2], fail={1: error}, close_error=close_error), limit=2)
        )
        return ended, failed

    (items, raised), (_, raised_after_error) = run_checked(loop, scenario)
    assert items == [1, 2] and raised is close_error
    assert raised_after_error is close_error
    assert raised_after_error.__context__ is error


def test_every_source_is_closed_although_one_aclose_fails(loop: str) -> None:
    close_error = Planted("aclose")

    async def scenario() -> Any:
        sources = [
            Probe([1], close_error=close_error),
            Probe([2]),
            Probe([3], close_error=Planted()),
        ]
        items, raised = await outcome(concurrent.zip(*sources))
        return items, raised, [source.closes for source in sources]

    items, raised, closes = run_checked(loop, scenario)
    assert raised is close_error  # the first one's
    assert closes == [1, 1, 1]


# --- where the error comes, among the items -------------------------------------------------------


def test_ordered_map_raises_in_its_turn_after_the_earlier_results(loop: str) -> None:
    """Call 1 fails at once while call 0 is slow: result 0 first, then the error. The later
    calls are cancelled at once, not awaited (they would block forever)."""
    error = Planted("call 1")

    async def scenario() -> Any:
        calls = Calls(ticks=[30, 5], fail={1: error}, block=range(2, 10))
        source = Probe(range(10))
        items, raised = await outcome(concurrent.map(calls, source, limit=4))
        return items, raised, calls.cancelled, calls.in_flight, source.closes

    items, raised, cancelled, in_flight, closes = run_checked(loop, scenario)
    assert items == [0]
    assert raised is error
    assert cancelled == 2  # items 2 and 3, in flight when 1 failed
    assert (in_flight, closes) == (0, 1)


def test_ordered_map_cancels_the_pull_of_a_later_item_at_once(loop: str) -> None:
    """A pull in flight when an earlier call fails would give a later item: it is cancelled."""
    error = Planted("call 0")

    async def scenario() -> Any:
        calls = Calls(ticks=[3], fail={0: error})
        source = Probe(range(10), block_at=1)  # the second pull blocks until cancelled
        items, raised = await outcome(concurrent.map(calls, source, limit=4))
        return items, raised, source.cancelled, source.closes

    assert run_checked(loop, scenario) == ([], error, 1, 1)


def test_ordered_map_takes_the_earliest_failure_in_input_order(loop: str) -> None:
    """Call 3 fails first in time, call 1 later: the results before 1, then 1's error."""
    first, later = Planted("call 1"), Planted("call 3")

    async def scenario() -> Any:
        calls = Calls(ticks=[0, 20, 0, 1], fail={1: first, 3: later})
        return await outcome(concurrent.map(calls, range(10), limit=4))

    assert run_checked(loop, scenario) == ([0], first)


@pytest.mark.parametrize(
    "make",
    [
        lambda source: concurrent.map(Calls(), source, limit=4, ordered=False),
        lambda source: concurrent.merge(source, []),
        lambda source: concurrent.flatmap(lambda item: [item], source, limit=2),
        lambda source: concurrent.buffer(source, 10),
        lambda source: concurrent.as_completed(cs._MapAsync(source, cs._returns), limit=4),
    ],
    ids=["map_unordered", "merge", "flatmap", "buffer", "as_completed"],
)
def test_arrival_order_functions_deliver_what_arrived_then_raise(loop: str, make: Any) -> None:
    """The source fails after 3 items while the consumer is busy: it gets the 3, then the
    error."""
    error = Planted("source")

    async def scenario() -> Any:
        source = Probe(range(10), fail={3: error})
        items = []
        async with make(source) as stream:
            items.append(await stream.__anext__())
            await cs.checkpoints(50)  # the others arrive, the error too
            with pytest.raises(Planted) as raised:
                async for item in stream:
                    items.append(item)
        return sorted(items), raised.value, source.closes

    assert run_checked(loop, scenario) == ([0, 1, 2], error, 1)


def test_batched_delivers_its_partial_batch_then_raises(loop: str) -> None:
    error = Planted("source")

    async def scenario() -> Any:
        source = Probe(range(10), fail={5: error})
        items, raised = await outcome(concurrent.batched(source, 3, within=1000))
        return items, raised, source.closes

    assert run_checked(loop, scenario, virtual_time=True) == ([(0, 1, 2), (3, 4)], error, 1)


def test_concatmap_raises_in_its_turn(loop: str) -> None:
    """The second iterable fails at once while the first gives its items slowly: all of the
    first's items come first."""
    error = Planted("inner 1")

    def function(item: int) -> Probe:
        if item == 0:
            return Probe([(0, n) for n in range(4)], ticks=5)
        return Probe([], fail={0: error})

    async def scenario() -> Any:
        return await outcome(concurrent.concatmap(function, range(5), limit=3))

    assert run_checked(loop, scenario) == ([(0, n) for n in range(4)], error)


def test_zip_raises_a_sources_error_as_it_is(loop: str) -> None:
    error = Planted("second")

    async def scenario() -> Any:
        sources = [Probe(range(5), ticks=2), Probe(range(5), fail={2: error}), range(5)]
        items, raised = await outcome(concurrent.zip(*sources))
        return items, raised, [source.closes for source in sources[:2]]

    assert run_checked(loop, scenario) == ([(0, 0, 0), (1, 1, 1)], error, [1, 1])


def test_zip_strict_error_is_raised_after_closing(loop: str) -> None:
    async def scenario() -> Any:
        sources = [Probe(range(2)), Probe(range(3))]
        items, raised = await outcome(concurrent.zip(*sources, strict=True))
        return items, str(raised), [source.closes for source in sources]

    items, message, closes = run_checked(loop, scenario)
    assert items == [(0, 0), (1, 1)]
    assert message == "zip() argument 2 is longer than argument 1"
    assert closes == [1, 1]


# --- early stops ----------------------------------------------------------------------------------


STOPS = ("break", "aclose")


@pytest.mark.parametrize("stop", STOPS)
@pytest.mark.parametrize("name", cs.SINGLES)
def test_an_early_stop_cancels_the_pulls_in_flight_and_closes_the_source(loop, name, stop):
    """The source blocks (forever) at its third pull: the stream stops after the first item,
    without waiting for it; the pull is cancelled, the source closed, before the block exits
    (or aclose() returns)."""

    async def scenario() -> Any:
        source = Probe(range(10), block_at=2)
        async with cs.single(name, source) as stream:
            first = await stream.__anext__()
            await cs.checkpoints(10)  # the tasks pull ahead, up to the blocking pull
            if stop == "aclose":
                await stream.aclose()
                seen = source.closes, source.cancelled
        if stop == "break":
            seen = source.closes, source.cancelled
        return cs.unwrapped(name, [first]), seen, source.pulls

    first, (closes, cancelled), pulls = run_checked(loop, scenario)
    if name in ("map_unordered", "flatmap", "as_completed", "switchmap"):
        assert first[0] in (0, 1)  # the first to arrive
    else:
        assert first == [0]
    assert closes == 1
    assert cancelled == (1 if pulls == 3 else 0)  # a pull in flight is cancelled


@pytest.mark.parametrize("stop", STOPS)
@pytest.mark.parametrize("ordered", [True, False])
def test_an_early_stop_cancels_the_calls_in_flight(loop: str, stop: str, ordered: bool) -> None:
    async def scenario() -> Any:
        calls = Calls(block=range(1, 100))
        source = Probe(range(100))
        async with concurrent.map(calls, source, limit=5, ordered=ordered) as results:
            first = await results.__anext__()
            await cs.checkpoints(10)
            if stop == "aclose":
                await results.aclose()
                seen = calls.in_flight, calls.cancelled, source.closes
        if stop == "break":
            seen = calls.in_flight, calls.cancelled, source.closes
        return first, seen

    assert run_checked(loop, scenario) == (0, (0, 5, 1))  # items 1 to 5 were in flight


@pytest.mark.parametrize("name", ["flatmap", "concatmap", "switchmap"])
def test_an_early_stop_closes_every_open_iterable(loop: str, name: str) -> None:
    async def scenario() -> Any:
        inners: list[Probe] = []

        def function(item: int) -> Probe:
            inners.append(Probe(range(10), ticks=1, block_at=3))
            return inners[-1]

        source = Probe(range(10), block_at=4)
        stream = getattr(concurrent, name)
        stream = (
            stream(function, source) if name == "switchmap" else stream(function, source, limit=3)
        )
        async with stream as items:
            await items.__anext__()
            await cs.checkpoints(30)
        return source.closes, [inner.closes for inner in inners]

    closes, inner_closes = run_checked(loop, scenario)
    assert closes == 1
    assert inner_closes == [1] * len(inner_closes) and inner_closes


def test_an_error_pending_when_the_consumer_stops_is_dropped_silently(loop: str) -> None:
    async def scenario() -> Any:
        calls = Calls(fail={3: Planted("dropped")})
        async with concurrent.map(calls, range(10), limit=5, ordered=False) as results:
            async for _ in results:
                await cs.checkpoints(20)  # call 3 fails meanwhile
                break
        merged = concurrent.merge(Probe([1], ticks=0), Probe([], fail={0: Planted("dropped")}))
        async with merged:
            await merged.__anext__()
            await cs.checkpoints(20)
        return "no error"

    assert run_checked(loop, scenario) == "no error"


@pytest.mark.parametrize("name", cs.SINGLES)
def test_a_closing_source_is_not_interrupted_by_an_early_stop(loop: str, name: str) -> None:
    """A source whose aclose() takes its time (checkpoints) is closed to its end, also when the
    consumer stops meanwhile."""

    async def scenario() -> Any:
        source = Probe(range(3), close_ticks=5)
        async with cs.single(name, source) as stream:
            async for _ in stream:
                pass
        stopped = Probe(range(50), close_ticks=5)
        async with cs.single(name, stopped) as stream:
            await stream.__anext__()
        return source.closes_completed, stopped.closes_completed

    assert run_checked(loop, scenario) == (1, 1)


# --- the consumer cancelled -----------------------------------------------------------------------


@pytest.mark.parametrize("name", cs.SINGLES)
def test_a_consumer_cancelled_mid_step_leaves_everything_closed(loop: str, name: str) -> None:
    """The consumer is cancelled while its second step waits (the source blocks): asyncio's
    task.cancel(), a trio cancel scope, an anyio CancelScope. The cancellation propagates as it
    is, and the block exits with every task gone and the source closed."""

    async def scenario() -> Any:
        source = Probe(range(10), block_at=1)
        seen: dict[str, Any] = {}

        async def consume() -> None:
            try:
                async with cs.single(name, source) as stream:
                    seen["first"] = await stream.__anext__()
                    await stream.__anext__()  # blocks until cancelled
            finally:
                seen["closes"] = source.closes

        cancelled, _ = await cs.cancelled_after(20, consume, loop)
        return cancelled, seen, source.cancelled

    cancelled, seen, pull_cancelled = run_checked(loop, scenario)
    assert cancelled
    assert cs.unwrapped(name, [seen["first"]]) == [0]
    assert seen["closes"] == 1
    assert pull_cancelled == 1


@pytest.mark.parametrize("ordered", [True, False])
def test_a_consumer_cancelled_while_calls_run_leaves_none_running(loop, ordered) -> None:
    async def scenario() -> Any:
        calls = Calls(block=range(100))
        source = Probe(range(100))
        seen: dict[str, Any] = {}

        async def consume() -> None:
            try:
                async with concurrent.map(calls, source, limit=3, ordered=ordered) as results:
                    await results.__anext__()
            finally:
                seen["state"] = (calls.in_flight, calls.cancelled, source.closes)

        cancelled, _ = await cs.cancelled_after(10, consume, loop)
        return cancelled, seen["state"]

    assert run_checked(loop, scenario) == (True, (0, 3, 1))


@pytest.mark.parametrize("loop", cs.TRIO_LOOPS)
def test_trio_a_scope_cancelled_around_the_block_gives_its_plain_cancellation(loop) -> None:
    """Not an ExceptionGroup of the tasks' cancellations: the scope catches what leaves."""

    async def scenario() -> Any:
        seen: list[type[BaseException]] = []
        with trio.move_on_after(1) as scope:
            try:
                async with concurrent.merge(Probe([], block_at=0), Probe([], block_at=0)) as s:
                    await s.__anext__()
            except BaseException as exc:
                seen.append(type(exc))
                raise
        return seen, scope.cancelled_caught

    assert run_checked(loop, scenario, virtual_time=True) == ([trio.Cancelled], True)


@pytest.mark.parametrize("name", ["map", "map_unordered", "merge", "zip", "flatmap", "buffer"])
@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_a_cancelled_step_loses_no_item(loop: str, name: str) -> None:
    """Steps cancelled at random moments (each given a few checkpoints), the stream stepped on
    after each: every item still comes, once (in order where the function keeps it)."""

    async def scenario() -> Any:
        source = Probe(range(30), ticks=[4 * (n % 4) for n in range(31)])
        got, cancels = [], 0
        async with cs.single(name, source) as stream:
            for attempt in range(500):
                try:
                    cancelled, item = await cs.cancelled_after(attempt % 3, stream.__anext__, loop)
                except StopAsyncIteration:
                    break
                if cancelled:
                    cancels += 1
                else:
                    got.append(item)
        return cs.unwrapped(name, got), cancels

    got, cancels = run_checked(loop, scenario)
    assert cancels > 0
    if name in ("map_unordered", "merge", "flatmap"):
        assert sorted(got) == list(range(30))
    else:
        assert got == list(range(30))


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_spaceout_a_step_cancelled_in_its_wait_loses_no_item(loop: str) -> None:
    async def scenario() -> Any:
        got, cancels = [], 0
        async with concurrent.spaceout(range(6), 10) as spaced:
            for _ in range(50):
                try:
                    cancelled, item = await cs.cancelled_after(3, spaced.__anext__, loop)
                except StopAsyncIteration:
                    break
                if cancelled:
                    cancels += 1
                    await cs.sleep(4)  # part of the interval; the item waits meanwhile
                else:
                    got.append(item)
        return got, cancels

    got, cancels = run_checked(loop, scenario, virtual_time=True)
    assert got == list(range(6))
    assert cancels > 0
