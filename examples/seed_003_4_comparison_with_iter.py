"""seed 003 (aiter), "Comparison with iter()"."""

import asyncio

from asyncitertools import aiter


# iter() - synchronous iterator - O(1)
def sync_generator():
    yield 1
    yield 2


sync_iter = iter(sync_generator())
print(next(sync_iter))  # Works synchronously


# aiter() - asynchronous iterator - O(1)
async def async_generator():
    yield 1
    yield 2


async def main():
    async_iter = aiter(async_generator())
    print(await async_iter.__anext__())  # Must be awaited


asyncio.run(main())
