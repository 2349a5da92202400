"""``filter``: the items of a sync or async iterable for which a sync or async predicate holds."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator
from typing import TypeGuard

from asyncitertools import anext, filter

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type

if sys.version_info >= (3, 13):
    from typing import TypeIs
else:
    from typing_extensions import TypeIs


async def maybe_words() -> AsyncGenerator[str | None, None]:
    yield None


def squares() -> Iterator[int]:
    yield 1


def is_str(value: object) -> TypeGuard[str]:
    return isinstance(value, str)


def is_int(value: object) -> TypeIs[int]:
    return isinstance(value, int)


def is_even(number: int) -> bool:
    return number % 2 == 0


async def is_cached(key: str) -> bool:
    return False


async def none_keeps_the_true_items_and_removes_none(iterable: AsyncIterable[bytes | None]) -> None:
    async for word in filter(None, maybe_words()):
        assert_type(word, str)
    async for data in filter(None, iterable):
        assert_type(data, bytes)
    async for number in filter(None, [1, None, 0]):
        assert_type(number, int)
    async for square in filter(None, squares()):
        assert_type(square, int)


async def a_type_guard_narrows_the_items(mixed: AsyncIterable[int | str]) -> None:
    async for text in filter(is_str, [1, "a"]):
        assert_type(text, str)
    async for text in filter(is_str, mixed):
        assert_type(text, str)
    async for number in filter(is_int, mixed):
        assert_type(number, int)


async def a_sync_or_async_predicate_keeps_the_item_type(keys: AsyncIterable[str]) -> None:
    async for number in filter(is_even, squares()):
        assert_type(number, int)
    async for key in filter(is_cached, keys):
        assert_type(key, str)
    async for key in filter(is_cached, ["a"]):
        assert_type(key, str)
    async for word in filter(lambda word: word is not None and len(word) > 1, maybe_words()):
        assert_type(word, str | None)
    async for value in filter(bool, [0, 1]):
        assert_type(value, int)
    async for pair in filter(lambda pair: pair[0] > 0, [(1, "a")]):
        assert_type(pair, tuple[int, str])


async def it_is_an_async_iterator() -> None:
    evens: AsyncIterator[int] = filter(is_even, squares())
    assert_type(await anext(evens), int)
    assert_type(await anext(filter(is_cached, ["a"]), None), str | None)
    assert_type(await filter(None, [1]).aclose(), None)


def rejects_items_the_predicate_does_not_take() -> None:
    filter(is_even, ["a"])  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    filter(is_cached, squares())  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


def rejects_what_is_not_a_predicate_or_not_iterable() -> None:
    filter(1, [1])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    filter(None, 1)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    filter(is_even, squares)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def takes_a_predicate_and_an_iterable_positionally() -> None:
    filter(is_even)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    filter([1])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    filter(is_even, [1], [2])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    filter(function=None, iterable=[1])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for word in filter(None, maybe_words()):
        number: int = word  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del number
