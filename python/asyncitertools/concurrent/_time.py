"""``timeout(iterable, seconds)`` and ``spaceout(iterable, interval)``: no tasks of their own.

Both pull in the consumer's task, so they need no ``async with`` under trio (they accept it).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import Any, TypeVar

from ._core import END, Hub, Source, Stream, duration

_T = TypeVar("_T")


class TimeoutHub(Hub):
    STARTS_TASKS = False

    def __init__(self, iterable: Any, limit: float) -> None:
        super().__init__("timeout")
        self.source = Source(iterable)
        self.sources.append(self.source)
        self.limit = limit

    async def take(self) -> Any:
        runtime = self.runtime
        assert runtime is not None
        try:
            if self.source.is_async:
                item = await runtime.pull_within(self.source.pull, self.limit)
            else:  # a sync pull cannot be interrupted (nor does it let the loop run)
                item = await self.source.pull()
        except Exception as exc:
            return await self.finish(exc)
        if item is END:
            return await self.finish()
        return item


def timeout(iterable: Iterable[_T] | AsyncIterable[_T], seconds: float) -> Stream[_T]:
    """The items of ``iterable``; the builtin ``TimeoutError`` when the next one takes longer
    than ``seconds``.

    The late pull is cancelled and the source closed: the ``TimeoutError`` ends the stream.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def replies():
    ...     yield "quick"
    ...     await asyncio.sleep(10)
    ...     yield "never"
    >>> async def main():
    ...     got = []
    ...     try:
    ...         async for reply in concurrent.timeout(replies(), 0.05):
    ...             got.append(reply)
    ...     except TimeoutError:
    ...         got.append("timed out")
    ...     return got
    >>> asyncio.run(main())
    ['quick', 'timed out']
    """
    return Stream(TimeoutHub(iterable, duration("timeout", "seconds", seconds)))


class SpaceoutHub(Hub):
    STARTS_TASKS = False

    def __init__(self, iterable: Any, interval: float) -> None:
        super().__init__("spaceout")
        self.source = Source(iterable)
        self.sources.append(self.source)
        self.interval = interval
        self.last: float | None = None
        # The item pulled and not yet given: a step cancelled in its sleep leaves it here,
        # for the next step.
        self.held: Any = END

    async def take(self) -> Any:
        runtime = self.runtime
        assert runtime is not None
        item = self.held
        if item is END:
            try:
                item = await self.source.pull()
            except Exception as exc:
                return await self.finish(exc)
            if item is END:
                return await self.finish()
            self.held = item
        if self.last is not None:
            await runtime.sleep_until(self.last + self.interval)
        self.held = END
        self.last = runtime.now()
        return item


def spaceout(iterable: Iterable[_T] | AsyncIterable[_T], interval: float) -> Stream[_T]:
    """The items of ``iterable``, no two closer together than ``interval`` seconds.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def main():
    ...     loop = asyncio.get_running_loop()
    ...     start = loop.time()
    ...     async with concurrent.spaceout(range(3), 0.02) as items:
    ...         return [item async for item in items], loop.time() - start >= 0.04
    >>> asyncio.run(main())
    ([0, 1, 2], True)
    """
    return Stream(
        SpaceoutHub(iterable, duration("spaceout", "interval", interval, positive_only=False))
    )
