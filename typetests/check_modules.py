"""Every public name, from ``asyncitertools`` and from ``asyncitertools.builtins``."""

import sys
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Coroutine
from typing import Any

import asyncitertools
import asyncitertools.builtins
from asyncitertools import __version__
from asyncitertools import aiter as top_aiter
from asyncitertools import anext as top_anext
from asyncitertools import enumerate as top_enumerate
from asyncitertools.builtins import aiter, anext, enumerate

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


def the_version_is_a_string() -> None:
    assert_type(__version__, str)
    assert_type(asyncitertools.__version__, str)
    __version__.split(".")
    number: int = asyncitertools.__version__  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    del number


async def both_modules_give_the_same_types(it: AsyncIterator[str]) -> None:
    assert_type(aiter(numbers()), AsyncIterator[int])
    assert_type(top_aiter(numbers()), AsyncIterator[int])
    assert_type(asyncitertools.aiter(it), AsyncIterator[str])
    assert_type(asyncitertools.builtins.aiter(it), AsyncIterator[str])

    assert_type(anext(it), Awaitable[str])
    assert_type(top_anext(it), Awaitable[str])
    assert_type(asyncitertools.anext(it), Awaitable[str])
    assert_type(asyncitertools.builtins.anext(it), Awaitable[str])

    assert_type(anext(it, None), Coroutine[Any, Any, str | None]).close()
    assert_type(top_anext(it, None), Coroutine[Any, Any, str | None]).close()
    assert_type(asyncitertools.anext(it, None), Coroutine[Any, Any, str | None]).close()
    assert_type(asyncitertools.builtins.anext(it, None), Coroutine[Any, Any, str | None]).close()

    assert_type(await anext(it), str)
    assert_type(await asyncitertools.anext(it, 0), str | int)

    async for pair in enumerate(it):
        assert_type(pair, tuple[int, str])
    async for pair in top_enumerate(it):
        assert_type(pair, tuple[int, str])
    async for pair in asyncitertools.enumerate(it):
        assert_type(pair, tuple[int, str])
    async for pair in asyncitertools.builtins.enumerate(it):
        assert_type(pair, tuple[int, str])


async def words() -> AsyncGenerator[str, None]:
    yield "a"


async def every_function_is_in_both_modules(it: AsyncIterator[str]) -> None:
    m = asyncitertools
    b = asyncitertools.builtins
    async for text in m.iter(it):
        assert_type(text, str)
    async for text in b.iter(it):
        assert_type(text, str)
    async for pair in m.zip(it, numbers()):
        assert_type(pair, tuple[str, int])
    async for pair in b.zip(it, numbers()):
        assert_type(pair, tuple[str, int])
    async for size in m.map(len, it):
        assert_type(size, int)
    async for size in b.map(len, it):
        assert_type(size, int)
    async for text in m.filter(None, it):
        assert_type(text, str)
    async for text in b.filter(None, it):
        assert_type(text, str)
    async for text in m.borrow(it):
        assert_type(text, str)
    async for text in b.borrow(it):
        assert_type(text, str)
    assert_type(await m.all(it), bool)
    assert_type(await b.all(it), bool)
    assert_type(await m.any(it), bool)
    assert_type(await b.any(it), bool)
    assert_type(await m.max(numbers()), int)
    assert_type(await b.max(numbers()), int)
    assert_type(await m.min(numbers()), int)
    assert_type(await b.min(numbers()), int)
    assert_type(await m.sum(numbers()), int)
    assert_type(await b.sum(numbers()), int)
    assert_type(await m.list(it), list[str])
    assert_type(await b.list(it), list[str])
    assert_type(await m.tuple(it), tuple[str, ...])
    assert_type(await b.tuple(it), tuple[str, ...])
    assert_type(await m.set(it), set[str])
    assert_type(await b.set(it), set[str])
    assert_type(await m.dict(m.zip(it, numbers())), dict[str, int])
    assert_type(await b.dict(b.zip(it, numbers())), dict[str, int])
    assert_type(await m.sorted(words()), list[str])
    assert_type(await b.sorted(words()), list[str])
    # scoped_iter is annotated with Any for now (see check_borrow.py): only its presence here.
    async with m.scoped_iter(it), b.scoped_iter(it):
        pass


def the_modules_export_nothing_else() -> None:
    # pyright also reports the unknown type of what is not there.
    _ = asyncitertools.builtins.__version__  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    _ = asyncitertools.not_a_function  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
    _ = asyncitertools.builtins.not_a_function  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]
