"""``merge(*iterables)`` and ``zip(*iterables, strict=False)``: a task per source.

Each source is pulled by a task of its own. ``merge``'s tasks pull one item ahead: a task
hands its item over and waits until the consumer has taken it; a source that ends is closed
by its task then. ``zip``'s tasks pull when the consumer asks for a tuple, all at once, and
nothing ahead of it; the sources are closed at the end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterable, Callable, Iterable
from typing import Any, TypeVar, overload

from ._core import END, Hub, Source, Stream

_T = TypeVar("_T")
_T1 = TypeVar("_T1")
_T2 = TypeVar("_T2")
_T3 = TypeVar("_T3")


class Feed:
    """One source of a hub with a task per source: its item and its task's waker."""

    __slots__ = ("source", "item", "wake", "wanted", "key", "finished", "on_finish", "error")

    def __init__(self, source: Source) -> None:
        self.source = source
        self.item: Any = END
        self.wake: Callable[[], None] | None = None
        self.wanted = False
        self.key = -1
        self.finished = False
        self.on_finish: Callable[[], None] | None = None
        self.error: BaseException | None = None

    def resume(self) -> None:
        wake = self.wake
        if wake is not None:
            self.wake = None
            wake()


class MergeHub(Hub):
    """Items in arrival order from feeds that each run one item ahead (merge, flatmap)."""

    def __init__(self, name: str, iterables: tuple[Any, ...] = ()) -> None:
        super().__init__(name)
        self.feeds = [Feed(Source(iterable)) for iterable in iterables]
        self.sources.extend(feed.source for feed in self.feeds)
        self.ready: deque[tuple[Any, Feed]] = deque()
        self.active = 0

    def begin(self) -> None:
        for feed in self.feeds:
            self.open(feed)

    def open(self, feed: Feed) -> None:
        self.active += 1
        feed.key = self.start(self.pull, feed, on_end=lambda: self.feed_ended(feed))

    async def pull(self, feed: Feed) -> None:
        runtime = self.runtime
        assert runtime is not None
        try:
            while True:
                item = await feed.source.pull()
                if item is END:
                    await self.close_now(feed.key, feed.source)
                    return
                parked, feed.wake = runtime.parking()
                self.hand_over(feed, item)
                self.wake_consumer()
                await parked
        except Exception as exc:
            self.failed(feed, exc)

    def hand_over(self, feed: Feed, item: Any) -> None:
        """A feed's item for the consumer: in arrival order (subclasses: elsewhere)."""
        self.ready.append((item, feed))

    def feed_ended(self, feed: Feed) -> None:
        feed.finished = True
        self.active -= 1
        self.closed(feed)
        self.wake_consumer()
        if feed.on_finish is not None:
            feed.on_finish()

    def closed(self, feed: Feed) -> None:
        """A feed's task has ended (subclasses: open another)."""

    def failed(self, feed: Feed, exc: BaseException) -> None:
        if self.error is None:
            self.error = exc
            self.stop()

    async def take(self) -> Any:
        ready = self.ready
        while True:
            if ready:
                item, feed = ready.popleft()
                feed.resume()
                return item
            if self.error is not None:
                return await self.finish(self.error)
            if self.ended():
                return await self.finish()
            await self.park()

    def ended(self) -> bool:
        return self.active == 0


def merge(*iterables: Iterable[_T] | AsyncIterable[_T]) -> Stream[_T]:
    """Every item of every iterable as it arrives; each pulled by its own task, one ahead.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def ticks(name, seconds, count):
    ...     for n in range(count):
    ...         await asyncio.sleep(seconds)
    ...         yield f"{name}{n}"
    >>> async def main():
    ...     async with concurrent.merge(ticks("a", 0.1, 3), ticks("b", 0.25, 1)) as items:
    ...         return [item async for item in items]
    >>> asyncio.run(main())
    ['a0', 'a1', 'b0', 'a2']
    """
    return Stream(MergeHub("merge", iterables))


class ZipHub(Hub):
    def __init__(self, iterables: tuple[Any, ...], strict: bool) -> None:
        super().__init__("zip")
        self.feeds = [Feed(Source(iterable)) for iterable in iterables]
        self.sources.extend(feed.source for feed in self.feeds)
        self.strict = strict
        self.pending = 0  # the pulls of the round asked for that have not given their item
        self.asking = False  # a round was asked for (a cancelled step leaves it running)

    def begin(self) -> None:
        for feed in self.feeds:
            feed.key = self.start(self.pull, feed)

    async def pull(self, feed: Feed) -> None:
        runtime = self.runtime
        assert runtime is not None
        try:
            while True:
                while not feed.wanted:
                    parked, feed.wake = runtime.parking()
                    await parked
                feed.wanted = False
                feed.item = item = await feed.source.pull()
                self.pending -= 1
                if self.pending == 0:
                    self.wake_consumer()
                if item is END:
                    return
        except Exception as exc:
            if self.error is None:
                self.error = exc
                self.stop()
            self.wake_consumer()

    async def take(self) -> Any:
        feeds = self.feeds
        if not feeds:
            return await self.finish()
        if not self.asking:
            self.asking = True
            self.pending = len(feeds)
            for feed in feeds:
                feed.wanted = True
                feed.resume()
        while self.pending and self.error is None:
            await self.park()
        self.asking = False
        if self.error is not None:
            return await self.finish(self.error)
        items = tuple(feed.item for feed in feeds)
        if END not in items:
            return items
        if self.strict:
            return await self.finish(_strict_error(items))
        return await self.finish()


def _strict_error(items: tuple[Any, ...]) -> BaseException | None:
    """The stdlib's ValueError for a round of ``zip(strict=True)`` where a source ended."""
    first = items.index(END)
    if first == 0:
        for position, item in enumerate(items[1:], 1):
            if item is not END:
                return ValueError(
                    f"zip() argument {position + 1} is longer than argument{_plural(position)}"
                )
        return None
    return ValueError(f"zip() argument {first + 1} is shorter than argument{_plural(first)}")


def _plural(count: int) -> str:
    return " 1" if count == 1 else f"s 1-{count}"


@overload
def zip(  # noqa: A001
    iter1: Iterable[_T1] | AsyncIterable[_T1], /, *, strict: bool = False
) -> Stream[tuple[_T1]]: ...
@overload
def zip(  # noqa: A001
    iter1: Iterable[_T1] | AsyncIterable[_T1],
    iter2: Iterable[_T2] | AsyncIterable[_T2],
    /,
    *,
    strict: bool = False,
) -> Stream[tuple[_T1, _T2]]: ...
@overload
def zip(  # noqa: A001
    iter1: Iterable[_T1] | AsyncIterable[_T1],
    iter2: Iterable[_T2] | AsyncIterable[_T2],
    iter3: Iterable[_T3] | AsyncIterable[_T3],
    /,
    *,
    strict: bool = False,
) -> Stream[tuple[_T1, _T2, _T3]]: ...
@overload
def zip(  # noqa: A001
    *iterables: Iterable[Any] | AsyncIterable[Any], strict: bool = False
) -> Stream[tuple[Any, ...]]: ...
def zip(*iterables: Any, strict: bool = False) -> Stream[tuple[Any, ...]]:  # noqa: A001
    """Tuples of one item from every iterable, the items of each tuple pulled concurrently.

    Stops at the shortest and closes the others; with ``strict=True`` sources of unequal
    length raise the stdlib's ``ValueError``.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def slow(items):
    ...     for item in items:
    ...         await asyncio.sleep(0.01)
    ...         yield item
    >>> async def main():
    ...     async with concurrent.zip(slow("ab"), slow([1, 2, 3])) as pairs:
    ...         return [pair async for pair in pairs]
    >>> asyncio.run(main())
    [('a', 1), ('b', 2)]
    """
    return Stream(ZipHub(iterables, bool(strict)))
