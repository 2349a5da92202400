"""``anext``: what it returns, with and without a default, and what it rejects."""

import asyncio
import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Coroutine
from typing import Any

from asyncitertools import anext

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


class Cursor:
    """An async iterator with only ``__anext__``: enough for ``anext``."""

    async def __anext__(self) -> bytes:
        return b""


class Ticker:
    """A plain (not ``async def``) ``__anext__`` returning an awaitable of its own type."""

    def __anext__(self) -> "asyncio.Future[float]":
        return asyncio.get_running_loop().create_future()


class Table:
    """An async iterable that is not an async iterator: no ``__anext__``."""

    def __aiter__(self) -> Cursor:
        return Cursor()


async def without_default_returns_what_anext_returns(it: AsyncIterator[str]) -> None:
    # anext(x) is x.__anext__(), with that exact type.
    assert_type(anext(it), Awaitable[str])
    assert_type(anext(numbers()), Coroutine[Any, Any, int]).close()
    assert_type(anext(Ticker()), "asyncio.Future[float]")
    assert_type(await anext(it), str)
    assert_type(await anext(numbers()), int)
    assert_type(await anext(Cursor()), bytes)
    assert_type(await anext(Ticker()), float)


async def with_default_returns_a_coroutine(it: AsyncIterator[str]) -> None:
    # anext(x, default) is an anext_awaitable: a Coroutine of the item or the default.
    assert_type(anext(it, None), Coroutine[Any, Any, str | None]).close()
    assert_type(anext(numbers(), None), Coroutine[Any, Any, int | None]).close()
    assert_type(anext(Cursor(), None), Coroutine[Any, Any, bytes | None]).close()
    assert_type(anext(Ticker(), None), Coroutine[Any, Any, float | None]).close()
    assert_type(await anext(it, None), str | None)
    assert_type(await anext(it, ""), str)
    assert_type(await anext(it, 0), str | int)
    assert_type(await anext(it, ()), str | tuple[()])
    assert_type(await anext(numbers(), "done"), int | str)
    assert_type(await anext(Ticker(), 0.0), float)


async def a_coroutine_goes_where_coroutines_go(it: AsyncIterator[int]) -> None:
    assert_type(asyncio.run(anext(numbers(), None)), int | None)
    assert_type(asyncio.create_task(anext(it, None)), "asyncio.Task[int | None]")
    assert_type(await asyncio.gather(anext(it), anext(it, "")), tuple[int, int | str])
    asyncio.run(anext(numbers()))
    # Without a default, anext returns what __anext__ returns: here only an Awaitable.
    asyncio.run(anext(it))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


async def the_items_have_their_type(it: AsyncIterator[int]) -> None:
    item = await anext(it)
    text: str = item  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    item_or_none = await anext(it, None)
    number: int = item_or_none  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    del text, number


def rejects_what_is_not_an_async_iterator(
    items: list[int], iterable: AsyncIterable[int], it: AsyncIterator[int]
) -> None:
    anext(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    anext(items)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    anext(iter(items))  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    anext(iterable)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    anext(Table())  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    anext(numbers)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    _ = anext(items, None)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    _ = anext(Table(), None)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]


def takes_one_or_two_positional_arguments(it: AsyncIterator[int]) -> None:
    anext()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    anext(it, None, None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    anext(it, default=None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    anext(aiterator=it)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
