"""``iter``: over a sync or async iterable, or calling a sync or async callable until it ends."""

import asyncio
import sys
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator

import asyncitertools as a

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


def squares() -> Iterator[int]:
    yield 1


async def read_line() -> str:
    return ""


def read_chunk() -> bytes:
    return b""


async def next_job() -> int | None:
    return None


def poll() -> float | None:
    return None


class Squares:
    """The old sequence protocol: ``__getitem__`` until IndexError, as ``builtins.iter``."""

    def __getitem__(self, index: int) -> int:
        return index * index


def later() -> "asyncio.Future[str]":
    """A sync callable whose result is awaitable: the items are what it resolves to."""
    return asyncio.get_running_loop().create_future()


async def over_an_iterable(iterable: AsyncIterable[bytes]) -> None:
    async for number in a.iter(numbers()):
        assert_type(number, int)
    async for number_float in a.iter([1.5]):
        assert_type(number_float, float)
    async for data in a.iter(iterable):
        assert_type(data, bytes)
    async for square in a.iter(squares()):
        assert_type(square, int)
    async for char in a.iter("ab"):
        assert_type(char, str)
    async for key in a.iter({"a": 1}):
        assert_type(key, str)
    async for old_style in a.iter(Squares()):
        assert_type(old_style, int)
    async for index_word in a.iter(a.enumerate(["a"])):
        assert_type(index_word, tuple[int, str])
    assert_type(await anext(a.iter(range(3))), int)
    assert_type(await a.iter(range(3)).aclose(), None)
    it: AsyncIterator[int] = a.iter([1])
    del it


async def calling_until_a_stop_value() -> None:
    async for line in a.iter(read_line, ""):
        assert_type(line, str)
    async for line in a.iter(read_line, stop_value=""):
        assert_type(line, str)
    async for chunk in a.iter(read_chunk, b""):
        assert_type(chunk, bytes)
    async for number in a.iter(lambda: 1, 0):
        assert_type(number, int)
    async for resolved in a.iter(later, ""):
        assert_type(resolved, str)
    # None as the stop value: the items are not None.
    async for job in a.iter(next_job, None):
        assert_type(job, int)
    async for value in a.iter(poll, None):
        assert_type(value, float)
    queue: asyncio.Queue[bytes | None] = asyncio.Queue()
    async for item in a.iter(queue.get, None):
        assert_type(item, bytes)


async def calling_until_a_stop_exception() -> None:
    async for line in a.iter(read_line, stop_exception=EOFError):
        assert_type(line, str)
    async for line in a.iter(read_line, "", stop_exception=EOFError):
        assert_type(line, str)
    async for chunk in a.iter(read_chunk, stop_exception=(EOFError, ConnectionError)):
        assert_type(chunk, bytes)
    async for job in a.iter(next_job, stop_exception=LookupError):
        assert_type(job, int | None)
    async for job_not_none in a.iter(next_job, None, stop_exception=asyncio.QueueEmpty):
        assert_type(job_not_none, int)
    queue: asyncio.Queue[int] = asyncio.Queue()
    async for item in a.iter(queue.get_nowait, stop_exception=asyncio.QueueEmpty):
        assert_type(item, int)


def rejects_what_is_neither_iterable_nor_callable() -> None:
    a.iter(1)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    a.iter(numbers)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    a.iter([1], None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    a.iter(squares(), stop_exception=EOFError)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def rejects_a_stop_exception_that_is_not_exception_classes() -> None:
    a.iter(read_line, stop_exception=EOFError())  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    a.iter(read_line, stop_exception=[EOFError])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    a.iter(read_line, stop_exception=int)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]
    # Without a stop value, a stop exception is needed.
    a.iter(read_line, stop_exception=None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def takes_its_arguments_as_the_spec_says() -> None:
    a.iter()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    a.iter(object=[1])  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    a.iter(read_line, "", EOFError)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    a.iter(read_line, "", stop=EOFError)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]


async def the_items_have_their_type() -> None:
    async for line in a.iter(read_line, ""):
        number: int = line  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
        del number
