"""The running event loop's primitives, found at run time: asyncio (and uvloop) or trio.

anyio runs on one of the two, so it is served by the same code. Nothing is imported here that
is not imported already: a loop library that is not imported cannot be running. Each runtime
gives the few things the concurrent functions need: start a task, park the current task until
something wakes it (optionally until a deadline), the loop's clock, and a way to run cleanup
that the consumer's cancellation cannot interrupt.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any


class Runtime:
    """What the concurrent functions use of an event loop (see the subclasses)."""

    name: str
    #: The exception a task gets when it is cancelled.
    Cancelled: type[BaseException]
    #: Whether a task needs a nursery to be started in (trio: ``async with`` is required).
    needs_nursery: bool

    def start(
        self,
        nursery: Any,
        function: Callable[..., Coroutine[Any, Any, None]],
        args: tuple[Any, ...],
        ended: Callable[[], None],
    ) -> Any:
        """Start ``function(*args)`` as a task; return a handle whose ``cancel()`` cancels it.

        ``ended()`` is called once the task has ended, also if it was cancelled before it
        began (when asyncio never runs the coroutine's body).
        """
        raise NotImplementedError

    def parking(self) -> tuple[Awaitable[Any], Callable[[], None]]:
        """``(awaitable, wake)``: the awaitable completes once ``wake()`` was called."""
        raise NotImplementedError

    async def park_until(self, deadline: float, parked: Awaitable[Any]) -> None:
        """Await ``parked``, giving up (without error) at ``deadline`` on the loop's clock."""
        raise NotImplementedError

    def now(self) -> float:
        raise NotImplementedError

    async def sleep_until(self, deadline: float) -> None:
        raise NotImplementedError

    async def shielded(self, function: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run ``function()`` to its end even if the caller is cancelled meanwhile.

        A cancellation that arrived meanwhile is raised afterwards.
        """
        raise NotImplementedError

    async def pull_within(self, pull: Callable[[], Awaitable[Any]], seconds: float) -> Any:
        """``await pull()``, cancelled after ``seconds``; then the builtin TimeoutError.

        A runtime serves one stream: this may keep state from one pull to the next.
        """
        raise NotImplementedError


class AsyncioRuntime(Runtime):
    name = "asyncio"
    needs_nursery = False

    def __init__(self, asyncio: Any, loop: Any) -> None:
        self.asyncio = asyncio
        self.loop = loop
        self.Cancelled = asyncio.CancelledError
        self._create_future = loop.create_future
        self._create_task = loop.create_task
        # pull_within's state: the pull it watches, its deadline, and the one timer.
        self._pulls = 0
        self._watched: Any = None
        self._fired = False
        self._deadline = 0.0
        self._timer: Any = None

    def start(
        self,
        nursery: Any,
        function: Callable[..., Coroutine[Any, Any, None]],
        args: tuple[Any, ...],
        ended: Callable[[], None],
    ) -> Any:
        task = self._create_task(function(*args))
        # Held here until it ends: a task waiting on its hub's own wakers is reachable from
        # nothing else, and a collection would destroy it pending (its coroutine closed under
        # it). The tasks hold the hub, never the stream: a stream in a reference cycle is
        # still collected, and its finalizer cancels them.
        _running.add(task)
        task.add_done_callback(_running.discard)
        task.add_done_callback(lambda _task: ended())
        return task

    def parking(self) -> tuple[Awaitable[Any], Callable[[], None]]:
        future = self._create_future()

        def wake() -> None:
            if not future.done():
                future.set_result(None)

        return future, wake

    async def park_until(self, deadline: float, parked: Awaitable[Any]) -> None:
        future: Any = parked
        timer = self.loop.call_at(deadline, _resolve, future)
        try:
            await future
        finally:
            timer.cancel()

    def now(self) -> float:
        return float(self.loop.time())

    async def sleep_until(self, deadline: float) -> None:
        delay = deadline - self.loop.time()
        if delay > 0:
            await self.asyncio.sleep(delay)

    async def shielded(self, function: Callable[[], Coroutine[Any, Any, None]]) -> None:
        # The cleanup runs as a task of its own, so that a cancellation of the caller (asyncio
        # delivers one at every await while anyio's scope is cancelled) reaches only the wait.
        task = self._create_task(function())
        cancelled: BaseException | None = None
        while not task.done():
            try:
                await self.asyncio.wait((task,))
            except self.Cancelled as exc:
                cancelled = exc
        if cancelled is not None:
            if not task.cancelled() and task.exception() is not None:
                task.exception()  # retrieved: the cancellation wins, as in a finally block
            raise cancelled
        task.result()

    async def pull_within(self, pull: Callable[[], Awaitable[Any]], seconds: float) -> Any:
        # One timer for all the pulls (a runtime serves one stream): a timer per pull, called
        # off, would stay in the loop's heap until the loop next runs, which a source that
        # never suspends does not let it do (memory in proportion to the items).
        task = self.asyncio.current_task()
        self._pulls += 1
        self._watched = task
        self._fired = False
        self._deadline = self.loop.time() + seconds
        if self._timer is None:
            self._timer = self.loop.call_at(self._deadline, self._expire, self._pulls)
        uncancel = getattr(task, "uncancel", None)  # 3.11+ counts the cancellations asked for
        try:
            item = await pull()
        except self.Cancelled:
            if not self._fired:
                raise
            # Our own cancellation: take it back and say what happened (another one, asked
            # for meanwhile, goes on up).
            if uncancel is not None and uncancel() > 0:
                raise
            raise TimeoutError from None
        finally:
            self._watched = None
        if self._fired and uncancel is not None:
            uncancel()  # the source swallowed our cancellation and gave an item: in time, then
        return item

    def _expire(self, pull: int) -> None:
        """The timer of pull number ``pull``: cancel it if it still runs, else move on."""
        self._timer = None
        if self._watched is None:
            return  # no pull runs: the next one sets the timer again
        if pull != self._pulls:  # a later pull runs, with a later deadline
            self._timer = self.loop.call_at(self._deadline, self._expire, self._pulls)
            return
        self._fired = True
        self._watched.cancel()


#: The asyncio tasks started and not ended (see :meth:`AsyncioRuntime.start`).
_running: set[Any] = set()


def _resolve(future: Any) -> None:
    if not future.done():
        future.set_result(None)


class TrioRuntime(Runtime):
    name = "trio"
    needs_nursery = True

    def __init__(self, trio: Any) -> None:
        self.trio = trio
        self.Cancelled = trio.Cancelled
        self._lowlevel = trio.lowlevel

    def start(
        self,
        nursery: Any,
        function: Callable[..., Coroutine[Any, Any, None]],
        args: tuple[Any, ...],
        ended: Callable[[], None],
    ) -> Any:
        # Each task runs in a cancel scope of its own, made here, so that it can be cancelled
        # before it has begun, and so that one task is cancelled without the others.
        scope = self.trio.CancelScope()
        nursery.start_soon(_in_scope, scope, function, args, ended)
        return scope

    def parking(self) -> tuple[Awaitable[Any], Callable[[], None]]:
        lowlevel = self._lowlevel
        task = lowlevel.current_task()
        # Only one of wake() and a cancellation (abort) may end the wait, and only once.
        waiting = [True]

        def abort(raise_cancel: Any) -> Any:
            waiting[0] = False
            return lowlevel.Abort.SUCCEEDED

        def wake() -> None:
            if waiting[0]:
                waiting[0] = False
                lowlevel.reschedule(task)

        return lowlevel.wait_task_rescheduled(abort), wake

    async def park_until(self, deadline: float, parked: Awaitable[Any]) -> None:
        with self.trio.move_on_at(deadline):
            await parked

    def now(self) -> float:
        return float(self.trio.current_time())

    async def sleep_until(self, deadline: float) -> None:
        await self.trio.sleep_until(deadline)

    async def shielded(self, function: Callable[[], Coroutine[Any, Any, None]]) -> None:
        with self.trio.CancelScope(shield=True):
            await function()

    async def pull_within(self, pull: Callable[[], Awaitable[Any]], seconds: float) -> Any:
        with self.trio.move_on_after(seconds) as scope:
            return await pull()
        if scope.cancelled_caught:
            raise TimeoutError
        raise AssertionError("unreachable: the pull neither returned nor was cancelled")


async def _in_scope(
    scope: Any,
    function: Callable[..., Coroutine[Any, Any, None]],
    args: tuple[Any, ...],
    ended: Callable[[], None],
) -> None:
    try:
        with scope:
            await function(*args)
    finally:
        ended()


def current(caller: str) -> Runtime:
    """The runtime of the running event loop; RuntimeError naming ``caller`` under another."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None:
        loop = asyncio._get_running_loop()
        if loop is not None:
            return AsyncioRuntime(asyncio, loop)
    trio = sys.modules.get("trio")
    if trio is not None:
        try:
            trio.lowlevel.current_task()
        except RuntimeError:
            pass
        else:
            return TrioRuntime(trio)
    raise RuntimeError(
        f"{caller} needs a running asyncio (or uvloop) or trio event loop (anyio runs on both)"
    )
