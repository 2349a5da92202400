"""``heapq.merge``: sorted sync or async iterables merged into one sorted async iterator."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

from asyncitertools import anext
from asyncitertools.heapq import merge

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def squares() -> Iterator[int]:
    yield 1


async def length(word: str) -> int:
    return len(word)


class Opaque:
    """Not comparable: merged only with a key."""


async def the_items_keep_their_type(numbers: AsyncIterable[int]) -> None:
    async for number in merge(squares(), numbers, [3]):
        assert_type(number, int)
    async for word in merge(words(), ["b"], reverse=True):
        assert_type(word, str)


async def a_sync_or_async_key_keeps_the_item_type(opaque: AsyncIterable[Opaque]) -> None:
    async for word in merge(words(), ["bb"], key=length):
        assert_type(word, str)
    async for word in merge(words(), key=len, reverse=False):
        assert_type(word, str)
    async for item in merge(opaque, [Opaque()], key=id):
        assert_type(item, Opaque)


async def it_is_an_async_iterator() -> None:
    merged: AsyncIterator[int] = merge(squares(), [2])
    assert_type(await anext(merged), int)
    assert_type(await anext(merge(words()), None), str | None)
    assert_type(await merge([1]).aclose(), None)


def rejects_items_the_key_does_not_take() -> None:
    merge(squares(), key=length)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


def rejects_what_is_not_iterable_or_not_comparable() -> None:
    merge(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    merge([Opaque()])  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]


def takes_key_and_reverse_by_keyword_only() -> None:
    merge([1], None)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    merge([1], reversed=True)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for word in merge(words()):
        number: int = word  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del number
