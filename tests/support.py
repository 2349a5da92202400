"""Helpers shared by the tests: the implementations, the event loops, sources and outcomes.

Differential tests run one scenario with CPython's builtins and with ``asyncitertools`` and
compare what happened. A scenario receives an :class:`Impl` and only ever calls ``impl.aiter``
and ``impl.anext``, so the same code runs against both.
"""

from __future__ import annotations

import asyncio
import builtins
import sys
import types
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import trio
import uvloop

import ownloop


@dataclass(frozen=True)
class Impl:
    """One implementation of ``aiter``/``anext``."""

    name: str
    aiter: Callable[..., Any]
    anext: Callable[..., Any]

    def __repr__(self) -> str:
        return self.name


BUILTIN = Impl("builtins", builtins.aiter, builtins.anext)


# --- what CPython says, version by version ----------------------------------------------------

# CPython's StopIteration for a delivered None (anext's default, an async generator's item)
# carries it, args (None,), since 3.12.9 and 3.13.2 (`_PyGen_SetStopIterationValue`); before,
# a bare StopIteration().
STOP_ITERATION_KEEPS_NONE = sys.version_info >= (3, 13, 2) or (3, 12, 9) <= sys.version_info < (
    3,
    13,
)
# The same change fixed gh-128078 (a tuple or exception default of anext gave SystemError).
GH_128078_FIXED = STOP_ITERATION_KEEPS_NONE
# gh-131670 (anext(x, default) crashed when a plain __anext__ raised): fixed in 3.12.10, 3.13.3.
GH_131670_FIXED = sys.version_info >= (3, 13, 3) or (3, 12, 10) <= sys.version_info < (3, 13)


def cannot_await(type_name: str) -> str:
    """CPython's TypeError message for ``await`` of an object of type ``type_name`` (cut at 100
    characters), which has no ``__await__``."""
    if sys.version_info >= (3, 14):
        return f"'{type_name[:100]}' object can't be awaited"
    return f"object {type_name[:100]} can't be used in 'await' expression"


def await_returned_non_iterator(awaitable: type, returned: type) -> str:
    """CPython's TypeError message for an ``__await__`` that returned a non-iterator: 3.15 names
    both types fully qualified (uncut), before only the result's name, cut at 100 characters."""
    if sys.version_info >= (3, 15):
        awaitable_name, returned_name = _qualified(awaitable), _qualified(returned)
        return f"{awaitable_name}.__await__() must return an iterator, not {returned_name}"
    return f"__await__() returned non-iterator of type '{returned.__name__[:100]}'"


def aiter_returned_non_async_iterator(iterable: type, returned: type) -> str:
    """CPython's TypeError message for an ``__aiter__`` whose result is no async iterator: 3.15
    names both types fully qualified (uncut), before only the result's name, cut at 100."""
    if sys.version_info >= (3, 15):
        iterable_name, returned_name = _qualified(iterable), _qualified(returned)
        return f"{iterable_name}.__aiter__() must return an async iterator, not {returned_name}"
    return f"aiter() returned not an async iterator of type '{returned.__name__[:100]}'"


def _qualified(cls: type) -> str:
    """A type's name as CPython's ``%T`` formats it: the module left out for builtins."""
    if cls.__module__ in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


# --- outcomes -------------------------------------------------------------------------------


class Returned(NamedTuple):
    value: Any


class Raised(NamedTuple):
    """An exception, compared by type and args (its message and, for StopIteration, value)."""

    type: type[BaseException]
    args: tuple[Any, ...]

    @classmethod
    def of(cls, exc: BaseException) -> Raised:
        return cls(type(exc), exc.args)


def outcome(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Returned | Raised:
    """Call ``fn`` and say what it did: returned a value, or raised (type and args)."""
    try:
        return Returned(fn(*args, **kwargs))
    except BaseException as exc:  # every outcome counts, even GeneratorExit
        return Raised.of(exc)


def exception_of(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> BaseException:
    """The exception object that ``fn(*args, **kwargs)`` raises (it must raise)."""
    try:
        fn(*args, **kwargs)
    except BaseException as exc:
        return exc
    raise AssertionError(f"{fn!r} did not raise")


# --- event loops ----------------------------------------------------------------------------

LOOPS = ("asyncio", "uvloop", "trio", "ownloop")

# The loop that is running now, for suspend(): set by run_in() for the length of a run.
_current_loop: str | None = None


def run_in(loop: str, async_fn: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run ``async_fn()`` to completion in the named event loop and return its result."""
    global _current_loop
    if _current_loop is not None:
        raise RuntimeError(f"run_in({loop!r}) inside a {_current_loop} run")
    _current_loop = loop
    try:
        if loop == "asyncio":
            return asyncio.run(async_fn())
        if loop == "uvloop":
            return uvloop.run(async_fn())
        if loop == "trio":
            return trio.run(async_fn)
        if loop == "ownloop":
            return ownloop.run(async_fn())
        raise ValueError(f"unknown loop {loop!r}")
    finally:
        _current_loop = None


async def suspend() -> None:
    """Give control back to whichever event loop is running, once."""
    if _current_loop in ("asyncio", "uvloop"):
        await asyncio.sleep(0)
    elif _current_loop == "trio":
        await trio.lowlevel.checkpoint()
    elif _current_loop == "ownloop":
        await ownloop.Yield()
    else:
        raise RuntimeError("suspend() outside run_in()")


async def wait_forever() -> None:
    """Block until cancelled (asyncio, uvloop and trio only)."""
    if _current_loop in ("asyncio", "uvloop"):
        await asyncio.get_running_loop().create_future()
    elif _current_loop == "trio":
        await trio.sleep_forever()
    else:
        raise RuntimeError(f"wait_forever() is not supported under {_current_loop}")


# --- sources: async iterators of every kind, built from a list of items ----------------------


class Fail:
    """An item that makes the source raise ``error`` instead of producing a value."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"Fail({self.error!r})"


def _produce(item: Any) -> Any:
    if isinstance(item, Fail):
        raise item.error
    return item


SOURCE_KINDS = (
    "async_generator",
    "async_def_anext",
    "anext_returns_coroutine",
    "anext_returns_awaitable",
    "types_coroutine_anext",
    "suspending_async_generator",
    "suspending_anext",
)


class _Awaitable:
    """An awaitable whose ``__await__`` is a generator that completes without suspending."""

    def __init__(self, source: _ClassSource) -> None:
        self.source = source

    def __await__(self):
        return self.source._step()
        yield  # pragma: no cover - makes this a generator function


class _ClassSource:
    """Base of the class-based sources: ``self.items`` in order, then StopAsyncIteration."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = list(items)
        self.index = 0

    def __aiter__(self) -> _ClassSource:
        return self

    def _step(self) -> Any:
        if self.index >= len(self.items):
            raise StopAsyncIteration
        self.index += 1
        return _produce(self.items[self.index - 1])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.items!r}>"


class AsyncDefAnext(_ClassSource):
    async def __anext__(self) -> Any:
        return self._step()


class AnextReturnsCoroutine(_ClassSource):
    def __anext__(self) -> Coroutine[Any, Any, Any]:
        return self._coroutine()

    async def _coroutine(self) -> Any:
        return self._step()


class AnextReturnsAwaitable(_ClassSource):
    def __anext__(self) -> Awaitable[Any]:
        return _Awaitable(self)


class TypesCoroutineAnext(_ClassSource):
    @types.coroutine
    def __anext__(self):
        return self._step()
        yield  # pragma: no cover - makes this a generator function


class SuspendingAnext(_ClassSource):
    """Suspends to the running loop before every item and before the end."""

    async def __anext__(self) -> Any:
        await suspend()
        return self._step()


async def _async_generator(items: list[Any]):
    for item in items:
        yield _produce(item)


async def _suspending_async_generator(items: list[Any]):
    for item in items:
        await suspend()
        yield _produce(item)
    await suspend()


def make_source(kind: str, items: Iterable[Any]) -> Any:
    """A fresh async iterator of the given kind that produces ``items``.

    A :class:`Fail` item raises its error at that point instead.
    """
    items = list(items)
    if kind == "async_generator":
        return _async_generator(items)
    if kind == "suspending_async_generator":
        return _suspending_async_generator(items)
    classes = {
        "async_def_anext": AsyncDefAnext,
        "anext_returns_coroutine": AnextReturnsCoroutine,
        "anext_returns_awaitable": AnextReturnsAwaitable,
        "types_coroutine_anext": TypesCoroutineAnext,
        "suspending_anext": SuspendingAnext,
    }
    return classes[kind](items)


# --- hand-driven inner awaitables -----------------------------------------------------------


class Recorder:
    """An async iterator whose ``__anext__`` returns a generator-based coroutine under test control.

    ``script`` is the generator function run for each ``__anext__`` call; it receives the
    recorder, so it can record what was sent or thrown into it in ``self.log``.
    """

    def __init__(self, script: Callable[[Recorder], Any]) -> None:
        self.script = types.coroutine(script)
        self.log: list[Any] = []
        self.anext_calls = 0

    def __aiter__(self) -> Recorder:
        return self

    def __anext__(self) -> Any:
        self.anext_calls += 1
        return self.script(self)


def assert_same_as_builtin(ours: Impl, scenario: Callable[[Impl], Any]) -> Returned | Raised:
    """Run ``scenario(impl)`` with the builtins and with ours; both must do the same thing.

    The scenario builds its own objects each time and returns something comparable with ``==``.
    Returns the common outcome, for further checks.
    """
    expected = outcome(scenario, BUILTIN)
    actual = outcome(scenario, ours)
    assert actual == expected, f"asyncitertools: {actual!r}\nbuiltins:       {expected!r}"
    return actual


def long_named_class(length: int = 300, **namespace: Any) -> type:
    """A class whose ``__name__`` is ``length`` characters long (error messages cut type names)."""
    name = ("LongName" * (length // 8 + 1))[:length]
    return type(name, (), namespace)


# --- iterables and callables of every kind, for the builtins beyond enumerate ----------------

# The loops the hypothesis tests run under (uvloop is left to the cheaper parametrised tests).
HYPOTHESIS_LOOPS = ("asyncio", "trio", "ownloop")

SYNC_ITERABLE_KINDS = ("list", "sync_generator")
# One of our own native iterators as a source: the layer above drives it through Rust.
NATIVE_ITERABLE_KINDS = ("native_iter",)
ITERABLE_KINDS = SOURCE_KINDS + SYNC_ITERABLE_KINDS + NATIVE_ITERABLE_KINDS


def _sync_generator(items: list[Any]):
    for item in items:
        yield _produce(item)


def iterable_of(kind: str, items: Iterable[Any]) -> Any:
    """A fresh iterable of any kind in :data:`ITERABLE_KINDS` that produces ``items``.

    Sync kinds: a list, a generator. Native kind: ``asyncitertools.iter`` over an async
    generator. A :class:`Fail` item raises its error (a list cannot: it yields the Fail).
    """
    items = list(items)
    if kind == "list":
        return items
    if kind == "sync_generator":
        return _sync_generator(items)
    if kind == "native_iter":
        import asyncitertools

        return asyncitertools.iter(make_source("async_generator", items))
    return make_source(kind, items)


CALLABLE_KINDS = ("sync", "async", "suspending_async", "returns_awaitable")


class Deferred:
    """An awaitable (not a coroutine) whose ``__await__`` computes ``function(*args)``."""

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.function = function
        self.args = args

    def __await__(self):
        return self.function(*self.args)
        yield  # pragma: no cover - makes this a generator function


def callable_of(kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a callable of the given kind in :data:`CALLABLE_KINDS`.

    "sync" calls it; "async" is an ``async def`` that calls it; "suspending_async" suspends to
    the running loop first; "returns_awaitable" is a sync callable returning a
    :class:`Deferred` (an awaitable object whose ``__await__`` calls it).
    """
    if kind == "sync":

        def call(*args: Any) -> Any:
            return function(*args)

    elif kind == "async":

        async def call(*args: Any) -> Any:
            return function(*args)

    elif kind == "suspending_async":

        async def call(*args: Any) -> Any:
            await suspend()
            return function(*args)

    elif kind == "returns_awaitable":

        def call(*args: Any) -> Any:
            return Deferred(function, args)

    else:
        raise ValueError(f"unknown callable kind {kind!r}")
    return call


async def collect(iterator: Any) -> list[Any]:
    """Every item of an async iterator, by ``async for``."""
    return [item async for item in iterator]


async def collect_outcome(iterator: Any) -> tuple[list[Any], Raised | None]:
    """The items of an async iterator until it ends or raises, and what it raised if it did."""
    items: list[Any] = []
    try:
        async for item in iterator:
            items.append(item)
    except Exception as exc:
        return items, Raised.of(exc)
    return items, None


def sync_outcome(iterable: Iterable[Any]) -> tuple[list[Any], Raised | None]:
    """:func:`collect_outcome` for a sync iterable (the stdlib's side of a comparison)."""
    items: list[Any] = []
    try:
        for item in iterable:
            items.append(item)
    except Exception as exc:
        return items, Raised.of(exc)
    return items, None


class TrackedSource:
    """An async iterator that logs ``("closed", name)`` to ``log`` when its aclose() is awaited.

    ``suspends``: suspend to the loop in every ``__anext__`` and ``aclose()``.
    ``close_error``: raise this from aclose() (after logging).
    """

    def __init__(
        self,
        items: Iterable[Any],
        log: list[Any] | None = None,
        name: str = "source",
        suspends: bool = False,
        close_error: BaseException | None = None,
    ) -> None:
        self.items = list(items)
        self.log = [] if log is None else log
        self.name = name
        self.suspends = suspends
        self.close_error = close_error
        self.pulled = 0

    @property
    def closed(self) -> int:
        return self.log.count(("closed", self.name))

    def __aiter__(self) -> TrackedSource:
        return self

    async def __anext__(self) -> Any:
        if self.suspends:
            await suspend()
        if not self.items:
            raise StopAsyncIteration
        self.pulled += 1
        return _produce(self.items.pop(0))

    async def aclose(self) -> None:
        if self.suspends:
            await suspend()
        self.log.append(("closed", self.name))
        if self.close_error is not None:
            raise self.close_error

    def __repr__(self) -> str:
        return f"<TrackedSource {self.name} {self.items!r}>"


async def logging_generator(items: Iterable[Any], log: list[Any], name: str = "source"):
    """An async generator over ``items`` that logs ``("finally", name)`` when its finally runs."""
    try:
        for item in items:
            yield _produce(item)
    finally:
        log.append(("finally", name))


async def forever_after(items: Iterable[Any], log: list[Any], name: str = "source"):
    """Yields ``items``, then waits until cancelled; logs ``("finally", name)`` when it ends."""
    try:
        for item in items:
            yield item
        await wait_forever()
        yield "never"  # pragma: no cover
    finally:
        log.append(("finally", name))


async def cancel_while_suspended(make_awaitable: Callable[[], Awaitable[Any]]) -> None:
    """Await ``make_awaitable()`` and cancel it once it is blocked in :func:`wait_forever`.

    asyncio and uvloop: in a task, cancelled with ``task.cancel()``; the CancelledError must
    come out. trio: in a cancel scope that is cancelled; the scope must have caught it.
    """

    async def step() -> Any:
        return await make_awaitable()

    if _current_loop in ("asyncio", "uvloop"):
        task = asyncio.ensure_future(step())
        for _ in range(20):  # let it reach wait_forever(), through any suspensions
            await asyncio.sleep(0)
        assert not task.done(), f"finished instead of blocking: {task!r}"
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            return
        raise AssertionError("the cancelled task did not raise CancelledError")
    if _current_loop == "trio":
        with trio.move_on_after(0.01) as scope:
            await step()
        assert scope.cancelled_caught, "the awaitable finished instead of being cancelled"
        return
    raise RuntimeError(f"cancel_while_suspended() is not supported under {_current_loop}")


async def collect_until_error(iterator: Any) -> tuple[list[Any], BaseException | None]:
    """The items of an async iterator and the exception object that ended it (None: the end)."""
    items: list[Any] = []
    try:
        async for item in iterator:
            items.append(item)
    except Exception as exc:
        return items, exc
    return items, None


def assert_is_pep479_error(raised: BaseException | None, error: StopIteration) -> None:
    """A StopIteration cannot cross an ``await`` (it would be read as the awaited value): it
    must come out as a RuntimeError caused by it, as Python does in coroutines (PEP 479)."""
    assert isinstance(raised, RuntimeError), f"expected a RuntimeError, got {raised!r}"
    assert error in (raised.__cause__, raised.__context__), f"{error!r} is not its cause"


class SyncRaisingAnext:
    """An async iterator whose ``__anext__`` is a plain method that raises ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __aiter__(self) -> SyncRaisingAnext:
        return self

    def __anext__(self) -> Any:
        raise self.error
