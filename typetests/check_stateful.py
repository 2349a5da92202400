"""``accumulate``, ``pairwise``, ``islice`` and ``batched`` over sync or async iterables."""

import sys
from collections.abc import AsyncGenerator, Iterator

from asyncitertools.itertools import accumulate, batched, islice, pairwise

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def numbers() -> Iterator[int]:
    yield 1


def longest(total: str, word: str) -> str:
    return max(total, word)


async def joined(total: str, number: int) -> str:
    return total + str(number)


async def accumulated() -> None:
    async for number in accumulate(numbers()):
        assert_type(number, int)
    async for word in accumulate(words(), initial="start"):
        assert_type(word, str)
    async for word in accumulate(words(), longest):
        assert_type(word, str)
    async for text in accumulate(numbers(), joined, initial=""):
        assert_type(text, str)
    assert_type(await accumulate(numbers()).__anext__(), int)
    await accumulate(words(), longest).aclose()
    accumulate(numbers(), longest)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    accumulate(words(), longest, "by position")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def paired() -> None:
    async for word_pair in pairwise(words()):
        assert_type(word_pair, tuple[str, str])
    async for number_pair in pairwise([1, 2]):
        assert_type(number_pair, tuple[int, int])
    pairwise(iterable=[1, 2])  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


async def sliced() -> None:
    async for word in islice(words(), 2):
        assert_type(word, str)
    async for number in islice(numbers(), None):
        assert_type(number, int)
    async for number in islice(numbers(), 1, None):
        assert_type(number, int)
    async for word in islice(words(), 1, 10, 2):
        assert_type(word, str)
    islice(words(), "2")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    islice(words(), stop=2)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def batches() -> None:
    async for word_batch in batched(words(), 2):
        assert_type(word_batch, tuple[str, ...])
    async for number_batch in batched(numbers(), 3, strict=True):
        assert_type(number_batch, tuple[int, ...])
    batched(numbers(), 3, True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    batched(numbers(), 2.5)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
