"""seed 003 (aiter), "From Async Iterable", as the seed writes it (the last line wrapped).

The seed's ``AsyncIterator`` has ``__anext__`` but no ``__aiter__``. ``aiter(AsyncIterable())``
works (it only needs the result to have ``__anext__``), but ``async for`` then calls
``__aiter__`` on that iterator, so CPython raises ``TypeError`` instead of printing 1, 2, 3.
The error is caught and its run-time message printed; ``seed_003_2_fixed.py`` runs the fix.
"""

import asyncio

from asyncitertools import aiter


class AsyncIterable:
    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator:
    def __init__(self):
        self.count = 0

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


try:
    asyncio.run(main())
except TypeError as exc:
    print(f"TypeError: {exc}")
    print("note: the seed's AsyncIterator lacks __aiter__, so CPython fails too; fixed next")
