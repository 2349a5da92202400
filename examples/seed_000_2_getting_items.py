"""seed 000 (aiter), "Getting Items: anext() and async for", first example."""

import asyncio

from asyncitertools import aiter, anext


async def async_range(n):
    for i in range(n):
        yield i


async def main():
    it = aiter(async_range(3))
    print(await anext(it))  # 0
    print(await anext(it))  # 1
    print(await anext(it))  # 2
    try:
        await anext(it)
    except StopAsyncIteration:
        print("Exhausted")


asyncio.run(main())
