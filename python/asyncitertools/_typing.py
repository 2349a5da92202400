"""``CloseableAsyncIterator``: the type to annotate what the iterator functions return."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from typing import Protocol, TypeVar, runtime_checkable

__all__ = ["CloseableAsyncIterator"]

_T_co = TypeVar("_T_co", covariant=True)


@runtime_checkable
class CloseableAsyncIterator(Protocol[_T_co]):
    """An async iterator with ``aclose()``: what ``zip``, ``islice``, ``map`` and every other
    iterator function of this package return, and what an async generator is.

    ``AsyncIterator[T]`` loses ``aclose()`` for a type checker; annotate with this instead::

        def rows() -> CloseableAsyncIterator[Row]:
            return islice(fetch(), 10)

    A protocol (an ``AsyncIterator`` that has ``aclose()`` too, structurally): ``isinstance(x,
    CloseableAsyncIterator)`` checks that ``x`` has ``__aiter__``, ``__anext__`` and
    ``aclose``, whoever made it.

    >>> import asyncitertools as a
    >>> async def rows():
    ...     yield 1
    >>> isinstance(a.islice(rows(), 1), a.CloseableAsyncIterator)
    True
    >>> isinstance(rows(), a.CloseableAsyncIterator)
    True
    >>> isinstance(iter([1]), a.CloseableAsyncIterator)
    False
    """

    def __aiter__(self) -> AsyncIterator[_T_co]: ...

    def __anext__(self) -> Awaitable[_T_co]: ...

    def aclose(self) -> Awaitable[None]: ...
