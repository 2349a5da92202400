"""Misuse of every iterator and awaitable: a clear exception, never corrupt state or a crash.

Swept over every public name (the entries of :mod:`catalogue`):

* a second ``__anext__`` or an ``aclose()`` while a step is in flight is refused with
  ``RuntimeError: ... already running``, and the step in flight then completes as if nothing
  happened: no item lost, none repeated, the source closed once at the end;
* ``send``/``throw``/``close`` with wrong arguments on a step that has not started raise what
  a coroutine raises and change nothing in the iterator; ``close()`` or ``throw()`` of a step
  in flight ends the iterator, closing its source once;
* an awaitable awaited a second time raises ``RuntimeError: cannot reuse already awaited ...``;
* a callable that re-enters the iterator it serves (its ``__anext__`` or ``aclose()``) gets the
  already-running error, which ends the iteration with the source closed;
* one iterator shared by several threads, each with its own event loop: every item is delivered
  exactly once, and the only error a thread sees is the already-running one.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import types
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import asyncitertools as a

import ownloop
import support
from catalogue import ENTRIES, Entry, outcome_of_reference

ITEMS = [3, 1, 4, 1, 5]


def function(x: Any) -> Any:
    return x % 2 if isinstance(x, int) else 0


def reference(entry: Entry) -> Any:
    return outcome_of_reference(entry.reference(list(ITEMS), function))


class SuspendingSource:
    """An async generator over ITEMS that suspends (ownloop's request) before each item."""

    def __init__(self) -> None:
        self.finally_ran = 0

    async def generate(self) -> Any:
        try:
            for item in ITEMS:
                await ownloop.Yield()
                yield item
        finally:
            self.finally_ran += 1


def iterator_entries() -> list[Entry]:
    """The entries whose call gives an async iterator (the others give awaitables)."""
    entries = []
    for entry in ENTRIES:
        source = SuspendingSource().generate()
        built = entry.ours(source, function, "sync")
        if hasattr(built, "__anext__"):
            entries.append(entry)
        elif hasattr(built, "close"):
            built.close()
        if hasattr(source, "aclose"):
            source.aclose().close()
    return entries


ITERATOR_ENTRIES = iterator_entries()


def finish(awaitable: Any) -> tuple[str, Any]:
    """Drive an awaitable to its end by hand: ("value", v) or ("raised", exception)."""
    try:
        while True:
            awaitable.send(None)
    except StopIteration as stop:
        return "value", stop.value
    except BaseException as exc:
        return "raised", exc


def remaining(iterator: Any) -> list[Any]:
    """The rest of an iterator's items, driven by hand, until StopAsyncIteration."""
    items = []
    while True:
        kind, value = finish(iterator.__anext__())
        if kind == "raised":
            assert isinstance(value, StopAsyncIteration), value
            return items
        items.append(value)


def refused_as_running(make: Callable[[], Any]) -> RuntimeError:
    """The already-running refusal, raised by the call or by the first step of its awaitable."""
    awaitable = None
    try:
        awaitable = make()
        awaitable.send(None)
    except RuntimeError as exc:
        assert "already running" in str(exc), exc
        return exc
    finally:
        if awaitable is not None:
            awaitable.close()
    raise AssertionError("not refused while a step is in flight")


def test_the_sweep_covers_every_iterator() -> None:
    names = {entry.name for entry in ITERATOR_ENTRIES}
    assert {"aiter", "iter", "borrow", "map", "zip", "islice", "tee", "merge"} <= names
    assert len(names) >= 25


@pytest.mark.parametrize("entry", ITERATOR_ENTRIES, ids=repr)
def test_a_second_step_or_a_close_while_one_is_in_flight_is_refused(entry: Entry) -> None:
    source = SuspendingSource()
    iterator = entry.ours(source.generate(), function, "sync")
    expected = reference(entry)
    step = iterator.__anext__()
    step.send(None)  # suspended inside the source, waiting for the loop
    refused_as_running(iterator.__anext__)
    refused_as_running(iterator.aclose)
    assert finish(step) == ("value", expected[0])
    assert remaining(iterator) == expected[1:]
    assert finish(iterator.aclose()) == ("value", None)
    if entry.name not in ("aiter", "borrow"):  # they give the source back / lend it
        assert source.finally_ran == 1


# What each misuse of a fresh step raises, checked against a native coroutine's.
FRESH_MISUSES: dict[str, Callable[[Any], Any]] = {
    "send(1)": lambda w: w.send(1),
    "send()": lambda w: w.send(),
    "throw()": lambda w: w.throw(),
    "throw(1)": lambda w: w.throw(1),
    "throw(int)": lambda w: w.throw(int),
    "throw(ValueError, 1, 'not a traceback')": lambda w: w.throw(ValueError, 1, "tb"),
    "throw(ValueError(), 1)": lambda w: w.throw(ValueError(), 1),
    "throw(ValueError, 1, None, 4)": lambda w: w.throw(ValueError, 1, None, 4),
}


def misuse_outcome(misuse: Callable[[Any], Any], awaitable: Any) -> support.Raised:
    with warnings.catch_warnings():
        # 3.12+: the three-argument throw() is deprecated, for coroutines as for ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            misuse(awaitable)
        except BaseException as exc:
            return support.Raised.of(exc)
    raise AssertionError("the misuse was accepted")


async def _native_coroutine() -> None:
    await ownloop.Yield()


def expected_misuse(misuse: Callable[[Any], Any], name: str) -> support.Raised:
    coroutine = _native_coroutine()
    try:
        outcome = misuse_outcome(misuse, coroutine)
    finally:
        coroutine.close()
    message = outcome.args[0].replace("coroutine", name)
    return support.Raised(outcome.type, (message,))


@pytest.mark.parametrize("misuse", FRESH_MISUSES, ids=str)
@pytest.mark.parametrize("entry", ITERATOR_ENTRIES, ids=repr)
def test_a_misused_step_raises_as_a_coroutine_and_loses_nothing(entry: Entry, misuse: str) -> None:
    source = SuspendingSource()
    iterator = entry.ours(source.generate(), function, "sync")
    step = iterator.__anext__()
    raised = misuse_outcome(FRESH_MISUSES[misuse], step)
    if entry.name == "aiter":
        # CPython's own asend() object: 3.13+ warn when one refused at its first use is freed
        # ("coroutine method 'asend' ... was never awaited"), and closing it would close the
        # generator; the object is dropped with that warning silenced.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            del step
            gc.collect()
    assert raised.type is TypeError
    if entry.name != "aiter":  # the async generator's own step: CPython's asend object
        step_name = type(step).__name__
        wanted = expected_misuse(FRESH_MISUSES[misuse], step_name)
        if "just-started" in wanted.args[0]:
            wanted = support.Raised(TypeError, (wanted.args[0].replace(step_name, "awaitable"),))
        assert raised == wanted
    assert remaining(iterator) == reference(entry)


@pytest.mark.parametrize("entry", ITERATOR_ENTRIES, ids=repr)
def test_a_step_closed_or_thrown_into_in_flight_ends_the_iterator(entry: Entry) -> None:
    for end in ("close", "throw"):
        source = SuspendingSource()
        iterator = entry.ours(source.generate(), function, "sync")
        step = iterator.__anext__()
        step.send(None)
        error = ValueError("thrown in")
        if end == "close":
            assert step.close() is None
        else:
            assert finish_throw(step, error) is error
        if entry.name in ("aiter", "borrow"):
            continue  # the source's own (or lent) step: what follows is the generator's
        assert source.finally_ran == 1
        assert remaining(iterator) == []
        kind, raised = finish(step)  # spent
        assert kind == "raised" and "cannot reuse already awaited" in str(raised), raised


def finish_throw(step: Any, error: BaseException) -> BaseException:
    try:
        step.throw(error)
    except BaseException as exc:
        return exc
    raise AssertionError("the thrown error was swallowed")


# --- awaited twice ---------------------------------------------------------------------------


def awaitables() -> dict[str, Callable[[], Any]]:
    made: dict[str, Callable[[], Any]] = {
        "anext(it)": lambda: a.anext(a.iter(ITEMS)),
        "anext(it, default)": lambda: a.anext(a.iter([]), "default"),
        "iterator step": lambda: a.map(function, ITEMS).__anext__(),
    }
    for entry in ENTRIES:
        built = entry.ours(a.iter(ITEMS), function, "sync")
        if not hasattr(built, "__anext__") and not isinstance(built, types.CoroutineType):
            made[entry.name] = (lambda e: lambda: e.ours(a.iter(ITEMS), function, "sync"))(entry)
        if hasattr(built, "close"):
            built.close()
    return made


AWAITABLES = awaitables()


def test_every_reduction_is_in_the_awaited_twice_sweep() -> None:
    for name in ("all", "any", "dict", "list", "max", "min", "set", "sorted", "sum", "tuple"):
        assert name in AWAITABLES
    for name in ("reduce", "nlargest", "nsmallest"):
        assert name in AWAITABLES


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@pytest.mark.parametrize("name", AWAITABLES, ids=str)
def test_an_awaitable_awaited_twice_raises(name: str, loop: str) -> None:
    async def main() -> Any:
        awaitable = AWAITABLES[name]()
        first = await awaitable
        with pytest.raises(RuntimeError, match="cannot reuse already awaited"):
            await awaitable
        return first

    support.run_in(loop, main)


# --- re-entry from a callable ----------------------------------------------------------------

# Each builds an iterator whose callable is ``call`` (an async function of one item).
RE_ENTRANT: dict[str, Callable[[Callable[[Any], Any], Any], Any]] = {
    "map": lambda call, s: a.map(call, s),
    "filter": lambda call, s: a.filter(call, s),
    "filterfalse": lambda call, s: a.filterfalse(call, s),
    "dropwhile": lambda call, s: a.dropwhile(call, s),
    "takewhile": lambda call, s: a.takewhile(call, s),
    "accumulate": lambda call, s: a.accumulate(s, lambda total, item: call(item)),
    "starmap": lambda call, s: a.starmap(call, a.zip(s)),
    "groupby": lambda call, s: a.groupby(s, call),
    "merge": lambda call, s: a.merge(s, [2], key=call),
}


@pytest.mark.parametrize("reentry", ["__anext__", "aclose"])
@pytest.mark.parametrize("name", RE_ENTRANT, ids=str)
def test_a_callable_that_reenters_its_iterator_is_refused(name: str, reentry: str) -> None:
    source = SuspendingSource()
    served: list[Any] = []

    async def call(item: Any) -> Any:
        if served:
            step = getattr(served[0], reentry)()
            await step  # refused: the iterator's step is in flight
        return True

    iterator = RE_ENTRANT[name](call, source.generate())
    served.append(iterator)
    kind, raised = finish(collect_all(iterator))
    assert kind == "raised" and isinstance(raised, RuntimeError), raised
    assert "already running" in str(raised)
    assert source.finally_ran == 1


async def collect_all(iterator: Any) -> list[Any]:
    return [item async for item in iterator]


@pytest.mark.parametrize("name", ["max", "sorted", "reduce", "nlargest"])
def test_a_key_that_awaits_its_own_reduction_is_refused(name: str) -> None:
    served: list[Any] = []

    async def key(*args: Any) -> Any:
        await served[0]
        return 0

    makers: dict[str, Callable[[], Any]] = {
        "max": lambda: a.max(ITEMS, key=key),
        "sorted": lambda: a.sorted(ITEMS, key=key),
        "reduce": lambda: a.reduce(key, ITEMS),
        "nlargest": lambda: a.nlargest(2, a.iter(ITEMS), key=key),
    }
    served.append(makers[name]())
    kind, raised = finish(served[0])
    # As a coroutine that awaits itself: "coroutine already executing".
    assert kind == "raised" and isinstance(raised, ValueError), raised
    assert str(raised) == f"{name}_awaitable already executing"


@pytest.mark.parametrize("name", ["map", "filter", "accumulate", "groupby"])
def test_a_function_that_steps_the_step_it_runs_in_is_refused(name: str) -> None:
    """A sync function sending into the very step that called it: refused, nothing skipped."""
    source = SuspendingSource()
    steps: list[Any] = []
    refusals: list[BaseException] = []

    def reenter(*args: Any) -> Any:
        try:
            steps[-1].send(None)
        except ValueError as exc:
            refusals.append(exc)
        return True

    makers: dict[str, Callable[[], Any]] = {
        "map": lambda: a.map(reenter, source.generate()),
        "filter": lambda: a.filter(reenter, source.generate()),
        "accumulate": lambda: a.accumulate(source.generate(), reenter),
        "groupby": lambda: a.groupby(source.generate(), reenter),
    }
    iterator = makers[name]()
    items = []
    while True:
        steps.append(iterator.__anext__())
        kind, value = finish(steps[-1])
        if kind == "raised":
            assert isinstance(value, StopAsyncIteration), value
            break
        items.append(value)
    expected = {
        "map": [True] * 5,
        "filter": ITEMS,
        "accumulate": [3, True, True, True, True],
        "groupby": [True],
    }
    assert (items if name != "groupby" else [key for key, _ in items]) == expected[name]
    calls = 4 if name == "accumulate" else 5  # accumulate's first item calls no function
    assert [str(exc) for exc in refusals] == ["anext_step already executing"] * calls


# --- threads ---------------------------------------------------------------------------------


@pytest.fixture
def frequent_switches() -> Any:
    """Threads switch as often as the interpreter allows, to interleave the steps."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


class ThreadSource:
    """An async iterator over ``range(count)`` that would repeat items if two steps overlapped:
    each step reads its index, waits in its loop (the GIL released, so the threads do overlap),
    then moves on."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.index = 0
        self.closed = 0

    def __aiter__(self) -> ThreadSource:
        return self

    async def __anext__(self) -> int:
        index = self.index
        await asyncio.sleep(0.0005)
        if index >= self.count:
            raise StopAsyncIteration
        self.index = index + 1
        return index

    async def aclose(self) -> None:
        self.closed += 1


def busy(x: int) -> int:
    total = 0
    for i in range(50):  # long enough for the interpreter to switch threads inside a step
        total += i
    return x + total - total


THREAD_CASES = [
    lambda n: (a.map(busy, range(n)), None),
    lambda n: (lambda s: (a.enumerate(a.map(busy, s)), s))(ThreadSource(n)),
]


@pytest.mark.parametrize(
    "make", THREAD_CASES, ids=["map over a range", "enumerate of map over a waiting source"]
)
@pytest.mark.usefixtures("frequent_switches")
def test_one_iterator_shared_by_threads_delivers_every_item_once(make: Any) -> None:
    iterator, source = make(count := 2000 if make is THREAD_CASES[0] else 200)
    delivered: list[list[Any]] = []
    refusals: list[BaseException] = []
    failures: list[BaseException] = []

    async def pull() -> list[Any]:
        got = []
        while True:
            try:
                got.append(await iterator.__anext__())
            except StopAsyncIteration:
                return got
            except RuntimeError as exc:
                if "already running" not in str(exc):
                    raise
                refusals.append(exc)
                await asyncio.sleep(0)

    def worker() -> None:
        try:
            delivered.append(asyncio.run(pull()))
        except BaseException as exc:  # reported below, with the test's failure
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    assert not failures, failures
    items = [item for got in delivered for item in got]
    if source is not None:
        items = [item for _, item in sorted(items)]
        assert source.closed == 1
        # The threads did overlap (each step waits in its loop) and were refused: without the
        # refusal, the overlapping steps would have repeated items.
        assert refusals
    assert sorted(items) == list(range(count))


def test_a_reduction_awaited_in_another_thread() -> None:
    awaitable = a.sum(a.map(busy, a.iter(range(100))))
    results: list[Any] = []

    async def await_it() -> None:
        results.append(await awaitable)

    thread = threading.Thread(target=lambda: asyncio.run(await_it()))
    thread.start()
    thread.join(timeout=60)
    assert results == [sum(range(100))]


# --- hints for the usual mistakes -----------------------------------------------------------------


def notes_of(error: BaseException) -> list[str]:
    """The notes of an exception (PEP 678); 3.10 shows none, and none are added there."""
    return list(getattr(error, "__notes__", []))


def expected_notes(*notes: str) -> list[str]:
    return list(notes) if sys.version_info >= (3, 11) else []


async def rows() -> Any:
    yield 1


async def fetch() -> list[int]:
    return [1]


def test_an_unawaited_coroutine_as_an_iterable_hints_at_await() -> None:
    coroutine = fetch()
    try:
        raised = support.exception_of(a.list, coroutine)
    finally:
        coroutine.close()
    assert isinstance(raised, TypeError)
    assert str(raised) == "'coroutine' object is not iterable"  # CPython's message, unchanged
    assert notes_of(raised) == expected_notes("Did you forget to await it?")


@pytest.mark.parametrize("function", [rows, fetch, lambda: [1], print], ids=repr)
def test_a_function_as_an_iterable_hints_at_calling_it(function: Any) -> None:
    raised = support.exception_of(a.list, function)
    assert isinstance(raised, TypeError)
    assert str(raised) == f"'{type(function).__name__}' object is not iterable"
    assert notes_of(raised) == expected_notes("Did you forget to call it?")


@pytest.mark.parametrize("value", [1, int, None], ids=repr)
def test_other_non_iterables_get_no_hint(value: Any) -> None:
    raised = support.exception_of(a.list, value)
    assert isinstance(raised, TypeError) and notes_of(raised) == []


def test_map_with_aiostreams_argument_order_says_which_comes_first() -> None:
    source = rows()
    raised = support.exception_of(a.map, source, str)
    assert isinstance(raised, TypeError)
    assert str(raised) == "'type' object is not iterable"
    assert notes_of(raised) == expected_notes(
        "map() takes the function first: map(function, iterable, ...)."
    )


@pytest.mark.parametrize(
    "consumer",
    [a.list, a.sum, a.sorted, a.set, a.iter, a.enumerate, a.zip, a.chain, a.batched],
    ids=lambda f: f.__name__,
)
def test_a_results_awaitable_is_refused_as_an_iterable(consumer: Any) -> None:
    """``list(sorted(xs))`` without the inner ``await``: the awaitable is its own iterator (for
    the interpreter's ``await``), but iterating it as a source would find no items; refused."""
    inner = a.sorted([3, 1, 2])
    try:
        arguments = (inner, 2) if consumer is a.batched else (inner,)

        async def consume() -> Any:
            made = consumer(*arguments)
            return await (a.list(made) if hasattr(made, "__anext__") else made)

        raised = support.exception_of(lambda: support.run_in("asyncio", consume))
    finally:
        inner.close()
    assert isinstance(raised, TypeError)
    assert str(raised) == "'sorted_awaitable' object is not iterable. Did you forget to await it?"
