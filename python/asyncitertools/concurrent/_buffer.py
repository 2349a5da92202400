"""``buffer(iterable, size)`` and ``batched(iterable, n, /, *, within)``: a task pulls ahead.

One task pulls the source while the consumer works: at most ``size`` (``n``) items wait for
the consumer, plus the one being pulled. What the task pulled before the source failed is
delivered first; then the error.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterable, Callable, Iterable
from typing import Any, TypeVar

from ._core import END, Hub, Source, Stream, duration, positive

_T = TypeVar("_T")


class BufferHub(Hub):
    def __init__(self, name: str, iterable: Any, size: int) -> None:
        super().__init__(name)
        self.source = Source(iterable)
        self.sources.append(self.source)
        self.size = size
        self.items: deque[Any] = deque()
        self.arrivals: deque[float] = deque()
        self.ended = False
        self.puller_wake: Callable[[], None] | None = None

    def begin(self) -> None:
        self.start(self.pull, on_end=self.pull_ended)

    def pull_ended(self) -> None:
        self.ended = True
        self.wake_consumer()

    async def pull(self) -> None:
        runtime = self.runtime
        assert runtime is not None
        try:
            while True:
                while len(self.items) >= self.size:
                    parked, self.puller_wake = runtime.parking()
                    await parked
                item = await self.source.pull()
                if item is END:
                    return
                self.items.append(item)
                self.arrivals.append(runtime.now())
                self.wake_consumer()
        except Exception as exc:
            if self.error is None:
                self.error = exc

    def resume_puller(self) -> None:
        wake, self.puller_wake = self.puller_wake, None
        if wake is not None:
            wake()

    async def take(self) -> Any:
        while True:
            if self.items:
                self.arrivals.popleft()
                item = self.items.popleft()
                self.resume_puller()
                return item
            if self.error is not None:
                return await self.finish(self.error)
            if self.ended:
                return await self.finish()
            await self.park()


def buffer(iterable: Iterable[_T] | AsyncIterable[_T], size: int) -> Stream[_T]:
    """The items of ``iterable``, pulled ahead by a task: at most ``size`` wait for the consumer.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def main():
    ...     async with concurrent.buffer(range(5), 2) as items:
    ...         return [item async for item in items]
    >>> asyncio.run(main())
    [0, 1, 2, 3, 4]
    """
    return Stream(BufferHub("buffer", iterable, positive("buffer", "size", size)))


class BatchedHub(BufferHub):
    def __init__(self, iterable: Any, n: int, within: float) -> None:
        super().__init__("batched", iterable, n)
        self.within = within

    async def take(self) -> Any:
        runtime = self.runtime
        assert runtime is not None
        items = self.items
        while True:
            if items:
                deadline = self.arrivals[0] + self.within
                while (
                    len(items) < self.size
                    and not self.ended
                    and self.error is None
                    and runtime.now() < deadline
                ):
                    await self.park_until(deadline)
                count = min(len(items), self.size)
                batch = tuple(items.popleft() for _ in range(count))
                for _ in range(count):
                    self.arrivals.popleft()
                self.resume_puller()
                return batch
            if self.error is not None:
                return await self.finish(self.error)
            if self.ended:
                return await self.finish()
            await self.park()


def batched(
    iterable: Iterable[_T] | AsyncIterable[_T], n: int, /, *, within: float
) -> Stream[tuple[_T, ...]]:
    """Tuples of up to ``n`` items, each as soon as it is full or ``within`` seconds after its
    first item arrived (the last one when the source ends).

    A task pulls the source meanwhile, so the time runs while the pull waits.

    >>> import asyncio
    >>> from asyncitertools import concurrent
    >>> async def events():
    ...     for burst in ([1, 2, 3], [4], [5, 6]):
    ...         for event in burst:
    ...             yield event
    ...         await asyncio.sleep(0.1)
    >>> async def main():
    ...     async with concurrent.batched(events(), 2, within=0.05) as batches:
    ...         return [batch async for batch in batches]
    >>> asyncio.run(main())
    [(1, 2), (3,), (4,), (5, 6)]
    """
    size = positive("batched", "n", n)
    return Stream(BatchedHub(iterable, size, duration("batched", "within", within)))
