"""``map(function, iterable, /, *, limit, ordered=True, per_second=None)``, and the two functions
made of it: ``as_completed`` and ``gather``.

Up to ``limit`` worker tasks each take turns pulling the input (one pull at a time) and then
call ``function`` on what they pulled; a worker is started only when the others are all busy,
so there is at most one task more than items (the one that finds the end), and not a task
per item. A worker pulls only when it may start a call at once: fewer than ``limit``
finished results wait for the consumer, and, with ``per_second``, the last call started at
least ``1 / per_second`` seconds ago; if results finished meanwhile, it holds the item until
fewer than ``limit`` wait again. So the input is at most ``2 * limit - 1`` items ahead of the
consumer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from typing import Any, TypeVar, overload

from ._core import END, Hub, Source, Stream, duration, invoke, positive, positive_or_none

_T = TypeVar("_T")
_R = TypeVar("_R")


class MapHub(Hub):
    def __init__(
        self,
        name: str,
        function: Callable[[Any], Any],
        iterable: Any,
        limit: int | None,
        ordered: bool,
        interval: float | None,
        fail_fast: bool = False,
    ) -> None:
        super().__init__(name)
        self.function = function
        self.source = Source(iterable)
        self.sources.append(self.source)
        self.limit = limit if limit is not None else float("inf")
        self.ordered = ordered
        # The first failure (in time) stops everything at once, also ordered (gather).
        self.fail_fast = fail_fast or not ordered
        self.interval = interval
        self.next_start = 0.0
        # ordered: index -> result; in completion order: the results as they came
        self.results: Any = {} if ordered else deque()
        self.next_in = 0  # the index of the next call started
        self.next_out = 0  # ordered: the index the consumer waits for
        self.finished = 0  # results not yet taken
        self.in_flight = 0  # calls running
        self.workers = 0
        self.pulling: int | None = None  # the key of the worker that pulls (or holds an item)
        self.exhausted = False  # no more pulls: the input ended, failed, or the hub stopped
        self.error_at: int | None = None  # ordered: the index of the first failure (-1: now)
        self.current: dict[int, int] = {}  # a worker's key -> the index of its call
        self.waiting: deque[Callable[[], None]] = deque()  # parked workers' wakers
        self.holder_wake: Callable[[], None] | None = None  # the waker of the one holding

    def begin(self) -> None:
        self.spawn()

    def spawn(self) -> None:
        self.workers += 1
        self.start(self.worker, self._next_key, on_end=self.worker_ended)  # key: start()'s

    def worker_ended(self) -> None:
        self.workers -= 1

    def may_pull(self) -> bool:
        return self.pulling is None and self.finished < self.limit

    def wake_worker(self) -> None:
        if self.waiting:
            self.waiting.popleft()()

    def wake_workers(self) -> None:
        waiting, self.waiting = self.waiting, deque()
        for wake in waiting:
            wake()
        self.wake_holder()

    def wake_holder(self) -> bool:
        wake, self.holder_wake = self.holder_wake, None
        if wake is None:
            return False
        wake()
        return True

    def discard(self, item: Any) -> None:
        """An item pulled whose call will never start (subclasses: close it)."""

    async def worker(self, key: int) -> None:
        runtime = self.runtime
        assert runtime is not None
        index = None
        try:
            while True:
                index = None
                while not self.exhausted and not self.may_pull():
                    parked, wake = runtime.parking()
                    self.waiting.append(wake)
                    await parked
                if self.exhausted:
                    return
                self.pulling = key
                try:
                    item = await self.pull()
                finally:
                    self.pulling = None
                if item is END:
                    self.exhausted = True
                    self.wake_workers()
                    self.wake_consumer()
                    return
                index = self.next_in
                self.next_in = index + 1
                self.in_flight += 1
                self.current[key] = index
                try:
                    result = invoke(self.name, self.function, item)
                    if hasattr(type(result), "__await__"):
                        # The call may take its time: another worker pulls the next item
                        # meanwhile. (A sync call is over before any other could run: this
                        # worker pulls the next one itself, without a wakeup per item.)
                        if self.waiting:
                            self.wake_worker()
                        elif self.workers < self.limit:
                            self.spawn()
                        result = await result
                finally:
                    self.in_flight -= 1
                    del self.current[key]
                self.finished += 1
                if self.ordered:
                    self.results[index] = result
                    if index == self.next_out:
                        self.wake_consumer()
                else:
                    self.results.append(result)
                    self.wake_consumer()
        except Exception as exc:
            # A failing pull is the failure of the item it would have given.
            self.failed(self.next_in if index is None else index, exc)

    async def pull(self) -> Any:
        """The next item, for a call to start at once; END at the end or once stopped.

        The pull starts only when a call could start then (a slot is free, fewer than
        ``limit`` results wait, and with ``per_second`` the time has come); results may have
        finished while it ran, so the item is held until fewer than ``limit`` wait again.
        """
        runtime = self.runtime
        assert runtime is not None
        if self.interval is not None:
            await runtime.sleep_until(self.next_start)
        source = self.source
        item = await source.pull() if source.is_async else source.pull_sync()
        if item is END:
            return END
        try:
            while self.finished >= self.limit and not self.exhausted:
                parked, self.holder_wake = runtime.parking()
                await parked
        except BaseException:
            self.discard(item)
            raise
        if self.exhausted:  # stopped meanwhile (an error before it, the end of the stream)
            self.discard(item)
            return END
        if self.interval is not None:
            # The calls' starts are spaced, not the pulls' (a pull may take its time).
            self.next_start = runtime.now() + self.interval
        return item

    def failed(self, index: int, exc: BaseException) -> None:
        if not self.fail_fast:
            if self.error_at is not None and self.error_at <= index:
                return
            self.error_at = index
            self.error = exc
            # Later calls (and the pull of a later item) are cancelled at once; earlier ones
            # still deliver, in their turn.
            for key, running in list(self.current.items()):
                if running > index:
                    self.cancel(key)
            if self.pulling is not None:
                self.cancel(self.pulling)
        else:
            if self.error is not None:
                return
            self.error = exc
            self.error_at = -1
            self.cancel_all()
        self.exhausted = True
        self.wake_workers()
        self.wake_consumer()

    def stop(self) -> None:
        self.exhausted = True
        self.error_at = -1
        super().stop()

    async def take(self) -> Any:
        results = self.results
        while True:
            if self.ordered:
                index = self.next_out
                if index in results:
                    self.next_out = index + 1
                    return self.took(results.pop(index))
                if index == self.error_at or (self.error is not None and self.error_at == -1):
                    return await self.finish(self.error)
            elif results:
                return self.took(results.popleft())
            elif self.error is not None:
                return await self.finish(self.error)
            if self.exhausted and self.in_flight == 0 and (self.ordered or not results):
                return await self.finish()
            await self.park()

    def poll(self) -> Any:
        results = self.results
        if self.ordered:
            index = self.next_out
            if index in results:
                self.next_out = index + 1
                return self.took(results.pop(index))
        elif results:
            return self.took(results.popleft())
        return END

    def took(self, result: Any) -> Any:
        self.finished -= 1
        # The worker holding an item goes first: its call starts now. The others, parked
        # while ``limit`` results waited, once half of them are taken: a worker then pulls and
        # calls until they are ``limit`` again, without a wakeup per item.
        if not self.wake_holder() and self.finished <= self.limit // 2:
            self.wake_worker()
        return result


@overload
def map(  # noqa: A001
    function: Callable[[_T], Awaitable[_R]],
    iterable: Iterable[_T] | AsyncIterable[_T],
    /,
    *,
    limit: int,
    ordered: bool = True,
    per_second: float | None = None,
) -> Stream[_R]: ...
@overload
def map(  # noqa: A001
    function: Callable[[_T], _R],
    iterable: Iterable[_T] | AsyncIterable[_T],
    /,
    *,
    limit: int,
    ordered: bool = True,
    per_second: float | None = None,
) -> Stream[_R]: ...
def map(  # noqa: A001 - named like the builtin it runs concurrently
    function: Callable[[Any], Any],
    iterable: Iterable[Any] | AsyncIterable[Any],
    /,
    *,
    limit: int,
    ordered: bool = True,
    per_second: float | None = None,
) -> Stream[Any]:
    """``function(item)`` for every item, at most ``limit`` calls at a time.

    ``limit`` is required. The input is pulled only when a call can start at once, and a call
    starts only while fewer than ``limit`` finished results wait for the consumer: a slow call
    (in input order) does not idle the other slots, and the input is never more than
    ``2 * limit - 1`` items ahead of the consumer. ``ordered=True`` yields the results in
    input order, ``False`` as the calls complete. ``per_second`` spaces the calls' starts at
    least ``1 / per_second`` seconds apart.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def double(n):
    ...     await asyncio.sleep(0.01 * (5 - n))
    ...     return 2 * n
    >>> async def main():
    ...     async with concurrent.map(double, range(5), limit=3) as doubled:
    ...         return [n async for n in doubled]
    >>> asyncio.run(main())
    [0, 2, 4, 6, 8]
    """
    if not callable(function):
        raise TypeError(f"'{type(function).__name__}' object is not callable")
    limit_ = positive("map", "limit", limit)
    interval = None
    if per_second is not None:
        interval = 1.0 / duration("map", "per_second", per_second, of=" of calls a second")
    return Stream(MapHub("map", function, iterable, limit_, bool(ordered), interval))


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    if not hasattr(type(awaitable), "__await__"):
        raise TypeError(f"'{type(awaitable).__name__}' object can't be awaited")
    return await awaitable


def _awaitables(caller: str, awaitables: Any, limit: Any) -> tuple[Any, int | None]:
    """A sync iterable's awaitables, checked now (an async iterable is pulled as it goes), and
    the limit; on an error, the coroutines given are closed (none is left never awaited)."""
    if hasattr(type(awaitables), "__aiter__"):
        return awaitables, positive_or_none(caller, "limit", limit)
    items = list(awaitables)
    try:
        limit_ = positive_or_none(caller, "limit", limit)
    except BaseException:
        for awaitable in items:
            _close_unawaited(awaitable)
        raise
    for position, awaitable in enumerate(items):
        if not hasattr(type(awaitable), "__await__"):
            for other in items:  # nothing given is left never awaited
                _close_unawaited(other)
            raise TypeError(
                f"{caller}() argument {position + 1} must be awaitable, not "
                f"'{type(awaitable).__name__}'"
            )
    return items, limit_


def _close_unawaited(awaitable: Any) -> None:
    close = getattr(awaitable, "close", None)
    if close is not None and hasattr(awaitable, "cr_frame"):
        close()


class _AwaitablesHub(MapHub):
    """``map(await, awaitables)``; the awaitables never started are closed at the end.

    gather is ordered (its list is) but fails fast: its first failure in time is raised at
    once, the others cancelled, as nothing before it would be delivered anyway.
    """

    def __init__(self, name: str, awaitables: Any, limit: int | None, ordered: bool) -> None:
        super().__init__(name, _awaited, awaitables, limit, ordered, None, fail_fast=True)
        self.given = awaitables

    def discard(self, item: Any) -> None:
        _close_unawaited(item)

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            self.close_unstarted()

    def abandon(self) -> None:
        super().abandon()
        self.close_unstarted()  # a stream dropped, also before its first step

    def close_unstarted(self) -> None:
        # A coroutine that never ran is closed, so that it does not warn 'never awaited';
        # closing one that ran (or runs no more) does nothing.
        if isinstance(self.given, list):
            for awaitable in self.given[self.next_in :]:
                _close_unawaited(awaitable)
            self.given = []


def as_completed(
    awaitables: Iterable[Awaitable[_T]] | AsyncIterable[Awaitable[_T]],
    /,
    *,
    limit: int | None = None,
) -> Stream[_T]:
    """The awaitables' results as they complete; at most ``limit`` awaited at a time.

    ``limit=None`` awaits them all at once. A sync iterable is taken (and each item checked to
    be awaitable) at the call; an async one is pulled as slots free up. The first failure is
    raised after the results that completed before it; the rest are cancelled (and
    coroutines never started closed).

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def after(seconds, value):
    ...     await asyncio.sleep(seconds)
    ...     return value
    >>> async def main():
    ...     racing = [after(0.15, "slow"), after(0.05, "fast")]
    ...     async with concurrent.as_completed(racing) as results:
    ...         return [r async for r in results]
    >>> asyncio.run(main())
    ['fast', 'slow']
    """
    items, limit_ = _awaitables("as_completed", awaitables, limit)
    return Stream(_AwaitablesHub("as_completed", items, limit_, False))


async def _gather(hub: _AwaitablesHub) -> list[Any]:
    stream: Stream[Any] = Stream(hub)
    async with stream:
        return [result async for result in stream]


def gather(*awaitables: Awaitable[_T], limit: int | None = None) -> Awaitable[list[_T]]:
    """A list of the awaitables' results, in argument order; at most ``limit`` at a time.

    The first failure is raised as it is (not in an ExceptionGroup) once the others are
    cancelled; coroutines never started are closed. Under trio the tasks live in a nursery of
    the ``await``'s own, so no ``async with`` is needed.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def square(n):
    ...     await asyncio.sleep(0.01 * (3 - n))
    ...     return n * n
    >>> asyncio.run(concurrent.gather(square(1), square(2), square(3), limit=2))
    [1, 4, 9]
    """
    items, limit_ = _awaitables("gather", awaitables, limit)
    return _gather(_AwaitablesHub("gather", items, limit_, True))
