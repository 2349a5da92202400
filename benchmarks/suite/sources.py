"""The sources the builtins benchmark iterates over, each made from a sequence of items (made
before timing), and the bare loop over them (the floor)."""

import asyncio
import builtins

SUSPEND_EVERY = 64


def is_async(iterable):
    return hasattr(iterable, "__aiter__")


async def async_generator(items):
    for item in items:
        yield item


def async_range(n):
    """``async_generator`` over ``range(n)``: for the scripts whose sources take n."""
    return async_generator(range(n))


class AsyncSequenceIterator:
    """A class-based async iterator: ``__anext__`` is an ``async def``."""

    __slots__ = ("i", "items", "n")

    def __init__(self, items):
        self.items = items
        self.i = 0
        self.n = len(items)

    def __aiter__(self):
        return self

    async def __anext__(self):
        i = self.i
        if i >= self.n:
            raise StopAsyncIteration
        self.i = i + 1
        return self.items[i]


async def suspending_async_generator(items):
    sleep = asyncio.sleep
    countdown = 0
    for item in items:
        if countdown == 0:
            countdown = SUSPEND_EVERY
            await sleep(0)
        countdown -= 1
        yield item


# key (in the JSON): (label, factory taking the items)
SOURCES = {
    "async_generator": ("async generator", async_generator),
    "class_iterator": ("class, `async def __anext__`", AsyncSequenceIterator),
    "list": ("list (sync)", builtins.list),
    "suspending": (
        f"async generator, `sleep(0)` every {SUSPEND_EVERY}",
        suspending_async_generator,
    ),
}
ASYNC_SOURCES = ("async_generator", "class_iterator", "suspending")


async def floor(*sources):
    """The bare loop over each source in turn: ``async for``, or ``for`` over a sync one."""
    for source in sources:
        if is_async(source):
            async for _ in source:
                pass
        else:
            for _ in source:
                pass
