"""A tiny event loop of our own, to check that nothing depends on asyncio's or trio's internals.

It drives one coroutine with ``coro.send(...)``. The only thing a coroutine may yield to it is
the request made by awaiting :class:`Yield` (suspend once, then carry on); the loop answers each
request with the number of the step, so a value sent through every layer of ``await`` can be
checked. Anything else yielded to the loop is a bug in the code under test: the loop throws a
``RuntimeError`` into the coroutine at that point, like trio does for foreign yields.
"""

from __future__ import annotations

from collections.abc import Coroutine, Generator
from typing import Any, TypeVar

_T = TypeVar("_T")


class _Request:
    """What :class:`Yield` hands to the loop; compared by identity."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<ownloop suspend request>"


REQUEST = _Request()


class Yield:
    """``await Yield()`` suspends the running coroutine once; its value is the loop's step count."""

    __slots__ = ()

    def __await__(self) -> Generator[_Request, int, int]:
        step = yield REQUEST
        return step


def run(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` to completion and return its value (or raise its exception)."""
    step = 0
    try:
        request = coro.send(None)
        while True:
            step += 1
            if request is REQUEST:
                request = coro.send(step)
            else:
                request = coro.throw(
                    RuntimeError(f"ownloop: unexpected yield of {request!r} to the loop")
                )
    except StopIteration as stop:
        return stop.value
    finally:
        coro.close()
