"""seed 003 (aiter), "From Async Iterable", fixed: ``AsyncIterator`` gets ``__aiter__``.

An async iterator should return itself from ``__aiter__`` so it can be used wherever an async
iterable is expected, ``async for`` included. That one method is the only change.
"""

import asyncio

from asyncitertools import aiter


class AsyncIterable:
    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator:
    def __init__(self):
        self.count = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.count >= 3:
            raise StopAsyncIteration
        self.count += 1
        return self.count


async def main():
    # Get iterator from iterable - O(1)
    iterator = aiter(AsyncIterable())

    # Use with async for
    async for value in iterator:
        print(value)  # 1, 2, 3


asyncio.run(main())
