"""seed 000 (aiter), "Gotchas": the three claims, each shown by running code.

The seed has no code here. On the last claim: a plain sync iterable (a list) has no
``__aiter__``, so ``aiter()`` itself rejects it; the failure *at await time* the seed describes
needs an object whose ``__aiter__`` returns an iterator whose ``__anext__`` returns a
non-awaitable. Both messages printed are the ones raised at run time.
"""

import asyncio
import inspect

from asyncitertools import aiter, anext


async def async_range(n):
    for i in range(n):
        yield i


class SyncAnext:
    """Has ``__aiter__``, but its ``__anext__`` returns plain values, not awaitables."""

    def __init__(self):
        self.items = iter([1, 2, 3])

    def __aiter__(self):
        return self

    def __anext__(self):
        return next(self.items)


async def main():
    # aiter() is not async: it returns the iterator at once; only anext() gives an awaitable.
    it = aiter(async_range(2))
    print(f"aiter() returns at once: {type(it).__name__}, awaitable: {inspect.isawaitable(it)}")
    step = anext(it)
    print(
        f"anext() returns an awaitable: {inspect.isawaitable(step)}; awaiting it gives {await step}"
    )

    # StopAsyncIteration, not StopIteration.
    await anext(it)
    try:
        await anext(it)
    except Exception as exc:
        print(
            f"exhausted: {type(exc).__name__} (a StopIteration: {isinstance(exc, StopIteration)})"
        )

    # Works only with async iterables.
    try:
        aiter([1, 2, 3])
    except TypeError as exc:
        print(f"aiter([1, 2, 3]) -> TypeError: {exc}")
    sync_it = aiter(SyncAnext())
    print(f"aiter(SyncAnext()) works: {type(sync_it).__name__}")
    try:
        await anext(sync_it)
    except TypeError as exc:
        print(f"await anext(...) -> TypeError: {exc}")


asyncio.run(main())
