"""seed 000 (aiter), "What It Does".

The seed shows two lines without context::

    ait(obj) # returns the async iterator (sync call)
    await anext(ait(obj)) # awaits the next item (async call)

``ait`` is a typo for ``aiter``. Here ``obj`` is an async generator and the two lines run
inside a coroutine; their results are printed.
"""

import asyncio

from asyncitertools import aiter, anext


async def async_range(n):
    for i in range(n):
        yield i


obj = async_range(3)


async def main():
    it = aiter(obj)  # returns the async iterator (sync call)
    print(f"aiter(obj) -> {type(it).__name__}, the same object: {it is obj}")
    print(await anext(aiter(obj)))  # awaits the next item (async call)
    print("note: the seed writes `ait(obj)`; that is a typo for `aiter(obj)`")


asyncio.run(main())
