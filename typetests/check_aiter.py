"""``aiter``: what it returns, and what it rejects."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

from asyncitertools import aiter

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


class Cursor:
    """An async iterator with only ``__anext__``: enough for ``aiter``'s check."""

    async def __anext__(self) -> bytes:
        return b""


class Table:
    """An async iterable whose iterator is a class of its own."""

    def __aiter__(self) -> Cursor:
        return Cursor()


class Countdown:
    """An async iterator, its own ``__aiter__``."""

    def __aiter__(self) -> "Countdown":
        return self

    async def __anext__(self) -> int:
        raise StopAsyncIteration


class NotAnIterator:
    """``__aiter__`` returns something without ``__anext__``: a TypeError at run time."""

    def __aiter__(self) -> Iterator[int]:
        return iter([1])


async def returns_what_aiter_returns(iterable: AsyncIterable[str]) -> None:
    # aiter(x) is x.__aiter__(), with that exact type.
    assert_type(aiter(numbers()), AsyncIterator[int])
    assert_type(aiter(Table()), Cursor)
    assert_type(aiter(Countdown()), Countdown)
    assert_type(aiter(iterable), AsyncIterator[str])
    assert_type(aiter(aiter(iterable)), AsyncIterator[str])
    async for text in aiter(iterable):
        assert_type(text, str)


def rejects_what_is_not_an_async_iterable(items: list[int], it: Iterator[int]) -> None:
    aiter(items)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    aiter(it)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    aiter(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    aiter(numbers)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    aiter(Cursor())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    aiter(NotAnIterator())  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]


def takes_exactly_one_positional_argument() -> None:
    aiter()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    aiter(numbers(), "sentinel")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    aiter(async_iterable=numbers())  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type(iterable: AsyncIterable[int]) -> None:
    async for number in aiter(iterable):
        text: str = number  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del text
