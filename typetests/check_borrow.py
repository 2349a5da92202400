"""``borrow``: an async iterator over an iterator, sync or async, that never closes it; and
``scoped_iter``: an async context manager lending a borrowed iterator, closing the real one on exit.
"""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager

import asyncitertools as a
from asyncitertools import anext, borrow, enumerate, scoped_iter, zip

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


def squares() -> Iterator[int]:
    yield 1


class Cursor:
    """An async iterator with only ``__anext__``: enough to be borrowed."""

    async def __anext__(self) -> bytes:
        return b""


class Counter:
    """A sync iterator with only ``__next__``."""

    def __next__(self) -> int:
        return 0


async def items_are_the_iterators_items(it: AsyncIterator[str]) -> None:
    async for number in borrow(numbers()):
        assert_type(number, int)
    async for text in borrow(it):
        assert_type(text, str)
    async for square in borrow(squares()):
        assert_type(square, int)
    async for char in borrow(iter("ab")):
        assert_type(char, str)
    async for data in borrow(Cursor()):
        assert_type(data, bytes)
    async for count in borrow(Counter()):
        assert_type(count, int)
    async for pair in borrow(enumerate(["a"])):
        assert_type(pair, tuple[int, str])


async def the_iterator_can_be_continued_after_a_function_is_done_with_it() -> None:
    source = numbers()
    async for number, word in zip(borrow(source), ["a"]):
        assert_type(number, int)
        assert_type(word, str)
    assert_type(await anext(source), int)


async def it_is_an_async_iterator() -> None:
    borrowed: AsyncIterator[int] = borrow(numbers())
    assert_type(await anext(borrowed), int)
    assert_type(await anext(borrow(squares()), None), int | None)
    assert_type(await borrow(numbers()).aclose(), None)


def rejects_what_is_not_an_iterator(iterable: AsyncIterable[int]) -> None:
    # An iterable is not an iterator (a TypeError at run time, as next() would raise).
    borrow([1])  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType, reportCallIssue]
    borrow("ab")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType, reportCallIssue]
    borrow(iterable)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType, reportCallIssue]
    borrow(numbers)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType, reportCallIssue]
    borrow(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType, reportCallIssue]


def takes_exactly_one_positional_argument() -> None:
    borrow()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    borrow(squares(), squares())  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    borrow(iterator=squares())  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for number in borrow(numbers()):
        text: str = number  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del text


# scoped_iter is a generic Python class (asyncitertools/_scoped.py): it lends the items' type.


async def scoped_iter_lends_a_borrowed_iterator(iterable: AsyncIterable[str]) -> None:
    async with scoped_iter(numbers()) as it:
        async for number in it:
            assert_type(number, int)
        async for number, word in zip(it, ["a"]):
            assert_type(number, int)
            assert_type(word, str)
        assert_type(await anext(it), int)
    async with scoped_iter(iterable) as texts:
        assert_type(await a.list(texts), list[str])
    async with scoped_iter(squares()) as squares_it:
        assert_type(await anext(squares_it, None), int | None)
    async with scoped_iter("ab") as chars:
        assert_type(await anext(chars), str)


def scoped_iter_is_an_async_context_manager() -> None:
    manager: AbstractAsyncContextManager[AsyncIterator[int]] = scoped_iter([1])
    del manager


def scoped_iter_refuses_what_is_not_iterable() -> None:
    scoped_iter(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    scoped_iter(numbers)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


async def an_async_generators_borrow_passes_asend_and_athrow_through() -> None:
    borrowed = borrow(numbers())
    assert_type(borrowed, AsyncGenerator[int, None])
    assert_type(await borrowed.asend(None), int)
    assert_type(await borrowed.athrow(ValueError()), int)
