# aiter and anext have the types typeshed gives the builtins they equal (stdlib/builtins.pyi):
# without a default they return exactly what __aiter__/__anext__ return, and anext(x, default)
# returns an anext_awaitable, which is a Coroutine (asyncio.run and create_task take it).
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Coroutine, Iterable
from typing import Any, Protocol, TypeVar, overload, type_check_only

from _typeshed import SupportsAiter, SupportsAnext

_T = TypeVar("_T")
_VT = TypeVar("_VT")
_AwaitableT = TypeVar("_AwaitableT", bound=Awaitable[Any])
_AwaitableT_co = TypeVar("_AwaitableT_co", bound=Awaitable[Any], covariant=True)
_SupportsAnextT_co = TypeVar("_SupportsAnextT_co", bound=SupportsAnext[Any], covariant=True)

@type_check_only
class _SupportsSynchronousAnext(Protocol[_AwaitableT_co]):
    def __anext__(self) -> _AwaitableT_co: ...

__all__ = ["__version__", "aiter", "anext", "enumerate"]

__version__: str

def aiter(async_iterable: SupportsAiter[_SupportsAnextT_co], /) -> _SupportsAnextT_co:
    """Return an AsyncIterator for an AsyncIterable object."""

@overload
def anext(aiterator: _SupportsSynchronousAnext[_AwaitableT], /) -> _AwaitableT:
    """Return the next item from the async iterator.

    If default is given and the async iterator is exhausted, it is returned instead of
    raising StopAsyncIteration.
    """

@overload
def anext(aiterator: SupportsAnext[_T], default: _VT, /) -> Coroutine[Any, Any, _T | _VT]: ...

class _NativeAsyncIterator(AsyncIterator[_T]):
    def __aiter__(self) -> AsyncIterator[_T]: ...
    def __anext__(self) -> Awaitable[_T]: ...
    def aclose(self) -> Awaitable[None]: ...

def enumerate(
    iterable: Iterable[_T] | AsyncIterable[_T], start: int = 0
) -> _NativeAsyncIterator[tuple[int, _T]]:
    """Return an async iterator of (index, item) pairs of a sync or async iterable."""
