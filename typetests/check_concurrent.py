"""``asyncitertools.concurrent``: the item types through sync and async callables, zip's
tuples, gather's list, and the stream as its own ``async with`` target."""

import sys
from collections.abc import AsyncGenerator
from typing import Any

from asyncitertools import CloseableAsyncIterator, concurrent

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


async def name_of(number: int) -> str:
    return str(number)


def half(number: int) -> float:
    return number / 2


async def pages(number: int) -> AsyncGenerator[bytes, None]:
    yield b"page"


def letters(number: int) -> list[str]:
    return ["a"] * number


async def calls_give_their_results() -> None:
    async with concurrent.map(name_of, numbers(), limit=4) as names:
        assert_type(names, concurrent.Stream[str])
        async for name in names:
            assert_type(name, str)
    assert_type(concurrent.map(half, [1, 2], limit=2, ordered=False), concurrent.Stream[float])
    assert_type(concurrent.map(half, [1], limit=1, per_second=10), concurrent.Stream[float])


async def iterables_give_their_items() -> None:
    assert_type(concurrent.flatmap(pages, numbers(), limit=2), concurrent.Stream[bytes])
    assert_type(concurrent.concatmap(letters, [1, 2], limit=2), concurrent.Stream[str])
    assert_type(concurrent.switchmap(pages, [1]), concurrent.Stream[bytes])
    assert_type(concurrent.merge(numbers(), [2, 3]), concurrent.Stream[int])
    assert_type(concurrent.buffer(numbers(), 8), concurrent.Stream[int])
    assert_type(concurrent.timeout(numbers(), 1.5), concurrent.Stream[int])
    assert_type(concurrent.spaceout(numbers(), 0.1), concurrent.Stream[int])
    assert_type(concurrent.batched(numbers(), 10, within=1), concurrent.Stream[tuple[int, ...]])


async def zips_give_tuples() -> None:
    assert_type(concurrent.zip(numbers(), "ab"), concurrent.Stream[tuple[int, str]])
    assert_type(concurrent.zip(numbers(), strict=True), concurrent.Stream[tuple[int]])
    assert_type(concurrent.ziplatest(numbers(), "ab"), concurrent.Stream[tuple[Any, ...]])


async def awaitables_give_their_results() -> None:
    assert_type(await concurrent.gather(name_of(1), name_of(2), limit=1), list[str])
    async with concurrent.as_completed([name_of(1), name_of(2)]) as names:
        async for name in names:
            assert_type(name, str)


def a_stream_is_closeable(stream: concurrent.Stream[int]) -> CloseableAsyncIterator[int]:
    return stream
