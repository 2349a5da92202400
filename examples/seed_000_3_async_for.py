"""seed 000 (aiter), "Getting Items: anext() and async for", second example.

The seed only defines ``main()`` and relies on ``async_range`` from the example before it;
both are here, with the ``asyncio.run(main())`` the seed leaves out.
"""

import asyncio


async def async_range(n):
    for i in range(n):
        yield i


async def main():
    async for item in async_range(3):
        print(item)
    # 0, 1, 2


asyncio.run(main())
