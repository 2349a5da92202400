"""``dropwhile``, ``takewhile``, ``filterfalse``, ``compress``, ``starmap``: the item types."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

from asyncitertools import anext
from asyncitertools.itertools import compress, dropwhile, filterfalse, starmap, takewhile

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def squares() -> Iterator[int]:
    yield 1


def is_even(number: int) -> bool:
    return number % 2 == 0


async def is_cached(key: str) -> bool:
    return False


def product(left: int, right: int) -> int:
    return left * right


async def fetch(key: str, times: int) -> bytes:
    return key.encode() * times


async def the_selecting_ones_keep_the_item_type(keys: AsyncIterable[str]) -> None:
    async for number in dropwhile(is_even, squares()):
        assert_type(number, int)
    async for key in dropwhile(is_cached, keys):
        assert_type(key, str)
    async for number in takewhile(is_even, [1, 2]):
        assert_type(number, int)
    async for word in takewhile(is_cached, words()):
        assert_type(word, str)
    async for number in filterfalse(None, squares()):
        assert_type(number, int)
    async for word in filterfalse(is_cached, words()):
        assert_type(word, str)
    async for word in filterfalse(lambda word: len(word) > 1, keys):
        assert_type(word, str)


async def compress_keeps_the_data_type(flags: AsyncIterable[bool]) -> None:
    async for word in compress(words(), [1, 0]):
        assert_type(word, str)
    async for number in compress(data=squares(), selectors=flags):
        assert_type(number, int)


async def starmap_gives_the_function_result_awaited() -> None:
    async for number in starmap(product, [(2, 3)]):
        assert_type(number, int)
    async for data in starmap(fetch, [("a", 2)]):
        assert_type(data, bytes)
    async for text in starmap(str.upper, words()):
        assert_type(text, str)


async def they_are_async_iterators() -> None:
    evens: AsyncIterator[int] = takewhile(is_even, squares())
    assert_type(await anext(evens), int)
    assert_type(await anext(compress(words(), [1]), None), str | None)
    assert_type(await starmap(fetch, [("a", 1)]).aclose(), None)
    assert_type(await dropwhile(is_even, [1]).aclose(), None)


def rejects_items_the_predicate_does_not_take() -> None:
    dropwhile(is_even, ["a"])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    takewhile(is_cached, squares())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    filterfalse(is_even, words())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def rejects_what_is_not_iterable() -> None:
    dropwhile(is_even, 1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    compress([1], 2)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    starmap(product, squares())  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


def takes_the_stdlibs_arguments() -> None:
    takewhile(is_even)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    filterfalse(predicate=None, iterable=[1])  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    compress([1])  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    starmap(product, [(1, 2)], [(3, 4)])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
