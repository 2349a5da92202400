"""``asyncitertools.map``: the stdlib's ``map`` with a sync or async function, ``strict`` included.

For each item it pulls one value from every iterable (in argument order, stopping at the first
exhausted one), then calls ``function(*values)``; a result whose type has ``__await__`` is
awaited, once. ``strict`` behaves as Python 3.14's ``map(..., strict=True)``, with messages
naming ``map()``.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a

import support
from support import (
    CALLABLE_KINDS,
    ITERABLE_KINDS,
    Deferred,
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


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def reference_map(function: Any, *iterables: Any, strict: bool = False) -> Any:
    """The stdlib's map; before 3.14 (no ``strict``), zip's strict check renamed to map()."""
    if sys.version_info >= (3, 14):
        yield from builtins.map(function, *iterables, strict=strict)
        return
    try:
        for args in builtins.zip(*iterables, strict=strict):
            yield function(*args)
    except ValueError as error:
        if strict and str(error).startswith("zip() argument "):
            raise ValueError(str(error).replace("zip()", "map()", 1)) from None
        raise


def describe(*args: Any) -> Any:
    """The function mapped in the differential tests: fails on "!", else tags its arguments."""
    if "!" in args:
        raise ArithmeticError("function failed")
    return ("f", *args)


# --- results -----------------------------------------------------------------------------------

CASES = [[[1, 2, 3]], [[1, 2, 3], ["a", "b"]], [[], [1]]]


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
@pytest.mark.parametrize("kind", ITERABLE_KINDS)
@pytest.mark.parametrize("lists", CASES, ids=repr)
def test_results_equal_the_stdlib_map(run, kind: str, callable_kind: str, lists) -> None:
    """``map(f, *iterables)`` gives the stdlib's results, for every kind of iterable and f."""
    function = callable_of(callable_kind, describe)
    got = run(lambda: collect(a.map(function, *(iterable_of(kind, items) for items in lists))))
    assert got == list(builtins.map(describe, *lists))


ITEMS = st.lists(st.integers() | st.text(max_size=2) | st.none() | st.just("!"), max_size=6)
SOURCES = st.lists(st.tuples(st.sampled_from(ITERABLE_KINDS), ITEMS), min_size=1, max_size=3)
FAILURE = st.none() | st.tuples(st.integers(0, 2), st.integers(0, 6))


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@settings(max_examples=50, deadline=None)
@given(
    sources=SOURCES,
    callable_kind=st.sampled_from(CALLABLE_KINDS),
    strict=st.booleans(),
    failure=FAILURE,
)
def test_any_data_behaves_as_the_stdlib_map(
    loop: str, sources, callable_kind: str, strict: bool, failure
) -> None:
    """Results, function errors ("!"), source errors and strict ValueErrors as the stdlib's."""
    sources = [(kind, list(items)) for kind, items in sources]
    if failure is not None:
        index, position = failure
        kind, items = sources[index % len(sources)]
        items.insert(min(position, len(items)), Fail(LookupError("source failed")))
    expected = sync_outcome(
        reference_map(
            describe, *(oracle_iterable(kind, items) for kind, items in sources), strict=strict
        )
    )

    def scenario() -> Any:
        iterables = [iterable_of(kind, items) for kind, items in sources]
        function = callable_of(callable_kind, describe)
        return collect_outcome(a.map(function, *iterables, strict=strict))

    assert support.run_in(loop, scenario) == expected


def test_the_function_gets_the_items_themselves_in_argument_order(run) -> None:
    firsts, seconds = [object(), object()], [object(), object()]
    calls: list[tuple[Any, ...]] = []

    def record(*args: Any) -> Any:
        calls.append(args)
        return args

    async def scenario() -> Any:
        return await collect(a.map(record, make_source("async_generator", firsts), seconds))

    got = run(scenario)
    assert len(calls) == 2
    triples = builtins.zip(calls, firsts, seconds, strict=True)
    assert all(x is f and y is s for (x, y), f, s in triples)
    assert all(result is call for result, call in builtins.zip(got, calls, strict=True))


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_the_function_is_called_once_per_anext_and_not_before(run, callable_kind: str) -> None:
    calls: list[Any] = []

    def record(x: Any) -> Any:
        calls.append(x)
        return x * 10

    async def scenario() -> Any:
        iterator = a.map(callable_of(callable_kind, record), make_source("async_generator", [1, 2]))
        seen = [list(calls)]
        for _ in range(3):
            await a.anext(iterator, None)
            seen.append(list(calls))
        return seen

    assert run(scenario) == [[], [1], [1, 2], [1, 2]]


@pytest.mark.parametrize("shorter", [0, 1])
def test_sync_sources_are_consumed_as_the_stdlib_consumes_them(run, shorter: int) -> None:
    def iterables(first: Any) -> list[Any]:
        longer = builtins.iter(range(10))
        return [first, longer] if shorter == 0 else [longer, first]

    theirs = iterables(builtins.iter(range(3)))
    builtins.list(builtins.map(describe, *theirs))

    ours = iterables(make_source("async_generator", range(3)))
    run(lambda: collect(a.map(describe, *ours)))
    assert builtins.list(ours[1 - shorter]) == builtins.list(theirs[1 - shorter])


# --- what is awaited -----------------------------------------------------------------------------


def test_a_coroutine_returned_by_a_sync_function_is_awaited(run) -> None:
    async def double(x: int) -> int:
        await support.suspend()
        return 2 * x

    assert run(lambda: collect(a.map(lambda x: double(x), [1, 2]))) == [2, 4]


def test_an_awaitable_is_awaited_once_what_it_returns_is_the_value(run) -> None:
    """An ``async def`` returning an awaitable object: that object is the item, not awaited."""
    inner = Deferred(lambda: "awaited twice", ())

    async def function(x: Any) -> Any:
        return inner

    assert run(lambda: collect(a.map(function, [1]))) == [inner]


def test_only_results_whose_type_has_await_are_awaited(run) -> None:
    """A generator, or an object with ``__await__`` set on the instance only, is a value."""

    def generator() -> Any:
        yield "not awaited"  # pragma: no cover

    class InstanceAwait:
        pass

    instance = InstanceAwait()
    instance.__await__ = lambda: builtins.iter(())  # type: ignore[attr-defined]
    gen = generator()
    results = [gen, instance, 3]
    got = run(lambda: collect(a.map(lambda i: results[i], range(3))))
    assert got == results
    assert got[0] is gen and got[1] is instance


class AwaitReturnsInt:
    def __await__(self) -> Any:
        return 1


class AwaitRaises:
    error = KeyError("in __await__")

    def __await__(self) -> Any:
        raise self.error


@pytest.mark.parametrize("awaitable_type", [AwaitReturnsInt, AwaitRaises])
def test_a_result_that_cannot_be_awaited_fails_as_await_does(run, awaitable_type: type) -> None:
    """The same exception type and message as ``await result`` in Python."""

    async def python_await() -> Any:
        try:
            await awaitable_type()
        except Exception as raised:
            return type(raised), str(raised)

    async def ours() -> Any:
        try:
            await collect(a.map(lambda x: awaitable_type(), [1]))
        except Exception as raised:
            return type(raised), str(raised)

    assert run(ours) == run(python_await)


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_function_propagates_unchanged(run, callable_kind: str) -> None:
    """The very exception object, not a copy and not a value; map is exhausted afterwards."""
    error = KeyError("boom")

    def function(x: int) -> int:
        if x == 2:
            raise error
        return x

    async def scenario() -> Any:
        iterator = a.map(callable_of(callable_kind, function), [1, 2, 3])
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


@pytest.mark.parametrize("kind", RAISING_KINDS)
def test_an_exception_from_a_source_propagates_unchanged(run, kind: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        iterator = a.map(describe, [1, 2, 3], iterable_of(kind, [1, Fail(error), 3]))
        got: list[Any] = [await a.anext(iterator)]
        try:
            got.append(await a.anext(iterator))
        except KeyError as raised:
            got.append(raised)
        got.append(await a.anext(iterator, "exhausted after the error"))
        return got

    got = run(scenario)
    assert got == [("f", 1, 1), error, "exhausted after the error"]
    assert got[1] is error


def test_a_stopiteration_from_a_sync_function_is_an_error_not_a_value_or_the_end(run) -> None:
    """Sync map ends silently on it; an await cannot carry it: it is a RuntimeError (PEP 479)
    whose cause or context is the StopIteration."""
    error = StopIteration("from the function")

    def function(x: int) -> int:
        if x == 2:
            raise error
        return x

    got, raised = run(lambda: support.collect_until_error(a.map(function, [1, 2, 3])))
    assert got == [1]
    support.assert_is_pep479_error(raised, error)


def test_a_function_that_returns_an_exception_produces_it_as_a_value(run) -> None:
    error = KeyError("a value")
    assert run(lambda: collect(a.map(lambda x: error, [1]))) == [error]


# --- closing -------------------------------------------------------------------------------------

CLOSED_AB = [("closed", "a"), ("closed", "b")]


def tracked(log: list[Any], suspends: bool, *lengths: int) -> list[TrackedSource]:
    return [
        TrackedSource(range(length), log, name, suspends)
        for name, length in builtins.zip("ab", lengths, strict=True)
    ]


@pytest.mark.parametrize("suspends", [False, True])
def test_the_sources_are_closed_before_the_stop(run, suspends: bool) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        got = await collect(a.map(describe, *tracked(log, suspends, 2, 3)))
        return got, sorted(log)

    assert run(scenario) == ([("f", 0, 0), ("f", 1, 1)], CLOSED_AB)
    assert sorted(log) == CLOSED_AB  # once each


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_function_closes_the_sources_first(run, callable_kind: str) -> None:
    log: list[Any] = []
    error = ValueError("bad")

    def function(x: int, y: int) -> int:
        if x == 1:
            raise error
        return x

    async def scenario() -> Any:
        iterator = a.map(callable_of(callable_kind, function), *tracked(log, False, 3, 3))
        await a.anext(iterator)
        try:
            await a.anext(iterator)
        except ValueError as raised:
            return raised, sorted(log)

    raised, at_raise = run(scenario)
    assert raised is error
    assert at_raise == CLOSED_AB


def test_an_exception_from_a_source_closes_every_source_first(run) -> None:
    log: list[Any] = []
    error = ValueError("bad")

    async def scenario() -> Any:
        sources = tracked(log, True, 3, 3)
        sources[1].items[0] = Fail(error)
        try:
            await collect(a.map(describe, *sources))
        except ValueError as raised:
            return raised, sorted(log)

    raised, at_raise = run(scenario)
    assert raised is error
    assert at_raise == CLOSED_AB


def test_aclose_closes_the_sources_and_ends_the_iteration(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.map(describe, logging_generator(range(5), log, "a"), range(5))
        first = await a.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()
        return first, list(log), await a.anext(iterator, "ended")

    assert run(scenario) == (("f", 0, 0), [("finally", "a")], "ended")


def test_sync_sources_are_not_closed(run) -> None:
    generator = (x for x in range(10))

    async def scenario() -> Any:
        return await collect(a.map(describe, generator, make_source("async_generator", "ab")))

    assert run(scenario) == [("f", 0, "a"), ("f", 1, "b")]
    assert builtins.next(generator) == 3


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_a_source_is_suspended_closes_the_sources(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.map(
            describe,
            logging_generator(range(5), log, "a"),
            support.forever_after([0], log, "b"),
        )
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, sorted(log), await a.anext(iterator, "ended")

    expected = (("f", 0, 0), [("finally", "a"), ("finally", "b")], "ended")
    assert support.run_in(loop, scenario) == expected


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_the_function_is_suspended_closes_the_sources(loop: str) -> None:
    log: list[Any] = []

    async def function(x: int) -> int:
        try:
            if x == 1:
                await support.wait_forever()
            return x
        finally:
            log.append(("function finally", x))

    async def scenario() -> Any:
        iterator = a.map(function, logging_generator(range(5), log, "a"))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    expected = (0, [("function finally", 0), ("function finally", 1), ("finally", "a")], "ended")
    assert support.run_in(loop, scenario) == expected


# --- strict --------------------------------------------------------------------------------------

# Python 3.14's texts (the stdlib map has no strict before), the same as zip's with map().
STRICT_CASES = [
    ([[1], []], "map() argument 2 is shorter than argument 1"),
    ([[], [1]], "map() argument 2 is longer than argument 1"),
    ([[1], [1], []], "map() argument 3 is shorter than arguments 1-2"),
    ([[1], [1], [1, 2]], "map() argument 3 is longer than arguments 1-2"),
    ([[1, 2], [1], [1, 2]], "map() argument 2 is shorter than argument 1"),
]


@pytest.mark.parametrize(("lists", "message"), STRICT_CASES)
def test_strict_length_mismatches_are_value_errors_naming_map(
    run, lists: list[list[int]], message: str
) -> None:
    """The arguments are counted among the iterables (the function is not argument 1)."""
    expected_items = [("f", *args) for args in builtins.zip(*lists, strict=False)]

    def scenario() -> Any:
        sources = [make_source("suspending_async_generator", items) for items in lists]
        return collect_outcome(a.map(describe, *sources, strict=True))

    assert run(scenario) == (expected_items, Raised(ValueError, (message,)))


def test_strict_with_equal_lengths_and_a_single_iterable_is_plain_map(run) -> None:
    assert run(lambda: collect(a.map(describe, [1, 2], "ab", strict=True))) == [
        ("f", 1, "a"),
        ("f", 2, "b"),
    ]
    assert run(lambda: collect(a.map(describe, [1, 2], strict=True))) == [("f", 1), ("f", 2)]


def test_strict_closes_the_sources_on_a_mismatch(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        try:
            await collect(a.map(describe, *tracked(log, False, 2, 1), strict=True))
        except ValueError:
            return sorted(log)

    assert run(scenario) == CLOSED_AB


# --- misuse and the object -----------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def function(x: int) -> int:
        await support.suspend()
        return x

    async def scenario() -> Any:
        iterator = a.map(function, [1, 2])
        first = iterator.__anext__()
        first.send(None)  # suspended inside the function
        with pytest.raises(RuntimeError) as second:
            await iterator.__anext__()
        with pytest.raises(RuntimeError) as closing:
            await iterator.aclose()
        first.close()
        return str(second.value), closing.value, await collect(iterator)

    second, closing, rest = support.run_in("asyncio", scenario)
    assert second == "anext(): asynchronous iterator is already running"
    assert "already running" in str(closing)  # aclose() while a step is in flight
    assert rest == []


def test_a_function_that_steps_its_own_map_gets_the_already_running_error(run) -> None:
    iterators: list[Any] = []

    async def function(x: int) -> Any:
        return await a.anext(iterators[0])

    async def scenario() -> Any:
        iterators.append(a.map(function, [1, 2]))
        try:
            await collect(iterators[0])
        except RuntimeError as raised:
            return str(raised), await a.anext(iterators[0], "ended")

    expected = ("anext(): asynchronous iterator is already running", "ended")
    assert run(scenario) == expected


# --- arguments -----------------------------------------------------------------------------------


def test_fewer_than_two_arguments_is_the_stdlibs_error() -> None:
    for args in [(), (describe,)]:
        theirs = exception_of(builtins.map, *args)
        ours = exception_of(a.map, *args)
        assert (type(ours), str(ours)) == (type(theirs), str(theirs))
        assert str(ours) == "map() must have at least two arguments."


@pytest.mark.parametrize(
    "args",
    [(describe, 1), (describe, [], 1), (describe, support.long_named_class()())],
    ids=["first", "second", "long name"],
)
def test_a_non_iterable_is_the_stdlibs_error(args: tuple[Any, ...]) -> None:
    theirs = exception_of(builtins.map, *args)
    ours = exception_of(a.map, *args)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


def test_an_unknown_keyword_is_rejected_like_zip_does() -> None:
    """map takes ``strict`` only (3.14); other keywords get zip's text, naming map()."""
    if sys.version_info >= (3, 14):
        theirs = str(exception_of(builtins.map, describe, [], foo=1))
    else:
        theirs = str(exception_of(builtins.zip, [], foo=1)).replace("zip()", "map()")
    ours = exception_of(a.map, describe, [], foo=1)
    assert (type(ours), str(ours)) == (TypeError, theirs)


@pytest.mark.parametrize("function", [None, 1])
def test_a_non_callable_function_is_the_stdlibs_type_error(run, function: Any) -> None:
    """The stdlib raises it at the first item; at the call is tolerated (same message)."""
    theirs = exception_of(builtins.list, builtins.map(function, [1]))

    async def scenario() -> Any:
        try:
            await collect(a.map(function, [1]))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)
