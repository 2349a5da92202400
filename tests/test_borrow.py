"""``asyncitertools.borrow`` and ``asyncitertools.scoped_iter``: iterating without owning.

``borrow(iterator)`` is an async iterator over ``iterator`` (sync or async) whose ``aclose()``
does nothing (the wrapper goes on giving items): the real iterator is never closed by us, so a
function that closes its sources (zip at the shortest, after an error, on ``aclose()``) leaves
a borrowed one open, and it can be continued afterwards. ``async with scoped_iter(iterable) as
it:`` gives a borrowed iterator of ``iterable`` and closes the real one (awaits its ``aclose()``)
when the block exits, however it exits.
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
    ITERABLE_KINDS,
    Fail,
    TrackedSource,
    collect,
    iterable_of,
    logging_generator,
    make_source,
)


def iterator_of(kind: str, items: list[Any]) -> Any:
    """An iterator (not just an iterable) of the given kind producing ``items``."""
    iterable = iterable_of(kind, items)
    return builtins.iter(iterable) if kind == "list" else iterable


END = object()


async def take(iterator: Any, count: int) -> list[Any]:
    return [await a.anext(iterator) for _ in range(count)]


async def rest_of(iterator: Any) -> list[Any]:
    """What is left in a sync or async iterator."""
    if hasattr(iterator, "__anext__"):
        return await collect(iterator)
    return builtins.list(iterator)


# === borrow =====================================================================================


@pytest.mark.parametrize("kind", ITERABLE_KINDS)
def test_items_are_the_iterators_items(run, kind: str) -> None:
    items = ["a", None, 3]
    assert run(lambda: collect(a.borrow(iterator_of(kind, items)))) == items


@pytest.mark.parametrize("loop", support.HYPOTHESIS_LOOPS)
@settings(max_examples=40, deadline=None)
@given(
    items=st.lists(st.integers() | st.none(), max_size=8),
    kind=st.sampled_from(ITERABLE_KINDS),
    taken=st.integers(0, 9),
)
def test_what_the_borrower_leaves_the_real_iterator_continues_with(
    loop: str, items, kind: str, taken: int
) -> None:
    """Take some items through ``borrow``, close it: the real iterator gives the rest."""

    async def scenario() -> Any:
        real = iterator_of(kind, items)
        borrowed = a.borrow(real)
        first = []
        for _ in range(taken):
            item = await a.anext(borrowed, END)
            if item is END:
                break
            first.append(item)
        await borrowed.aclose()
        return first, await rest_of(real)

    count = min(taken, len(items))
    assert support.run_in(loop, scenario) == (items[:count], items[count:])


@pytest.mark.parametrize("suspends", [False, True])
def test_aclose_does_nothing_the_borrowed_iterator_goes_on(run, suspends: bool) -> None:
    """As asyncstdlib's borrow: a function that closes what it is given (zip at the shortest
    input, any at the first true item) leaves the borrowed iterator usable, and never closes
    the real one."""
    source = TrackedSource([1, 2, 3, 4], suspends=suspends)

    async def scenario() -> Any:
        borrowed = a.borrow(source)
        first = await a.anext(borrowed)
        await borrowed.aclose()
        await borrowed.aclose()
        second = await a.anext(borrowed, "ended")
        return first, second, source.closed, await collect(source)

    assert run(scenario) == (1, 2, 0, [3, 4])
    assert source.closed == 0


def test_an_exhausted_real_iterator_is_not_closed(run) -> None:
    source = TrackedSource([1, 2])

    async def scenario() -> Any:
        borrowed = a.borrow(source)
        got = await collect(borrowed)
        await borrowed.aclose()
        return got, await a.anext(borrowed, "ended")

    assert run(scenario) == ([1, 2], "ended")
    assert source.closed == 0


def test_an_async_generators_finally_does_not_run_when_the_borrower_closes(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        real = logging_generator(range(3), log)
        borrowed = a.borrow(real)
        first = await a.anext(borrowed)
        await borrowed.aclose()
        before = list(log)
        rest = await collect(real)
        return first, before, rest, list(log)

    assert run(scenario) == (0, [], [1, 2], [("finally", "source")])


def test_an_exception_from_the_real_iterator_propagates_unchanged_and_it_stays_open(run) -> None:
    error = KeyError("boom")
    source = TrackedSource([1, Fail(error), 3])

    async def scenario() -> Any:
        borrowed = a.borrow(source)
        first = await a.anext(borrowed)
        try:
            await a.anext(borrowed)
        except KeyError as raised:
            return first, raised, source.closed, await collect(source)

    first, raised, closed, rest = run(scenario)
    assert raised is error
    assert (first, closed, rest) == (1, 0, [3])


def test_a_stopiteration_from_a_plain_anext_is_an_error_not_a_value(run) -> None:
    error = StopIteration("from __anext__")
    source = support.SyncRaisingAnext(error)
    got, raised = run(lambda: support.collect_until_error(a.borrow(source)))
    assert got == []
    support.assert_is_pep479_error(raised, error)


def test_a_sync_iterator_is_borrowed_too(run) -> None:
    generator = (x for x in range(5))

    async def scenario() -> Any:
        borrowed = a.borrow(generator)
        first = await take(borrowed, 2)
        await borrowed.aclose()
        return first

    assert run(scenario) == [0, 1]
    assert builtins.list(generator) == [2, 3, 4]


# --- functions given a borrowed iterator leave the real one open -------------------------------


async def _zip_to_the_shortest(borrowed: Any) -> Any:
    return await collect(a.zip("ab", borrowed))  # stops at "ab": borrowed pulled twice


async def _aclose_after_two(make: Any, borrowed: Any) -> Any:
    iterator = make(borrowed)
    got = await take(iterator, 2)
    await iterator.aclose()
    return got


def _failing_function(x: int) -> int:
    if x == 1:
        raise ValueError("function failed")
    return x


async def _map_fails_on_the_second(borrowed: Any) -> Any:
    try:
        await collect(a.map(_failing_function, borrowed))
    except ValueError as error:
        return str(error)


CONSUMERS = {
    "zip, shortest": (_zip_to_the_shortest, [("a", 0), ("b", 1)]),
    "enumerate, aclose": (
        lambda b: _aclose_after_two(a.enumerate, b),
        [(0, 0), (1, 1)],
    ),
    "map, aclose": (lambda b: _aclose_after_two(lambda it: a.map(str, it), b), ["0", "1"]),
    "filter, aclose": (lambda b: _aclose_after_two(lambda it: a.filter(None, it), b), [1, 2]),
    "iter, aclose": (lambda b: _aclose_after_two(a.iter, b), [0, 1]),
    "map, an error": (_map_fails_on_the_second, "function failed"),
}


@pytest.mark.parametrize("consumer", CONSUMERS)
@pytest.mark.parametrize("suspends", [False, True])
def test_a_function_done_with_a_borrowed_iterator_leaves_the_real_one_open(
    run, consumer: str, suspends: bool
) -> None:
    consume, expected = CONSUMERS[consumer]
    start = 1 if consumer.startswith("filter") else 0  # filter(None) would drop a 0
    source = TrackedSource(range(start, start + 6), suspends=suspends)

    async def scenario() -> Any:
        got = await consume(a.borrow(source))
        return got, source.closed, await collect(source)

    assert run(scenario) == (expected, 0, builtins.list(range(start + 2, start + 6)))


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_does_not_close_a_borrowed_iterator(loop: str) -> None:
    class Waits(TrackedSource):
        """Waits forever for its second item, once; then carries on."""

        waited = False

        async def __anext__(self) -> Any:
            if self.pulled == 1 and not self.waited:
                self.waited = True
                await support.wait_forever()
            return await super().__anext__()

    source = Waits([1, 2, 3])

    async def scenario() -> Any:
        iterator = a.enumerate(a.borrow(source))
        first = await a.anext(iterator)
        await support.cancel_while_suspended(lambda: a.anext(iterator))
        return first, source.closed, await collect(source)

    assert support.run_in(loop, scenario) == ((0, 1), 0, [2, 3])


# --- misuse and the object ---------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def scenario() -> Any:
        borrowed = a.borrow(make_source("suspending_async_generator", [1, 2]))
        first = borrowed.__anext__()
        first.send(None)  # suspended inside the real iterator
        with pytest.raises(RuntimeError) as second:
            await borrowed.__anext__()
        with pytest.raises(RuntimeError) as closing:
            await borrowed.aclose()
        first.close()
        return str(second.value), closing.value

    second, closing = support.run_in("asyncio", scenario)
    assert second == "anext(): asynchronous iterator is already running"
    assert "already running" in str(closing)  # aclose() while a step is in flight


@pytest.mark.parametrize("args", [(), (1,), (builtins.iter([]), builtins.iter([]))], ids=repr)
def test_wrong_arguments_are_type_errors(args: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        a.borrow(*args)


# === scoped_iter ================================================================================


@pytest.mark.parametrize("kind", ITERABLE_KINDS)
def test_the_block_gets_the_iterables_items(run, kind: str) -> None:
    async def scenario() -> Any:
        async with a.scoped_iter(iterable_of(kind, [1, 2, 3])) as it:
            return await collect(it)

    assert run(scenario) == [1, 2, 3]


@pytest.mark.parametrize("suspends", [False, True])
def test_the_real_iterator_is_closed_on_exit_not_before(run, suspends: bool) -> None:
    source = TrackedSource([1, 2, 3], suspends=suspends)

    async def scenario() -> Any:
        async with a.scoped_iter(source) as it:
            first = await a.anext(it)
            await it.aclose()  # only the borrowed wrapper
            inside = source.closed
        return first, inside, source.closed

    assert run(scenario) == (1, 0, 1)


def test_functions_in_the_block_do_not_close_the_real_iterator(run) -> None:
    """zip stops early and closes what it was given: the borrowed one, not the real one."""
    log: list[Any] = []

    async def scenario() -> Any:
        async with a.scoped_iter(logging_generator(range(6), log)) as it:
            pairs = await collect(a.zip("ab", it))
            inside = list(log)
        return pairs, inside, list(log)

    assert run(scenario) == ([("a", 0), ("b", 1)], [], [("finally", "source")])


def test_breaking_out_of_async_for_in_the_block_leaves_the_rest(run) -> None:
    log: list[Any] = []

    async def scenario() -> Any:
        async with a.scoped_iter(logging_generator(range(4), log)) as it:
            first = None
            async for item in it:
                first = item
                break
            rest = [item async for item in it]
        return first, rest, list(log)

    assert run(scenario) == (0, [1, 2, 3], [("finally", "source")])


def test_an_exception_in_the_block_closes_the_real_iterator_and_propagates(run) -> None:
    error = KeyError("in the block")
    log: list[Any] = []

    async def scenario() -> Any:
        try:
            async with a.scoped_iter(logging_generator(range(3), log)) as it:
                await a.anext(it)
                raise error
        except KeyError as raised:
            return raised, list(log)

    raised, at_raise = run(scenario)
    assert raised is error
    assert at_raise == [("finally", "source")]


def test_an_exception_from_the_iterator_closes_it_and_propagates(run) -> None:
    error = KeyError("from the source")
    source = TrackedSource([1, Fail(error)])

    async def scenario() -> Any:
        try:
            async with a.scoped_iter(source) as it:
                await collect(a.map(str, it))
        except KeyError as raised:
            return raised, source.closed

    raised, closed = run(scenario)
    assert raised is error
    assert closed == 1


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
def test_cancellation_in_the_block_closes_the_real_iterator(loop: str) -> None:
    log: list[Any] = []

    async def body() -> Any:
        async with a.scoped_iter(logging_generator(range(3), log)) as it:
            await a.anext(it)
            await support.wait_forever()

    async def scenario() -> Any:
        await support.cancel_while_suspended(body)
        return list(log)

    assert support.run_in(loop, scenario) == [("finally", "source")]


def test_a_non_iterable_is_a_type_error(run) -> None:
    """At the call or on entering the block (the message is the stdlib iter()'s)."""
    theirs = support.exception_of(builtins.iter, 1)

    async def scenario() -> Any:
        try:
            async with a.scoped_iter(1):
                pass  # pragma: no cover
        except TypeError as raised:
            return str(raised)

    assert run(scenario) == str(theirs)


# --- asend and athrow, passed through -------------------------------------------------------------


async def echo(log: list[Any]):
    """An async generator that yields what it is sent (first None), and what it catches."""
    received = None
    while True:
        try:
            received = yield received
        except LookupError as caught:
            received = f"caught {caught.args[0]}"
        finally:
            log.append("step")


def test_a_borrowed_async_generator_passes_asend_and_athrow_through(run) -> None:
    log: list[Any] = []
    generator = echo(log)

    async def scenario() -> Any:
        borrowed = a.borrow(generator)
        got = [await a.anext(borrowed), await borrowed.asend("one")]
        got.append(await borrowed.athrow(LookupError("two")))
        got.append(await borrowed.athrow(LookupError("three")))
        got.append(await borrowed.asend("four"))
        await borrowed.aclose()  # closes nothing: the generator goes on
        got.append(await generator.asend("five"))
        return got

    assert run(scenario) == [None, "one", "caught two", "caught three", "four", "five"]


def test_what_asend_and_athrow_raise_is_the_generators(run) -> None:
    async def scenario() -> Any:
        generator = make_source("async_generator", [1])
        borrowed = a.borrow(generator)
        with pytest.raises(TypeError, match="can't send non-None value"):
            await borrowed.asend("early")
        with pytest.raises(KeyError):
            await borrowed.athrow(KeyError("not caught"))
        with pytest.raises(StopAsyncIteration):
            await borrowed.asend(None)
        return True

    assert run(scenario)


@pytest.mark.parametrize("kind", [k for k in ITERABLE_KINDS if k != "async_generator"])
def test_a_borrowed_iterator_without_asend_and_athrow_has_none(kind: str) -> None:
    """Only what the source has is passed through: ``hasattr`` tells, as for the source."""
    source = iterator_of(kind, [1])
    borrowed = a.borrow(source)
    for name in ("asend", "athrow"):
        assert hasattr(borrowed, name) == hasattr(source, name)


def test_scoped_iter_lends_the_async_generator_itself(run) -> None:
    log: list[Any] = []
    generator = echo(log)

    async def scenario() -> Any:
        async with a.scoped_iter(generator) as borrowed:
            got = [await a.anext(borrowed), await borrowed.asend("sent")]
            got.append(await borrowed.athrow(LookupError("thrown")))
        return got, generator.ag_frame

    assert run(scenario) == ([None, "sent", "caught thrown"], None)  # closed on exit


def test_scoped_iter_of_an_async_iterator_without_aclose_exits_cleanly(run) -> None:
    class NoAclose:
        def __aiter__(self) -> Any:
            return self

        async def __anext__(self) -> Any:
            raise StopAsyncIteration

    async def scenario() -> Any:
        async with a.scoped_iter(NoAclose()) as borrowed:
            return await collect(borrowed), hasattr(borrowed, "asend")

    assert run(scenario) == ([], False)
