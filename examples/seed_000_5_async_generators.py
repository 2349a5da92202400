"""seed 000 (aiter), "Async Generators as Async Iterables".

The seed writes the ``await`` lines at top level (as in the ``python -m asyncio`` REPL) and
shows the results as comments; here they run inside ``main()`` and are printed.
"""

import asyncio

from asyncitertools import aiter, anext


async def async_counter(n):
    for i in range(n):
        yield i


async def main():
    it = aiter(async_counter(5))
    print(await anext(it))  # 0
    print(await anext(it))  # 1
    print(await anext(it))  # 2


asyncio.run(main())
