"""``groupby``: (key, group) pairs of the consecutive items of a sync or async iterable."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

from asyncitertools import anext
from asyncitertools.itertools import groupby

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def numbers() -> Iterator[int]:
    yield 1


def parity(number: int) -> bool:
    return number % 2 == 0


async def initial(word: str) -> str:
    return word[:1]


async def without_a_key_the_key_is_the_item(iterable: AsyncIterable[bytes]) -> None:
    async for key, group in groupby(words()):
        assert_type(key, str)
        words_of_key: AsyncIterator[str] = group
        del words_of_key
        async for word in group:
            assert_type(word, str)
    async for data, chunks in groupby(iterable, None):
        assert_type(data, bytes)
        assert_type(await anext(chunks), bytes)
    async for number, _ in groupby([1, 1, 2]):
        assert_type(number, int)


async def a_sync_or_async_key_gives_the_key_type() -> None:
    async for even, evens in groupby(numbers(), parity):
        assert_type(even, bool)
        assert_type(await anext(evens), int)
    async for letter, group in groupby(words(), initial):
        assert_type(letter, str)
        assert_type(await anext(group), str)
    async for length, same in groupby(["ab", "cd"], key=len):
        assert_type(length, int)
        assert_type(await anext(same), str)
    async for first, _ in groupby(iterable=[(1, "a")], key=lambda pair: pair[0]):
        assert_type(first, int)


async def they_are_async_iterators() -> None:
    pairs = groupby(numbers())
    general: AsyncIterator[tuple[int, AsyncIterator[int]]] = pairs
    del general
    key, group = await anext(pairs)
    assert_type(key, int)
    assert_type(await group.aclose(), None)
    assert_type(await groupby(numbers()).aclose(), None)


def rejects_keys_that_do_not_take_the_items() -> None:
    groupby(words(), parity)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    groupby(numbers(), initial)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


def rejects_what_is_not_iterable_or_not_a_key() -> None:
    groupby(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    groupby([1], 1)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    groupby()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    groupby([1], None, None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    groupby([1], function=len)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for key, _ in groupby(words()):
        number: int = key  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del number
