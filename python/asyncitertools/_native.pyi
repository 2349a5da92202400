from collections.abc import AsyncIterable, AsyncIterator, Awaitable
from typing import TypeVar, overload

_T = TypeVar("_T")
_VT = TypeVar("_VT")

__all__ = ["__version__", "aiter", "anext"]

__version__: str

def aiter(async_iterable: AsyncIterable[_T], /) -> AsyncIterator[_T]:
    """Return an async iterator for an async iterable: ``async_iterable.__aiter__()``."""

@overload
def anext(aiterator: AsyncIterator[_T], /) -> Awaitable[_T]: ...
@overload
def anext(aiterator: AsyncIterator[_T], default: _VT, /) -> Awaitable[_T | _VT]: ...
