"""``asyncitertools.filter``: the stdlib's ``filter`` with a sync or async predicate.

``filter(None, iterable)`` keeps the true items. ``filter(predicate, iterable)`` keeps the items
whose predicate result is true; a result whose type has ``__await__`` is awaited first (once),
and the truth of what it gives decides. The items themselves are never awaited.
"""

from __future__ import annotations

import builtins
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
PREDICATE_KINDS = ("None", *CALLABLE_KINDS)


def oracle_iterable(kind: str, items: list[Any]) -> Any:
    """What the stdlib gets in place of ``iterable_of(kind, items)``: same items, same errors."""
    return items if kind == "list" else support._sync_generator(items)


def remainder(x: Any) -> Any:
    """The predicate of the differential tests: fails on "!", else a value to take the truth of."""
    if x == "!":
        raise ArithmeticError("predicate failed")
    return x % 3 if isinstance(x, int) else x


def predicate_of(kind: str) -> Any:
    return None if kind == "None" else callable_of(kind, remainder)


def oracle_predicate(kind: str) -> Any:
    return None if kind == "None" else remainder


# --- results -----------------------------------------------------------------------------------

CASES = [[], [0, 1, 2, 3, 4, 5, 6], ["", "a", None, 0, [], [0], 3]]


@pytest.mark.parametrize("predicate_kind", PREDICATE_KINDS)
@pytest.mark.parametrize("kind", ITERABLE_KINDS)
@pytest.mark.parametrize("items", CASES, ids=repr)
def test_items_equal_the_stdlib_filter(run, kind: str, predicate_kind: str, items) -> None:
    """``filter(predicate, iterable)`` keeps the stdlib's items, for every kind of both."""
    got = run(lambda: collect(a.filter(predicate_of(predicate_kind), iterable_of(kind, items))))
    assert got == list(builtins.filter(oracle_predicate(predicate_kind), items))


ITEMS = st.lists(st.integers(-5, 5) | st.text(max_size=1) | st.none() | st.just("!"), max_size=10)


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@settings(max_examples=50, deadline=None)
@given(
    items=ITEMS,
    kind=st.sampled_from(ITERABLE_KINDS),
    predicate_kind=st.sampled_from(PREDICATE_KINDS),
    failure=st.none() | st.integers(0, 10),
)
def test_any_data_behaves_as_the_stdlib_filter(loop: str, items, kind, predicate_kind, failure):
    """Items kept, predicate errors ("!") and source errors as the stdlib's filter."""
    items = list(items)
    if failure is not None:
        items.insert(min(failure, len(items)), Fail(LookupError("source failed")))
    expected = sync_outcome(
        builtins.filter(oracle_predicate(predicate_kind), oracle_iterable(kind, items))
    )

    def scenario() -> Any:
        return collect_outcome(a.filter(predicate_of(predicate_kind), iterable_of(kind, items)))

    assert support.run_in(loop, scenario) == expected


def test_kept_items_are_the_same_objects(run) -> None:
    items = [object(), None, object()]
    got = run(lambda: collect(a.filter(None, make_source("async_generator", items))))
    assert builtins.len(got) == 2
    assert got[0] is items[0] and got[1] is items[2]


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_the_predicate_gets_each_item_once_in_order(run, callable_kind: str) -> None:
    items = [object(), object(), object()]
    calls: list[Any] = []

    def record(x: Any) -> bool:
        calls.append(x)
        return x is items[1]

    got = run(lambda: collect(a.filter(callable_of(callable_kind, record), items)))
    assert got == [items[1]]
    assert builtins.len(calls) == 3
    assert all(c is i for c, i in builtins.zip(calls, items, strict=True))


def test_items_are_pulled_only_up_to_the_next_kept_one(run) -> None:
    """Like the stdlib: one ``__anext__`` pulls until an item is kept, no further."""
    theirs = builtins.iter(range(10))
    builtins.next(builtins.filter(lambda x: x == 3, theirs))
    ours = builtins.iter(range(10))
    source = TrackedSource(range(10))

    async def scenario() -> Any:
        got = await a.anext(a.filter(lambda x: x == 3, ours))
        pulled = [await a.anext(a.filter(lambda x: x == 3, source)), source.pulled]
        return got, pulled

    assert run(scenario) == (3, [3, 4])
    assert builtins.list(ours) == builtins.list(theirs)


def test_nothing_is_pulled_before_the_first_anext(run) -> None:
    source = TrackedSource([1, 2])
    calls: list[Any] = []
    a.filter(calls.append, source)
    assert (source.pulled, calls) == (0, [])


@pytest.mark.parametrize("callable_kind", ["sync", "async"])
def test_many_rejected_items_in_a_row_are_skipped_in_one_step(run, callable_kind: str) -> None:
    """A long run of false results is skipped in a loop, without recursion."""
    predicate = callable_of(callable_kind, lambda x: x == 19_999)
    assert run(lambda: collect(a.filter(predicate, range(20_000)))) == [19_999]


# --- truth and awaiting --------------------------------------------------------------------------


class Truth:
    """An object whose truth is ``value``; counts how often it was asked."""

    def __init__(self, value: bool, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error
        self.asked = 0

    def __bool__(self) -> bool:
        self.asked += 1
        if self.error is not None:
            raise self.error
        return self.value


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_the_truth_of_the_awaited_result_decides_asked_once(run, callable_kind: str) -> None:
    truths = {1: Truth(True), 2: Truth(False), 3: Truth(True)}
    predicate = callable_of(callable_kind, truths.__getitem__)
    assert run(lambda: collect(a.filter(predicate, [1, 2, 3]))) == [1, 3]
    assert [truth.asked for truth in truths.values()] == [1, 1, 1]


def test_with_none_the_truth_of_each_item_is_asked_once(run) -> None:
    items = [Truth(True), Truth(False)]
    got = run(lambda: collect(a.filter(None, items)))
    assert got == [items[0]]
    assert [item.asked for item in items] == [1, 1]


@pytest.mark.parametrize("predicate_kind", PREDICATE_KINDS)
def test_an_error_from_bool_propagates_unchanged(run, predicate_kind: str) -> None:
    error = KeyError("no truth")
    item = Truth(True, error)
    predicate = None if predicate_kind == "None" else callable_of(predicate_kind, lambda x: x)

    async def scenario() -> Any:
        iterator = a.filter(predicate, [item, 2])
        try:
            await a.anext(iterator)
        except KeyError as raised:
            return raised, await a.anext(iterator, "exhausted after the error")

    raised, after = run(scenario)
    assert raised is error
    assert after == "exhausted after the error"


def test_items_are_never_awaited(run) -> None:
    """With None, an awaitable item is kept as it is (it is true), not awaited."""
    item = Deferred(lambda: False, ())
    assert run(lambda: collect(a.filter(None, [item]))) == [item]


def test_an_awaitable_returned_by_an_awaited_result_is_not_awaited_again(run) -> None:
    """Awaited once: an ``async def`` that returns an awaitable object is true (the object)."""

    async def predicate(x: Any) -> Any:
        return Deferred(lambda: False, ())

    assert run(lambda: collect(a.filter(predicate, [1, 2]))) == [1, 2]


def test_a_coroutine_returned_by_a_sync_predicate_is_awaited(run) -> None:
    async def is_even(x: int) -> bool:
        await support.suspend()
        return x % 2 == 0

    assert run(lambda: collect(a.filter(lambda x: is_even(x), range(5)))) == [0, 2, 4]


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_predicate_propagates_unchanged(run, callable_kind: str) -> None:
    """The very exception object, not a copy and not a value; filter is exhausted afterwards."""
    error = KeyError("boom")

    def predicate(x: int) -> bool:
        if x == 2:
            raise error
        return True

    async def scenario() -> Any:
        iterator = a.filter(callable_of(callable_kind, predicate), [1, 2, 3])
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
def test_an_exception_from_the_source_propagates_unchanged(run, kind: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        iterator = a.filter(None, iterable_of(kind, [1, 0, Fail(error), 3]))
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


def test_a_stopiteration_from_a_sync_predicate_is_an_error_not_the_end(run) -> None:
    """Sync filter ends silently on it; an await cannot carry it: it is a RuntimeError (PEP 479)
    whose cause or context is the StopIteration."""
    error = StopIteration("from the predicate")

    def predicate(x: int) -> bool:
        if x == 2:
            raise error
        return True

    got, raised = run(lambda: support.collect_until_error(a.filter(predicate, [1, 2, 3])))
    assert got == [1]
    support.assert_is_pep479_error(raised, error)


@pytest.mark.parametrize("predicate_kind", ["None", "sync", "async"])
def test_a_stopiteration_from_bool_is_an_error_not_a_value(run, predicate_kind: str) -> None:
    error = StopIteration("from __bool__")
    predicate = None if predicate_kind == "None" else callable_of(predicate_kind, lambda x: x)
    items = [1, Truth(True, error), 3]
    got, raised = run(lambda: support.collect_until_error(a.filter(predicate, items)))
    assert got == [1]
    support.assert_is_pep479_error(raised, error)


# --- closing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suspends", [False, True])
def test_the_source_is_closed_once_before_the_stop(run, suspends: bool) -> None:
    source = TrackedSource([0, 1, 2], suspends=suspends)

    async def scenario() -> Any:
        iterator = a.filter(None, source)
        got = await collect(iterator)
        at_stop = source.closed
        await iterator.aclose()
        return got, at_stop

    assert run(scenario) == ([1, 2], 1)
    assert source.closed == 1


@pytest.mark.parametrize("callable_kind", CALLABLE_KINDS)
def test_an_exception_from_the_predicate_closes_the_source_first(run, callable_kind) -> None:
    source = TrackedSource([1, 2, 3])
    error = ValueError("bad")

    def predicate(x: int) -> bool:
        if x == 2:
            raise error
        return True

    async def scenario() -> Any:
        try:
            await collect(a.filter(callable_of(callable_kind, predicate), source))
        except ValueError as raised:
            return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


def test_an_exception_from_the_source_closes_it_first(run) -> None:
    error = ValueError("bad")
    source = TrackedSource([1, Fail(error)], suspends=True)

    async def scenario() -> Any:
        try:
            await collect(a.filter(None, source))
        except ValueError as raised:
            return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


def test_aclose_closes_the_source_and_ends_the_iteration(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.filter(None, logging_generator(range(5), log))
        first = await a.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()
        return first, list(log), await a.anext(iterator, "ended")

    assert run(scenario) == (1, [("finally", "source")], "ended")


def test_a_sync_source_is_not_closed(run) -> None:
    generator = (x for x in range(10))

    async def scenario() -> Any:
        iterator = a.filter(lambda x: x == 2, generator)
        got = await a.anext(iterator)
        await iterator.aclose()
        return got

    assert run(scenario) == 2
    assert builtins.next(generator) == 3


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_the_source_is_suspended_closes_it(loop: str) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        iterator = a.filter(None, support.forever_after([1], log))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (1, [("finally", "source")], "ended")


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_while_the_predicate_is_suspended_closes_the_source(loop: str) -> None:
    log: list[Any] = []

    async def predicate(x: int) -> bool:
        try:
            if x == 1:
                await support.wait_forever()
            return True
        finally:
            log.append(("predicate finally", x))

    async def scenario() -> Any:
        iterator = a.filter(predicate, logging_generator(range(5), log))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, list(log), await a.anext(iterator, "ended")

    expected = (
        0,
        [("predicate finally", 0), ("predicate finally", 1), ("finally", "source")],
        "ended",
    )
    assert support.run_in(loop, scenario) == expected


# --- misuse and the object -----------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def scenario() -> Any:
        iterator = a.filter(None, make_source("suspending_async_generator", [1, 2]))
        first = iterator.__anext__()
        first.send(None)  # suspended inside the source
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


# --- arguments -----------------------------------------------------------------------------------

ARGUMENT_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    ((None,), {}),
    ((None, [], []), {}),
    ((None, 1), {}),
    ((None, support.long_named_class()()), {}),
    ((None, []), {"foo": 1}),
    ((), {"function": None, "iterable": []}),
]


@pytest.mark.parametrize(("args", "kwargs"), ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raised by the call itself, with the stdlib's type and message for this Python."""
    theirs = exception_of(builtins.filter, *args, **kwargs)
    ours = exception_of(a.filter, *args, **kwargs)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))


def test_a_non_callable_predicate_is_the_stdlibs_type_error(run) -> None:
    """The stdlib raises it at the first item; at the call is tolerated (same message)."""
    theirs = exception_of(builtins.list, builtins.filter(1, [1]))

    async def scenario() -> Any:
        try:
            await collect(a.filter(1, [1]))
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)
