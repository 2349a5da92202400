"""The machinery every concurrent function shares: the hub, the stream, sources and calls.

A concurrent function's result is a :class:`Stream`, the object the consumer holds, over a
:class:`Hub`, the state its tasks share. The tasks hold the hub, never the stream, so that a
stream the consumer drops is collected (and its tasks cancelled) although they still run.

The hub's rules, which every function keeps:

- every task is started by :meth:`Hub.start` and counted; :meth:`Hub.shutdown` cancels the
  ones still running, waits until every one has ended, then closes the sources the function
  owns, in argument order, in a way the consumer's cancellation cannot interrupt;
- every async source is closed exactly once, also when it was exhausted or failed (the
  package's ownership contract); a source a task is done with mid-way (a merged source that
  ended, a flatmap's iterable) is closed by that task, shielded (:meth:`Hub.close_now`);
- a task never raises into the event loop or a nursery: what fails is recorded, delivered to
  the consumer in its turn, and raised there as that very object (never an ExceptionGroup);
  a cancellation ends the task quietly (under trio also the one of the consumer's scope,
  which the consumer gets itself);
- the consumer parks (:meth:`Hub.park`) until a task wakes it (:meth:`Hub.wake_consumer`);
  tasks park on their own wakers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Coroutine
from types import TracebackType
from typing import Any, Generic, TypeVar

from . import _runtime

_T = TypeVar("_T")

# A hub's life: NEW (nothing started), RUNNING (tasks may run), DONE (shut down).
NEW, RUNNING, DONE = 0, 1, 2

#: A source's end, as a pull reports it.
END = object()


def positive(caller: str, name: str, value: Any) -> int:
    """``value`` as a positive int (``name`` in messages), as ``range`` takes its arguments."""
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(
            f"{caller}() {name} must be a positive integer, not {type(value).__name__}"
        ) from None
    if number < 1:
        raise ValueError(f"{caller}() {name} must be a positive integer, not {number}")
    return number


def positive_or_none(caller: str, name: str, value: Any) -> int | None:
    """:func:`positive`, or None for None (no limit)."""
    return None if value is None else positive(caller, name, value)


def duration(
    caller: str, name: str, value: Any, *, positive_only: bool = True, of: str = " of seconds"
) -> float:
    """``value`` as a duration in seconds (``of``: what the number counts, in messages): a
    real number, positive (or not negative).

    A number is what has ``__float__`` or ``__index__`` (a Decimal, a Fraction, a numpy
    float), not a string that ``float()`` would parse.
    """
    kind = type(value)
    if not (hasattr(kind, "__float__") or hasattr(kind, "__index__")):
        raise TypeError(f"{caller}() {name} must be a number{of}, not {kind.__name__}")
    number = float(value)
    if number != number or (number <= 0 if positive_only else number < 0):
        what = "positive" if positive_only else "non-negative"
        raise ValueError(f"{caller}() {name} must be a {what} number{of}, not {value!r}")
    return number


class Source:
    """An input of a concurrent function: a sync or an async iterator, pulled by ``pull()``.

    An async iterator obtained from the argument is owned: :meth:`close` awaits its
    ``aclose()``, once, whether it was exhausted, failed or stopped mid-way (the package's
    ownership contract). Sync iterators are not closed.
    """

    __slots__ = ("iterator", "is_async", "_next", "ended", "closed")

    def __init__(self, iterable: Any) -> None:
        kind = type(iterable)
        if hasattr(kind, "__aiter__"):
            iterator = iterable.__aiter__()
            if not hasattr(type(iterator), "__anext__"):
                raise TypeError(
                    f"aiter() returned not an async iterator of type '{type(iterator).__name__}'"
                )
            self.is_async = True
            self._next = type(iterator).__anext__
        else:
            iterator = iter(iterable)
            self.is_async = False
            self._next = type(iterator).__next__
        self.iterator = iterator
        self.ended = False  # the pull gave END
        self.closed = not self.is_async  # nothing left to close

    async def pull(self) -> Any:
        """The next item, or :data:`END` once the source is exhausted."""
        if self.is_async:
            try:
                return await self._next(self.iterator)
            except StopAsyncIteration:
                self.ended = True
                return END
        return self.pull_sync()

    def pull_sync(self) -> Any:
        """:meth:`pull` of a sync iterator, without a coroutine (a hot path)."""
        try:
            return self._next(self.iterator)
        except StopIteration:
            self.ended = True
            return END

    async def close(self) -> None:
        """Await ``aclose()`` of an owned async iterator, the first time only."""
        if self.closed:
            return
        self.closed = self.ended = True
        try:
            aclose = self.iterator.aclose
        except AttributeError:
            return
        await aclose()


def invoke(caller: str, function: Callable[[Any], Any], item: Any) -> Any:
    """``function(item)``, not awaited yet (see :func:`call`)."""
    try:
        return function(item)
    except StopIteration as exc:  # PEP 479: never a silent end
        raise RuntimeError(f"{caller}() step raised StopIteration") from exc


async def call(caller: str, function: Callable[[Any], Any], item: Any) -> Any:
    """``function(item)``, awaited if its result is awaitable (the package's contract)."""
    result = invoke(caller, function, item)
    if hasattr(type(result), "__await__"):
        result = await result
    return result


class Hub:
    """The state a stream's consumer and its tasks share (see the module's docstring)."""

    #: Whether the function starts tasks (trio then needs ``async with``).
    STARTS_TASKS = True

    def __init__(self, name: str) -> None:
        self.name = name
        self.runtime: _runtime.Runtime | None = None
        self.nursery: Any = None
        self.state = NEW
        self.busy = False
        self.sources: list[Source] = []
        self.error: BaseException | None = None
        self._handles: dict[int, Any] = {}
        self._cancelled: set[int] = set()  # the keys of the tasks this hub cancelled
        # asyncio: the tasks closing a source, each with whether a cancellation waits for it
        self._closing: dict[int, bool] = {}
        self._next_key = 0
        self._live = 0
        self._consumer_wake: Callable[[], None] | None = None
        self._drained: Callable[[], None] | None = None

    # --- the life of the hub ----------------------------------------------------------------

    def begin(self) -> None:
        """Start the function's tasks (subclasses); called once, at the first step."""

    def run(self) -> _runtime.Runtime:
        """The runtime, found at the first step; starts the tasks then."""
        if self.state == NEW:
            runtime = self.runtime or _runtime.current(f"concurrent.{self.name}()")
            if self.STARTS_TASKS and runtime.needs_nursery and self.nursery is None:
                raise RuntimeError(
                    f"concurrent.{self.name}() starts tasks, which {runtime.name} allows only "
                    f"inside a nursery: use it as 'async with concurrent.{self.name}(...) as "
                    "stream: async for item in stream: ...'"
                )
            self.runtime = runtime
            self.state = RUNNING
            self.begin()
        assert self.runtime is not None
        return self.runtime

    def start(
        self,
        function: Callable[..., Coroutine[Any, Any, None]],
        *args: Any,
        on_end: Callable[[], None] | None = None,
    ) -> int:
        """Start ``function(*args)`` as a task of this hub; return its key (for :meth:`cancel`).

        ``on_end()`` runs when the task has ended, however it ended: also when it was
        cancelled before it began, when asyncio never runs a line of it (so bookkeeping that
        others wait on belongs there, not in a ``finally``).
        """
        assert self.runtime is not None
        key = self._next_key
        self._next_key = key + 1
        self._live += 1
        self._handles[key] = self.runtime.start(
            self.nursery, self._task, (key, function, args), lambda: self._ended(key, on_end)
        )
        if self.state == DONE:
            # Started by a task that runs on after shutdown cancelled it (until its next
            # await): cancelled at once, before it begins, so that the drain ends.
            self.cancel(key)
        return key

    async def _task(
        self, key: int, function: Callable[..., Coroutine[Any, Any, None]], args: tuple[Any, ...]
    ) -> None:
        runtime = self.runtime
        assert runtime is not None
        try:
            await function(*args)
        except runtime.Cancelled as exc:
            # Ours: the task ends quietly. Under trio also a cancellation of the consumer's
            # scope (the nursery is in it): the consumer gets its own, and a task that raised
            # it into the nursery would make the block raise an ExceptionGroup. Under asyncio
            # a CancelledError nobody here asked for comes from the call: its failure.
            if not runtime.needs_nursery and key not in self._cancelled:
                self.fail(exc)
        except BaseException as exc:  # noqa: B036 - delivered to the consumer, as it is
            self.fail(exc)

    def _ended(self, key: int, on_end: Callable[[], None] | None) -> None:
        self._handles.pop(key, None)
        self._cancelled.discard(key)
        if on_end is not None:
            on_end()
        self._live -= 1
        if self._live == 0 and self._drained is not None:
            self._drained()

    def cancel(self, key: int) -> None:
        if key in self._closing:
            self._closing[key] = True  # once its source is closed (see close_now)
            return
        handle = self._handles.get(key)
        if handle is not None:
            self._cancelled.add(key)
            handle.cancel()

    def cancel_all(self) -> None:
        for key in list(self._handles):
            self.cancel(key)

    async def close_now(self, key: int, source: Source) -> None:
        """Close ``source`` from the task ``key`` that is done with it, out of the reach of
        cancellations (the hub's, or under trio the consumer's scope): a close is never left
        half done."""
        runtime = self.runtime
        assert runtime is not None
        if source.closed:
            return
        if runtime.needs_nursery:
            await runtime.shielded(source.close)
            return
        # Under asyncio only the hub cancels its tasks: it holds back its cancellation of this
        # one until the source is closed (cheaper than a shielding task per close).
        self._closing[key] = False
        try:
            await source.close()
        finally:
            if self._closing.pop(key):
                self.cancel(key)

    def fail(self, exc: BaseException) -> None:
        """A task failed: the first failure is kept for the consumer; the rest are stopped."""
        if self.error is None:
            self.error = exc
        self.stop()
        self.wake_consumer()

    def stop(self) -> None:
        """Start no more work and cancel what runs (subclasses add their own stopping)."""
        self.cancel_all()

    async def shutdown(self) -> None:
        """Cancel every task, wait for all of them, close the owned sources; once.

        Also before the first step (nothing started: the runtime may be unknown yet, or there
        may be none, under a loop we do not run on, where the sources are closed unshielded).
        """
        if self.state == DONE:
            return
        self.state = DONE
        self.cancel_all()
        if not self._live and all(source.closed for source in self.sources):
            return
        runtime = self.runtime
        if runtime is None:
            try:
                runtime = _runtime.current(f"{self.describe()}()")
            except RuntimeError:
                await self._close_sources()
                return
        await runtime.shielded(lambda: self._drain_and_close(runtime))

    async def _drain_and_close(self, runtime: _runtime.Runtime) -> None:
        while self._live:
            parked, wake = runtime.parking()
            self._drained = wake
            try:
                await parked
            finally:
                self._drained = None
        await self._close_sources()

    async def _close_sources(self) -> None:
        # Every source is closed although one fails; the first failure is raised after.
        failure: BaseException | None = None
        for source in self.sources:
            try:
                await source.close()
            except BaseException as exc:  # noqa: B036 - raised below, after the others
                if failure is None:
                    failure = exc
        if failure is not None:
            raise failure

    def abandon(self) -> None:
        """The stream was collected without being closed: cancel its tasks (no await here)."""
        if self.state == RUNNING:
            self.state = DONE
            self.cancel_all()

    # --- the consumer -----------------------------------------------------------------------

    async def park(self) -> None:
        """Wait until a task calls :meth:`wake_consumer`."""
        assert self.runtime is not None
        parked, wake = self.runtime.parking()
        self._consumer_wake = wake
        try:
            await parked
        finally:
            self._consumer_wake = None

    async def park_until(self, deadline: float) -> None:
        """:meth:`park`, but at most until ``deadline`` on the loop's clock."""
        assert self.runtime is not None
        parked, wake = self.runtime.parking()
        self._consumer_wake = wake
        try:
            await self.runtime.park_until(deadline, parked)
        finally:
            self._consumer_wake = None

    def wake_consumer(self) -> None:
        wake = self._consumer_wake
        if wake is not None:
            self._consumer_wake = None
            wake()

    async def take(self) -> Any:
        """The next item for the consumer (subclasses); raises StopAsyncIteration at the end."""
        raise NotImplementedError

    def poll(self) -> Any:
        """An item that is ready now, without a coroutine (a hot path), or :data:`END`.

        Subclasses that can tell cheaply give it; :meth:`take` does everything else.
        """
        return END

    async def finish(self, error: BaseException | None = None) -> Any:
        """Shut down, then raise ``error`` (or StopAsyncIteration): the end of every stream.

        A source whose ``aclose()`` fails replaces the outcome; the outcome is its context.
        """
        outcome = error if error is not None else StopAsyncIteration()
        try:
            raise outcome
        finally:
            await self.shutdown()

    def describe(self) -> str:
        return f"concurrent.{self.name}"


class Stream(Generic[_T]):
    """An async iterator that owns tasks; best used as ``async with ... as stream:``.

    Under asyncio a plain ``async for`` works too: the tasks start at the first step, and end
    with the stream (exhausted, failed, or ``aclose()``; a stream that is dropped unclosed has
    them cancelled when it is collected). Under trio, whose tasks live in nurseries, the
    ``async with`` form is required for a stream that starts tasks.
    """

    __slots__ = ("_hub", "_nursery_manager", "__weakref__")

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._nursery_manager: Any = None

    def __aiter__(self) -> Stream[_T]:
        return self

    async def __anext__(self) -> _T:
        hub = self._hub
        if hub.busy:
            raise RuntimeError("anext(): asynchronous iterator is already running")
        if hub.state == DONE:
            raise StopAsyncIteration
        if hub.state == RUNNING:
            item: _T = hub.poll()
            if item is not END:
                return item
        hub.busy = True
        try:
            try:
                hub.run()
            except RuntimeError:
                # No loop we run on, or trio without a nursery: the stream ends here, its
                # sources closed as at any other end.
                await hub.shutdown()
                raise
            item = await hub.take()
            return item
        finally:
            hub.busy = False

    async def aclose(self) -> None:
        """Cancel what runs, wait for it, close the sources; a pending error is dropped."""
        hub = self._hub
        if hub.busy:
            raise RuntimeError("aclose(): asynchronous iterator is already running")
        hub.busy = True
        try:
            await hub.shutdown()
        finally:
            hub.busy = False

    async def __aenter__(self) -> Stream[_T]:
        hub = self._hub
        if self._nursery_manager is not None or hub.state != NEW or hub.runtime is not None:
            raise RuntimeError(
                f"{hub.describe()}() can only be entered once, before its first step"
            )
        try:
            runtime = _runtime.current(f"{hub.describe()}()")
        except RuntimeError:
            await self.aclose()  # the stream cannot run: closed as at any other end
            raise
        hub.runtime = runtime
        if runtime.needs_nursery and hub.STARTS_TASKS:
            manager = runtime.trio.open_nursery()  # type: ignore[attr-defined]
            hub.nursery = await manager.__aenter__()
            self._nursery_manager = manager
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            await self.aclose()
        finally:
            manager = self._nursery_manager
            if manager is not None:
                self._nursery_manager = None
                # Every task has ended: the nursery exits empty. The block's own exception is
                # not handed to it (a strict nursery would wrap it in an ExceptionGroup); it
                # propagates from here as it is.
                await manager.__aexit__(None, None, None)

    def __del__(self) -> None:
        self._hub.abandon()

    def __repr__(self) -> str:
        return f"<{self._hub.describe()} object at {id(self):#x}>"
