"""``product``, ``permutations``, ``combinations``, ``combinations_with_replacement``."""

import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

from asyncitertools import anext
from asyncitertools.itertools import (
    combinations,
    combinations_with_replacement,
    permutations,
    product,
)

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def squares() -> Iterator[int]:
    yield 1


async def product_gives_tuples_of_each_iterables_item(iterable: AsyncIterable[bytes]) -> None:
    async for (word,) in product(words()):
        assert_type(word, str)
    async for pair in product([1.5], words()):
        assert_type(pair, tuple[float, str])
    async for triple in product(iterable, squares(), "ab"):
        assert_type(triple, tuple[bytes, int, str])
    async for quadruple in product(range(3), words(), iterable, [None]):
        assert_type(quadruple, tuple[int, str, bytes, None])
    async for quintuple in product(range(3), words(), iterable, [None], [1.0]):
        assert_type(quintuple, tuple[int, str, bytes, None, float])
    async for many in product([1], [2], [3], [4], [5], squares()):
        assert_type(many, tuple[int, ...])
    async for repeated in product(words(), repeat=2):
        assert_type(repeated, tuple[str, ...])
    async for nested in product(product(words()), squares()):
        assert_type(nested, tuple[tuple[str], int])
    product(words(), repeat="2")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    product(1)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


async def a_literal_r_gives_the_tuples_length(iterable: AsyncIterable[bytes], r: int) -> None:
    assert_type(await anext(permutations(words())), tuple[str, ...])
    assert_type(await anext(permutations(words(), None)), tuple[str, ...])
    assert_type(await anext(permutations(iterable, 2)), tuple[bytes, bytes])
    assert_type(await anext(permutations(squares(), r=3)), tuple[int, int, int])
    assert_type(await anext(permutations("ab", r)), tuple[str, ...])
    assert_type(await anext(combinations(words(), 2)), tuple[str, str])
    assert_type(await anext(combinations(iterable=squares(), r=4)), tuple[int, int, int, int])
    assert_type(await anext(combinations(iterable, 5)), tuple[bytes, bytes, bytes, bytes, bytes])
    assert_type(await anext(combinations(iterable, r)), tuple[bytes, ...])
    assert_type(await anext(combinations_with_replacement(words(), 3)), tuple[str, str, str])
    assert_type(await anext(combinations_with_replacement(squares(), r)), tuple[int, ...])
    combinations(words())  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    combinations_with_replacement(words(), None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    permutations(words(), "2")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


async def they_are_async_iterators() -> None:
    pairs: AsyncIterator[tuple[int, str]] = product([1], words())
    assert_type(await anext(pairs), tuple[int, str])
    assert_type(await anext(combinations([1], 2), None), tuple[int, int] | None)
    assert_type(await product([1]).aclose(), None)
    assert_type(await permutations([1]).aclose(), None)
    assert_type(await combinations_with_replacement([1], 1).aclose(), None)
