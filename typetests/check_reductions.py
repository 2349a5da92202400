"""The awaitable reductions: ``all``, ``any``, ``max``, ``min``, ``sum``, ``list``, ``tuple``,
``set``, ``dict`` and ``sorted``, over sync and async iterables, with sync or async keys.

They return a native awaitable with ``send``, ``throw`` and ``close``: a Coroutine, which
``asyncio.run`` and ``asyncio.create_task`` take. ``asyncitertools`` is imported as ``a``: its
``list``, ``dict``... would otherwise hide the types of the same names.
"""

import asyncio
import sys
from collections.abc import AsyncGenerator, AsyncIterable, Coroutine, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import asyncitertools as a

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


async def words() -> AsyncGenerator[str, None]:
    yield "a"


async def pairs() -> AsyncGenerator[tuple[str, int], None]:
    yield ("a", 1)


def squares() -> Iterator[int]:
    yield 1


async def size(word: str) -> int:
    return len(word)


async def they_return_coroutines() -> None:
    assert_type(a.all([1]), Coroutine[Any, Any, bool]).close()
    assert_type(a.any(numbers()), Coroutine[Any, Any, bool]).close()
    assert_type(a.max(numbers()), Coroutine[Any, Any, int]).close()
    assert_type(a.min([1.5]), Coroutine[Any, Any, float]).close()
    assert_type(a.sum(squares()), Coroutine[Any, Any, int]).close()
    assert_type(a.list(words()), Coroutine[Any, Any, list[str]]).close()
    assert_type(a.tuple(words()), Coroutine[Any, Any, tuple[str, ...]]).close()
    assert_type(a.set(words()), Coroutine[Any, Any, set[str]]).close()
    assert_type(a.dict(pairs()), Coroutine[Any, Any, dict[str, int]]).close()
    assert_type(a.sorted(words()), Coroutine[Any, Any, list[str]]).close()
    assert_type(asyncio.run(a.sum([1, 2])), int)
    assert_type(asyncio.create_task(a.list(numbers())), "asyncio.Task[list[int]]")
    assert_type(await asyncio.gather(a.max(numbers()), a.sum(squares())), tuple[int, int])
    # Of two Coroutine[Any, Any, X] of different X, mypy's gather gives Any (the explicit Anys
    # make more than one of its overloads match), as for any such coroutines; pyright the tuple.
    mixed = await asyncio.gather(a.max(numbers()), a.list(words()))
    assert_type(mixed, tuple[int, list[str]])  # type: ignore[assert-type]


async def all_and_any(iterable: AsyncIterable[object]) -> None:
    assert_type(await a.all(numbers()), bool)
    assert_type(await a.all([1, "a", None]), bool)
    assert_type(await a.all(iterable), bool)
    assert_type(await a.any(words()), bool)
    assert_type(await a.any(squares()), bool)
    assert_type(await a.any(a.map(size, words())), bool)


async def max_and_min(iterable: AsyncIterable[Decimal]) -> None:
    # Over an iterable, sync or async.
    assert_type(await a.max(numbers()), int)
    assert_type(await a.max(iterable), Decimal)
    assert_type(await a.min([1.5, 2.5]), float)
    assert_type(await a.min("ab"), str)
    # A key, sync or async.
    assert_type(await a.max(words(), key=len), str)
    assert_type(await a.min(words(), key=size), str)
    assert_type(await a.max([(1, "a")], key=lambda pair: pair[1]), tuple[int, str])
    # A default, returned for an empty iterable.
    assert_type(await a.max(numbers(), default=None), int | None)
    assert_type(await a.min(iterable, default=0), Decimal | int)
    assert_type(await a.max(words(), key=size, default=None), str | None)
    # Two or more arguments.
    assert_type(await a.max(1, 2), int)
    assert_type(await a.min(1, 2, 3), int)
    assert_type(await a.max(1, 2.5), float)
    assert_type(await a.min("a", "bc", key=len), str)
    assert_type(await a.max("a", "bc", "def", key=size), str)


async def sum_as_typeshed_has_it(floats: AsyncIterable[float]) -> None:
    assert_type(await a.sum([1, 2]), int)
    assert_type(await a.sum(numbers()), int)
    assert_type(await a.sum([True, False]), int)
    assert_type(await a.sum(floats, 0.0), float)
    assert_type(await a.sum(floats), float | Literal[0])
    assert_type(await a.sum([Fraction(1)]), Fraction | Literal[0])
    assert_type(await a.sum([Decimal(1)], Decimal(0)), Decimal)
    assert_type(await a.sum(numbers(), start=10), int)


async def list_tuple_set() -> None:
    assert_type(await a.list(numbers()), list[int])
    assert_type(await a.list(range(3)), list[int])
    assert_type(await a.list("ab"), list[str])
    assert_type(await a.list(a.zip(words(), squares())), list[tuple[str, int]])
    assert_type(await a.tuple(numbers()), tuple[int, ...])
    assert_type(await a.tuple([1.5]), tuple[float, ...])
    assert_type(await a.set(words()), set[str])
    assert_type(await a.set(squares()), set[int])
    # Without an argument, empty: the type comes from the context.
    empty: list[int] = await a.list()
    nothing: tuple[str, ...] = await a.tuple()
    no_set: set[bytes] = await a.set()
    del empty, nothing, no_set


async def dict_from_a_mapping_pairs_or_keywords(line: str, items: list[tuple[int, bytes]]) -> None:
    assert_type(await a.dict(pairs()), dict[str, int])
    assert_type(await a.dict(items), dict[int, bytes])
    assert_type(await a.dict({"a": 1.5}), dict[str, float])
    assert_type(await a.dict(a.zip(words(), numbers())), dict[str, int])
    assert_type(await a.dict(one=1, two=2), dict[str, int])
    assert_type(await a.dict(pairs(), three=3), dict[str, int])
    assert_type(await a.dict({"a": 1}, b=2), dict[str, int])
    assert_type(await a.dict([line.split("=")]), dict[str, str])
    # Without an argument, empty: the type comes from the context.
    empty: dict[str, bytes] = await a.dict()
    del empty


async def sorted_with_a_sync_or_async_key() -> None:
    assert_type(await a.sorted(numbers()), list[int])
    assert_type(await a.sorted("ba"), list[str])
    assert_type(await a.sorted(words(), reverse=True), list[str])
    assert_type(await a.sorted(words(), key=len), list[str])
    assert_type(await a.sorted(words(), key=size, reverse=True), list[str])
    assert_type(await a.sorted(squares(), key=lambda n: -n), list[int])


class Opaque:
    """Neither orderable nor addable."""


async def rejects_what_is_not_iterable() -> None:
    await a.all(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    await a.any(numbers)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    await a.max(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    await a.sum(1)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.list(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    await a.tuple(numbers)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    await a.set(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    await a.sorted(1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]


async def rejects_what_cannot_be_compared_added_or_paired() -> None:
    await a.max([Opaque()])  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]
    await a.min(Opaque(), Opaque())  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    await a.sorted([Opaque()])  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]
    await a.sum([Opaque()])  # type: ignore[list-item]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.sum(["a"])  # type: ignore[list-item]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.dict([1, 2])  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.dict(numbers())  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


async def rejects_a_key_that_does_not_take_the_items() -> None:
    await a.max(numbers(), key=len)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.min(squares(), key=size)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.sorted([1], key=str.upper)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    await a.sorted(words(), key=print)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


async def takes_its_arguments_as_the_builtins() -> None:
    await a.all()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    await a.any(iterable=[1])  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    await a.max()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    await a.max(1, 2, default=0)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    await a.min([1], None)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    await a.sum([1], 0, 0)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    await a.list([1], [2])  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    await a.sorted([1], None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    await a.sorted([1], reverse=None)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    await a.dict([(1, 2)], three=3)  # type: ignore[list-item]  # pyright: ignore[reportCallIssue, reportArgumentType]


async def the_results_have_their_type() -> None:
    total: str = await a.sum([1])  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    found: str = await a.any(["a"])  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    items: list[str] = await a.list(numbers())  # type: ignore[arg-type]  # pyright: ignore[reportAssignmentType]
    del total, found, items
