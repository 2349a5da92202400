"""Helpers for the tests of ``asyncitertools.concurrent``: five event loops, clocks, probes.

The loops: asyncio, uvloop, trio, and anyio on each of its backends. A test runs a coroutine
function under one of them with :func:`run`; inside, :func:`checkpoint`, :func:`sleep`,
:func:`now`, :class:`Gate` and :func:`wait_forever` work under whichever runs. With
``virtual_time=True`` the clock is virtual where the loop allows one (trio's ``MockClock``
with ``autojump_threshold=0``; for asyncio a selector that advances the loop's clock instead
of sleeping), so timing tests are exact there and take no real time; uvloop has real time
only, and its timing tests use small real times with generous margins.

The probes record what the function under test did to them: :class:`Probe` (a class-based
async iterator: pulls started, items given, ``aclose()`` calls, pulls cancelled),
:func:`probe_generator` (an async generator: how many times its ``finally`` ran),
:class:`SyncProbe` (a sync iterator with a ``close()`` that must never be called) and
:class:`Calls` (a callable: calls in flight, at most how many, cancelled, finished).
"""

from __future__ import annotations

import asyncio
import gc
import selectors
import sys
import warnings
from collections.abc import Callable, Coroutine, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import trio
import trio.testing
import uvloop

import support

LOOPS = ("asyncio", "uvloop", "trio", "anyio_asyncio", "anyio_trio")
ASYNCIO_LOOPS = ("asyncio", "uvloop", "anyio_asyncio")
TRIO_LOOPS = ("trio", "anyio_trio")
# The loops whose clock can be virtual (uvloop's timers run on libuv's own clock).
VIRTUAL_LOOPS = ("asyncio", "trio", "anyio_asyncio", "anyio_trio")
# Cheaper sets for the hypothesis tests: one loop per family, and anyio on one backend.
HYPOTHESIS_LOOPS = ("asyncio", "trio", "anyio_trio")

_family: str | None = None  # "asyncio" or "trio": the library that runs the current loop


# --- running --------------------------------------------------------------------------------------


class VirtualSelector(selectors.DefaultSelector):
    """A selector whose waits advance a virtual clock instead of sleeping.

    The loop asks the selector to wait until its next timer is due; this one moves the clock
    there and polls without blocking. A wait without a timeout (nothing scheduled, e.g. a
    thread to wait for) blocks for real.
    """

    def __init__(self) -> None:
        super().__init__()
        self.time = 0.0

    def select(self, timeout: float | None = None) -> Any:
        if timeout is not None and timeout > 0:
            self.time += timeout
            timeout = 0
        return super().select(timeout)


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An asyncio loop whose ``time()`` is virtual: it jumps to the next timer when idle."""

    def __init__(self) -> None:
        self._virtual = VirtualSelector()
        super().__init__(self._virtual)

    def time(self) -> float:
        return self._virtual.time


@contextmanager
def _virtual_time_policy() -> Iterator[None]:
    """``asyncio.run()`` makes a :class:`VirtualTimeLoop` meanwhile: for 3.10, which has no
    ``asyncio.Runner`` (the policies are deprecated from 3.14 on: named here only)."""

    class VirtualTimePolicy(asyncio.DefaultEventLoopPolicy):
        def new_event_loop(self) -> asyncio.AbstractEventLoop:
            return VirtualTimeLoop()

    policy = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(VirtualTimePolicy())
    try:
        yield
    finally:
        asyncio.set_event_loop_policy(policy)


@contextmanager
def _running(loop: str) -> Iterator[None]:
    """Mark ``loop`` as running, for these helpers and for ``support.suspend()``.

    ``support``'s sources (``make_source``, ``TrackedSource``) suspend with
    ``support.suspend()``, which knows the loop from ``support._current_loop``: anyio on
    asyncio suspends as asyncio does, anyio on trio as trio does.
    """
    global _family
    family = "trio" if loop in TRIO_LOOPS else "asyncio"
    if support._current_loop is not None or _family is not None:
        raise RuntimeError(f"run({loop!r}) inside another run")
    support._current_loop, _family = family, family
    try:
        yield
    finally:
        support._current_loop, _family = None, None


def run(
    loop: str, async_fn: Callable[[], Coroutine[Any, Any, Any]], *, virtual_time: bool = False
) -> Any:
    """Run ``async_fn()`` to completion under ``loop`` (one of :data:`LOOPS`); its result.

    ``virtual_time``: a virtual clock where the loop has one (see the module's docstring).
    """
    with _running(loop):
        if loop == "asyncio":
            if virtual_time and sys.version_info >= (3, 11):
                with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
                    return runner.run(async_fn())
            if virtual_time:
                with _virtual_time_policy():
                    return asyncio.run(async_fn())
            return asyncio.run(async_fn())
        if loop == "uvloop":
            return uvloop.run(async_fn())
        if loop == "trio":
            clock = trio.testing.MockClock(autojump_threshold=0) if virtual_time else None
            return trio.run(async_fn, clock=clock)
        if loop == "anyio_asyncio":
            options = {"loop_factory": VirtualTimeLoop} if virtual_time else {}
            return anyio.run(async_fn, backend="asyncio", backend_options=options)
        if loop == "anyio_trio":
            options = (
                {"clock": trio.testing.MockClock(autojump_threshold=0)} if virtual_time else {}
            )
            return anyio.run(async_fn, backend="trio", backend_options=options)
        raise ValueError(f"unknown loop {loop!r}")


def family() -> str:
    """``"asyncio"`` or ``"trio"``: the library under the running loop."""
    if _family is None:
        raise RuntimeError("outside run()")
    return _family


# --- what the tests do inside a run ---------------------------------------------------------------


async def checkpoint() -> None:
    """Give control to the loop once."""
    if family() == "asyncio":
        await asyncio.sleep(0)
    else:
        await trio.lowlevel.checkpoint()


async def checkpoints(count: int) -> None:
    for _ in range(count):
        await checkpoint()


async def sleep(seconds: float) -> None:
    if family() == "asyncio":
        await asyncio.sleep(seconds)
    else:
        await trio.sleep(seconds)


async def wait_forever() -> None:
    """Block until cancelled."""
    if family() == "asyncio":
        await asyncio.get_running_loop().create_future()
    else:
        await trio.sleep_forever()


def now() -> float:
    """The running loop's clock."""
    if family() == "asyncio":
        return asyncio.get_running_loop().time()
    return trio.current_time()


def is_cancellation(exc: BaseException) -> bool:
    return isinstance(exc, (asyncio.CancelledError, trio.Cancelled))


class Gate:
    """An event: :meth:`wait` blocks until :meth:`open`; made inside a run."""

    def __init__(self) -> None:
        self._event: Any = asyncio.Event() if family() == "asyncio" else trio.Event()

    def open(self) -> None:
        self._event.set()

    @property
    def is_open(self) -> bool:
        return bool(self._event.is_set())

    async def wait(self) -> None:
        await self._event.wait()


async def together(*functions: Callable[[], Coroutine[Any, Any, Any]]) -> list[Any]:
    """Run the coroutine functions concurrently (tasks of the loop); their results in order."""
    results: list[Any] = [None] * len(functions)

    async def one(index: int) -> None:
        results[index] = await functions[index]()

    if family() == "asyncio":
        await asyncio.gather(*(one(index) for index in range(len(functions))))
    else:
        async with trio.open_nursery() as nursery:
            for index in range(len(functions)):
                nursery.start_soon(one, index)
    return results


def live_tasks() -> frozenset[Any]:
    """Every task of the running loop that has not ended (trio: the main task's tree)."""
    if family() == "asyncio":
        return frozenset(asyncio.all_tasks())
    tasks = set()
    pending = [trio.lowlevel.current_root_task()]
    while pending:
        task = pending.pop()
        tasks.add(task)
        for nursery in task.child_nurseries:
            pending.extend(nursery.child_tasks)
    return frozenset(tasks)


async def cancelled_after(
    ticks: int, consume: Callable[[], Coroutine[Any, Any, Any]], loop: str
) -> tuple[bool, Any]:
    """Run ``consume()``, cancelled after ``ticks`` checkpoints of another task.

    asyncio and uvloop: ``consume()`` runs as a task that gets ``task.cancel()``; trio: in a
    ``trio.CancelScope``; anyio: in an ``anyio.CancelScope``. Returns (whether the cancellation
    reached it, what it returned if it finished first).
    """
    if loop in ("asyncio", "uvloop"):
        task = asyncio.ensure_future(consume())
        for _ in range(ticks):
            if task.done():
                break
            await asyncio.sleep(0)
        task.cancel()
        try:
            return False, await task
        except asyncio.CancelledError:
            # The cancellation ends the task (the test's own, not one the code swallowed).
            assert task.cancelled()
            return True, None
    result: list[Any] = []
    failure: list[BaseException] = []
    cancelled_type = trio.Cancelled if loop == "trio" else anyio.get_cancelled_exc_class()

    async def body() -> None:
        # What consume() raises comes out as it is, not in the nursery's ExceptionGroup.
        try:
            result.append(await consume())
        except cancelled_type:
            raise
        except BaseException as exc:
            failure.append(exc)

    if loop == "trio":
        with trio.CancelScope() as scope:
            async with trio.open_nursery() as nursery:

                async def canceller() -> None:
                    await checkpoints(ticks)
                    scope.cancel()

                nursery.start_soon(canceller)
                await body()
                nursery.cancel_scope.cancel()
        cancelled = scope.cancelled_caught
    else:
        with anyio.CancelScope() as anyio_scope:
            async with anyio.create_task_group() as group:

                async def anyio_canceller() -> None:
                    await checkpoints(ticks)
                    anyio_scope.cancel()

                group.start_soon(anyio_canceller)
                await body()
                group.cancel_scope.cancel()
        cancelled = anyio_scope.cancelled_caught
    if failure:
        raise failure[0]
    return cancelled, result[0] if result else None


class Reports:
    """Collects what would otherwise go unnoticed: warnings, unraisable exceptions, and what
    asyncio reports to its loop's exception handler ("Task exception was never retrieved",
    "Task was destroyed but it is pending!"), once the garbage is collected.

    Use ``with Reports() as reports:`` around a run, and :meth:`watch_loop` inside it.
    """

    def __enter__(self) -> Reports:
        self.found: list[Any] = []
        self._hook = sys.unraisablehook
        sys.unraisablehook = self.found.append
        self._catcher = warnings.catch_warnings(record=True)
        self._warnings = self._catcher.__enter__()
        warnings.simplefilter("always")
        return self

    def watch_loop(self) -> None:
        """Under an asyncio loop: send what it reports here."""
        if family() == "asyncio":
            asyncio.get_running_loop().set_exception_handler(
                lambda loop, context: self.found.append(context)
            )

    def __exit__(self, *exc_info: Any) -> None:
        gc.collect()
        self._catcher.__exit__(*exc_info)
        sys.unraisablehook = self._hook
        self.found.extend(str(warning.message) for warning in self._warnings)

    def check(self) -> None:
        assert not self.found, self.found


# --- probes ---------------------------------------------------------------------------------------


class Planted(Exception):
    """The error a test plants in a source or a call; compared by identity."""


def _ticks(ticks: int | Iterable[int], index: int) -> int:
    if isinstance(ticks, int):
        return ticks
    ticks = list(ticks)
    return ticks[index] if index < len(ticks) else 0


class Probe:
    """A class-based async iterator over ``items`` that records what was done to it.

    ``ticks``: checkpoints before each item (an int for every item, or one per item; the end
    counts as an item); ``seconds``: a sleep before each item instead; ``fail``: index ->
    exception raised instead of that item (the end's index too); ``block_at``: the index at
    which it blocks until cancelled; ``log``: a list shared by several probes, to which
    ``("pull", name)`` and ``("close", name)`` are appended; ``on_pull(index)``: called as a
    pull starts; ``close_ticks``: checkpoints in ``aclose()`` (a close that takes its time:
    ``closes_completed`` counts the closes that got to their end); ``close_error``: raised by
    ``aclose()``.
    """

    def __init__(
        self,
        items: Iterable[Any],
        *,
        name: str = "probe",
        ticks: int | Iterable[int] = 0,
        seconds: float | Iterable[float] = 0.0,
        fail: dict[int, BaseException] | None = None,
        block_at: int | None = None,
        log: list[Any] | None = None,
        on_pull: Callable[[int], None] | None = None,
        close_ticks: int = 0,
        close_error: BaseException | None = None,
    ) -> None:
        self.items = items if isinstance(items, range) else list(items)  # (a range: as it is)
        self.close_ticks = close_ticks
        self.close_error = close_error
        self.on_pull = on_pull
        self.name = name
        self.ticks = ticks if isinstance(ticks, int) else list(ticks)
        self.seconds = seconds if isinstance(seconds, (int, float)) else list(seconds)
        self.fail = dict(fail or {})
        self.block_at = block_at
        self.log = log
        self.pulls = 0  # __anext__ calls started
        self.given = 0  # items returned
        self.closes = 0  # aclose() calls
        self.cancelled = 0  # pulls that ended in a cancellation
        self.closes_completed = 0  # aclose() calls that ran to their end
        self.closed_at_pulls: int | None = None

    def __aiter__(self) -> Probe:
        return self

    async def __anext__(self) -> Any:
        if self.closes:
            raise AssertionError(f"{self.name}: pulled after aclose()")
        index = self.pulls
        self.pulls += 1
        if self.log is not None:
            self.log.append(("pull", self.name))
        if self.on_pull is not None:
            self.on_pull(index)
        try:
            await checkpoints(_ticks(self.ticks, index))
            seconds = (
                self.seconds
                if isinstance(self.seconds, (int, float))
                else (self.seconds[index] if index < len(self.seconds) else 0.0)
            )
            if seconds:
                await sleep(seconds)
            if index == self.block_at:
                await wait_forever()
        except BaseException as exc:
            if is_cancellation(exc):
                self.cancelled += 1
            raise
        if index in self.fail:
            raise self.fail[index]
        if index >= len(self.items):
            raise StopAsyncIteration
        self.given += 1
        return self.items[index]

    async def aclose(self) -> None:
        # Counted first: a cancellation may interrupt the checkpoints that follow.
        self.closes += 1
        self.closed_at_pulls = self.pulls
        if self.log is not None:
            self.log.append(("close", self.name))
        await checkpoints(self.close_ticks)
        self.closes_completed += 1
        if self.close_error is not None:
            raise self.close_error

    def __repr__(self) -> str:
        return f"<Probe {self.name}: {self.pulls} pulls, {self.closes} closes>"


class GeneratorRecord:
    """What :func:`probe_generator` records: pulls started, and ``finally`` runs."""

    def __init__(self) -> None:
        self.pulls = 0
        self.finals = 0

    @property
    def closes(self) -> int:
        return self.finals


async def probe_generator(
    items: Iterable[Any],
    record: GeneratorRecord,
    *,
    ticks: int = 0,
    fail: dict[int, BaseException] | None = None,
) -> Any:
    """An async generator over ``items`` that counts its runs of ``finally`` in ``record``."""
    fail = fail or {}
    try:
        for index, item in enumerate(items):
            record.pulls += 1
            await checkpoints(ticks)
            if index in fail:
                raise fail[index]
            yield item
        record.pulls += 1
        if len(list(items)) in fail:
            raise fail[len(list(items))]
    finally:
        record.finals += 1


class SyncProbe:
    """A sync iterator with a ``close()`` (as a generator's): counted, and never to be called."""

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = iter(list(items))
        self.pulls = 0
        self.closes = 0

    def __iter__(self) -> SyncProbe:
        return self

    def __next__(self) -> Any:
        self.pulls += 1
        return next(self._items)

    def close(self) -> None:
        self.closes += 1


class Calls:
    """An async callable that records its calls: ``function(item)`` after some checkpoints.

    ``ticks``: checkpoints per call (an int, a function of the item, or a list per call);
    ``seconds``: a sleep instead; ``fail``: call index -> exception raised;
    ``block``: items whose call blocks until cancelled.
    """

    def __init__(
        self,
        function: Callable[[Any], Any] = lambda item: item,
        *,
        ticks: int | Callable[[Any], int] | list[int] = 0,
        seconds: float | Callable[[Any], float] = 0.0,
        fail: dict[int, BaseException] | None = None,
        block: Iterable[Any] = (),
        on_start: Callable[[Any], None] | None = None,
    ) -> None:
        self.function = function
        self.ticks = ticks
        self.seconds = seconds
        self.fail = dict(fail or {})
        self.block = set(block)
        self.on_start = on_start
        self.started = 0
        self.finished = 0
        self.cancelled = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.start_order: list[Any] = []

    async def __call__(self, item: Any) -> Any:
        index = self.started
        self.started += 1
        self.start_order.append(item)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        if self.on_start is not None:
            self.on_start(item)
        try:
            ticks = self.ticks
            if callable(ticks):
                ticks = ticks(item)
            elif isinstance(ticks, list):
                ticks = ticks[index] if index < len(ticks) else 0
            await checkpoints(ticks)
            seconds = self.seconds(item) if callable(self.seconds) else self.seconds
            if seconds:
                await sleep(seconds)
            if item in self.block:
                await wait_forever()
            if index in self.fail:
                raise self.fail[index]
            result = self.function(item)
        except BaseException as exc:
            if is_cancellation(exc):
                self.cancelled += 1
            raise
        finally:
            self.in_flight -= 1
        self.finished += 1
        return result


# --- every function, built the same way -----------------------------------------------------------

from asyncitertools import concurrent  # noqa: E402 - after the helpers it does not need


class Lazy:
    """An async iterator over a sync iterable, pulled as it goes (for long inputs)."""

    def __init__(self, iterable: Iterable[Any]) -> None:
        self._items = iter(iterable)

    def __aiter__(self) -> Lazy:
        return self

    async def __anext__(self) -> Any:
        try:
            return next(self._items)
        except StopIteration:
            raise StopAsyncIteration from None

    async def aclose(self) -> None:
        pass


class _MapAsync:
    """``function(item)`` for every item of a source, as an async iterator; its aclose()
    closes an async source."""

    def __init__(self, source: Any, function: Callable[[Any], Any]) -> None:
        self.is_async = hasattr(type(source), "__aiter__")
        self.source = source.__aiter__() if self.is_async else iter(source)
        self.function = function

    def __aiter__(self) -> _MapAsync:
        return self

    async def __anext__(self) -> Any:
        if self.is_async:
            return self.function(await self.source.__anext__())
        try:
            return self.function(next(self.source))
        except StopIteration:
            raise StopAsyncIteration from None

    async def aclose(self) -> None:
        aclose = getattr(self.source, "aclose", None) if self.is_async else None
        if aclose is not None:
            await aclose()


# Every function that makes a stream, each on its own over one source, with the identity: for
# the tests of what they all share (the forms, closing, the loops).
def single(name: str, source: Any) -> Any:
    """The function ``name`` alone over ``source`` (its items unchanged, or in 1-tuples for
    zip and batched)."""
    if name == "map":
        return concurrent.map(_identity, source, limit=3)
    if name == "map_unordered":
        return concurrent.map(_identity, source, limit=3, ordered=False)
    if name == "merge":
        return concurrent.merge(source)
    if name == "zip":
        return concurrent.zip(source)
    if name == "ziplatest":
        return concurrent.ziplatest(source)
    if name == "flatmap":
        return concurrent.flatmap(_listed, source, limit=2)
    if name == "concatmap":
        return concurrent.concatmap(_listed, source, limit=2)
    if name == "switchmap":
        return concurrent.switchmap(_listed, source)
    if name == "as_completed":
        if hasattr(type(source), "__aiter__"):
            return concurrent.as_completed(_MapAsync(source, _returns), limit=2)
        return concurrent.as_completed([_value(item) for item in source], limit=2)
    if name == "buffer":
        return concurrent.buffer(source, 2)
    if name == "batched":
        return concurrent.batched(source, 1, within=1000)
    if name == "timeout":
        return concurrent.timeout(source, 1000)
    if name == "spaceout":
        return concurrent.spaceout(source, 0)
    raise ValueError(name)


SINGLES = (
    *("map", "map_unordered", "merge", "zip", "ziplatest", "flatmap", "concatmap", "switchmap"),
    *("as_completed", "buffer", "batched", "timeout", "spaceout"),
)
STARTS_NO_TASKS = ("timeout", "spaceout")
STARTS_TASKS = tuple(name for name in SINGLES if name not in STARTS_NO_TASKS)
# What ``single(name, ...)`` gives for each item.
WRAPS_IN_TUPLES = ("zip", "ziplatest", "batched")


def _identity(item: Any) -> Any:
    return item


def _listed(item: Any) -> list[Any]:
    return [item]


async def _value(item: Any) -> Any:
    return item


def _returns(item: Any) -> Any:
    return _value(item)


def assert_gives(name: str, got: list[Any], expected: list[Any]) -> None:
    """``single(name, ...)`` gave ``got`` over ``expected``: all of them (in arrival order for
    some), or for switchmap, which leaves an iterable when the next item comes, a part of them
    in order that ends with the last."""
    got = unwrapped(name, got)
    if name == "switchmap":
        positions = [expected.index(item) for item in got]
        assert positions == sorted(set(positions)), (got, expected)
        assert not expected or got[-1:] == expected[-1:], (got, expected)
    else:
        assert sorted(got) == sorted(expected), (got, expected)


def unwrapped(name: str, items: list[Any]) -> list[Any]:
    """The items of ``single(name, ...)`` as the source's items."""
    if name in WRAPS_IN_TUPLES:
        assert all(isinstance(item, tuple) and len(item) == 1 for item in items), items
        return [item[0] for item in items]
    return items
