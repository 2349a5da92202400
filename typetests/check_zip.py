"""``zip``: async iterator of tuples over sync and async iterables, with ``strict``."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator
from typing import Any

from asyncitertools import anext, zip

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def squares() -> Iterator[int]:
    yield 1


async def items_are_tuples_of_each_iterables_item(iterable: AsyncIterable[bytes]) -> None:
    async for (word,) in zip(words()):
        assert_type(word, str)
    async for number, word in zip([1.5], words()):
        assert_type(number, float)
        assert_type(word, str)
    async for triple in zip(iterable, squares(), "ab", strict=True):
        assert_type(triple, tuple[bytes, int, str])
    async for quadruple in zip(range(3), words(), iterable, [None]):
        assert_type(quadruple, tuple[int, str, bytes, None])
    async for quintuple in zip(range(3), words(), iterable, [None], [1.0], strict=False):
        assert_type(quintuple, tuple[int, str, bytes, None, float])
    async for sextuple in zip([1], [1], [1], [1], [1], words()):
        assert_type(sextuple, tuple[Any, ...])
    async for many in zip([1], [1], [1], [1], [1], words(), iterable, strict=True):
        assert_type(many, tuple[Any, ...])
    async for nothing in zip():
        assert_type(nothing, Any)
    async for nested in zip(zip(words()), zip(squares())):
        assert_type(nested, tuple[tuple[str], tuple[int]])


async def it_is_an_async_iterator() -> None:
    pairs: AsyncIterator[tuple[int, str]] = zip([1], words())
    assert_type(await anext(pairs), tuple[int, str])
    assert_type(await anext(zip([1], words())), tuple[int, str])
    assert_type(await anext(zip([1], words()), None), tuple[int, str] | None)
    assert_type(await zip([1]).aclose(), None)


def rejects_what_is_not_iterable() -> None:
    zip(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    zip([1], 2)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    zip(words, [1])  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    zip([1], [1], [1], [1], [1], [1], 1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]


def strict_is_a_keyword_bool() -> None:
    zip([1], strict=None)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    zip([1], [2], True)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    zip([1], stric=True)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for number, word in zip([1], words()):
        text: str = number  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        count: int = word  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del text, count
