"""``ziplatest(*iterables, partial=True, default=None)``: the newest item of every source.

Each source is pulled by a task of its own, one item ahead, as ``merge``'s; every item that
arrives gives a tuple of the newest item of each source.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import Any

from ._core import Stream
from ._merge import MergeHub

_MISSING = object()


class LatestHub(MergeHub):
    def __init__(self, iterables: tuple[Any, ...], partial: bool, default: Any) -> None:
        super().__init__("ziplatest", iterables)
        self.positions = {id(feed): position for position, feed in enumerate(self.feeds)}
        self.latest = [_MISSING] * len(self.feeds)
        self.missing = len(self.feeds)
        self.partial = partial
        self.default = default

    async def take(self) -> Any:
        while True:
            if self.ready:
                item, feed = self.ready.popleft()
                feed.resume()
                position = self.positions[id(feed)]
                if self.latest[position] is _MISSING:
                    self.missing -= 1
                self.latest[position] = item
                if self.partial:
                    default = self.default
                    return tuple(default if value is _MISSING else value for value in self.latest)
                if not self.missing:
                    return tuple(self.latest)
                continue
            if self.error is not None:
                return await self.finish(self.error)
            if self.ended() or (not self.partial and self.missing and self.ended_empty()):
                return await self.finish()
            await self.park()

    def ended_empty(self) -> bool:
        """Whether a source ended without an item (then no full tuple will ever be given)."""
        return any(
            feed.finished and self.latest[position] is _MISSING
            for position, feed in enumerate(self.feeds)
        )


def ziplatest(
    *iterables: Iterable[Any] | AsyncIterable[Any], partial: bool = True, default: Any = None
) -> Stream[tuple[Any, ...]]:
    """A tuple of every source's newest item, each time any source gives one.

    With ``partial=True`` a tuple is given from the first item on, ``default`` standing for
    the sources that have given nothing yet; with ``partial=False`` only once every source has
    given an item (a source that ends before then ends the stream's tuples: none are given).
    The stream ends when every source has ended.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def every(seconds, items):
    ...     for item in items:
    ...         await asyncio.sleep(seconds)
    ...         yield item
    >>> async def main():
    ...     prices, rates = every(0.1, [10, 11]), every(0.25, [1.5])
    ...     async with concurrent.ziplatest(prices, rates, partial=False) as latest:
    ...         return [pair async for pair in latest]
    >>> asyncio.run(main())
    [(11, 1.5)]
    """
    return Stream(LatestHub(iterables, bool(partial), default))
