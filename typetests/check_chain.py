"""``asyncitertools.itertools``: chain, chain.from_iterable, cycle, count, repeat, zip_longest."""

import sys
from collections.abc import AsyncGenerator, AsyncIterator
from fractions import Fraction

from asyncitertools.itertools import chain, count, cycle, repeat, zip_longest

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def words() -> AsyncGenerator[str, None]:
    yield "a"


async def check() -> None:
    assert_type(chain([1], [2]), chain[int])
    assert_type(chain.from_iterable([words(), words()]), chain[str])
    assert_type(chain.from_iterable(words()), chain[str])
    joined: AsyncIterator[int] = chain([1], [2])
    assert isinstance(joined, chain)
    async for number in chain([1], [2]):
        assert_type(number, int)
    assert_type(await cycle(words()).__anext__(), str)
    assert_type(await count().__anext__(), int)
    assert_type(await count(1.5).__anext__(), float)
    assert_type(await count(Fraction(1), Fraction(1, 2)).__anext__(), Fraction)
    assert_type(await repeat("x").__anext__(), str)
    assert_type(await repeat("x", 3).__anext__(), str)
    assert_type(await zip_longest([1], words()).__anext__(), tuple[int | None, str | None])
    pair = await zip_longest([1], words(), fillvalue=0.5).__anext__()
    assert_type(pair, tuple[int | float, str | float])
    triple = await zip_longest([1], words(), [b""]).__anext__()
    assert_type(triple, tuple[int | None, str | None, bytes | None])
    five = await zip_longest([1], words(), [b""], [1.5], [True], fillvalue="").__anext__()
    assert_type(five, tuple[int | str, str, bytes | str, float | str, bool | str])
    six = await zip_longest([1], [2], [3], [4], [5], [6]).__anext__()
    assert_type(six, tuple[int | None, ...])
    chain.from_iterable(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    count("a")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    repeat()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
