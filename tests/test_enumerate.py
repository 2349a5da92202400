"""``asyncitertools.enumerate``: the stdlib's ``enumerate`` over sync and async iterables.

The first native async iterator: it also pins the shared iterator contract (ownership and
closing of sources, ``aclose()``, the already-running error, layers driven through Rust).
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asyncitertools

import support
from support import Fail, make_source, suspend

# Every kind of iterable enumerate accepts: the async kinds of the aiter/anext tests, plus
# sync ones, plus one of our own native iterators (driven through Rust, not the protocol).
SYNC_KINDS = ("list", "sync_generator")
NATIVE_KINDS = ("native_enumerate_values",)
ALL_KINDS = support.SOURCE_KINDS + SYNC_KINDS + NATIVE_KINDS


def _sync_generator(items: list[Any]) -> Iterable[Any]:
    for item in items:
        yield support._produce(item)


def iterable_of(kind: str, items: Iterable[Any]) -> Any:
    items = list(items)
    if kind == "list":
        return items
    if kind == "sync_generator":
        return _sync_generator(items)
    if kind == "native_enumerate_values":
        # enumerate(enumerate(x)) nests pairs; the outer layer drives the inner in Rust.
        return asyncitertools.enumerate(make_source("async_generator", items))
    return make_source(kind, items)


def expected_of(kind: str, items: list[Any], start: int) -> list[Any]:
    if kind == "native_enumerate_values":
        return list(builtins.enumerate(builtins.enumerate(items), start))
    return list(builtins.enumerate(items, start))


async def collect(iterator: Any) -> list[Any]:
    return [item async for item in iterator]


@pytest.fixture(params=ALL_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.mark.parametrize("items", [[], [1], ["a", "b", "c"], list(range(20))])
@pytest.mark.parametrize("start", [0, 5, -3])
def test_pairs_equal_the_stdlib_enumerate(run, kind: str, items: list[Any], start: int) -> None:
    got = run(lambda: collect(asyncitertools.enumerate(iterable_of(kind, items), start)))
    assert got == expected_of(kind, items, start)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # the fixtures hold no state
)
@given(
    items=st.lists(st.integers() | st.text(max_size=3) | st.none(), max_size=12),
    start=st.integers() | st.integers(min_value=sys.maxsize - 3, max_value=sys.maxsize + 3),
    kind=st.sampled_from(ALL_KINDS),
)
def test_pairs_equal_the_stdlib_enumerate_for_any_data(run, items, start, kind) -> None:
    got = run(lambda: collect(asyncitertools.enumerate(iterable_of(kind, items), start)))
    assert got == expected_of(kind, items, start)


def test_items_are_the_same_objects(run) -> None:
    items = [object(), object()]
    got = run(lambda: collect(asyncitertools.enumerate(make_source("async_generator", items))))
    assert [item for _, item in got] == items
    assert all(a is b for (_, a), b in zip(got, items, strict=True))


@pytest.mark.parametrize("kind", [k for k in ALL_KINDS if k != "list"])  # a list cannot raise
def test_an_exception_from_the_source_propagates_unchanged(run, kind: str) -> None:
    error = KeyError("boom")

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(iterable_of(kind, [1, Fail(error), 3]))
        got = [await asyncitertools.anext(iterator)]
        try:
            await asyncitertools.anext(iterator)
        except KeyError as raised:
            got.append(raised)
        got.append(await asyncitertools.anext(iterator, "exhausted after the error"))
        return got

    first = expected_of(kind, [1], 0)[0]
    got = run(scenario)
    assert got == [first, error, "exhausted after the error"]
    assert got[1] is error


# --- ownership and closing -------------------------------------------------------------------


class Tracked:
    """An async iterator that records whether its aclose() was awaited (and how often)."""

    def __init__(self, items: Iterable[Any], suspends: bool = False) -> None:
        self.items = list(items)
        self.closed = 0
        self.suspends = suspends

    def __aiter__(self) -> Tracked:
        return self

    async def __anext__(self) -> Any:
        if self.suspends:
            await suspend()
        if not self.items:
            raise StopAsyncIteration
        return support._produce(self.items.pop(0))

    async def aclose(self) -> None:
        if self.suspends:
            await suspend()
        self.closed += 1


@pytest.mark.parametrize("suspends", [False, True])
def test_an_exhausted_source_is_closed_once_before_stop(run, suspends: bool) -> None:
    source = Tracked([1, 2], suspends)

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(source)
        got = await collect(iterator)
        closed_at_stop = source.closed
        await iterator.aclose()
        return got, closed_at_stop

    assert run(scenario) == ([(0, 1), (1, 2)], 1)
    assert source.closed == 1


@pytest.mark.parametrize("suspends", [False, True])
def test_a_failing_source_is_closed_before_the_error_propagates(run, suspends: bool) -> None:
    source = Tracked([1, Fail(ValueError("bad"))], suspends)

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(source)
        await asyncitertools.anext(iterator)
        try:
            await asyncitertools.anext(iterator)
        except ValueError:
            return source.closed

    assert run(scenario) == 1


@pytest.mark.parametrize("suspends", [False, True])
def test_aclose_closes_the_source_and_ends_iteration(run, suspends: bool) -> None:
    source = Tracked([1, 2, 3], suspends)

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(source)
        first = await asyncitertools.anext(iterator)
        await iterator.aclose()
        await iterator.aclose()  # closing twice is harmless
        return first, source.closed, await asyncitertools.anext(iterator, "ended")

    assert run(scenario) == ((0, 1), 1, "ended")


def test_an_async_generator_source_runs_its_finally_on_early_aclose(run) -> None:
    log = []

    async def source() -> Any:
        try:
            for i in range(10):
                yield i
        finally:
            log.append("finally")

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(source())
        await asyncitertools.anext(iterator)
        await iterator.aclose()
        return list(log)

    assert run(scenario) == ["finally"]


def test_closing_a_layer_closes_the_native_layer_below_and_its_source(run) -> None:
    source = Tracked([1, 2, 3])

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(asyncitertools.enumerate(source))
        first = await asyncitertools.anext(iterator)
        await iterator.aclose()
        return first, source.closed

    assert run(scenario) == ((0, (0, 1)), 1)


def test_a_source_without_aclose_is_fine(run) -> None:
    class NoAclose:
        def __init__(self) -> None:
            self.left = 2

        def __aiter__(self) -> NoAclose:
            return self

        async def __anext__(self) -> int:
            if not self.left:
                raise StopAsyncIteration
            self.left -= 1
            return self.left

    assert run(lambda: collect(asyncitertools.enumerate(NoAclose()))) == [(0, 1), (1, 0)]


def test_a_failing_aclose_replaces_the_outcome_with_it_as_context(run) -> None:
    class BadClose(Tracked):
        async def aclose(self) -> None:
            raise OSError("close failed")

    async def scenario() -> Any:
        try:
            await collect(asyncitertools.enumerate(BadClose([1])))
        except OSError as error:
            return type(error.__context__)

    assert run(scenario) is StopAsyncIteration


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_cancellation_while_the_source_is_suspended_runs_its_finally(loop: str) -> None:
    log = []

    async def forever() -> Any:
        try:
            yield 0
            await support.wait_forever()
            yield 1  # pragma: no cover
        finally:
            log.append("finally")

    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(forever())
        assert await asyncitertools.anext(iterator) == (0, 0)
        if loop == "asyncio":
            import asyncio

            task = asyncio.ensure_future(asyncitertools.anext(iterator))
            await asyncio.sleep(0)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        else:
            import trio

            with trio.move_on_after(0.01):
                await asyncitertools.anext(iterator)
        return list(log), await asyncitertools.anext(iterator, "ended")

    assert support.run_in(loop, scenario) == (["finally"], "ended")


# --- misuse ------------------------------------------------------------------------------------


def test_a_second_anext_while_one_is_in_flight_is_a_runtime_error() -> None:
    async def scenario() -> Any:
        iterator = asyncitertools.enumerate(make_source("suspending_async_generator", [1, 2]))
        first = iterator.__anext__()
        first.send(None)  # suspended inside the source
        with pytest.raises(RuntimeError, match="already running"):
            await iterator.__anext__()
        with pytest.raises(RuntimeError, match="already running"):
            await iterator.aclose()
        first.close()
        return await collect(iterator)

    assert support.run_in("asyncio", scenario) == []


def test_an_anext_awaitable_cannot_be_awaited_twice(run) -> None:
    async def scenario() -> Any:
        iterator = asyncitertools.enumerate([1, 2])
        step = iterator.__anext__()
        first = await step
        with pytest.raises(RuntimeError, match="cannot reuse already awaited"):
            await step
        return first

    assert run(scenario) == (0, 1)


def test_throw_into_a_fresh_anext_raises_without_pulling() -> None:
    source = Tracked([1])
    iterator = asyncitertools.enumerate(source)
    with pytest.raises(KeyError):
        iterator.__anext__().throw(KeyError("in"))
    assert source.items == [1]


# --- arguments ---------------------------------------------------------------------------------

ARGUMENT_CASES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (([], 1, 2), {}),
    (([], 1, 2), {"start": 3}),
    (([],), {"foo": 1}),
    (([],), {"start": "a"}),
    (([],), {"start": 1.5}),
    (([], None), {}),
    ((1,), {}),
    ((), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), ARGUMENT_CASES)
def test_argument_errors_are_the_stdlibs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError) as theirs:
        builtins.enumerate(*args, **kwargs)
    with pytest.raises(TypeError) as ours:
        asyncitertools.enumerate(*args, **kwargs)
    assert str(ours.value) == str(theirs.value)


def test_start_accepts_index_objects_and_bools(run) -> None:
    class Index:
        def __index__(self) -> int:
            return 7

    got = run(lambda: collect(asyncitertools.enumerate("ab", Index())))
    assert got == [(7, "a"), (8, "b")]
    assert run(lambda: collect(asyncitertools.enumerate("a", True))) == [(1, "a")]


def test_keywords_are_accepted(run) -> None:
    got = run(lambda: collect(asyncitertools.enumerate(iterable="ab", start=1)))
    assert got == [(1, "a"), (2, "b")]
