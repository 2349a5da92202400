"""``asyncitertools.functools.reduce`` and ``asyncitertools.heapq.nlargest``/``nsmallest``:
awaitables (Coroutines) over sync and async iterables, with sync or async callables."""

import asyncio
import sys
from collections.abc import AsyncGenerator, Coroutine
from typing import Any

from asyncitertools.functools import reduce
from asyncitertools.heapq import nlargest, nsmallest

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


async def words() -> AsyncGenerator[str, None]:
    yield "a"


def add(a: int, b: int) -> int:
    return a + b


async def async_add(a: int, b: int) -> int:
    return a + b


def extend(total: list[str], word: str) -> list[str]:
    return [*total, word]


async def size(word: str) -> int:
    return len(word)


async def they_return_coroutines() -> None:
    assert_type(reduce(add, numbers()), Coroutine[Any, Any, int]).close()
    assert_type(reduce(async_add, [1, 2]), Coroutine[Any, Any, int]).close()
    assert_type(reduce(extend, words(), list[str]()), Coroutine[Any, Any, list[str]]).close()
    assert_type(await reduce(async_add, numbers(), 0), int)
    assert_type(nlargest(2, numbers()), Coroutine[Any, Any, list[int]]).close()
    assert_type(nsmallest(2, ["a"], key=len), Coroutine[Any, Any, list[str]]).close()
    assert_type(await nlargest(1, words(), key=size), list[str])
    assert_type(await nsmallest(3, words(), None), list[str])
    assert_type(asyncio.run(nlargest(2, [1.5])), list[float])


async def misuse() -> None:
    await reduce(add)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    await reduce(add, [1], initial=0)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    await nlargest([1, 2])  # type: ignore[call-arg, arg-type]  # pyright: ignore[reportCallIssue]
    await nsmallest("2", [1])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    await reduce(extend, numbers())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
