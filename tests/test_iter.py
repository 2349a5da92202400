"""``asyncitertools.iter``: an async iterator over an iterable, or over the results of a callable.

``iter(iterable)`` wraps a sync or async iterable (an object with both protocols is async) and
owns the async iterator it gets. ``iter(callable, stop_value, *, stop_exception=None)`` calls
``callable()`` on each ``__anext__`` (awaiting an awaitable result) until a result equals
``stop_value`` (identity first, then ``==``, as the stdlib's ``iter(callable, sentinel)``), or
the call raises an exception matching ``stop_exception``, or StopAsyncIteration (StopIteration
from a sync call); then it stays exhausted.
"""

from __future__ import annotations

import builtins
import gc
import math
import re
import subprocess
import sys
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a

import support
from support import (
    CALLABLE_KINDS,
    ITERABLE_KINDS,
    Fail,
    Raised,
    TrackedSource,
    callable_of,
    collect,
    collect_outcome,
    exception_of,
    iterable_of,
    logging_generator,
    make_source,
    sync_outcome,
)

RAISING_KINDS = tuple(kind for kind in ITERABLE_KINDS if kind != "list")  # a list cannot raise
MISSING: Any = object()  # stop_value not given


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


# === iter(iterable) ============================================================================

CASES = [[], [1], ["a", None, "c"], list(range(20))]


@pytest.mark.parametrize("kind", ITERABLE_KINDS)
@pytest.mark.parametrize("items", CASES, ids=repr)
def test_items_are_the_iterables_items(run, kind: str, items: list[Any]) -> None:
    assert run(lambda: collect(a.iter(iterable_of(kind, items)))) == items


@pytest.mark.parametrize(
    "iterable",
    ["abc", b"ab", range(3, 7), (1, 2), {"k": 1, "j": 2}, {"k": 1}.items(), frozenset({1})],
    ids=repr,
)
def test_builtin_iterables_give_the_stdlibs_items(run, iterable: Any) -> None:
    assert run(lambda: collect(a.iter(iterable))) == builtins.list(builtins.iter(iterable))


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@settings(max_examples=40, deadline=None)
@given(
    items=st.lists(st.integers() | st.text(max_size=2) | st.none(), max_size=8),
    kind=st.sampled_from(ITERABLE_KINDS),
    failure=st.none() | st.integers(0, 8),
)
def test_any_iterable_behaves_as_the_stdlib_iter(loop: str, items, kind: str, failure) -> None:
    """Items, then the source's error if it fails, as iterating the stdlib's iter()."""
    if failure is not None:
        items.insert(min(failure, len(items)), Fail(LookupError("source failed")))
    expected = sync_outcome(builtins.iter(oracle_iterable(kind, items)))
    got = support.run_in(loop, lambda: collect_outcome(a.iter(iterable_of(kind, items))))
    assert got == expected


def test_items_are_the_same_objects(run) -> None:
    items = [object(), object()]
    got = run(lambda: collect(a.iter(make_source("async_generator", items))))
    assert builtins.len(got) == 2 and got[0] is items[0] and got[1] is items[1]


def test_an_async_iterator_is_wrapped_not_returned(run) -> None:
    """The result is one of ours (it owns the source), not the source itself."""
    source = make_source("async_generator", [1])
    iterator = a.iter(source)
    assert iterator is not source
    assert re.fullmatch(r"<asyncitertools\.\w+ object at 0x[0-9a-f]+>", repr(iterator))
    assert run(lambda: collect(iterator)) == [1]


def test_an_object_with_both_protocols_is_iterated_asynchronously(run) -> None:
    class Both:
        def __iter__(self) -> Any:
            return builtins.iter(["sync"])

        def __aiter__(self) -> Any:
            return make_source("async_generator", ["async"])

    assert run(lambda: collect(a.iter(Both()))) == ["async"]


def test_a_stopiteration_from_a_plain_anext_is_an_error_not_a_value(run) -> None:
    error = StopIteration("from __anext__")
    got, raised = run(lambda: support.collect_until_error(a.iter(support.SyncRaisingAnext(error))))
    assert got == []
    support.assert_is_pep479_error(raised, error)


def test_a_sync_iterator_ending_with_a_stopiteration_value_just_ends(run) -> None:
    class Ends:
        def __iter__(self) -> Any:
            return self

        def __next__(self) -> Any:
            raise StopIteration("value")

    assert run(lambda: collect(a.iter(Ends()))) == []


@pytest.mark.parametrize("kind", RAISING_KINDS)
def test_an_exception_from_the_iterable_propagates_unchanged(run, kind: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        iterator = a.iter(iterable_of(kind, [1, Fail(error), 3]))
        got: list[Any] = [await a.anext(iterator)]
        try:
            got.append(await a.anext(iterator))
        except KeyError as raised:
            got.append(raised)
        got.append(await a.anext(iterator, "exhausted after the error"))
        return got

    got = run(scenario)
    assert got == [1, error, "exhausted after the error"]
    assert got[1] is error


# --- closing the owned source ---------------------------------------------------------------------


@pytest.mark.parametrize("suspends", [False, True])
def test_an_exhausted_source_is_closed_once_before_the_stop(run, suspends: bool) -> None:
    source = TrackedSource([1, 2], suspends=suspends)

    async def scenario() -> Any:
        iterator = a.iter(source)
        got = await collect(iterator)
        at_stop = source.closed
        await iterator.aclose()
        return got, at_stop

    assert run(scenario) == ([1, 2], 1)
    assert source.closed == 1


def test_a_failing_source_is_closed_before_the_error_propagates(run) -> None:
    error = ValueError("bad")
    source = TrackedSource([1, Fail(error)], suspends=True)

    async def scenario() -> Any:
        try:
            await collect(a.iter(source))
        except ValueError as raised:
            return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


def test_aclose_closes_the_source_and_ends_the_iteration(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.iter(logging_generator(range(5), log))
        first = await a.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()
        return first, list(log), await a.anext(iterator, "ended")

    assert run(scenario) == (0, [("finally", "source")], "ended")


def test_a_sync_source_is_not_closed(run) -> None:
    generator = (x for x in range(10))

    async def scenario() -> Any:
        iterator = a.iter(generator)
        got = await a.anext(iterator)
        await iterator.aclose()
        return got

    assert run(scenario) == 0
    assert builtins.next(generator) == 1


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_the_source_is_suspended_closes_it(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.iter(support.forever_after([1], log))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (1, [("finally", "source")], "ended")


# === iter(callable, stop_value, *, stop_exception) ============================================


class Calls:
    """A sync callable returning ``items`` one per call (a Fail raises); then IndexError."""

    def __init__(self, items: list[Any]) -> None:
        self.items = list(items)
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        if not self.items:
            raise IndexError("ran out")
        return support._produce(self.items.pop(0))


def reference_iter(function: Callable[[], Any], stop_value: Any, stop_exception: Any) -> Any:
    """The stdlib's iter(callable, sentinel); a stop_exception is turned into StopIteration."""

    stop_on = () if stop_exception is None else stop_exception

    def call() -> Any:
        try:
            return function()
        except stop_on as error:
            raise StopIteration from error

    return builtins.iter(call, object() if stop_value is MISSING else stop_value)


def our_iter(function: Callable[[], Any], stop_value: Any, stop_exception: Any) -> Any:
    if stop_value is MISSING:
        return a.iter(function, stop_exception=stop_exception)
    if stop_exception is None:
        return a.iter(function, stop_value)
    return a.iter(function, stop_value, stop_exception=stop_exception)


STOP_EXCEPTIONS = [None, IndexError, LookupError, (KeyError, IndexError), KeyError, ValueError]


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@settings(max_examples=60, deadline=None)
@given(
    items=st.lists(
        st.integers(0, 4) | st.none() | st.just(Fail(KeyError("k"))) | st.just(float("nan")),
        max_size=8,
    ),
    stop_value=st.integers(0, 4) | st.none() | st.just(MISSING),
    stop_exception=st.sampled_from(STOP_EXCEPTIONS),
    callable_kind=st.sampled_from(CALLABLE_KINDS),
)
def test_calls_behave_as_the_stdlib_iter_with_a_sentinel(
    loop: str, items, stop_value, stop_exception, callable_kind: str
) -> None:
    """Results up to the stop value or a matching exception; other errors propagate."""
    if stop_value is MISSING and stop_exception is None:
        stop_value = None
    expected = sync_outcome(reference_iter(Calls(items), stop_value, stop_exception))
    function = Calls(items)

    def scenario() -> Any:
        function_of_kind = callable_of(callable_kind, function)
        return collect_outcome(our_iter(function_of_kind, stop_value, stop_exception))

    got = support.run_in(loop, scenario)
    # nan != nan: compare the reprs of the results, and the exceptions as they are
    assert (repr(got[0]), got[1]) == (repr(expected[0]), expected[1])
    calls_expected = builtins.len(expected[0]) + 1
    assert function.calls == calls_expected


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_the_callable_is_called_once_per_anext_and_not_before(run, callable_kind: str) -> None:
    function = Calls([1, 2, 0, 3])

    async def scenario() -> Any:
        iterator = a.iter(callable_of(callable_kind, function), 0)
        seen = [function.calls]
        got = []
        for _ in range(5):
            got.append(await a.anext(iterator, "ended"))
            seen.append(function.calls)
        return got, seen

    assert run(scenario) == ([1, 2, "ended", "ended", "ended"], [0, 1, 2, 3, 3, 3])


def test_the_stop_value_may_be_given_by_keyword_and_may_be_none(run) -> None:
    assert run(lambda: collect(a.iter(Calls([1, None, 2]), None))) == [1]
    assert run(lambda: collect(a.iter(Calls([1, 2, 3]), stop_value=2))) == [1]


def test_results_are_the_same_objects(run) -> None:
    items = [object(), object(), None]
    got = run(lambda: collect(a.iter(Calls(items), None)))
    assert builtins.len(got) == 2 and got[0] is items[0] and got[1] is items[1]


# --- the stop value: identity, then == as the stdlib compares -------------------------------------


class Compared:
    """Logs every ``==`` it takes part in; ``answer`` is what its ``__eq__`` returns."""

    def __init__(self, name: str, log: list[Any], answer: Any = False) -> None:
        self.name = name
        self.log = log
        self.answer = answer

    def __eq__(self, other: object) -> Any:
        self.log.append((self.name, "==", getattr(other, "name", other)))
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return self.name


class Falsy:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error

    def __bool__(self) -> bool:
        if self.error is not None:
            raise self.error
        return False


SENTINEL_SCENARIOS: dict[str, Callable[[list[Any]], tuple[list[Any], Any]]] = {
    # (the results the callable gives, the stop value)
    "identity, __eq__ never asked": lambda log: (lambda s: ([Compared("x", log), s, "after"], s))(
        Compared("s", log)
    ),
    "the sentinel's __eq__ says no": lambda log: (
        [Compared("x", log, answer=True), "after"],
        Compared("s", log, answer=False),
    ),
    "NotImplemented: the result's __eq__": lambda log: (
        [Compared("x", log, answer=True), "after"],
        Compared("s", log, answer=NotImplemented),
    ),
    "a true non-bool answer": lambda log: (
        [Compared("x", log), "after"],
        Compared("s", log, answer=[1]),
    ),
    "a false non-bool answer": lambda log: (
        [Compared("x", log), "after"],
        Compared("s", log, answer=Falsy()),
    ),
    "an answer whose truth raises": lambda log: (
        [Compared("x", log), "after"],
        Compared("s", log, answer=Falsy(KeyError("truth"))),
    ),
    "__eq__ raises": lambda log: (
        [Compared("x", log), "after"],
        Compared("s", log, answer=KeyError("eq")),
    ),
    "nan is nan": lambda log: (lambda nan: ([1.0, nan], nan))(float("nan")),
    "another nan is not equal": lambda log: ([1.0, float("nan"), 2.0], float("nan")),
}


@pytest.mark.parametrize("scenario_name", SENTINEL_SCENARIOS)
def test_the_stop_value_is_compared_as_the_stdlib_compares_it(run, scenario_name: str) -> None:
    """Same results, same ``__eq__`` calls in the same order, same errors as the stdlib's."""

    def trace(collect_with: Callable[[Calls, Any], Any]) -> Any:
        log: list[Any] = []
        results, stop_value = SENTINEL_SCENARIOS[scenario_name](log)
        items, error = collect_with(Calls(results), stop_value)
        return repr(items), error, log

    theirs = trace(lambda f, s: sync_outcome(builtins.iter(f, s)))
    ours = trace(lambda f, s: run(lambda: collect_outcome(a.iter(f, s))))
    assert ours == theirs


def test_an_error_from_eq_propagates_unchanged(run) -> None:
    error = KeyError("eq")
    stop_value = Compared("s", [], answer=error)

    async def scenario() -> Any:
        try:
            await collect(a.iter(Calls([1]), stop_value))
        except KeyError as raised:
            return raised

    assert run(scenario) is error


def test_a_stopiteration_from_eq_is_an_error_not_a_value(run) -> None:
    """The stdlib's sync iter() just ends; across an await it must be a RuntimeError (PEP 479)."""
    error = StopIteration("from __eq__")
    stop_value = Compared("s", [], answer=error)
    got, raised = run(lambda: support.collect_until_error(a.iter(Calls([1]), stop_value)))
    assert got == []
    support.assert_is_pep479_error(raised, error)


def test_nan_stops_by_identity(run) -> None:
    nan = float("nan")
    assert run(lambda: collect(a.iter(Calls([1.0, nan, 2.0]), nan))) == [1.0]
    other = run(lambda: collect(a.iter(Calls([float("nan"), 2.0, nan]), nan)))
    assert math.isnan(other[0]) and other[0] is not nan and other[1:] == [2.0]


# --- stop_exception and the end of iteration ------------------------------------------------------


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
@pytest.mark.parametrize(
    "stop_exception",
    [IndexError, LookupError, (KeyError, IndexError)],
    ids=["class", "base class", "tuple"],
)
def test_a_matching_exception_ends_the_iteration_for_good(
    run, callable_kind: str, stop_exception: Any
) -> None:
    function = Calls([1, 2])

    async def scenario() -> Any:
        iterator = a.iter(callable_of(callable_kind, function), stop_exception=stop_exception)
        got = await collect(iterator)
        return got, await a.anext(iterator, "still ended"), function.calls

    assert run(scenario) == ([1, 2], "still ended", 3)


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_a_non_matching_exception_propagates_unchanged(run, callable_kind: str) -> None:
    error = KeyError("not stopping")
    function = Calls([1, Fail(error)])

    async def scenario() -> Any:
        iterator = a.iter(callable_of(callable_kind, function), 0, stop_exception=IndexError)
        got: list[Any] = [await a.anext(iterator)]
        try:
            await a.anext(iterator)
        except KeyError as raised:
            got.append(raised)
        return got

    got = run(scenario)
    assert got == [1, error]
    assert got[1] is error


def test_the_stop_value_and_stop_exception_together_whichever_comes_first(run) -> None:
    assert run(lambda: collect(a.iter(Calls([1, 0, 2]), 0, stop_exception=IndexError))) == [1]
    assert run(lambda: collect(a.iter(Calls([1, 2]), 0, stop_exception=IndexError))) == [1, 2]


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
@pytest.mark.parametrize("stop", [StopAsyncIteration, StopIteration])
def test_stopasynciteration_or_a_sync_stopiteration_ends_the_iteration(
    run, callable_kind: str, stop: type[BaseException]
) -> None:
    """StopAsyncIteration from the call or its awaitable ends it; so does StopIteration, but
    only from a sync call: inside a coroutine Python makes it a RuntimeError, which propagates."""
    function = Calls([1, Fail(stop("end"))])

    async def scenario() -> Any:
        iterator = a.iter(callable_of(callable_kind, function), 0)
        items, error = await collect_outcome(iterator)
        if error is not None:
            return items, error, None, None
        return items, error, await a.anext(iterator, "still ended"), function.calls

    items, error, after, calls = run(scenario)
    assert items == [1]
    if stop is StopIteration and callable_kind in ("async", "suspending_async"):
        assert error == Raised(RuntimeError, ("coroutine raised StopIteration",))
    elif stop is StopIteration and callable_kind == "returns_awaitable":
        assert error == Raised(RuntimeError, ("generator raised StopIteration",))
    else:
        assert (error, after, calls) == (None, "still ended", 2)


def test_without_stop_value_it_runs_until_the_exception(run) -> None:
    got = run(lambda: collect(a.iter(Calls([1, None, 0]), stop_exception=IndexError)))
    assert got == [1, None, 0]


# --- closing, cancellation, misuse ----------------------------------------------------------------


def test_aclose_ends_it_without_another_call(run) -> None:
    function = Calls([1, 2, 3])

    async def scenario() -> Any:
        iterator = a.iter(function, 0)
        first = await a.anext(iterator)
        await iterator.aclose()
        return first, await a.anext(iterator, "ended"), function.calls

    assert run(scenario) == (1, "ended", 1)


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_the_callable_is_suspended_propagates(loop: str) -> None:
    log: list[Any] = []

    async def function() -> Any:
        try:
            await support.wait_forever()
        finally:
            log.append("callable finally")

    async def scenario() -> Any:
        iterator = a.iter(function, None)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return list(log)

    assert support.run_in(loop, scenario) == ["callable finally"]


@pytest.mark.parametrize("form", ["iterable", "callable"])
def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error(form: str) -> None:
    async def suspending() -> int:
        await support.suspend()
        return 1

    async def scenario() -> Any:
        if form == "iterable":
            iterator = a.iter(make_source("suspending_async_generator", [1, 2]))
        else:
            iterator = a.iter(suspending, 0)
        first = iterator.__anext__()
        first.send(None)  # suspended inside the source or the callable
        with pytest.raises(RuntimeError) as second:
            await iterator.__anext__()
        with pytest.raises(RuntimeError) as closing:
            await iterator.aclose()
        first.close()
        return str(second.value), closing.value

    second, closing = support.run_in("asyncio", scenario)
    assert second == "anext(): asynchronous iterator is already running"
    assert "already running" in str(closing)  # aclose() while a step is in flight


def test_after_the_stop_value_and_after_aclose_anext_raises_stopasynciteration(run) -> None:
    """The callable form. (The iterable form, as every iterator: test_objects.py.)"""

    async def scenario() -> Any:
        ended = a.iter(Calls([1, 0]), 0)
        await collect(ended)
        closed = a.iter(Calls([1, 0]), 0)
        await closed.aclose()
        outcomes = []
        for iterator in (ended, ended, closed, closed):
            try:
                await iterator.__anext__()
            except StopAsyncIteration:
                outcomes.append("stop")
        return outcomes

    assert run(scenario) == ["stop"] * 4


def test_the_callable_form_is_a_callable_iterator_with_a_readable_repr() -> None:
    """Named as the builtin's. (The iterable form, as every iterator: test_objects.py.)"""
    iterator = a.iter(Calls([]), 0)
    assert iterator.__aiter__() is iterator
    assert type(iterator).__qualname__ == "callable_iterator"
    assert type(iterator).__module__ == "asyncitertools"
    assert repr(iterator) == f"<asyncitertools.callable_iterator object at {id(iterator):#x}>"
    assert gc.is_tracked(iterator)


@pytest.mark.parametrize("form", ["callable", "stop_value"])
def test_a_cycle_through_the_callable_form_is_collected(form: str) -> None:
    """Through the callable or the stop value. (The iterable form: test_objects.py.)"""

    class Holder:
        def method(self) -> Any:
            return self

    holder = Holder()
    if form == "callable":
        holder.iterator = a.iter(holder.method, None)
    else:
        holder.iterator = a.iter(Calls([1]), holder)
    holder.step = holder.iterator.__anext__()
    alive = weakref.ref(holder)
    del holder
    gc.collect()
    assert alive() is None


# --- arguments ------------------------------------------------------------------------------------


class IterReturnsInt:
    def __iter__(self) -> Any:
        return 1


ARGUMENT_CASES: list[tuple[Any, ...]] = [
    (),
    (1,),
    (support.long_named_class()(),),
    (IterReturnsInt(),),
    (1, 2),
    ([], 2),
    (len, 1, 2),
]


@pytest.mark.parametrize("args", ARGUMENT_CASES, ids=repr)
def test_argument_errors_are_the_stdlibs(args: tuple[Any, ...]) -> None:
    """Raised by the call itself, with the stdlib's type and message for this Python."""
    theirs = exception_of(builtins.iter, *args)
    ours = exception_of(a.iter, *args)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


def test_the_messages_of_this_python() -> None:
    """The texts themselves (3.12.0 to 3.12.9 alone word the non-callable one differently)."""
    assert str(exception_of(a.iter, 1)) == "'int' object is not iterable"
    if (3, 12) <= sys.version_info < (3, 12, 10):
        not_callable = "iter(object, sentinel): object must be callable"
    else:
        not_callable = "iter(v, w): v must be callable"
    assert str(exception_of(a.iter, 1, 2)) == not_callable
    assert str(exception_of(a.iter, 1, 2)) == str(exception_of(builtins.iter, 1, 2))


def test_a_non_callable_with_only_stop_exception_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        a.iter(1, stop_exception=ValueError)


def test_an_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        a.iter(len, 0, foo=1)


# --- very deep chains --------------------------------------------------------------------------

DEEP_CHAIN_SCRIPT = """
import asyncio
import asyncitertools as a

LAYERS = {
    "iter": lambda x: a.iter(x),
    "zip": lambda x: a.zip(x),
    "filter": lambda x: a.filter(None, x),
}


async def source():
    yield 1


async def main(layer, operation):
    chain = source()
    for _ in range(%(depth)d):
        chain = LAYERS[layer](chain)
    try:
        if operation == "step":
            await a.anext(chain)
        else:
            await chain.aclose()
    except RecursionError:
        return "RecursionError"
    return "ok"


print(asyncio.run(main(%(layer)r, %(operation)r)))
"""


@pytest.mark.parametrize("operation", ["step", "aclose"])
@pytest.mark.parametrize("layer", ["iter", "zip", "filter"])
def test_a_very_deep_chain_of_our_iterators_does_not_crash(layer: str, operation: str) -> None:
    """Each layer drives the one below natively; 200,000 layers must work or raise
    RecursionError, as Python code would, never overflow the C stack (a child process, so a
    crash fails this test alone)."""
    script = DEEP_CHAIN_SCRIPT % {"depth": 200_000, "layer": layer, "operation": operation}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) in [(0, "ok"), (0, "RecursionError")], (
        f"exit status {done.returncode}, stderr: {done.stderr[-2000:]}"
    )
