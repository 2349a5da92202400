"""``enumerate``: an async iterator of ``(index, item)`` over a sync or an async iterable."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

from asyncitertools import aiter, anext, enumerate

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def squares() -> Iterator[int]:
    yield 1


async def items_are_index_and_item(iterable: AsyncIterable[bytes]) -> None:
    async for index, word in enumerate(words()):
        assert_type(index, int)
        assert_type(word, str)
    async for index, number in enumerate([1.5, 2.5], 1):
        assert_type(index, int)
        assert_type(number, float)
    async for indexed_bytes in enumerate(iterable, start=10):
        assert_type(indexed_bytes, tuple[int, bytes])
    async for indexed_square in enumerate(squares()):
        assert_type(indexed_square, tuple[int, int])
    async for indexed_int in enumerate(range(3)):
        assert_type(indexed_int, tuple[int, int])
    async for nested in enumerate(enumerate("ab")):
        assert_type(nested, tuple[int, tuple[int, str]])


async def it_is_an_async_iterator() -> None:
    pairs: AsyncIterator[tuple[int, str]] = enumerate(["a"])
    assert_type(await anext(pairs), tuple[int, str])
    assert_type(await anext(enumerate(["a"])), tuple[int, str])
    assert_type(await anext(enumerate(["a"]), None), tuple[int, str] | None)
    assert_type(await aiter(enumerate(["a"])).__anext__(), tuple[int, str])
    assert_type(await enumerate(["a"]).aclose(), None)


def it_is_not_a_sync_iterator() -> None:
    # pyright also reports the unknown type of the loop variable.
    for _ in enumerate([1]):  # type: ignore[attr-defined]  # pyright: ignore[reportGeneralTypeIssues, reportUnknownVariableType]
        pass


def rejects_what_is_not_iterable_and_a_start_that_is_not_an_int() -> None:
    enumerate(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    enumerate(words)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    enumerate([1], "1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    enumerate([1], start=1.0)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def takes_an_iterable_and_a_start() -> None:
    enumerate()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    enumerate([1], 1, 2)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    enumerate([1], step=1)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
