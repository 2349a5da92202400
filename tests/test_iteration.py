"""Iterating for real: every kind of source, under asyncio, uvloop, trio and a loop of our own.

The same consumption runs with the builtins and with ours; the values (by identity), the
exceptions and the defaults must come out in the same order.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import pytest
import trio
import trio.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ownloop
import support
from support import BUILTIN, Fail, Impl, make_source, suspend

NO_DEFAULT = object()
"""In a plan: call ``anext(it)`` with one argument."""

SENTINEL = object()

ITEMS = [0, "one", None, (2, 3), (), ValueError("an item, not an error"), [4], SENTINEL]


async def consume(impl: Impl, iterator: Any, plan: list[Any]) -> list[tuple[str, Any]]:
    """Await ``anext`` once per entry of ``plan`` (the default, or NO_DEFAULT for none)."""
    trace: list[tuple[str, Any]] = []
    for default in plan:
        try:
            if default is NO_DEFAULT:
                value = await impl.anext(iterator)
            else:
                value = await impl.anext(iterator, default)
        except Exception as exc:
            trace.append(("raised", exc))
        else:
            trace.append(("value", value))
    return trace


def assert_same_trace(actual: list[tuple[str, Any]], expected: list[tuple[str, Any]]) -> None:
    """Values must be the very same objects; exceptions of the same type with the same args,
    and the very same object when the source raised one of its own (a Fail item)."""

    def key(entry: tuple[str, Any]) -> Any:
        kind, obj = entry
        if kind == "value":
            return kind, id(obj)
        return kind, type(obj), obj.args

    assert [key(e) for e in actual] == [key(e) for e in expected], (actual, expected)
    for (kind, got), (_, want) in zip(actual, expected, strict=True):
        if kind == "raised" and getattr(want, "_from_source", False):
            assert got is want


def _fail(error: BaseException) -> Fail:
    error._from_source = True
    return Fail(error)


def run_both(
    run: Callable[..., Any], ours: Impl, make: Callable[[], Any], plan: list[Any]
) -> list[tuple[str, Any]]:
    """Consume a fresh source from ``make()`` along ``plan`` with each implementation."""
    expected = run(lambda: consume(BUILTIN, make(), plan))
    actual = run(lambda: consume(ours, make(), plan))
    assert_same_trace(actual, expected)
    return actual


# --- every source kind under every loop -------------------------------------------------------


def test_anext_produces_every_item_then_stop_async_iteration(run, ours, sources) -> None:
    trace = run_both(run, ours, lambda: sources(ITEMS), [NO_DEFAULT] * (len(ITEMS) + 2))
    assert [obj for _, obj in trace[: len(ITEMS)]] == ITEMS
    assert all(a is b for (_, a), b in zip(trace[: len(ITEMS)], ITEMS, strict=True))
    assert [(kind, type(obj)) for kind, obj in trace[len(ITEMS) :]] == [
        ("raised", StopAsyncIteration)
    ] * 2


def test_anext_with_default_produces_every_item_then_the_default(run, ours, sources) -> None:
    default = object()
    trace = run_both(run, ours, lambda: sources(ITEMS), [default] * (len(ITEMS) + 3))
    expected = [*ITEMS, default, default, default]
    assert all(a is b for (_, a), b in zip(trace, expected, strict=True))
    assert {kind for kind, _ in trace} == {"value"}


def test_an_empty_source(run, ours, sources) -> None:
    trace = run_both(run, ours, lambda: sources([]), [NO_DEFAULT, "default", NO_DEFAULT])
    assert [kind for kind, _ in trace] == ["raised", "value", "raised"]
    assert trace[1][1] == "default"


def test_async_for_over_aiter_gets_every_item(run, ours, sources) -> None:
    async def collect(impl: Impl) -> list[Any]:
        return [item async for item in impl.aiter(sources(ITEMS))]

    expected = run(lambda: collect(BUILTIN))
    actual = run(lambda: collect(ours))
    assert all(a is b for a, b in zip(actual, expected, strict=True))
    assert actual == ITEMS


def test_an_error_from_the_source_comes_out_unchanged(run, ours, sources) -> None:
    error = _fail(KeyError("from the source"))
    items = [1, error, 2]
    trace = run_both(run, ours, lambda: sources(items), [NO_DEFAULT, "default", "default", "d"])
    assert trace[0] == ("value", 1)
    assert trace[1][1] is error.error


@pytest.mark.parametrize(
    "error",
    [StopAsyncIteration("inside"), StopIteration("inside"), GeneratorExit()],
    ids=["StopAsyncIteration", "StopIteration", "GeneratorExit"],
)
def test_stop_exceptions_raised_by_the_source(run, ours, sources, error) -> None:
    """What they turn into depends on the kind of source; it must not depend on anext."""
    items = [1, Fail(error), 2]
    plan = [NO_DEFAULT, "default", "default", NO_DEFAULT]
    if isinstance(error, GeneratorExit):

        async def guarded(impl: Impl) -> Any:
            try:
                return await consume(impl, sources(items), plan)
            except GeneratorExit as exc:
                return [("escaped", exc)]

        expected = run(lambda: guarded(BUILTIN))
        actual = run(lambda: guarded(ours))
        assert_same_trace(actual, expected)
    else:
        run_both(run, ours, lambda: sources(items), plan)


def test_builtin_and_ours_interleaved_on_one_source(run, ours, sources) -> None:
    async def alternate() -> list[Any]:
        iterator = sources(ITEMS)
        values = []
        for index in range(len(ITEMS) + 1):
            impl = ours if index % 2 else BUILTIN
            values.append(await impl.anext(iterator, "end"))
        return values

    assert run(alternate) == [*ITEMS, "end"]


def test_awaiting_and_driving_by_hand_agree(ours, sources) -> None:
    """The own loop drives an anext_awaitable by hand (send, throw, close) exactly as it drives
    a coroutine that awaits one: both give every item, then the default."""

    def scenario(impl: Impl) -> tuple[list[Any], list[Any]]:
        awaited_source, hand_source = sources(ITEMS), sources(ITEMS)
        by_await, by_hand = [], []
        for _ in range(len(ITEMS) + 2):

            async def awaiting() -> Any:
                return await impl.anext(awaited_source, "end")

            by_await.append(support.run_in("ownloop", awaiting))
            by_hand.append(support.run_in("ownloop", lambda: impl.anext(hand_source, "end")))
        return by_await, by_hand

    outcome = support.assert_same_as_builtin(ours, scenario)
    by_await, by_hand = outcome.value
    assert by_await == by_hand == [*ITEMS, "end", "end"]


# --- the deliberate fixes under every loop ----------------------------------------------------


@pytest.mark.parametrize("default", [(1, 2), (), KeyError("k")], ids=["tuple", "empty", "exc"])
def test_a_tuple_or_exception_default_under_a_loop(run, ours, sources, default) -> None:
    """Deliberate fix of gh-128078 (SystemError in CPython before 3.12.9 and 3.13.2): the
    default, unchanged."""

    async def exhaust() -> list[Any]:
        iterator = sources([1])
        return [await ours.anext(iterator, default) for _ in range(3)]

    values = run(exhaust)
    assert values[0] == 1
    assert values[1] is default
    assert values[2] is default


class SuspendingAwaitable:
    """``__await__`` is a generator that suspends to the loop twice, then returns a value."""

    def __init__(self) -> None:
        self.awaits = 0

    def __await__(self) -> Any:
        self.awaits += 1
        yield from suspend().__await__()
        yield from suspend().__await__()
        return "after two suspensions"


class AnextReturnsSuspendingAwaitable:
    def __init__(self) -> None:
        self.awaitables: list[SuspendingAwaitable] = []

    def __aiter__(self) -> Any:
        return self

    def __anext__(self) -> SuspendingAwaitable:
        self.awaitables.append(SuspendingAwaitable())
        return self.awaitables[-1]


def test_an_awaitable_that_suspends_twice_is_awaited_once(run, ours) -> None:
    """Deliberate fix: CPython calls the inner ``__await__`` again on every step, so this
    source restarts at each suspension and ``await anext(it, default)`` never completes."""
    iterator = AnextReturnsSuspendingAwaitable()

    async def twice() -> list[Any]:
        return [await ours.anext(iterator, "default"), await ours.anext(iterator, "default")]

    assert run(twice) == ["after two suspensions", "after two suspensions"]
    assert [a.awaits for a in iterator.awaitables] == [1, 1]


class YieldsRequestsWithoutSend:
    """An inner iterator with ``__next__`` only, yielding the own loop's suspend request."""

    def __init__(self) -> None:
        self.steps = 0

    def __iter__(self) -> Any:
        return self

    def __next__(self) -> Any:
        self.steps += 1
        if self.steps > 2:
            raise StopIteration("done")
        return ownloop.REQUEST

    def __await__(self) -> Any:
        return self


class YieldsNoneWithoutSend(YieldsRequestsWithoutSend):
    """The same, yielding None: asyncio's bare suspension."""

    def __next__(self) -> Any:
        super().__next__()  # raises StopIteration("done") at the end
        return None


class AnextReturns:
    def __init__(self, result: Any) -> None:
        self.result = result

    def __aiter__(self) -> Any:
        return self

    def __anext__(self) -> Any:
        return self.result


@pytest.mark.parametrize("with_default", [False, True], ids=["anext(it)", "anext(it, d)"])
def test_a_loop_sending_values_into_an_inner_without_send(ours, with_default) -> None:
    """The own loop resumes with values (step numbers), so ``await`` calls the inner's ``send``,
    which it lacks; asyncio resumes with None, which needs only ``__next__``."""

    def scenario(impl: Impl) -> dict[str, Any]:
        results = {}
        for loop in ("ownloop", "asyncio"):
            inner = YieldsRequestsWithoutSend() if loop == "ownloop" else YieldsNoneWithoutSend()

            async def main(inner: Any = inner) -> Any:
                iterator = AnextReturns(inner)
                if with_default:
                    return await impl.anext(iterator, "default")
                return await impl.anext(iterator)

            results[loop] = support.outcome(support.run_in, loop, main)
        return results

    outcome = support.assert_same_as_builtin(ours, scenario)
    assert outcome.value["ownloop"].type is AttributeError
    assert outcome.value["asyncio"] == support.Returned("done")


# --- concurrency, cancellation and finalization -----------------------------------------------


def test_a_second_anext_while_the_first_is_suspended(ours) -> None:
    """By hand, with the own loop's yield: the async generator is already running."""

    def scenario(impl: Impl) -> list[Any]:
        async def agen():
            await ownloop.Yield()
            yield "item"

        iterator = agen()
        first = impl.anext(iterator, "default")
        second = impl.anext(iterator, "default")
        trace = [support.outcome(first.send, None), support.outcome(second.send, None)]
        trace.append(support.outcome(first.send, 1))
        return trace

    outcome = support.assert_same_as_builtin(ours, scenario)
    assert outcome.value == [
        support.Returned(ownloop.REQUEST),
        support.Raised(RuntimeError, ("anext(): asynchronous generator is already running",)),
        support.Raised(StopIteration, ("item",)),
    ]


def _run_cancelling(loop: str, async_fn: Callable[[], Any]) -> tuple[Any, ...]:
    """Run ``async_fn()`` as a task, cancel it once it is blocked; say how the task ended."""

    async def asyncio_main() -> tuple[Any, ...]:
        import asyncio

        task = asyncio.ensure_future(async_fn())
        await asyncio.sleep(0)
        task.cancel()
        try:
            return ("returned", await task)
        except asyncio.CancelledError:
            return ("cancelled",)

    async def trio_main() -> tuple[Any, ...]:
        ended: list[tuple[Any, ...]] = [("cancelled",)]

        async def child() -> None:
            ended[0] = ("returned", await async_fn())

        async with trio.open_nursery() as nursery:
            nursery.start_soon(child)
            await trio.testing.wait_all_tasks_blocked()
            nursery.cancel_scope.cancel()
        return ended[0]

    return support.run_in(loop, trio_main if loop == "trio" else asyncio_main)


class BlockingAnext:
    """``__anext__`` blocks until cancelled, logging what reached it."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def __aiter__(self) -> Any:
        return self

    async def __anext__(self) -> Any:
        try:
            await support.wait_forever()
        except BaseException as exc:
            self.log.append(type(exc).__name__)
            raise
        return "never"


async def _blocking_agen(log: list[str]):
    try:
        await support.wait_forever()
    except BaseException as exc:
        log.append(type(exc).__name__)
        raise
    yield "never"


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("source", [BlockingAnext, _blocking_agen], ids=["class", "agen"])
@pytest.mark.parametrize("with_default", [False, True], ids=["anext(it)", "anext(it, d)"])
def test_cancellation_reaches_the_source_and_ends_the_task(
    ours, loop, source, with_default
) -> None:
    def scenario(impl: Impl) -> tuple[Any, ...]:
        log: list[str] = []

        async def consumer() -> Any:
            iterator = source(log)
            if with_default:
                return await impl.anext(iterator, "default")
            return await impl.anext(iterator)

        return _run_cancelling(loop, consumer), log

    outcome = support.assert_same_as_builtin(ours, scenario)
    assert outcome.value[0] == ("cancelled",)
    assert outcome.value[1] == ["Cancelled" if loop == "trio" else "CancelledError"]


def test_a_partly_consumed_async_generator_is_finalized(run, loop_name, ours) -> None:
    """The loops' async generator hooks see it (asyncio, uvloop and trio close it at the end of
    the run); without hooks (the own loop) it is closed when it is garbage."""

    def scenario(impl: Impl) -> list[str]:
        log: list[str] = []

        async def agen():
            try:
                yield 1
                yield 2
            finally:
                log.append("finalized")

        alive = [agen()]  # kept alive past the run, so the loop's hooks finalize it

        async def take_one() -> Any:
            return await impl.anext(alive[0], "default")

        log.append(f"got {run(take_one)}")
        alive.clear()
        gc.collect()
        return log

    outcome = support.assert_same_as_builtin(ours, scenario)
    if loop_name == "ownloop":
        assert outcome.value == ["got 1", "finalized"]
    else:
        assert outcome.value == ["finalized", "got 1"]


# --- the property: ours and the builtin consume alike ------------------------------------------

item_strategy = st.one_of(
    st.integers(),
    st.none(),
    st.text(max_size=3),
    st.tuples(st.integers()),
    st.just(()),
    st.builds(lambda msg: _fail(KeyError(msg)), st.text(max_size=3)),
    st.builds(lambda: Fail(StopAsyncIteration("inside"))),
    st.builds(lambda: Fail(StopIteration("inside"))),
)

default_strategy = st.sampled_from([NO_DEFAULT, NO_DEFAULT, None, 0, "end", SENTINEL])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # the fixtures hold no state
)
@given(
    items=st.lists(item_strategy, max_size=8),
    kind=st.sampled_from(support.SOURCE_KINDS),
    plan=st.lists(default_strategy, min_size=0, max_size=12),
)
def test_ours_consumes_exactly_like_the_builtin(run, ours, items, kind, plan) -> None:
    # Then always go past the end, with and without a default.
    plan = plan + [SENTINEL] * (len(items) + 1) + [NO_DEFAULT, SENTINEL]
    run_both(run, ours, lambda: make_source(kind, items), plan)
