"""``flatmap``, ``concatmap`` and ``switchmap``: ``function(item)`` gives an (async) iterable.

A feeder task pulls the input and calls ``function``; each iterable it gets is pulled by a
task of its own, one item ahead (as ``merge``'s sources). ``flatmap`` yields the items as they
arrive, ``concatmap`` one iterable after the other, ``switchmap`` only from the newest.
The iterables are owned: each is closed when it is done with (by its task when it ends, by
the feeder when switchmap leaves it), or at the end.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from typing import Any, TypeAlias, TypeVar, overload

from ._core import END, Source, Stream, call, positive
from ._merge import Feed, MergeHub

_T = TypeVar("_T")
_R = TypeVar("_R")
_Inner: TypeAlias = Iterable[_R] | AsyncIterable[_R]
_Input: TypeAlias = Iterable[_T] | AsyncIterable[_T]


class FlatHub(MergeHub):
    """flatmap: at most ``limit`` iterables open, their items merged as they arrive."""

    def __init__(
        self, name: str, function: Callable[[Any], Any], iterable: Any, limit: float
    ) -> None:
        super().__init__(name)
        self.function = function
        self.input = Source(iterable)
        self.sources.append(self.input)
        self.limit = limit
        self.input_done = False
        self.feeder_key = -1
        self.feeder_wake: Callable[[], None] | None = None
        self.open_feeds: list[Feed] = []

    def begin(self) -> None:
        self.active += 1  # the feeder counts as a source of items
        self.feeder_key = self.start(self.feed, on_end=self.feeder_ended)

    def feeder_ended(self) -> None:
        self.input_done = True
        self.active -= 1
        self.wake_consumer()

    def room(self) -> bool:
        return len(self.open_feeds) < self.limit

    async def feed(self) -> None:
        runtime = self.runtime
        assert runtime is not None
        try:
            while True:
                while not self.room():
                    parked, self.feeder_wake = runtime.parking()
                    await parked
                item = await self.input.pull()
                if item is END:
                    return
                inner = Source(await call(self.name, self.function, item))
                feed = Feed(inner)
                self.admit(feed)
                self.open(feed)
        except Exception as exc:
            self.feeder_failed(exc)

    def admit(self, feed: Feed) -> None:
        self.open_feeds.append(feed)
        self.sources.append(feed.source)

    def feeder_failed(self, exc: BaseException) -> None:
        if self.error is None:
            self.error = exc
            self.stop()

    def closed(self, feed: Feed) -> None:
        if feed.source.closed:  # exhausted, and closed by its task (else: at shutdown)
            self.retire(feed)
        wake, self.feeder_wake = self.feeder_wake, None
        if wake is not None:
            wake()

    def retire(self, feed: Feed) -> None:
        """An iterable has ended and is closed: it no longer counts, nor needs closing."""
        if feed in self.open_feeds:
            self.open_feeds.remove(feed)
        if feed.source in self.sources:
            self.sources.remove(feed.source)


@overload
def flatmap(
    function: Callable[[_T], Awaitable[_Inner[_R]]], iterable: _Input[_T], /, *, limit: int
) -> Stream[_R]: ...
@overload
def flatmap(
    function: Callable[[_T], _Inner[_R]], iterable: _Input[_T], /, *, limit: int
) -> Stream[_R]: ...
def flatmap(function: Callable[[Any], Any], iterable: _Input[Any], /, *, limit: int) -> Stream[Any]:
    """The items of ``function(item)`` for every item, merged as they arrive.

    At most ``limit`` of the iterables are open at a time; each is pulled by its own task,
    one item ahead of the consumer.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def pages(site):
    ...     for page in range(2):
    ...         await asyncio.sleep(0.1 if site == "fast" else 0.25)
    ...         yield f"{site}/{page}"
    >>> async def main():
    ...     async with concurrent.flatmap(pages, ["slow", "fast"], limit=2) as all_pages:
    ...         return [page async for page in all_pages]
    >>> asyncio.run(main())
    ['fast/0', 'fast/1', 'slow/0', 'slow/1']
    """
    _check_callable(function)
    return Stream(FlatHub("flatmap", function, iterable, positive("flatmap", "limit", limit)))


class ConcatHub(FlatHub):
    """concatmap: the iterables' items one iterable after another, later ones running ahead.

    Each feed keeps its one item in its own slot; the consumer takes from the oldest open
    feed. A failure is delivered in its turn: after the items of the iterables before it.
    """

    def failed(self, feed: Feed, exc: BaseException) -> None:
        if feed not in self.open_feeds:
            return  # cut off by an earlier iterable's failure (it failed before its cancel)
        feed.error = exc
        self.cut_after(feed)

    def feeder_failed(self, exc: BaseException) -> None:
        failed = Feed(self.input)
        failed.error = exc
        failed.finished = True
        self.open_feeds.append(failed)

    def cut_after(self, feed: Feed) -> None:
        """Nothing after ``feed`` will be delivered: cancel it and stop the feeder."""
        position = self.open_feeds.index(feed)
        for later in self.open_feeds[position + 1 :]:
            self.cancel(later.key)
        del self.open_feeds[position + 1 :]
        self.input_done = True
        self.cancel_all_but(self.open_feeds)

    def cancel_all_but(self, keep: list[Feed]) -> None:
        keys = {feed.key for feed in keep}
        for key in list(self._handles):
            if key not in keys:
                self.cancel(key)

    def closed(self, feed: Feed) -> None:
        self.wake_consumer()
        wake, self.feeder_wake = self.feeder_wake, None
        if wake is not None:
            wake()

    def hand_over(self, feed: Feed, item: Any) -> None:
        feed.item = item  # in the feed's own slot: the consumer reads the oldest feed first

    async def take(self) -> Any:
        feeds = self.open_feeds
        while True:
            if self.error is not None:  # a task's BaseException: raised at once
                return await self.finish(self.error)
            if feeds:
                head = feeds[0]
                if head.item is not END:
                    item, head.item = head.item, END
                    head.resume()
                    return item
                if head.error is not None:
                    return await self.finish(head.error)
                if head.finished:
                    feeds.pop(0)
                    # Closed by its task when exhausted; else (its task cancelled) at shutdown.
                    if head.source.closed and head.source in self.sources:
                        self.sources.remove(head.source)
                    wake, self.feeder_wake = self.feeder_wake, None
                    if wake is not None:
                        wake()
                    continue
            elif self.input_done and self.active == 0:
                return await self.finish()
            await self.park()


@overload
def concatmap(
    function: Callable[[_T], Awaitable[_Inner[_R]]], iterable: _Input[_T], /, *, limit: int
) -> Stream[_R]: ...
@overload
def concatmap(
    function: Callable[[_T], _Inner[_R]], iterable: _Input[_T], /, *, limit: int
) -> Stream[_R]: ...
def concatmap(
    function: Callable[[Any], Any], iterable: _Input[Any], /, *, limit: int
) -> Stream[Any]:
    """The items of ``function(item)`` for every item, one iterable after another.

    Up to ``limit`` iterables are open at a time: the one being read and the next ones, each
    pulled by its own task one item ahead.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def pages(site):
    ...     for page in range(2):
    ...         await asyncio.sleep(0.1 if site == "fast" else 0.25)
    ...         yield f"{site}/{page}"
    >>> async def main():
    ...     async with concurrent.concatmap(pages, ["slow", "fast"], limit=2) as all_pages:
    ...         return [page async for page in all_pages]
    >>> asyncio.run(main())
    ['slow/0', 'slow/1', 'fast/0', 'fast/1']
    """
    _check_callable(function)
    return Stream(ConcatHub("concatmap", function, iterable, positive("concatmap", "limit", limit)))


class SwitchHub(FlatHub):
    """switchmap: only the newest iterable is read; a new item closes the current one."""

    def __init__(self, function: Callable[[Any], Any], iterable: Any) -> None:
        super().__init__("switchmap", function, iterable, float("inf"))
        self.current: Feed | None = None

    async def feed(self) -> None:
        runtime = self.runtime
        assert runtime is not None
        try:
            while True:
                item = await self.input.pull()
                if item is END:
                    return
                inner = Source(await call(self.name, self.function, item))
                # Owned from now on: closed at shutdown if the wait below is cancelled.
                self.sources.append(inner)
                previous, self.current = self.current, None
                if previous is not None:
                    await self.retire_feed(previous)
                feed = Feed(inner)
                self.current = feed
                self.open_feeds.append(feed)
                self.open(feed)
        except Exception as exc:
            self.feeder_failed(exc)

    async def retire_feed(self, feed: Feed) -> None:
        """Cancel the feed's task, wait for its end, drop its item, close its iterable."""
        runtime = self.runtime
        assert runtime is not None
        self.cancel(feed.key)
        while not feed.finished:
            parked, feed.on_finish = runtime.parking()
            await parked
        feed.on_finish = None
        kept = [entry for entry in self.ready if entry[1] is not feed]
        self.ready.clear()
        self.ready.extend(kept)
        await self.close_now(self.feeder_key, feed.source)  # (cancelled before: at shutdown)
        self.retire(feed)


@overload
def switchmap(
    function: Callable[[_T], Awaitable[_Inner[_R]]], iterable: _Input[_T], /
) -> Stream[_R]: ...
@overload
def switchmap(function: Callable[[_T], _Inner[_R]], iterable: _Input[_T], /) -> Stream[_R]: ...
def switchmap(function: Callable[[Any], Any], iterable: _Input[Any], /) -> Stream[Any]:
    """The items of ``function(item)`` for the newest item: a new item closes the current one.

    The input is pulled by a task of its own, as fast as it gives items; the iterable of each
    item is read until the next item arrives (then it is closed) or it ends.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def queries():
    ...     for text in ("a", "as", "asy"):
    ...         yield text
    ...         await asyncio.sleep(0.15)
    >>> async def search(text):
    ...     for n in range(2):
    ...         await asyncio.sleep(0.1)
    ...         yield f"{text}:{n}"
    >>> async def main():
    ...     async with concurrent.switchmap(search, queries()) as results:
    ...         return [result async for result in results]
    >>> asyncio.run(main())
    ['a:0', 'as:0', 'asy:0', 'asy:1']
    """
    _check_callable(function)
    return Stream(SwitchHub(function, iterable))


def _check_callable(function: Any) -> None:
    if not callable(function):
        raise TypeError(f"'{type(function).__name__}' object is not callable")
