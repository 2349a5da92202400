"""``asyncitertools.functools.reduce`` and ``asyncitertools.heapq.nlargest`` / ``nsmallest``.

``await reduce(function, iterable[, initial])`` is ``functools.reduce`` over a sync or async
iterable with a sync or async function (an awaitable result is awaited). ``await nlargest(n,
iterable, key=None)`` and ``nsmallest`` are the ``heapq`` functions: the same list, equal items
in the stdlib's order, the key (sync or async) called once per item, as the items come. All three
close an async iterator they own (exhaustion, error, cancellation) before they finish; argument
errors are the stdlib's, with its messages. ``n <= 0`` takes no item (as the stdlib).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import heapq
import sys
import types
import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asyncitertools
import asyncitertools.functools as afunctools
import asyncitertools.heapq as aheapq

import support
from support import Fail, Raised, Returned, TrackedSource, make_source, outcome

HYPOTHESIS = settings(max_examples=60, deadline=None)

SELECTIONS = ("nlargest", "nsmallest")

# What the stdlib's functions are compared with, by name.
STDLIB: dict[str, Callable[..., Any]] = {
    "reduce": functools.reduce,
    "nlargest": heapq.nlargest,
    "nsmallest": heapq.nsmallest,
}
OURS: dict[str, Callable[..., Any]] = {
    "reduce": afunctools.reduce,
    "nlargest": aheapq.nlargest,
    "nsmallest": aheapq.nsmallest,
}


def _sync_generator(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, Fail):
            raise item.error
        yield item


def ours_of(kind: str, items: list[Any]) -> Any:
    """Our side's iterable: of the kind (a list that must raise becomes a generator)."""
    if kind == "list" and any(isinstance(item, Fail) for item in items):
        kind = "sync_generator"
    return support.iterable_of(kind, items)


def stdlib_of(kind: str, items: list[Any]) -> Any:
    """The stdlib's side: the list itself for a list, else an iterator (no len())."""
    if kind == "list" and not any(isinstance(item, Fail) for item in items):
        return list(items)
    return _sync_generator(list(items))


class Item:
    """An orderable item with an identity: equal values are told apart by ``tag``."""

    def __init__(self, value: int, tag: int) -> None:
        self.value = value
        self.tag = tag

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Item) and self.value == other.value

    def __lt__(self, other: Item) -> bool:
        return self.value < other.value

    def __gt__(self, other: Item) -> bool:
        return self.value > other.value

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Item({self.value}, {self.tag})"


POISON = 7  # a value the function or key raises at (errors at random points)


def raising_at_poison(function: Callable[..., Any]) -> Callable[..., Any]:
    def checked(*args: Any) -> Any:
        if any(getattr(arg, "value", arg) == POISON for arg in args if not isinstance(arg, list)):
            raise ValueError("poison")
        return function(*args)

    return checked


KEYS: dict[str, Callable[[Item], Any] | None] = {
    "none": None,
    "value": lambda item: item.value,
    "neg": lambda item: -item.value,
    "mod3": lambda item: item.value % 3,  # many ties
    "poison": raising_at_poison(lambda item: item.value % 4),
}


def same(got: Returned | Raised, expected: Returned | Raised) -> None:
    """Same outcome; a list result holds the very same objects, in the same order."""
    if isinstance(expected, Raised) or isinstance(got, Raised):
        assert got == expected, f"asyncitertools: {got!r}\nstdlib:         {expected!r}"
        return
    assert type(got.value) is type(expected.value)
    if isinstance(expected.value, list):
        assert [id(x) for x in got.value] == [id(x) for x in expected.value], (got, expected)
    else:
        assert got.value == expected.value


def run_ours(loop: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    async def scenario() -> Any:
        return await function(*args, **kwargs)

    return outcome(support.run_in, loop, scenario)


@pytest.fixture(params=support.LOOPS)
def run(request: pytest.FixtureRequest) -> Callable[[Callable[[], Any]], Any]:
    def runner(make: Callable[[], Any]) -> Any:
        async def scenario() -> Any:
            return await make()

        return support.run_in(request.param, scenario)

    return runner


def fails() -> st.SearchStrategy[Fail]:
    return st.builds(lambda: Fail(KeyError("from the source")))


# ================================================================================================
# differential tests against the stdlib
# ================================================================================================


@HYPOTHESIS
@given(
    items=st.lists(st.integers(-3, 9) | fails(), max_size=8),
    initial=st.sampled_from([None, 0, "missing"]),
    poison=st.booleans(),
    kind=st.sampled_from(support.ITERABLE_KINDS),
    function_kind=st.sampled_from(support.CALLABLE_KINDS),
    loop=st.sampled_from(support.HYPOTHESIS_LOOPS),
)
def test_reduce_equals_the_stdlib(
    items: list[Any], initial: Any, poison: bool, kind: str, function_kind: str, loop: str
) -> None:
    """The same left fold (the pairs show the order), the same error, or the empty error."""

    def pair(a: Any, b: Any) -> Any:
        return (a, b)

    function = raising_at_poison(pair) if poison else pair
    args = () if initial == "missing" else (initial,)
    expected = outcome(functools.reduce, function, stdlib_of(kind, items), *args)
    got = run_ours(
        loop,
        afunctools.reduce,
        support.callable_of(function_kind, function),
        ours_of(kind, items),
        *args,
    )
    assert got == expected, f"asyncitertools: {got!r}\nstdlib:         {expected!r}"


def _as_items(values: list[Any]) -> list[Any]:
    return [
        value if isinstance(value, Fail) else Item(value, tag) for tag, value in enumerate(values)
    ]


# Built once: a strategy built inside a draw is a new entry of hypothesis's cache every time.
SELECTION_ITEMS = st.lists(st.integers(0, 9) | fails(), max_size=9).map(_as_items)


@HYPOTHESIS
@given(
    name=st.sampled_from(SELECTIONS),
    n=st.integers(-2, 11) | st.sampled_from([True, False, 1.0, 10**30]),
    items=SELECTION_ITEMS,
    key_name=st.sampled_from(list(KEYS)),
    kind=st.sampled_from(support.ITERABLE_KINDS),
    key_kind=st.sampled_from(support.CALLABLE_KINDS),
    loop=st.sampled_from(support.HYPOTHESIS_LOOPS),
)
def test_nlargest_and_nsmallest_equal_the_stdlib(
    name: str, n: Any, items: list[Any], key_name: str, kind: str, key_kind: str, loop: str
) -> None:
    """The very same items in the same order (ties as the stdlib orders them), or the same error
    (a key error and a source error: whichever comes first, as the items come)."""
    key = KEYS[key_name]
    expected = outcome(STDLIB[name], n, stdlib_of(kind, items), key=key)
    our_key = None if key is None else support.callable_of(key_kind, key)
    got = run_ours(loop, OURS[name], n, ours_of(kind, items), key=our_key)
    same(got, expected)


@pytest.mark.parametrize("name", SELECTIONS)
@pytest.mark.parametrize("key_kind", ["no key", *support.CALLABLE_KINDS])
@pytest.mark.parametrize("n", [-1, 0, 1, 2, 3, 6, 7, 100])
def test_ties_are_ordered_as_the_stdlib_orders_them(run, name: str, key_kind: str, n: int) -> None:
    items = [Item(value, tag) for tag, value in enumerate([1, 3, 0, 3, 0, 3])]
    if key_kind == "no key":
        expected = STDLIB[name](n, items)
        got = run(lambda: OURS[name](n, make_source("async_generator", items)))
    else:
        expected = STDLIB[name](n, items, key=lambda item: item.value % 2)
        key = support.callable_of(key_kind, lambda item: item.value % 2)
        got = run(lambda: OURS[name](n, make_source("async_generator", items), key=key))
    assert [x.tag for x in got] == [x.tag for x in expected]


@pytest.mark.parametrize("name", SELECTIONS)
@pytest.mark.parametrize("key_kind", support.CALLABLE_KINDS)
@pytest.mark.parametrize("n", [1, 2, 10])
def test_the_key_is_called_once_per_item_as_the_items_come(
    run, name: str, key_kind: str, n: int
) -> None:
    log: list[Any] = []

    async def source() -> Any:
        for item in [3, 1, 4, 1, 5]:
            log.append(("item", item))
            yield item

    def key(item: int) -> int:
        log.append(("key", item))
        return -item

    got = run(lambda: OURS[name](n, source(), key=support.callable_of(key_kind, key)))
    assert got == STDLIB[name](n, [3, 1, 4, 1, 5], key=lambda item: -item)
    assert log == [entry for item in [3, 1, 4, 1, 5] for entry in (("item", item), ("key", item))]


@pytest.mark.parametrize("function_kind", support.CALLABLE_KINDS)
def test_reduce_calls_the_function_left_to_right_with_the_value_so_far(
    run, function_kind: str
) -> None:
    calls: list[tuple[Any, Any]] = []

    def subtract(a: int, b: int) -> int:
        calls.append((a, b))
        return a - b

    function = support.callable_of(function_kind, subtract)
    assert run(lambda: afunctools.reduce(function, make_source("async_generator", [10, 1, 2]))) == 7
    assert calls == [(10, 1), (9, 2)]
    calls.clear()
    assert run(lambda: afunctools.reduce(function, [1, 2], 10)) == 7
    assert calls == [(10, 1), (9, 2)]


def test_reduce_of_one_item_is_that_item_and_the_function_is_not_called(run) -> None:
    item = object()

    def never(a: Any, b: Any) -> Any:
        raise AssertionError("called")

    assert run(lambda: afunctools.reduce(never, make_source("async_generator", [item]))) is item
    assert run(lambda: afunctools.reduce(never, [], item)) is item


def test_reduce_does_not_await_items_or_the_initial_value(run) -> None:
    """Only the function's results are awaited; an awaitable item or initial value is a value."""
    coroutine = asyncio.sleep(0)
    try:
        assert run(lambda: afunctools.reduce(lambda a, b: (a, b), [1, coroutine])) == (1, coroutine)
        assert run(lambda: afunctools.reduce(_f, [coroutine])) is coroutine
        assert run(lambda: afunctools.reduce(_f, [], coroutine)) is coroutine
    finally:
        coroutine.close()


# ================================================================================================
# n <= 0 and the owned source
# ================================================================================================


@pytest.mark.parametrize("name", SELECTIONS)
@pytest.mark.parametrize("n", [0, -1, -(10**30), False])
def test_n_at_most_zero_takes_no_item_and_closes_the_owned_source(run, name: str, n: int) -> None:
    source = TrackedSource([1, 2, Fail(KeyError("never pulled"))])

    def key(item: Any) -> Any:
        raise AssertionError("the key was called")

    assert run(lambda: OURS[name](n, source, key=key)) == []
    assert source.pulled == 0
    assert source.closed == 1


@pytest.mark.parametrize("name", SELECTIONS)
def test_n_at_most_zero_leaves_a_borrowed_source_open(run, name: str) -> None:
    source = TrackedSource([1, 2])
    assert run(lambda: OURS[name](0, asyncitertools.borrow(source))) == []
    assert (source.pulled, source.closed) == (0, 0)


# ================================================================================================
# closing
# ================================================================================================

# (function, arguments before the iterable, keyword arguments, the result over [3, 1, 2])
CALLS = {
    "reduce": (afunctools.reduce, (lambda a, b: a + b,), {}, 6),
    "nlargest": (aheapq.nlargest, (2,), {}, [3, 2]),
    "nsmallest": (aheapq.nsmallest, (2,), {"key": lambda x: -x}, [3, 2]),
    "nlargest one": (aheapq.nlargest, (1,), {}, [3]),
}


@pytest.fixture(params=list(CALLS))
def call(
    request: pytest.FixtureRequest,
) -> tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], Any]:
    return CALLS[request.param]


@pytest.mark.parametrize("suspends", [False, True])
def test_the_owned_source_is_closed_once_after_exhaustion(run, call, suspends: bool) -> None:
    function, args, kwargs, result = call
    source = TrackedSource([3, 1, 2], suspends=suspends)
    assert run(lambda: function(*args, source, **kwargs)) == result
    assert source.closed == 1


def test_a_borrowed_source_is_not_closed(run, call) -> None:
    function, args, kwargs, result = call
    source = TrackedSource([3, 1, 2])
    assert run(lambda: function(*args, asyncitertools.borrow(source), **kwargs)) == result
    assert source.closed == 0


def test_a_source_error_propagates_after_closing_the_source(run, call) -> None:
    function, args, kwargs, _ = call
    error = KeyError("from the source")
    source = TrackedSource([3, Fail(error), 2])

    async def scenario() -> Any:
        try:
            await function(*args, source, **kwargs)
        except KeyError as raised:
            return raised, source.closed
        raise AssertionError("no error")

    assert run(scenario) == (error, 1)


@pytest.mark.parametrize("name", ["reduce", "nlargest", "nsmallest"])
@pytest.mark.parametrize("callable_kind", support.CALLABLE_KINDS)
def test_a_callable_error_propagates_after_closing_the_source_and_stops_pulling(
    run, name: str, callable_kind: str
) -> None:
    error = ValueError("from the callable")

    def failing(*args: Any) -> Any:
        if 2 in args:
            raise error
        return args[0]

    source = TrackedSource([3, 2, 1])
    function = support.callable_of(callable_kind, failing)

    async def scenario() -> Any:
        try:
            if name == "reduce":
                await afunctools.reduce(function, source)
            else:
                await OURS[name](2, source, key=function)
        except ValueError as raised:
            return raised, source.closed, source.pulled
        raise AssertionError("no error")

    assert run(scenario) == (error, 1, 2)


def test_a_failing_aclose_after_the_end_is_the_error(run, call) -> None:
    function, args, kwargs, _ = call
    error = OSError("close failed")
    source = TrackedSource([3, 1, 2], close_error=error)

    async def scenario() -> Any:
        try:
            await function(*args, source, **kwargs)
        except OSError as raised:
            return raised
        raise AssertionError("no error")

    assert run(scenario) is error


@pytest.mark.parametrize("cancel_loop", ["asyncio", "trio"])
def test_cancellation_while_the_source_is_suspended_closes_it_first(call, cancel_loop: str) -> None:
    function, args, kwargs, _ = call
    log: list[Any] = []

    async def scenario() -> None:
        await support.cancel_while_suspended(
            lambda: function(*args, support.forever_after([3, 1], log), **kwargs)
        )
        assert log == [("finally", "source")]

    support.run_in(cancel_loop, scenario)
    assert log == [("finally", "source")]


@types.coroutine
def _yield_once(holder: Any) -> Iterator[Any]:
    yield "first"
    return holder  # pragma: no cover


def test_closing_the_suspended_awaitable_closes_the_source(call) -> None:
    """``close()`` of the awaitable (a task dropped) ends the source's wait; its finally runs."""
    function, args, kwargs, _ = call
    log: list[str] = []

    async def source() -> Any:
        try:
            yield 3
            await _yield_once(None)
            yield 1  # pragma: no cover
        finally:
            log.append("finally")

    awaitable = function(*args, source(), **kwargs)
    assert awaitable.send(None) == "first"
    awaitable.close()
    assert log == ["finally"]


def test_an_error_thrown_in_while_suspended_reaches_the_source(call) -> None:
    function, args, kwargs, _ = call
    log: list[str] = []
    error = KeyError("thrown in")

    async def source() -> Any:
        try:
            yield 3
            await _yield_once(None)
            yield 1  # pragma: no cover
        finally:
            log.append("finally")

    awaitable = function(*args, source(), **kwargs)
    assert awaitable.send(None) == "first"
    assert support.exception_of(awaitable.throw, error) is error
    assert log == ["finally"]


# ================================================================================================
# the awaitable
# ================================================================================================


def test_over_a_sync_source_it_completes_without_suspending(call) -> None:
    function, args, kwargs, result = call
    error = support.exception_of(function(*args, [3, 1, 2], **kwargs).send, None)
    assert type(error) is StopIteration
    assert error.value == result


def test_it_cannot_be_awaited_twice(run, call) -> None:
    function, args, kwargs, result = call

    async def scenario() -> Any:
        awaitable = function(*args, make_source("async_generator", [3, 1, 2]), **kwargs)
        first = await awaitable
        with pytest.raises(RuntimeError):
            await awaitable
        return first

    assert run(scenario) == result


def test_it_cannot_be_awaited_by_a_second_task_while_the_first_awaits_it(call) -> None:
    function, args, kwargs, result = call

    async def scenario() -> Any:
        go_on = asyncio.Event()

        async def source() -> Any:
            yield 3
            await go_on.wait()
            yield 1
            yield 2

        awaitable = function(*args, source(), **kwargs)

        async def await_it() -> Any:
            return await awaitable

        first = asyncio.create_task(await_it())
        await asyncio.sleep(0)
        second = asyncio.create_task(await_it())
        await asyncio.sleep(0)
        go_on.set()
        return await asyncio.gather(first, second, return_exceptions=True)

    first, second = asyncio.run(scenario())
    assert first == result
    assert type(second) is RuntimeError
    assert "already" in str(second) or "cannot reuse" in str(second)


@pytest.mark.parametrize("name", ["reduce", "nlargest"])
def test_stop_iteration_from_the_callable_is_an_error_not_the_result(run, name: str) -> None:
    stop = StopIteration("from the callable")

    def raising(*args: Any) -> Any:
        raise stop

    async def scenario() -> Any:
        try:
            if name == "reduce":
                return Returned(
                    await afunctools.reduce(raising, make_source("async_generator", [1, 2]))
                )
            return Returned(
                await aheapq.nlargest(2, make_source("async_generator", [1, 2]), key=raising)
            )
        except BaseException as raised:
            return raised

    got = run(scenario)
    assert type(got) is RuntimeError
    assert got.__cause__ is stop


# ================================================================================================
# garbage collection
# ================================================================================================


class Holder:
    awaitable: Any = None


class Suspends:
    """An async iterator whose steps suspend once (yielding "first") and hold nothing."""

    def __aiter__(self) -> Suspends:
        return self

    def __anext__(self) -> Any:
        return _yield_once(None)


@pytest.mark.usefixtures("no_automatic_gc")
@pytest.mark.parametrize("state", ["fresh", "suspended"])
def test_a_cycle_through_reduces_total_is_collected(state: str) -> None:
    """The initial value, the total until an item comes. (Through the source, the function and
    nlargest's key: test_objects.py.)"""

    def make_cycle() -> Holder:
        holder = Holder()
        source = [1] if state == "fresh" else Suspends()
        holder.awaitable = afunctools.reduce(lambda total, item: total, source, holder)
        if state == "suspended":
            assert holder.awaitable.send(None) == "first"
        return holder

    ref = weakref.ref(make_cycle())
    assert ref() is not None, "no cycle: freed by reference counting alone"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert ref() is None, "the cycle was not collected"
    expected = ["awaitable 'reduce_awaitable' was never awaited"] if state == "fresh" else []
    assert [str(w.message) for w in caught] == expected


# ================================================================================================
# the functions and their arguments
# ================================================================================================


@pytest.mark.parametrize(
    ("module", "name"),
    [("functools", "reduce"), ("heapq", "nlargest"), ("heapq", "nsmallest")],
)
def test_the_functions_are_exported_and_named_like_the_stdlibs(module: str, name: str) -> None:
    package = getattr(asyncitertools, module)
    function = getattr(package, name)
    assert name in package.__all__
    assert function.__name__ == name
    assert function.__module__ == f"asyncitertools.{module}"
    awaitable = function(*((lambda a, b: a,) if name == "reduce" else (1,)), [1])
    assert type(awaitable).__name__ == f"{name}_awaitable"
    assert type(awaitable).__module__ == f"asyncitertools.{module}"
    awaitable.close()


def first_error(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> BaseException:
    """The exception of ``await function(*args, **kwargs)``, raised by the call or the await."""

    async def scenario() -> Any:
        try:
            awaitable = function(*args, **kwargs)
        except Exception as error:
            return error
        try:
            await awaitable
        except Exception as error:
            return error
        raise AssertionError(f"{function!r} did not raise")

    return support.run_in("ownloop", scenario)


def _f(a: Any, b: Any) -> Any:
    return a


class NoLen:
    """A sync iterable whose ``len()`` raises something other than TypeError."""

    def __iter__(self) -> Iterator[int]:
        return iter([1, 2])

    def __len__(self) -> int:
        raise OSError("no len")


BAD_CALLS: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "reduce no arguments": ("reduce", (), {}),
    "reduce one argument": ("reduce", (_f,), {}),
    "reduce four arguments": ("reduce", (_f, [1], 0, 0), {}),
    "reduce initial by keyword": ("reduce", (_f, [1]), {"initial": 0}),
    "reduce iterable by keyword": ("reduce", (_f,), {"iterable": [1]}),
    "reduce function and iterable by keyword": ("reduce", (), {"function": _f, "iterable": [1]}),
    "reduce initial by position and keyword": ("reduce", (_f, [1], 0), {"initial": 0}),
    "reduce misspelt initial": ("reduce", (_f, [1]), {"inital": 0}),
    "reduce unknown keyword": ("reduce", (_f, [1]), {"start": 0}),
    "reduce not iterable": ("reduce", (_f, 5), {}),
    "reduce empty": ("reduce", (_f, []), {}),
    "reduce not callable": ("reduce", (5, [1, 2]), {}),
    "no arguments": ("nlargest", (), {}),
    "no iterable": ("nlargest", (1,), {}),
    "four arguments": ("nlargest", (1, [1], None, 4), {}),
    "unexpected keyword": ("nsmallest", (1, [1]), {"x": 1}),
    "unexpected keyword first": ("nsmallest", (1, [1], None, 4), {"x": 1}),
    "n twice": ("nlargest", (1, [1]), {"n": 1}),
    "iterable twice": ("nsmallest", (1, [1]), {"iterable": 1}),
    "missing n": ("nsmallest", (), {"iterable": [1]}),
    "not iterable": ("nlargest", (2, 5), {}),
    "n a str, a list": ("nlargest", ("x", [1, 2]), {}),
    "n a str, a generator": ("nsmallest", ("x", iter([1, 2])), {}),
    "n None": ("nlargest", (None, [1]), {}),
    "n a float below len": ("nlargest", (2.0, [1, 2, 3]), {}),
    "n a float at len": ("nsmallest", (3.0, [1, 2, 3]), {}),
    # 3.15 returns the whole sorted list for n >= len, without slicing by n.
    "n a float above len, largest": ("nlargest", (5.5, [2, 3, 1]), {}),
    "n a str above len": ("nsmallest", ("x", []), {}),
    "n a float, a generator": ("nlargest", (5.0, iter([1])), {}),
    "len raises": ("nlargest", (2, NoLen()), {}),
    "key not callable": ("nlargest", (2, [1, 2, 3]), {"key": 5}),
    "uncomparable items": ("nsmallest", (2, [1, "a", 2]), {}),
    "uncomparable keys": ("nlargest", (2, [1, 2, 3]), {"key": lambda x: None if x == 2 else x}),
}


def first_outcome(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """What ``await function(*args, **kwargs)`` gives: its value, or the exception of the call
    or the await as (type, args)."""

    async def scenario() -> Any:
        try:
            return support.Returned(await function(*args, **kwargs))
        except Exception as error:
            return support.Raised.of(error)

    return support.run_in("ownloop", scenario)


@pytest.mark.parametrize(("name", "args", "kwargs"), BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_argument_errors_are_the_stdlibs(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """Each call is refused as this version's stdlib refuses it; the few that a version accepts
    (``reduce(..., initial=0)`` on 3.14+) give the stdlib's result."""
    expected = support.outcome(STDLIB[name], *args, **kwargs)
    # A fresh iterator for our call (the stdlib's consumed its own).
    args = tuple(iter([1, 2]) if type(arg).__name__ == "list_iterator" else arg for arg in args)
    assert first_outcome(OURS[name], *args, **kwargs) == expected


@pytest.mark.parametrize("name", SELECTIONS)
def test_n_over_an_async_source_is_checked_as_for_an_iterator(name: str) -> None:
    """No len(): ``range(0, -n, -1)`` decides, as the stdlib over an iterator."""
    for n in ["x", 2.0, None]:
        expected = support.exception_of(STDLIB[name], n, iter([1, 2]))
        got = first_error(OURS[name], n, make_source("async_generator", [1, 2]))
        assert (type(got), got.args) == (type(expected), expected.args)


@pytest.mark.parametrize("name", SELECTIONS)
def test_n_may_be_anything_equal_to_one_or_a_huge_int(run, name: str) -> None:
    items = [Item(v, t) for t, v in enumerate([5, 1, 5, 3])]
    for n in [1.0, True, 10**30, -(10**30), 3]:
        expected = STDLIB[name](n, iter(items))
        got = run(lambda n=n: OURS[name](n, make_source("async_generator", items)))
        assert [id(x) for x in got] == [id(x) for x in expected]


def test_trio_and_asyncio_see_the_same(run) -> None:
    """A suspending function under every loop (the ``run`` fixture): the same fold."""

    async def add(a: int, b: int) -> int:
        await support.suspend()
        return a + b

    assert (
        run(lambda: afunctools.reduce(add, make_source("suspending_async_generator", range(5))))
        == 10
    )


@pytest.mark.parametrize("name", ["nlargest", "nsmallest"])
@pytest.mark.parametrize("iterable", [[3, 1, 2], (3, 1), range(3)], ids=repr)
def test_asyncstdlibs_argument_order_fails_as_the_stdlib_does_with_a_hint(
    name: str, iterable: Any
) -> None:
    """``nlargest(iterable, n)``: the stdlib's error (``iter(n)`` fails first), and a note that
    says which comes first (3.11+ shows notes)."""
    theirs = support.exception_of(getattr(heapq, name), iterable, 2)
    ours = support.exception_of(getattr(aheapq, name), iterable, 2)
    assert (type(ours), str(ours)) == (type(theirs), str(theirs))
    notes = list(getattr(ours, "__notes__", []))
    expected = f"{name}() takes n first: {name}(n, iterable)"
    expected += " (asyncstdlib's takes the iterable first)."
    assert notes == ([expected] if sys.version_info >= (3, 11) else [])
