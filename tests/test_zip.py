"""``asyncitertools.zip``: the stdlib's ``zip`` over sync and async iterables, ``strict`` included.

Tuples are built in argument order, pulling one item from each iterable in turn, and the
iteration stops at the first exhausted iterable, as the stdlib's zip does. Every async source
it obtained is owned: closed (``aclose()`` awaited, in argument order) when zip is done with it.
"""

from __future__ import annotations

import asyncio
import builtins
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools as a

import support
from support import (
    ITERABLE_KINDS,
    Fail,
    Raised,
    TrackedSource,
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
    """What the stdlib's zip gets in place of ``iterable_of(kind, items)``: same items, errors."""
    return items if kind == "list" else support._sync_generator(items)


# --- results -----------------------------------------------------------------------------------

CASES = [
    [],
    [[]],
    [[1, 2, 3]],
    [[1, 2, 3], ["a", "b"]],
    [["a", "b"], [1, 2, 3]],
    [[1], [2, 3], []],
    [list(range(6)), list(range(6)), list(range(6))],
]


@pytest.mark.parametrize("kind", ITERABLE_KINDS)
@pytest.mark.parametrize("lists", CASES, ids=repr)
def test_tuples_equal_the_stdlib_zip(run, kind: str, lists: list[list[Any]]) -> None:
    """``zip(*iterables)`` gives the stdlib's tuples, for every kind of iterable."""
    got = run(lambda: collect(a.zip(*(iterable_of(kind, items) for items in lists))))
    assert got == list(builtins.zip(*lists, strict=False))


ITEMS = st.lists(st.integers() | st.text(max_size=2) | st.none(), max_size=6)
SOURCES = st.lists(st.tuples(st.sampled_from(ITERABLE_KINDS), ITEMS), max_size=4)
FAILURE = st.none() | st.tuples(st.integers(0, 3), st.integers(0, 6))


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@settings(max_examples=50, deadline=None)
@given(sources=SOURCES, strict=st.booleans(), failure=FAILURE)
def test_any_mix_of_sources_behaves_as_the_stdlib_zip(loop: str, sources, strict, failure) -> None:
    """Items, strict-mode ValueErrors (message included) and source errors as the stdlib's zip.

    ``failure`` puts a failing item into one source: the error must surface at the same point.
    """
    sources = [(kind, list(items)) for kind, items in sources]
    if failure is not None and sources:
        index, position = failure
        kind, items = sources[index % len(sources)]
        items.insert(min(position, len(items)), Fail(LookupError("failed")))
    expected = sync_outcome(
        builtins.zip(*(oracle_iterable(kind, items) for kind, items in sources), strict=strict)
    )

    def scenario() -> Any:
        iterables = [iterable_of(kind, items) for kind, items in sources]
        return collect_outcome(a.zip(*iterables, strict=strict))

    assert support.run_in(loop, scenario) == expected


@pytest.mark.parametrize("kind", ["async_generator", "suspending_anext", "sync_generator"])
def test_the_same_iterator_twice_alternates_as_in_the_stdlib(run, kind: str) -> None:
    real = iterable_of(kind, range(5))
    expected_source = builtins.iter(range(5))
    expected = builtins.list(builtins.zip(expected_source, expected_source, strict=False))
    assert run(lambda: collect(a.zip(real, real))) == expected == [(0, 1), (2, 3)]


def test_zip_of_nothing_is_empty(run) -> None:
    assert run(lambda: collect(a.zip())) == []
    assert run(lambda: collect(a.zip(strict=True))) == []


def test_items_are_the_same_objects_in_real_tuples(run) -> None:
    firsts, seconds = [object(), object()], [object(), object()]

    async def scenario() -> Any:
        return await collect(a.zip(make_source("async_generator", firsts), seconds))

    got = run(scenario)
    assert [type(pair) for pair in got] == [tuple, tuple]
    triples = builtins.zip(got, firsts, seconds, strict=True)
    assert all(x is f and y is s for (x, y), f, s in triples)


def test_an_object_with_both_protocols_is_iterated_asynchronously(run) -> None:
    class Both:
        def __iter__(self) -> Any:
            return builtins.iter(["sync"])

        def __aiter__(self) -> Any:
            return make_source("async_generator", ["async"])

    assert run(lambda: collect(a.zip(Both(), [1]))) == [("async", 1)]


def test_nothing_is_pulled_before_the_first_anext(run) -> None:
    sources = [TrackedSource([1, 2]), TrackedSource([3, 4])]

    async def scenario() -> Any:
        iterator = a.zip(*sources)
        before = [source.pulled for source in sources]
        first = await a.anext(iterator)
        return before, first, [source.pulled for source in sources]

    assert run(scenario) == ([0, 0], (1, 3), [1, 1])


@pytest.mark.parametrize("shorter", [0, 1])
def test_sync_sources_are_consumed_as_the_stdlib_consumes_them(run, shorter: int) -> None:
    """Pulled in argument order up to the first exhausted one: what is left is the stdlib's."""

    def iterables(first: Any) -> list[Any]:
        longer = builtins.iter(range(10))
        return [first, longer] if shorter == 0 else [longer, first]

    theirs = iterables(builtins.iter(range(3)))
    builtins.list(builtins.zip(*theirs, strict=False))

    ours = iterables(make_source("async_generator", range(3)))
    run(lambda: collect(a.zip(*ours)))
    assert builtins.list(ours[1 - shorter]) == builtins.list(theirs[1 - shorter])


# --- errors from the sources ---------------------------------------------------------------------


@pytest.mark.parametrize("position", [0, 2])
@pytest.mark.parametrize("kind", RAISING_KINDS)
def test_an_exception_from_a_source_propagates_unchanged(run, kind: str, position: int) -> None:
    """The very exception object, not a copy and not a value; zip is exhausted afterwards."""
    error = KeyError("boom")

    async def scenario() -> Any:
        lists: list[list[Any]] = [[1, 2], [3, 4], [5, 6]]
        lists[position] = [lists[position][0], Fail(error)]
        iterator = a.zip(*(iterable_of(kind, items) for items in lists))
        got: list[Any] = [await a.anext(iterator)]
        try:
            got.append(await a.anext(iterator))
        except KeyError as raised:
            got.append(raised)
        got.append(await a.anext(iterator, "exhausted after the error"))
        return got

    got = run(scenario)
    assert got == [(1, 3, 5), error, "exhausted after the error"]
    assert got[1] is error


def test_a_stopiteration_from_a_source_is_an_error_not_a_value(run) -> None:
    """A plain ``__anext__`` raising StopIteration: an error as ``async for`` makes it (PEP 479),
    neither a value nor the end. (From an ``async def __anext__`` Python converts it itself.)"""
    error = StopIteration("from __anext__")

    async def scenario() -> Any:
        return await support.collect_until_error(a.zip([1, 2], support.SyncRaisingAnext(error)))

    got, raised = run(scenario)
    assert got == []
    support.assert_is_pep479_error(raised, error)


# --- closing -----------------------------------------------------------------------------------

CLOSED_ABC = [("closed", "a"), ("closed", "b"), ("closed", "c")]


def tracked(log: list[Any], suspends: bool, *lengths: int) -> list[TrackedSource]:
    return [
        TrackedSource(range(length), log, name, suspends)
        for name, length in builtins.zip("abc", lengths, strict=True)
    ]


@pytest.mark.parametrize("suspends", [False, True])
def test_all_sources_are_closed_in_order_before_the_stop(run, suspends: bool) -> None:
    """Exhaustion: every async source's aclose() is awaited, in argument order, before the
    StopAsyncIteration; the exhausted one too (once)."""
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.zip(*tracked(log, suspends, 2, 2, 2))
        got = await collect(iterator)
        at_stop = list(log)
        await iterator.aclose()
        return got, at_stop

    assert run(scenario) == ([(0, 0, 0), (1, 1, 1)], CLOSED_ABC)
    assert log == CLOSED_ABC


@pytest.mark.parametrize("shortest", [0, 1, 2])
def test_stopping_at_the_shortest_closes_the_other_sources(run, shortest: int) -> None:
    log: list[Any] = []
    lengths = [5, 5, 5]
    lengths[shortest] = 2

    async def scenario() -> Any:
        sources = [
            logging_generator(range(length), log, name)
            for name, length in builtins.zip("abc", lengths, strict=True)
        ]
        got = await collect(a.zip(*sources))
        return got, sorted(log)

    assert run(scenario) == ([(0, 0, 0), (1, 1, 1)], [("finally", name) for name in "abc"])


@pytest.mark.parametrize("suspends", [False, True])
@pytest.mark.parametrize("failing", [0, 1, 2])
def test_an_exception_closes_every_source_before_it_propagates(
    run, suspends: bool, failing: int
) -> None:
    log: list[Any] = []
    error = ValueError("bad")

    async def scenario() -> Any:
        sources = tracked(log, suspends, 3, 3, 3)
        sources[failing].items[1] = Fail(error)
        iterator = a.zip(*sources)
        await a.anext(iterator)
        try:
            await a.anext(iterator)
        except ValueError as raised:
            return raised, list(log)

    raised, at_raise = run(scenario)
    assert raised is error
    assert at_raise == CLOSED_ABC


@pytest.mark.parametrize("suspends", [False, True])
def test_aclose_closes_every_source_in_order_and_ends_the_iteration(run, suspends: bool) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.zip(*tracked(log, suspends, 3, 3, 3))
        first = await a.anext(iterator)
        await iterator.aclose()
        at_close = list(log)
        await iterator.aclose()  # closing twice is harmless and closes nothing twice
        return first, at_close, await a.anext(iterator, "ended")

    assert run(scenario) == ((0, 0, 0), CLOSED_ABC, "ended")
    assert log == CLOSED_ABC


def test_aclose_before_any_anext_closes_the_sources(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.zip(*tracked(log, False, 3, 3, 3))
        await iterator.aclose()
        return list(log), await a.anext(iterator, "ended")

    assert run(scenario) == (CLOSED_ABC, "ended")


def test_async_generator_sources_run_their_finally_on_early_aclose(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.zip(logging_generator(range(5), log, "a"), logging_generator("xyz", log, "b"))
        first = await a.anext(iterator)
        await iterator.aclose()
        return first, list(log)

    assert run(scenario) == ((0, "x"), [("finally", "a"), ("finally", "b")])


@pytest.mark.parametrize("failing", [0, 1, 2])
def test_a_failing_close_does_not_stop_the_others_and_propagates(run, failing: int) -> None:
    """All sources are closed in order even if one aclose() raises; that error comes out."""
    log: list[Any] = []
    error = OSError("close failed")

    async def scenario() -> Any:
        sources = tracked(log, False, 1, 1, 1)
        sources[failing].close_error = error
        try:
            await collect(a.zip(*sources))
        except OSError as raised:
            return raised, list(log)

    raised, at_raise = run(scenario)
    assert raised is error
    assert at_raise == CLOSED_ABC


def test_a_failing_close_after_a_source_error_replaces_it_as_its_context(run) -> None:
    log: list[Any] = []
    error, close_error = KeyError("source"), OSError("close")

    async def scenario() -> Any:
        sources = tracked(log, False, 2, 2, 2)
        sources[0].items[0] = Fail(error)
        sources[1].close_error = close_error
        try:
            await collect(a.zip(*sources))
        except OSError as raised:
            return raised, list(log)

    raised, at_raise = run(scenario)
    assert raised is close_error and raised.__context__ is error
    assert at_raise == CLOSED_ABC


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(3)], ids=repr)
def test_a_base_exception_from_a_source_closes_every_source_and_propagates(
    run, error: BaseException
) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        sources = tracked(log, False, 2, 2, 2)
        sources[2].items[1] = Fail(error)
        try:
            await collect(a.zip(*sources))
        except BaseException as raised:
            return raised, list(log)

    raised, at_raise = run(scenario)
    assert raised is error
    assert at_raise == CLOSED_ABC


def test_a_failing_close_on_consumer_aclose_still_closes_the_others(run) -> None:
    log: list[Any] = []
    error = OSError("close failed")

    async def scenario() -> Any:
        sources = tracked(log, False, 3, 3, 3)
        sources[0].close_error = error
        iterator = a.zip(*sources)
        await a.anext(iterator)
        try:
            await iterator.aclose()
        except OSError as raised:
            return raised, list(log), await a.anext(iterator, "ended")

    raised, at_raise, after = run(scenario)
    assert raised is error
    assert (at_raise, after) == (CLOSED_ABC, "ended")


def test_two_failing_closes_still_close_every_source(run) -> None:
    log: list[Any] = []
    errors = [OSError("first"), OSError("second")]

    async def scenario() -> Any:
        sources = tracked(log, False, 1, 1, 1)
        sources[0].close_error, sources[2].close_error = errors
        try:
            await collect(a.zip(*sources))
        except OSError as raised:
            return raised, list(log)

    raised, at_raise = run(scenario)
    assert any(raised is error for error in errors)
    assert at_raise == CLOSED_ABC


def test_sync_sources_are_not_closed(run) -> None:
    log: list[Any] = []

    def numbers() -> Any:
        try:
            yield from range(10)
        finally:
            log.append("sync finally")

    generator = numbers()

    async def scenario() -> Any:
        return await collect(a.zip(generator, make_source("async_generator", "ab")))

    assert run(scenario) == [(0, "a"), (1, "b")]
    assert log == []
    assert builtins.next(generator) == 3  # 2 was pulled, then the async source ended
    generator.close()


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("blocking", [0, 1])
def test_cancellation_while_a_source_is_suspended_closes_every_source(
    loop: str, blocking: int
) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        sources = [logging_generator(range(5), log, "a"), logging_generator(range(5), log, "b")]
        sources[blocking] = support.forever_after([0], log, "ab"[blocking])
        iterator = a.zip(*sources)
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, sorted(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (
        (0, 0),
        [("finally", "a"), ("finally", "b")],
        "ended",
    )


# --- strict --------------------------------------------------------------------------------------

STRICT_CASES = [
    ([[1], []], "zip() argument 2 is shorter than argument 1"),
    ([[], [1]], "zip() argument 2 is longer than argument 1"),
    ([[1], [1], []], "zip() argument 3 is shorter than arguments 1-2"),
    ([[1], [1], [1, 2]], "zip() argument 3 is longer than arguments 1-2"),
    ([[1, 2], [1], [1, 2]], "zip() argument 2 is shorter than argument 1"),
    ([[1], [1], [1], [1, 2]], "zip() argument 4 is longer than arguments 1-3"),
]


@pytest.mark.parametrize(("lists", "message"), STRICT_CASES)
def test_strict_length_mismatches_are_the_stdlibs_value_errors(
    run, lists: list[list[int]], message: str
) -> None:
    theirs = sync_outcome(builtins.zip(*lists, strict=True))
    assert theirs[1] == Raised(ValueError, (message,))

    def scenario() -> Any:
        sources = [make_source("suspending_async_generator", items) for items in lists]
        return collect_outcome(a.zip(*sources, strict=True))

    assert run(scenario) == theirs


def test_strict_closes_every_source_on_a_mismatch(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        try:
            await collect(a.zip(*tracked(log, False, 2, 1, 2), strict=True))
        except ValueError:
            return list(log)

    assert run(scenario) == CLOSED_ABC


def test_strict_accepts_any_truth_value(run) -> None:
    assert run(lambda: collect_outcome(a.zip([1], [], strict=1)))[1].type is ValueError
    assert run(lambda: collect(a.zip([1], [], strict=""))) == []


# --- misuse and the object -----------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def scenario() -> Any:
        iterator = a.zip([1, 2], make_source("suspending_async_generator", [1, 2]))
        first = iterator.__anext__()
        first.send(None)  # suspended inside the second source
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


def test_an_anext_awaitable_cannot_be_awaited_twice(run) -> None:
    async def scenario() -> Any:
        iterator = a.zip([1, 2])
        step = iterator.__anext__()
        first = await step
        with pytest.raises(RuntimeError):
            await step
        return first

    assert run(scenario) == (1,)


# --- arguments -----------------------------------------------------------------------------------


class IterReturnsInt:
    def __iter__(self) -> Any:
        return 1


ARGUMENT_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1,), {}),
    (([], 1), {}),
    (([], [], None), {"strict": True}),
    ((support.long_named_class()(),), {}),
    ((IterReturnsInt(),), {}),
    (([],), {"foo": 1}),
    ((), {"strict": True, "foo": 1}),
]


@pytest.mark.parametrize(("args", "kwargs"), ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raised by the call itself, with the stdlib's type and message for this Python."""
    theirs = exception_of(builtins.zip, *args, **kwargs)
    ours = exception_of(a.zip, *args, **kwargs)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


def test_an_error_from_aiter_propagates_unchanged(run) -> None:
    error = KeyError("no iterator")

    class BadAiter:
        def __aiter__(self) -> Any:
            raise error

    async def scenario() -> Any:
        try:
            await collect(a.zip([1], BadAiter()))
        except KeyError as raised:
            return raised

    assert run(scenario) is error


def test_aiter_returning_a_non_async_iterator_is_the_stdlib_error(run) -> None:
    class AiterReturnsList:
        def __aiter__(self) -> Any:
            return []

    theirs = exception_of(builtins.aiter, AiterReturnsList())

    async def scenario() -> Any:
        try:
            await collect(a.zip(AiterReturnsList()))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)


def test_zip_keeps_working_while_asyncio_runs_other_tasks() -> None:
    """Suspending sources interleave with other tasks, under the real asyncio scheduler."""

    async def scenario() -> Any:
        async def zipped() -> Any:
            return await collect(
                a.zip(
                    make_source("suspending_async_generator", range(5)),
                    make_source("suspending_anext", range(5)),
                )
            )

        results = await asyncio.gather(zipped(), zipped())
        return results

    expected = builtins.list(builtins.zip(range(5), range(5), strict=True))
    assert support.run_in("asyncio", scenario) == [expected, expected]
