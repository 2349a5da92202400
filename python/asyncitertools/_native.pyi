from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Iterable
from typing import TypeVar, overload

_T = TypeVar("_T")
_VT = TypeVar("_VT")

__all__ = ["__version__", "aiter", "anext", "enumerate"]

__version__: str

def aiter(async_iterable: AsyncIterable[_T], /) -> AsyncIterator[_T]:
    """Return an async iterator for an async iterable: ``async_iterable.__aiter__()``."""

@overload
def anext(aiterator: AsyncIterator[_T], /) -> Awaitable[_T]: ...
@overload
def anext(aiterator: AsyncIterator[_T], default: _VT, /) -> Awaitable[_T | _VT]: ...

class _NativeAsyncIterator(AsyncIterator[_T]):
    def __aiter__(self) -> AsyncIterator[_T]: ...
    def __anext__(self) -> Awaitable[_T]: ...
    def aclose(self) -> Awaitable[None]: ...

def enumerate(
    iterable: Iterable[_T] | AsyncIterable[_T], start: int = 0
) -> _NativeAsyncIterator[tuple[int, _T]]:
    """Return an async iterator of (index, item) pairs of a sync or async iterable."""
