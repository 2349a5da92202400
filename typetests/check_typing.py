"""``CloseableAsyncIterator``: the public type of what the iterator functions return, with
``aclose()`` (``AsyncIterator`` would lose it)."""

import sys
from collections.abc import AsyncGenerator, AsyncIterator

from asyncitertools import CloseableAsyncIterator, count, islice, map, zip

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def rows() -> AsyncGenerator[int, None]:
    yield 1


def first_rows() -> CloseableAsyncIterator[int]:
    return islice(rows(), 10)


def an_async_generator_is_one() -> CloseableAsyncIterator[int]:
    return rows()


async def it_keeps_aclose_and_the_item_type() -> None:
    first = first_rows()
    assert_type(first, CloseableAsyncIterator[int])
    async for row in first:
        assert_type(row, int)
    assert_type(await first.aclose(), None)
    assert_type(zip(count(), ["a"]), CloseableAsyncIterator[tuple[int, str]])
    assert_type(map(str, rows()), CloseableAsyncIterator[str])


def it_is_an_async_iterator(iterator: CloseableAsyncIterator[int]) -> AsyncIterator[int]:
    return iterator


def it_is_checked_at_run_time(thing: object) -> None:
    assert_type(isinstance(thing, CloseableAsyncIterator), bool)


def a_plain_async_iterator_is_not_one(iterator: AsyncIterator[int]) -> None:
    closeable: CloseableAsyncIterator[int] = iterator  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    assert_type(closeable, CloseableAsyncIterator[int])
