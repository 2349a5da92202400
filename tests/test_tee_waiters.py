"""``tee``: a child waiting for a sibling's pull is woken when that sibling's step is abandoned.

While one child's pull of the source is in flight, a sibling that needs the next item waits for
that pull to end (``tee.rs``'s module docs). If the pulling child's step is abandoned instead (its
awaitable dropped or closed while suspended inside the source, the child then collected), the
pull no longer blocks the others: the waiting sibling is woken and pulls itself (resuming the
abandoned pull when it was only dropped), so it gets the item, and nothing is lost or pulled
twice. A sibling that is never woken would wait forever: the tests below bound every wait by a
number of loop steps, so such a hang fails instead of timing out.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import types
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import trio

import asyncitertools as a
from asyncitertools.itertools import tee

import support
from support import collect

# Loop steps a woken sibling may take to complete its read.
MAX_TICKS = 50
HUNG = "still waiting"
PAUSE = "paused inside the source"


@types.coroutine
def _pause() -> Any:
    """Suspends once, yielding PAUSE to whoever drives the step (the test, by hand)."""
    yield PAUSE


class PausingSource:
    """An async iterator over ``items`` whose first ``__anext__`` pauses once inside the pull
    (see :func:`_pause`), then goes on with whatever it is resumed with; the later ones do not
    pause. Counts its ``__anext__`` calls and its closes."""

    def __init__(self, items: list[Any]) -> None:
        self.items = list(items)
        self.pulls = 0
        self.closed = 0
        self.paused = False

    def __aiter__(self) -> PausingSource:
        return self

    async def __anext__(self) -> Any:
        self.pulls += 1
        if not self.paused:
            self.paused = True
            await _pause()
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)

    async def aclose(self) -> None:
        self.closed += 1


async def read_while(
    loop: str, child: Any, meanwhile: Callable[[Callable[[], bool]], Awaitable[None]]
) -> Any:
    """``a.anext(child)`` in a task of its own while ``meanwhile(done)`` runs in this one; the
    item read, or HUNG (the read cancelled) if it is not done within MAX_TICKS loop steps after
    ``meanwhile`` returned."""
    result: list[Any] = []

    async def read() -> None:
        result.append(await a.anext(child))

    if loop in ("asyncio", "uvloop"):
        task = asyncio.ensure_future(read())
        await meanwhile(task.done)
        for _ in range(MAX_TICKS):
            if task.done():
                break
            await asyncio.sleep(0)
        else:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            return HUNG
        task.result()  # its exception, if it failed
        return result[0]
    async with trio.open_nursery() as nursery:
        nursery.start_soon(read)
        await meanwhile(lambda: bool(result))
        for _ in range(MAX_TICKS):
            if result:
                break
            await trio.lowlevel.checkpoint()
        else:
            nursery.cancel_scope.cancel()
    return result[0] if result else HUNG


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("abandoned", ["dropped", "closed"])
def test_a_sibling_waiting_for_an_abandoned_pull_is_woken_and_gets_the_item(
    loop: str, abandoned: str
) -> None:
    """The first child's step pauses inside the source; the second child's read waits for that
    pull; the step is dropped (or closed) and the first child collected: the second child's read
    completes with the first item, then reads the rest, and the source is closed once."""
    source = PausingSource(["x", "y", "z"])

    async def scenario() -> Any:
        children = list(tee(source))
        step = children[0].__anext__()
        paused = step.send(None)
        # The first child and its step in flight; nothing else refers to them.
        first = [children.pop(0), step]
        del step
        second = children.pop()

        async def abandon_the_first(done: Callable[[], bool]) -> None:
            for _ in range(5):  # the second child's read reaches its wait
                await support.suspend()
            assert not done(), "the second child's read did not wait for the pull in flight"
            assert source.pulls == 1
            if abandoned == "closed":
                first[1].close()
            first.clear()
            gc.collect()

        got = await read_while(loop, second, abandon_the_first)
        return paused, got, await collect(second)

    paused, got, rest = support.run_in(loop, scenario)
    assert paused == PAUSE
    assert got == "x"
    assert rest == ["y", "z"]
    # Dropped: the second child resumed the paused pull. Closed: that pull ended, it pulled anew.
    assert source.pulls == {"dropped": 4, "closed": 5}[abandoned]
    assert source.closed == 1


def test_under_no_known_loop_a_sibling_retrying_after_bare_yields_gets_the_item() -> None:
    """With no event loop the waiting child knows (here: none at all), it yields None and checks
    again each time it is resumed; once the pulling child's step is dropped and the child
    collected, its next check pulls the source itself and gets the first item."""
    source = PausingSource(["x", "y"])
    first, second = tee(source)
    step = first.__anext__()
    assert step.send(None) == PAUSE
    waiting = second.__anext__()
    assert [waiting.send(None) for _ in range(3)] == [None] * 3  # waiting for the pull in flight
    del first, step
    gc.collect()
    for _ in range(MAX_TICKS):
        try:
            waiting.send(None)
        except StopIteration as stop:
            assert stop.value == "x"
            break
    else:
        raise AssertionError(f"the waiting read was not done after {MAX_TICKS} resumptions")
    assert support.run_in("ownloop", lambda: collect(second)) == ["y"]
    assert (source.pulls, source.closed) == (3, 1)
