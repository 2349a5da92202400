"""``tee``: n async iterators over the items of one sync or async iterable."""

import sys
from collections.abc import AsyncGenerator, AsyncIterator, Iterator

from asyncitertools import anext
from asyncitertools.itertools import tee

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def squares() -> Iterator[int]:
    yield 1


async def the_children_give_the_items_of_a_sync_or_async_iterable() -> None:
    first, second = tee(words())
    async for word in first:
        assert_type(word, str)
    assert_type(await anext(second), str)
    for child in tee(squares(), 3):
        async for number in child:
            assert_type(number, int)
    async for pair in tee([(1, "a")])[0]:
        assert_type(pair, tuple[int, str])


async def the_children_are_async_iterators_with_aclose() -> None:
    children = tee([1.5], 2)
    iterator: AsyncIterator[float] = children[0]
    assert_type(await anext(iterator, None), float | None)
    assert_type(await children[1].aclose(), None)


def rejects_what_is_not_iterable_or_not_a_count() -> None:
    tee(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    tee([1], "2")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    tee([1], 2.0)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def takes_its_arguments_positionally() -> None:
    tee()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    tee([1], 2, 3)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    tee([1], n=2)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
