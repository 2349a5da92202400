"""``scoped_iter``: the async context manager that lends an iterator and closes it on exit."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar

from ._native import aiter as _aiter
from ._native import borrow
from ._native import iter as _iter

if TYPE_CHECKING:
    from ._typing import CloseableAsyncIterator

__all__ = ["scoped_iter"]

_T = TypeVar("_T")


class scoped_iter(Generic[_T]):  # noqa: N801 - named like the function it stands for
    """``async with scoped_iter(iterable) as iterator:`` gives a borrowed async iterator.

    Functions of this package given ``iterator`` do not close the real one, so it can be
    continued; an async generator's ``asend()`` and ``athrow()`` pass through it. The real
    iterator is closed (its ``aclose()`` awaited) when the block exits,
    whether it completes or raises. Entering and exiting are the only Python coroutines here:
    items never pass through Python code of this package.

    >>> import asyncio
    >>> import asyncitertools as a
    >>> async def numbers():
    ...     for n in range(5):
    ...         yield n
    >>> async def head_and_rest():
    ...     async with a.scoped_iter(numbers()) as iterator:
    ...         head = await a.list(a.islice(iterator, 2))  # does not close it
    ...         return head, await a.list(iterator)
    >>> asyncio.run(head_and_rest())
    ([0, 1], [2, 3, 4])
    """

    __slots__ = ("_iterator", "_borrowed")

    def __init__(self, iterable: Iterable[_T] | AsyncIterable[_T], /) -> None:
        # An async iterable's own iterator is lent (so an async generator's asend() and
        # athrow() pass through the borrow); a sync one is made async by iter().
        if hasattr(builtins.type(iterable), "__aiter__"):
            self._iterator: CloseableAsyncIterator[_T] = _aiter(iterable)  # type: ignore[arg-type]
        else:
            self._iterator = _iter(iterable)
        self._borrowed: CloseableAsyncIterator[_T] | None = None

    async def __aenter__(self) -> CloseableAsyncIterator[_T]:
        if self._borrowed is not None:
            raise RuntimeError("scoped_iter() can only be entered once")
        self._borrowed = borrow(self._iterator)
        return self._borrowed

    async def __aexit__(
        self,
        exc_type: builtins.type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # An async iterator without aclose() has nothing to close (as for every function);
        # one whose aclose is not callable fails as it would there.
        try:
            aclose = self._iterator.aclose
        except AttributeError:
            return
        await aclose()

    def __repr__(self) -> str:
        return f"<asyncitertools.scoped_iter of {self._iterator!r}>"
