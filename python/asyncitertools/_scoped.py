"""``scoped_iter``: the async context manager that lends an iterator and closes it on exit."""

from __future__ import annotations

import builtins
from types import TracebackType
from typing import Any

from ._native import borrow
from ._native import iter as _iter

__all__ = ["scoped_iter"]


class scoped_iter:  # noqa: N801 - named like the function it stands for
    """``async with scoped_iter(iterable) as iterator:`` gives a borrowed async iterator.

    Functions of this package given ``iterator`` do not close the real one, so it can be
    continued; the real iterator is closed (its ``aclose()`` awaited) when the block exits,
    whether it completes or raises. Entering and exiting are the only Python coroutines here:
    items never pass through Python code of this package.
    """

    __slots__ = ("_iterator", "_borrowed")

    def __init__(self, iterable: Any, /) -> None:
        self._iterator = _iter(iterable)
        self._borrowed: Any = None

    async def __aenter__(self) -> Any:
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
        await self._borrowed.aclose()
        await self._iterator.aclose()

    def __repr__(self) -> str:
        return f"<asyncitertools.scoped_iter of {self._iterator!r}>"
