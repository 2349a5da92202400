"""Waiting for another task's progress under whichever event loop runs the current task.

``tee``'s children call :func:`waiter` (from native code, and only on contention) when another
child's pull of the shared source is in flight: the child awaits the awaitable and the puller
calls ``wake`` when its pull ends. Nothing is imported here: a library that is not imported
cannot be running, so the running one is found among the modules already imported.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import Any


def waiter() -> tuple[Awaitable[Any], Callable[[], None]] | None:
    """``(awaitable, wake)`` for the running task, or None under an unknown event loop.

    The awaitable completes once ``wake()`` was called; it may be cancelled like any other
    wait of that loop. ``wake()`` may be called any number of times, also after cancellation.
    With None the caller yields ``None`` to the loop (as ``asyncio.sleep(0)`` does) and checks
    again when resumed.
    """
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            return _asyncio_waiter(loop)
    trio = sys.modules.get("trio")
    if trio is not None:
        try:
            task = trio.lowlevel.current_task()
        except RuntimeError:
            pass
        else:
            return _trio_waiter(trio, task)
    return None


def _asyncio_waiter(loop: Any) -> tuple[Awaitable[Any], Callable[[], None]]:
    future = loop.create_future()

    def wake() -> None:
        if not future.done():
            future.set_result(None)

    return future, wake


def _trio_waiter(trio: Any, task: Any) -> tuple[Awaitable[Any], Callable[[], None]]:
    # Rescheduling a task that is not waiting here breaks trio: only one of wake() and a
    # cancellation (abort) may end the wait, and only once.
    waiting = [True]

    def abort(raise_cancel: Any) -> Any:
        waiting[0] = False
        return trio.lowlevel.Abort.SUCCEEDED

    def wake() -> None:
        if waiting[0]:
            waiting[0] = False
            trio.lowlevel.reschedule(task)

    return trio.lowlevel.wait_task_rescheduled(abort), wake
