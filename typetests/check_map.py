"""``map``: a sync or async function over sync and async iterables; async results are awaited."""

import asyncio
import functools
import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Iterator

from asyncitertools import anext, map

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def urls() -> AsyncGenerator[str, None]:
    yield "https://example.org"


def squares() -> Iterator[int]:
    yield 1


async def fetch(url: str) -> bytes:
    return b""


def length(text: str) -> int:
    return len(text)


async def scale(number: int, factor: float) -> float:
    return number * factor


def later(number: int) -> "asyncio.Future[str]":
    """A sync function whose result is awaitable: the items are what it resolves to."""
    return asyncio.get_running_loop().create_future()


def awaitable(number: int) -> Awaitable[complex]:
    return asyncio.sleep(0, complex(number))


async def add5(a: int, b: int, c: int, d: int, e: str) -> str:
    return e * (a + b + c + d)


def add_all(*numbers: int) -> int:
    return sum(numbers)


async def add_all_later(*numbers: int) -> int:
    return sum(numbers)


async def an_async_function_gives_what_it_returns(iterable: AsyncIterable[str]) -> None:
    # The coroutine is awaited: the items are bytes, not coroutines.
    async for data in map(fetch, urls()):
        assert_type(data, bytes)
    async for data in map(fetch, ["https://example.org"]):
        assert_type(data, bytes)
    async for data in map(fetch, iterable):
        assert_type(data, bytes)
    async for scaled in map(scale, squares(), [0.5]):
        assert_type(scaled, float)
    async for repeated in map(add5, [1], [2], [3], [4], urls(), strict=True):
        assert_type(repeated, str)
    async for seven in map(add_all_later, [1], [2], [3], [4], [5], squares(), range(7)):
        assert_type(seven, int)
    async for data in map(functools.partial(fetch), urls()):
        assert_type(data, bytes)
    # So is any awaitable result of a sync function.
    async for resolved in map(later, squares()):
        assert_type(resolved, str)
    async for number in map(awaitable, [1]):
        assert_type(number, complex)
    # A lambda returning a coroutine: mypy infers Any, as for any call that more than one
    # overload takes with an argument of type Any (a lambda's parameters are, until an overload
    # is chosen); pyright infers the awaited type.
    async for data in map(lambda url: fetch(url), urls()):
        assert_type(data, bytes)  # type: ignore[assert-type]


async def a_sync_function_gives_what_it_returns(iterable: AsyncIterable[str]) -> None:
    async for size in map(length, urls()):
        assert_type(size, int)
    async for size in map(length, iterable):
        assert_type(size, int)
    async for text in map(str, range(3)):
        assert_type(text, str)
    async for upper in map(lambda url: url.upper(), urls()):
        assert_type(upper, str)
    async for pair in map(lambda n, s: (n, s), squares(), urls(), strict=True):
        assert_type(pair, tuple[int, str])
    async for total in map(lambda x, y, z: x + y + z, [1], [2], squares()):
        assert_type(total, int)
    async for quad in map(lambda w, x, y, z: (w, x, y, z), [1], [b""], urls(), [None]):
        assert_type(quad, tuple[int, bytes, str, None])
    async for five in map(lambda v, w, x, y, z: v + w + x + y + z, "a", "b", "c", "d", urls()):
        assert_type(five, str)
    async for six in map(add_all, [1], [2], [3], [4], [5], squares()):
        assert_type(six, int)


async def it_is_an_async_iterator() -> None:
    sizes: AsyncIterator[int] = map(length, urls())
    assert_type(await anext(sizes), int)
    assert_type(await anext(map(fetch, urls())), bytes)
    assert_type(await anext(map(fetch, urls()), None), bytes | None)
    assert_type(await map(length, ["a"]).aclose(), None)


def rejects_items_the_function_does_not_take() -> None:
    map(length, [1])  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    map(fetch, squares())  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    map(scale, ["a"], [1.0])  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    # One iterable for a function of two arguments, two for a function of one.
    map(scale, [1])  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    map(fetch, urls(), urls())  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


def rejects_what_is_not_a_function_or_not_iterable() -> None:
    map(1, [1])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    map(length, 1)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    map(length, urls)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def takes_a_function_iterables_and_a_keyword_strict() -> None:
    map(length)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    map()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    map(length, ["a"], strict=None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    map(function=length, iterable=["a"])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for data in map(fetch, urls()):
        text: str = data  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del text
