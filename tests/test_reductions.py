"""The awaitable reductions: ``all``, ``any``, ``max``, ``min``, ``sum``, ``list``, ``tuple``,
``set``, ``dict`` and ``sorted``.

Each is the stdlib builtin of the same name, made awaitable and given async powers: ``await
asyncitertools.sum(source)`` equals ``sum(items)`` for a sync or async ``source`` producing
``items`` (same value, same type; for an error the same type and message), and a ``key`` may be
sync or async. Async sources are owned: closed (``aclose()`` awaited) before the awaitable
completes or raises, including when ``all``/``any`` stop early. The awaitable itself is a
coroutine-like object: any event loop can await it, ``asyncio.run`` takes it, and it runs once.
"""

from __future__ import annotations

import asyncio
import builtins
import collections.abc
import math
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
import trio
import trio.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asyncitertools
import asyncitertools.builtins

import support
from support import Fail, Raised, Returned, make_source, outcome, suspend

FUNCTIONS = ("all", "any", "max", "min", "sum", "list", "tuple", "set", "dict", "sorted")
KEYED = ("max", "min", "sorted")

# The loops of the differential tests (uvloop behaves like asyncio; the explicit tests use all).
DIFFERENTIAL_LOOPS = ("asyncio", "trio", "ownloop")

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # the fixtures hold no state
)


def ours(name: str) -> Callable[..., Any]:
    """``asyncitertools.<name>``, looked up when a test runs (so one missing name fails alone)."""
    return getattr(asyncitertools, name)


def theirs(name: str) -> Callable[..., Any]:
    return getattr(builtins, name)


# --- iterables of every kind -----------------------------------------------------------------

# The async kinds of the aiter/anext tests, sync ones, and two of our own native iterators
# (driven through Rust rather than through the protocol).
SYNC_KINDS = ("list", "sync_generator")
NATIVE_KINDS = ("native_iter", "native_enumerate")
ALL_KINDS = support.SOURCE_KINDS + SYNC_KINDS + NATIVE_KINDS


def _sync_generator(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield support._produce(item)


def iterable_of(kind: str, items: Iterable[Any]) -> Any:
    """A fresh iterable of the given kind; a :class:`Fail` item raises its error there."""
    items = list(items)
    if kind == "list":
        if any(isinstance(item, Fail) for item in items):
            return _sync_generator(items)  # a list cannot raise
        return items
    if kind == "sync_generator":
        return _sync_generator(items)
    if kind == "native_iter":
        return asyncitertools.iter(make_source("async_generator", items))
    if kind == "native_enumerate":
        return asyncitertools.enumerate(make_source("async_generator", items))
    return make_source(kind, items)


def stdlib_iterable_of(kind: str, items: Iterable[Any]) -> Iterator[Any]:
    """What the stdlib function is given to compare with ``iterable_of(kind, items)``."""
    if kind == "native_enumerate":
        return builtins.enumerate(_sync_generator(list(items)))
    return _sync_generator(list(items))


# --- keys of every kind ------------------------------------------------------------------------


class Ready:
    """An awaitable object (not a coroutine) whose ``__await__`` returns at once."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self) -> Iterator[Any]:
        return self.value
        yield  # pragma: no cover - makes this a generator function


KEY_KINDS = ("sync", "async", "suspending_async", "returns_awaitable")


def keyed(kind: str, fn: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """``fn`` as a key of the given kind: its result directly, or awaitable in some way."""
    if fn is None or kind == "sync":
        return fn
    if kind == "async":

        async def key(item: Any) -> Any:
            return fn(item)

    elif kind == "suspending_async":

        async def key(item: Any) -> Any:
            await suspend()
            return fn(item)

    elif kind == "returns_awaitable":

        def key(item: Any) -> Any:
            return Ready(fn(item))

    else:
        raise ValueError(kind)
    return key


def neg(item: Any) -> Any:
    return -item


def mod3(item: Any) -> Any:
    return item % 3


def strlen(item: Any) -> int:
    return len(str(item))


KEYS: dict[str, Callable[[Any], Any] | None] = {
    "none": None,
    "abs": abs,
    "neg": neg,
    "mod3": mod3,  # many ties
    "str": str,
    "strlen": strlen,  # many ties
}


# --- comparing outcomes ----------------------------------------------------------------------


def assert_same_value(got: Any, expected: Any, *, identity: bool = False) -> None:
    """Same type and value; floats to the bit (``-0.0``, ``nan``); dicts in the same order.

    With ``identity``, the very same objects (which of equal items was chosen, and in which order).
    """
    assert type(got) is type(expected), f"{got!r} is not of type {type(expected)}"
    if isinstance(expected, (float, complex)):
        assert repr(got) == repr(expected)
    elif isinstance(expected, dict):
        assert list(got.items()) == list(expected.items())
    elif identity and isinstance(expected, list):
        assert [id(item) for item in got] == [id(item) for item in expected], (got, expected)
    elif identity:
        assert got is expected, (got, expected)
    else:
        assert got == expected


def assert_same_outcome(
    got: Returned | Raised, expected: Returned | Raised, *, identity: bool = False
) -> None:
    if isinstance(expected, Raised):
        assert got == expected, f"asyncitertools: {got!r}\nstdlib:         {expected!r}"
    else:
        assert isinstance(got, Returned), f"asyncitertools: {got!r}\nstdlib:         {expected!r}"
        assert_same_value(got.value, expected.value, identity=identity)


def run_ours(loop: str, name: str, *args: Any, **kwargs: Any) -> Returned | Raised:
    """What ``await asyncitertools.<name>(*args, **kwargs)`` did, run in ``loop``."""

    async def scenario() -> Any:
        return await ours(name)(*args, **kwargs)

    return outcome(support.run_in, loop, scenario)


def differential(
    loop: str,
    name: str,
    kind: str,
    items: list[Any],
    *args: Any,
    key_kind: str = "sync",
    identity: bool = False,
    **kwargs: Any,
) -> None:
    """``await ours(name)(<kind of items>, ...)`` does what ``theirs(name)(items, ...)`` does."""
    expected = outcome(theirs(name), stdlib_iterable_of(kind, items), *args, **kwargs)
    if "key" in kwargs:
        kwargs["key"] = keyed(key_kind, kwargs["key"])
    got = run_ours(loop, name, iterable_of(kind, items), *args, **kwargs)
    # Our native enumerate makes new pairs: equal to the stdlib's, not the same objects.
    assert_same_outcome(got, expected, identity=identity and kind != "native_enumerate")


@pytest.fixture(params=DIFFERENTIAL_LOOPS)
def loop(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=ALL_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


def fails() -> st.SearchStrategy[Fail]:
    """A source item that raises (a new exception each time)."""
    return st.builds(lambda: Fail(KeyError("from the source")))


class BadBool:
    """An item whose truth value cannot be decided."""

    def __bool__(self) -> bool:
        raise ValueError("no truth value")

    def __repr__(self) -> str:
        return "BadBool()"


MISSING: Any = object()  # an argument left out


def without_missing(**kwargs: Any) -> dict[str, Any]:
    return {name: value for name, value in kwargs.items() if value is not MISSING}


# ================================================================================================
# all and any
# ================================================================================================


@HYPOTHESIS
@given(
    items=st.lists(
        st.integers(-1, 2) | st.none() | st.text(max_size=1) | st.just(BadBool()) | fails(),
        max_size=8,
    ),
    kind=st.sampled_from(ALL_KINDS),
)
@pytest.mark.parametrize("name", ["all", "any"])
def test_all_and_any_equal_the_stdlib(loop: str, name: str, items: list[Any], kind: str) -> None:
    """The result, or the error (from the source or from an item's truth value), of the stdlib."""
    differential(loop, name, kind, items)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_all_and_any_of_nothing(run, kind: str) -> None:
    assert run(lambda: ours("all")(iterable_of(kind, []))) is True
    assert run(lambda: ours("any")(iterable_of(kind, []))) is False


ShortCircuit = tuple[str, list[Any], bool, int]
SHORT_CIRCUITS: list[ShortCircuit] = [
    ("any", [0, "", 3, 4, 5], True, 3),
    ("all", [1, "x", 0, 4, 5], False, 3),
]


@pytest.mark.parametrize(("name", "items", "result", "pulled"), SHORT_CIRCUITS)
@pytest.mark.parametrize("suspends", [False, True])
def test_all_and_any_stop_at_the_decisive_item_and_close_the_source_first(
    run, name: str, items: list[Any], result: bool, pulled: int, suspends: bool
) -> None:
    """No item after the decisive one is pulled; the source's ``finally`` has run on return."""
    log: list[Any] = []

    async def source() -> Any:
        try:
            for item in items:
                if suspends:
                    await suspend()
                log.append(item)
                yield item
        finally:
            log.append("finally")

    async def scenario() -> Any:
        got = await ours(name)(source())
        return got, list(log)

    assert run(scenario) == (result, items[:pulled] + ["finally"])


@pytest.mark.parametrize(("name", "items", "result", "pulled"), SHORT_CIRCUITS)
@pytest.mark.parametrize("suspends", [False, True])
def test_all_and_any_close_a_class_source_once_when_stopping_early(
    run, name: str, items: list[Any], result: bool, pulled: int, suspends: bool
) -> None:
    source = Tracked(items, suspends)

    async def scenario() -> Any:
        got = await ours(name)(source)
        return got, source.closed

    assert run(scenario) == (result, 1)
    assert source.items == items[pulled:]


@pytest.mark.parametrize(("name", "items", "result", "pulled"), SHORT_CIRCUITS)
def test_a_sync_source_is_left_open_after_stopping_early(
    run, name: str, items: list[Any], result: bool, pulled: int
) -> None:
    """As with the stdlib: a sync iterator is not closed, it can be continued."""
    theirs_rest = iter(items)
    assert theirs(name)(theirs_rest) is result
    source = iter(items)
    assert run(lambda: ours(name)(source)) is result
    assert list(source) == list(theirs_rest) == items[pulled:]


@pytest.mark.parametrize(("name", "items", "result", "pulled"), SHORT_CIRCUITS)
def test_a_borrowed_source_is_left_open_after_stopping_early(
    run, name: str, items: list[Any], result: bool, pulled: int
) -> None:
    async def scenario() -> Any:
        source = make_source("async_generator", items)
        got = await ours(name)(asyncitertools.borrow(source))
        return got, [item async for item in source]

    assert run(scenario) == (result, items[pulled:])


@pytest.mark.parametrize("name", ["all", "any"])
def test_a_truth_value_error_propagates_unchanged_after_closing_the_source(run, name: str) -> None:
    error = ValueError("no truth value")

    class Bad:
        def __bool__(self) -> bool:
            raise error

    source = Tracked([Bad(), 1, 0])

    async def scenario() -> Any:
        try:
            await ours(name)(source)
        except ValueError as raised:
            return raised, source.closed, source.items

    got = run(scenario)
    assert got == (error, 1, [1, 0])
    assert got[0] is error


def test_items_are_values_never_awaited(run) -> None:
    """Only callables' results are awaited: an awaitable item is just an item."""
    items = [Ready(0), Ready(1)]
    assert run(lambda: ours("list")(items)) == items
    assert run(lambda: ours("all")(items)) is True  # the Ready objects are true, not 0
    assert run(lambda: ours("max")(items, key=id)) is builtins.max(items, key=id)


# ================================================================================================
# sum
# ================================================================================================

SUM_ITEMS = (
    st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.integers(sys.maxsize - 2, sys.maxsize + 2)
    | st.floats()  # including inf, -inf, nan, -0.0
    | st.floats(-1.0, 1.0)
    | st.booleans()
    | st.fractions(max_denominator=10)
    | st.complex_numbers()  # the compensated complex stage of 3.14+
    | st.sampled_from([0.1, 1e100, -1e100, 1e16, -0.0, 0.1j, "s", None])
    | fails()
)


@HYPOTHESIS
@given(
    items=st.lists(SUM_ITEMS, max_size=10),
    start=st.sampled_from([MISSING, 0, 0.0, -0.0, 1.5, 0j, 2**64, Fraction(1, 3), None, True]),
    kind=st.sampled_from(ALL_KINDS),
)
def test_sum_equals_the_stdlib(loop: str, items: list[Any], start: Any, kind: str) -> None:
    """Same value and type, floats to the bit (3.12+: compensated), or the same error."""
    args = () if start is MISSING else (start,)
    differential(loop, "sum", kind, items, *args)


@HYPOTHESIS
@given(
    items=st.lists(st.lists(st.integers(0, 3), max_size=2) | st.just((1,)), max_size=5),
    kind=st.sampled_from(ALL_KINDS),
)
def test_sum_of_lists_with_a_list_start_equals_the_stdlib(
    loop: str, items: list[Any], kind: str
) -> None:
    differential(loop, "sum", kind, items, [])


SUM_CASES: dict[str, tuple[list[Any], Any]] = {
    "ints": ([1, 2, 3], MISSING),
    "bools": ([True, True, False], MISSING),
    "big ints": ([2**63, 2**63, -(2**100)], MISSING),
    "past sys.maxsize": ([sys.maxsize, 1, 1], MISSING),
    "tenths": ([0.1] * 10, MISSING),
    "cancelling big floats": ([1e100, 1.0, -1e100, 1.0], MISSING),
    "ints then floats": ([1, 2**53 + 1, 0.5, 0.25], MISSING),
    "floats then ints": ([0.1, 1, 2**60, 0.1], MISSING),
    "float start": ([1, 2], 0.5),
    "inf": ([1.0, math.inf], MISSING),
    "inf minus inf": ([math.inf, -math.inf], MISSING),
    "nan": ([1.0, math.nan, 2.0], MISSING),
    "negative zero": ([-0.0], MISSING),
    "negative zeros": ([-0.0, -0.0], -0.0),
    "float subclass": ([type("F", (float,), {})(0.1)] * 10, MISSING),
    "complex": ([0.1j] * 10 + [1], MISSING),
    "fractions": ([Fraction(1, 3)] * 3, MISSING),
    "fractions and floats": ([Fraction(1, 3), 0.5], MISSING),
    "decimals": ([Decimal("0.1")] * 10, Decimal(0)),
    "decimal and float": ([Decimal("0.1"), 0.1], MISSING),
    "int and str": ([1, "a"], MISSING),
    "str items": (["a", "b"], MISSING),
    "None start": ([], None),
    "tuple start": ([(1,), (2,)], ()),
    # 3.14 compensates the ints met in the float stage, and sums complex numbers compensated
    # (each of these differs between 3.13 and 3.14).
    "ints in the float stage": ([144115188075855625, 0.0, -1, -7], MISSING),
    "complex tenths": ([0.1 + 0.1j] * 10, MISSING),
    "cancelling big complex": ([1e100j, 1j, -1e100j, 1.0, 1e100, -1e100], MISSING),
    "complex start": ([0.1] * 10, 0j),
    "floats then complex": ([0.1] * 10 + [1j] + [0.1] * 10, MISSING),
    "ints in the complex stage": ([1j, 2**70, 0.5, 3, -(2**70)], MISSING),
    "float subclass in the complex stage": ([1j] + [type("F", (float,), {})(0.1)] * 10, MISSING),
    "int past the double range in the float stage": ([0.5, 2**1024], MISSING),
    "int past the double range in the complex stage": ([0.5j, 2**1024], MISSING),
}


@pytest.mark.parametrize(("items", "start"), SUM_CASES.values(), ids=SUM_CASES.keys())
@pytest.mark.parametrize("kind", ["list", "async_generator"])
def test_sum_cases_equal_the_stdlib(run, items: list[Any], start: Any, kind: str) -> None:
    args = () if start is MISSING else (start,)
    expected = outcome(builtins.sum, items, *args)
    got = outcome(run, lambda: ours("sum")(iterable_of(kind, items), *args))
    assert_same_outcome(got, expected)


def test_sum_takes_start_by_keyword(run) -> None:
    assert run(lambda: ours("sum")(make_source("async_generator", [1, 2]), start=10)) == 13


def test_sum_of_nothing_is_the_start_object_itself(run) -> None:
    start = [0]
    assert run(lambda: ours("sum")(make_source("async_generator", []), start)) is start
    assert builtins.sum([], start) is start


def test_sum_adds_without_mutating_the_start(run) -> None:
    """``start + item`` like the stdlib, never ``start += item``."""
    start: list[Any] = []
    got = run(lambda: ours("sum")(make_source("async_generator", [[1], [2]]), start))
    assert got == [1, 2]
    assert start == []


class RightAddable:
    """Added to from the left: ``0 + RightAddable(n)`` works through ``__radd__``."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __radd__(self, other: Any) -> RightAddable:
        return RightAddable(other + self.value)

    def __add__(self, other: Any) -> RightAddable:
        return RightAddable(self.value + getattr(other, "value", other))


def test_sum_uses_the_items_own_addition(run) -> None:
    got = run(lambda: ours("sum")(make_source("async_generator", [RightAddable(2), 3])))
    assert type(got) is RightAddable
    assert got.value == 5


@pytest.mark.parametrize("start", ["", "x", b"", bytearray()], ids=["str", "str2", "b", "ba"])
@pytest.mark.parametrize("items", [[], ["a"]], ids=["empty", "items"])
def test_sum_rejects_a_string_like_start_with_the_stdlibs_message(
    items: list[Any], start: Any
) -> None:
    """The start is rejected before any item is pulled (at the call or at the await)."""
    expected = exception_of(builtins.sum, items, start)
    source = Tracked(items)
    got = exception_of_call_or_await(ours("sum"), source, start)
    assert (type(got), str(got)) == (TypeError, str(expected))
    assert source.items == items


def test_sum_of_an_int_and_a_str_raises_the_stdlibs_error_and_closes_the_source(run) -> None:
    source = Tracked([1, "a", 2])

    async def scenario() -> Any:
        try:
            await ours("sum")(source)
        except TypeError as error:
            return str(error), source.closed, source.items

    message = str(exception_of(builtins.sum, [1, "a"]))
    assert message == "unsupported operand type(s) for +: 'int' and 'str'"
    assert run(scenario) == (message, 1, [2])


# ================================================================================================
# max and min
# ================================================================================================


@st.composite
def keyed_items(draw: st.DrawFn, *, fails_ok: bool = True) -> tuple[list[Any], str]:
    """Items and the name of a key that suits them (mixed items get the total keys)."""
    if draw(st.booleans()):
        numbers = st.integers(-4, 4) | st.integers()
        items = draw(st.lists(numbers | fails() if fails_ok else numbers, max_size=8))
        return items, draw(st.sampled_from(list(KEYS)))
    mixed = st.integers(-3, 3) | st.text(max_size=1) | st.none()
    items = draw(st.lists(mixed | fails() if fails_ok else mixed, max_size=6))
    return items, draw(st.sampled_from(["none", "str", "strlen"]))


@HYPOTHESIS
@given(
    items_and_key=keyed_items(),
    default=st.sampled_from([MISSING, None, "default"]),
    kind=st.sampled_from(ALL_KINDS),
    key_kind=st.sampled_from(KEY_KINDS),
)
@pytest.mark.parametrize("name", ["max", "min"])
def test_max_and_min_equal_the_stdlib(
    loop: str, name: str, items_and_key: tuple[list[Any], str], default: Any, kind: str, key_kind
) -> None:
    """The same item (the first of equal ones), the default, or the same error."""
    items, key_name = items_and_key
    kwargs = without_missing(default=default)
    if key_name != "none" or key_kind != "sync":
        kwargs["key"] = KEYS[key_name]
    differential(loop, name, kind, items, key_kind=key_kind, identity=True, **kwargs)


@HYPOTHESIS
@given(
    args=st.lists(st.integers(-4, 4) | st.integers() | st.just("s"), min_size=2, max_size=6),
    key_name=st.sampled_from(["none", "abs", "mod3", "strlen"]),
    key_kind=st.sampled_from(KEY_KINDS),
)
@pytest.mark.parametrize("name", ["max", "min"])
def test_max_and_min_of_several_arguments_equal_the_stdlib(
    loop: str, name: str, args: list[Any], key_name: str, key_kind: str
) -> None:
    """``max(a, b, *rest, key=...)`` compares the arguments themselves."""
    key = KEYS[key_name]
    expected = outcome(theirs(name), *args, key=key)
    got = run_ours(loop, name, *args, key=keyed(key_kind, key))
    assert_same_outcome(got, expected, identity=True)


@pytest.mark.parametrize("name", ["max", "min"])
def test_max_and_min_of_several_arguments(run, name: str) -> None:
    expected = {"max": 3, "min": 1}[name]
    assert run(lambda: ours(name)(3, 1, 2)) == expected
    assert run(lambda: ours(name)(-3, 1, 2, key=keyed("async", abs))) == {"max": -3, "min": 1}[name]
    first, second = [3], [1, 2]  # compared as lists, not iterated
    assert run(lambda: ours(name)(first, second)) is {"max": first, "min": second}[name]


@pytest.mark.parametrize("name", ["max", "min"])
@pytest.mark.parametrize("kind", ALL_KINDS)
def test_max_and_min_of_nothing_raise_the_stdlibs_value_error(run, name: str, kind: str) -> None:
    expected = exception_of(theirs(name), [])
    with pytest.raises(ValueError) as got:
        run(lambda: ours(name)(iterable_of(kind, [])))
    assert str(got.value) == str(expected)


@pytest.mark.parametrize("name", ["max", "min"])
def test_max_and_min_of_nothing_return_the_default_object(run, name: str) -> None:
    default = object()
    source = make_source("async_generator", [])
    assert run(lambda: ours(name)(source, default=default)) is default
    assert run(lambda: ours(name)([], default=None)) is None
    assert run(lambda: ours(name)([], key=keyed("async", abs), default=None)) is None


class Tie:
    """Ordered by ``rank`` only: equal ranks are equal items with distinct identities."""

    def __init__(self, rank: int, tag: str) -> None:
        self.rank = rank
        self.tag = tag

    def __lt__(self, other: Tie) -> bool:
        return self.rank < other.rank

    def __gt__(self, other: Tie) -> bool:
        return self.rank > other.rank

    def __repr__(self) -> str:
        return f"Tie({self.rank}, {self.tag!r})"


def rank(item: Tie) -> int:
    return item.rank


TIES = [Tie(1, "a"), Tie(3, "b"), Tie(0, "c"), Tie(3, "d"), Tie(0, "e"), Tie(3, "f")]


@pytest.mark.parametrize("name", ["max", "min"])
@pytest.mark.parametrize("key_kind", ["no key", *KEY_KINDS])
def test_max_and_min_return_the_first_of_equal_items(run, name: str, key_kind: str) -> None:
    kwargs = {} if key_kind == "no key" else {"key": keyed(key_kind, rank)}
    expected = theirs(name)(TIES, **without_missing(key=rank if kwargs else MISSING))
    assert expected.tag == {"max": "b", "min": "c"}[name]
    assert run(lambda: ours(name)(make_source("async_generator", TIES), **kwargs)) is expected
    assert run(lambda: ours(name)(*TIES, **kwargs)) is expected


@pytest.mark.parametrize("name", ["max", "min"])
@pytest.mark.parametrize("items", [[1, "a"], ["a", 1], [1, 2, None]], ids=repr)
@pytest.mark.parametrize("kind", ["list", "sync_generator", "async_generator"])
def test_max_and_min_of_uncomparable_items_raise_the_stdlibs_type_error(
    run, name: str, items: list[Any], kind: str
) -> None:
    expected = exception_of(theirs(name), items)
    with pytest.raises(TypeError) as got:
        run(lambda: ours(name)(iterable_of(kind, items)))
    assert str(got.value) == str(expected)


@pytest.mark.parametrize("name", KEYED)
@pytest.mark.parametrize("key_kind", KEY_KINDS)
def test_the_key_is_called_once_per_item_in_order(run, name: str, key_kind: str) -> None:
    calls: list[Any] = []

    def key(item: Any) -> Any:
        calls.append(item)
        return -item

    items = [3, 1, 4, 1, 5]
    expected = theirs(name)(items, key=neg)
    got = run(lambda: ours(name)(make_source("async_generator", items), key=keyed(key_kind, key)))
    assert got == expected
    assert calls == items


# ================================================================================================
# sorted
# ================================================================================================


@HYPOTHESIS
@given(
    items_and_key=keyed_items(fails_ok=False),
    with_failure=st.booleans(),
    reverse=st.booleans(),
    kind=st.sampled_from(ALL_KINDS),
    key_kind=st.sampled_from(KEY_KINDS),
)
def test_sorted_equals_the_stdlib(
    loop: str, items_and_key, with_failure: bool, reverse: bool, kind: str, key_kind: str
) -> None:
    """The same items in the same order (equal ones as they came), or the same error.

    (A key error and a later source error are not both generated: the stdlib reads all items
    before calling the key, an async ``sorted`` may call it as items arrive.)
    """
    items, key_name = items_and_key
    if with_failure:
        items = [*items, Fail(KeyError("from the source"))]
    differential(
        loop,
        "sorted",
        kind,
        items,
        key=KEYS[key_name],
        reverse=reverse,
        key_kind=key_kind,
        identity=True,
    )


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("key_kind", ["no key", *KEY_KINDS])
@pytest.mark.parametrize("kind", ["list", "async_generator", "suspending_anext"])
def test_sorted_is_stable(run, reverse: bool, key_kind: str, kind: str) -> None:
    """Equal items keep their order, also with ``reverse=True`` (not reversed)."""
    kwargs: dict[str, Any] = {} if key_kind == "no key" else {"key": keyed(key_kind, rank)}
    expected = builtins.sorted(TIES, key=rank, reverse=reverse)
    got = run(lambda: ours("sorted")(iterable_of(kind, TIES), reverse=reverse, **kwargs))
    assert [item.tag for item in got] == [item.tag for item in expected]
    assert [item.tag for item in expected] == (
        ["b", "d", "f", "a", "c", "e"] if reverse else ["c", "e", "a", "b", "d", "f"]
    )


@pytest.mark.parametrize("items", [[1, "a"], ["a", 1], [2, 1, None, 0]], ids=repr)
@pytest.mark.parametrize("kind", ["list", "sync_generator", "async_generator"])
def test_sorted_uncomparable_items_raise_the_stdlibs_type_error(
    run, items: list[Any], kind: str
) -> None:
    """Also for a sync iterator (asyncstdlib re-iterates it there and hides the error)."""
    expected = exception_of(builtins.sorted, items)
    with pytest.raises(TypeError) as got:
        run(lambda: ours("sorted")(iterable_of(kind, items)))
    assert str(got.value) == str(expected)


@pytest.mark.parametrize("key_kind", KEY_KINDS)
def test_sorted_uncomparable_keys_raise_the_stdlibs_type_error(run, key_kind: str) -> None:
    items = [1, 2, 3]

    def key(item: int) -> Any:
        return "a" if item == 2 else item

    expected = exception_of(builtins.sorted, items, key=key)
    with pytest.raises(TypeError) as got:
        run(lambda: ours("sorted")(make_source("async_generator", items), key=keyed(key_kind, key)))
    assert str(got.value) == str(expected)


def test_sorted_returns_a_new_list_and_leaves_a_list_argument_alone(run) -> None:
    items = [3, 1, 2]
    got = run(lambda: ours("sorted")(items))
    assert got == [1, 2, 3]
    assert got is not items
    assert items == [3, 1, 2]


# ================================================================================================
# list, tuple, set and dict
# ================================================================================================

COLLECTED_ITEMS = st.lists(
    st.integers(-3, 3) | st.text(max_size=1) | st.none() | st.just([1]) | fails(), max_size=8
)


@HYPOTHESIS
@given(items=COLLECTED_ITEMS, kind=st.sampled_from(ALL_KINDS))
@pytest.mark.parametrize("name", ["list", "tuple", "set"])
def test_list_tuple_and_set_equal_the_stdlib(loop: str, name: str, items, kind: str) -> None:
    """The same items (the same objects, in order) or the same error (``unhashable type``)."""
    differential(loop, name, kind, items, identity=name == "list")


PAIRS = (
    st.tuples(st.integers(0, 3), st.integers())
    | st.lists(st.integers(0, 3), min_size=2, max_size=2)
    | st.text(min_size=2, max_size=2)
    # not pairs:
    | st.tuples(st.integers(0, 3), st.integers(), st.integers())
    | st.text(max_size=1)
    | st.integers()
    | st.just(([], 1))
    | fails()
)


@HYPOTHESIS
@given(
    items=st.lists(PAIRS, max_size=6),
    kwargs=st.dictionaries(st.sampled_from(["a", "b", "iterable"]), st.integers(), max_size=2),
    kind=st.sampled_from(ALL_KINDS),
)
def test_dict_equals_the_stdlib(loop: str, items, kwargs: dict[str, Any], kind: str) -> None:
    """Pairs in order (the last value of a key wins, its first place stays), keywords last."""
    differential(loop, "dict", kind, items, **kwargs)


def test_dict_from_pairs_then_keywords(run, kind: str) -> None:
    items = [("a", 1), ["b", 2], "c3", ("a", 4)]
    expected = builtins.dict(items, b=5, d=6)
    got = run(lambda: ours("dict")(iterable_of(kind, items), b=5, d=6))
    if kind == "native_enumerate":
        expected = builtins.dict(builtins.enumerate(items), b=5, d=6)
    assert_same_value(got, expected)


class Mapping:
    """A minimal sync mapping: ``keys()`` and ``__getitem__`` (no ``__iter__`` of pairs)."""

    def __init__(self, data: dict[Any, Any]) -> None:
        self.data = data

    def keys(self) -> Any:
        return self.data.keys()

    def __getitem__(self, key: Any) -> Any:
        return self.data[key]


@pytest.mark.parametrize(
    "mapping", [{"a": 1, "b": 2}, Mapping({"b": 2, "a": 1})], ids=["dict", "keys-and-getitem"]
)
def test_dict_from_a_sync_mapping_then_keywords(run, mapping: Any) -> None:
    expected = builtins.dict(mapping, a=3)
    assert_same_value(run(lambda: ours("dict")(mapping, a=3)), expected)
    got = run(lambda: ours("dict")(mapping))
    assert_same_value(got, builtins.dict(mapping))
    assert got is not mapping


def test_dict_of_keywords_only(run) -> None:
    assert run(lambda: ours("dict")()) == {}
    assert run(lambda: ours("dict")(iterable=1, x=2)) == {"iterable": 1, "x": 2}


@pytest.mark.parametrize(
    ("items", "error", "message"),
    [
        (
            [(1, 2, 3)],
            ValueError,
            "dictionary update sequence element #0 has length 3; 2 is required",
        ),
        ([1], TypeError, "cannot convert dictionary update sequence element #0 to a sequence"),
        (
            ["ab", "a"],
            ValueError,
            "dictionary update sequence element #1 has length 1; 2 is required",
        ),
    ],
)
@pytest.mark.parametrize("kind", ["list", "async_generator", "suspending_anext"])
def test_dict_rejects_what_is_not_a_pair_with_the_stdlibs_message(
    run, items: list[Any], error: type[Exception], message: str, kind: str
) -> None:
    expected = exception_of(builtins.dict, items)
    notes = []
    if sys.version_info >= (3, 14) and message.startswith("cannot convert"):
        # 3.14 says what failed, and moves the old message to a note (gh-116436).
        message, notes = "object is not iterable", [message.replace("c", "C", 1)]
    assert (type(expected), str(expected)) == (error, message)
    assert getattr(expected, "__notes__", []) == notes
    with pytest.raises(error) as got:
        run(lambda: ours("dict")(iterable_of(kind, items)))
    assert str(got.value) == message
    assert getattr(got.value, "__notes__", []) == notes


@pytest.mark.parametrize("name", ["list", "tuple", "set", "dict", "sorted"])
def test_the_result_is_a_new_object_of_the_builtin_type(run, name: str) -> None:
    argument = theirs(name if name != "sorted" else "list")([(1, 2)])
    got = run(lambda: ours(name)(argument))
    assert type(got) is type(theirs(name)(argument))
    assert got == theirs(name)(argument)
    if name != "tuple":  # (the stdlib's tuple(t) is t itself; either is fine)
        assert got is not argument


def test_list_tuple_and_set_of_nothing(run) -> None:
    assert run(lambda: ours("list")()) == []
    assert run(lambda: ours("tuple")()) == ()
    got = run(lambda: ours("set")())
    assert type(got) is set
    assert got == set()


# ================================================================================================
# every reduction: sources, ownership, errors
# ================================================================================================

# Two items per function that do not end it early (all: true ones; any: false ones).
SAMPLES: dict[str, list[Any]] = {
    "all": [1, 2],
    "any": [0, ""],
    "max": [1, 2],
    "min": [2, 1],
    "sum": [1, 2],
    "list": [1, 2],
    "tuple": [1, 2],
    "set": [1, 2],
    "dict": [(1, 2), (3, 4)],
    "sorted": [2, 1],
}


@pytest.fixture(params=FUNCTIONS)
def name(request: pytest.FixtureRequest) -> str:
    return request.param


def test_every_kind_of_source_gives_the_stdlibs_result(run, name: str, kind: str) -> None:
    """(With our enumerate's pairs, sum raises the stdlib's TypeError.)"""
    items = SAMPLES[name]
    expected = outcome(theirs(name), stdlib_iterable_of(kind, items))
    got = outcome(run, lambda: ours(name)(iterable_of(kind, items)))
    assert_same_outcome(got, expected)


class Tracked:
    """An async iterator that records how often its aclose() was awaited."""

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
def test_an_exhausted_source_is_closed_once_before_the_result(
    run, name: str, suspends: bool
) -> None:
    source = Tracked(SAMPLES[name], suspends)

    async def scenario() -> Any:
        got = await ours(name)(source)
        return got, source.closed

    assert run(scenario) == (theirs(name)(SAMPLES[name]), 1)


def test_an_async_generator_source_has_finished_before_the_result(run, name: str) -> None:
    log: list[str] = []

    async def source() -> Any:
        try:
            for item in SAMPLES[name]:
                yield item
        finally:
            log.append("finally")

    async def scenario() -> Any:
        await ours(name)(source())
        return list(log)

    assert run(scenario) == ["finally"]


@pytest.mark.parametrize("suspends", [False, True])
def test_an_error_from_the_source_propagates_unchanged_after_closing_it(
    run, name: str, suspends: bool
) -> None:
    error = KeyError("from the source")
    first, rest = SAMPLES[name][0], SAMPLES[name][1]
    source = Tracked([first, Fail(error), rest], suspends)

    async def scenario() -> Any:
        try:
            await ours(name)(source)
        except KeyError as raised:
            return raised, source.closed, source.items

    got = run(scenario)
    assert got == (error, 1, [rest])
    assert got[0] is error


@pytest.mark.parametrize("error_type", [KeyError, StopAsyncIteration, StopIteration])
def test_an_error_from_a_sync_source_propagates_unchanged(
    run, name: str, error_type: type[BaseException]
) -> None:
    """Even StopAsyncIteration, which only ends an *async* iterator.

    (StopIteration from a generator is a RuntimeError, as for the stdlib.)
    """
    error = error_type("from the source")

    def source() -> Iterator[Any]:
        yield SAMPLES[name][0]
        raise error

    expected = exception_of(theirs(name), source())
    if error_type is StopIteration:
        assert type(expected) is RuntimeError  # made by the generator itself (PEP 479)
        assert expected.__cause__ is error
    else:
        assert expected is error

    async def scenario() -> Any:
        try:
            await ours(name)(source())
        except BaseException as raised:
            return raised

    got = run(scenario)
    if error_type is StopIteration:
        assert type(got) is RuntimeError
        assert str(got) == str(expected)
        assert got.__cause__ is error
    else:
        assert got is error


@pytest.mark.parametrize("name", KEYED)
@pytest.mark.parametrize("key_kind", KEY_KINDS)
def test_an_error_from_the_key_propagates_unchanged_after_closing_the_source(
    run, name: str, key_kind: str
) -> None:
    error = KeyError("from the key")
    log: list[Any] = []

    def key(item: int) -> int:
        if item == 2:
            raise error
        return item

    async def source() -> Any:
        try:
            for item in [1, 2, 3]:
                yield item
        finally:
            log.append("finally")

    async def scenario() -> Any:
        try:
            await ours(name)(source(), key=keyed(key_kind, key))
        except KeyError as raised:
            return raised, list(log)

    got = run(scenario)
    assert got == (error, ["finally"])
    assert got[0] is error


@pytest.mark.parametrize("name", KEYED)
@pytest.mark.parametrize("key_kind", ["sync", "async"])
def test_stop_async_iteration_from_the_key_is_an_error_not_the_end(
    run, name: str, key_kind: str
) -> None:
    error = StopAsyncIteration("from the key")

    def key(item: int) -> int:
        if item == 2:
            raise error
        return item

    async def scenario() -> Any:
        try:
            return await ours(name)(
                make_source("async_generator", [1, 2, 3]), key=keyed(key_kind, key)
            )
        except StopAsyncIteration as raised:
            return raised

    assert run(scenario) is error


def _stop_iteration_cases() -> dict[str, tuple[str, Callable[[StopIteration], Any]]]:
    """Ways for a callable of ours to raise StopIteration: (function, its arguments)."""

    def raising(stop: StopIteration) -> Callable[..., Any]:
        def fn(*args: Any) -> Any:
            raise stop

        return fn

    return {
        "max key": ("max", lambda stop: ([1, 2], {"key": raising(stop)})),
        "sorted key": ("sorted", lambda stop: ([1, 2], {"key": raising(stop)})),
        "any truth value": (
            "any",
            lambda stop: ([type("B", (), {"__bool__": raising(stop)})()], {}),
        ),
        "sum addition": ("sum", lambda stop: ([type("A", (), {"__radd__": raising(stop)})()], {})),
    }


@pytest.mark.parametrize(
    ("name", "arguments"), _stop_iteration_cases().values(), ids=_stop_iteration_cases().keys()
)
def test_stop_iteration_from_a_sync_callable_is_an_error_not_the_result(
    run, name: str, arguments
) -> None:
    """The stdlib lets it out; an awaitable cannot (it would look like its result), so it is
    a RuntimeError caused by it, as if raised in a coroutine."""
    stop = StopIteration("from a callable")
    args, kwargs = arguments(stop)

    async def scenario() -> Any:
        try:
            return Returned(await ours(name)(make_source("async_generator", args), **kwargs))
        except BaseException as raised:
            return raised

    got = run(scenario)
    assert type(got) is RuntimeError
    assert got.__cause__ is stop


class BadClose(Tracked):
    async def aclose(self) -> None:
        raise OSError("close failed")


def test_a_failing_aclose_after_the_end_is_the_error(run, name: str) -> None:
    async def scenario() -> Any:
        try:
            await ours(name)(BadClose(SAMPLES[name]))
        except OSError as error:
            return str(error)

    assert run(scenario) == "close failed"


def test_a_failing_aclose_after_an_error_replaces_it_with_it_as_context(run, name: str) -> None:
    error = KeyError("from the source")

    async def scenario() -> Any:
        try:
            await ours(name)(BadClose([SAMPLES[name][0], Fail(error)]))
        except OSError as raised:
            return raised.__context__

    assert run(scenario) is error


def test_a_source_without_aclose_is_fine(run, name: str) -> None:
    class NoAclose:
        def __init__(self, items: list[Any]) -> None:
            self.items = list(items)

        def __aiter__(self) -> NoAclose:
            return self

        async def __anext__(self) -> Any:
            if not self.items:
                raise StopAsyncIteration
            return self.items.pop(0)

    assert run(lambda: ours(name)(NoAclose(SAMPLES[name]))) == theirs(name)(SAMPLES[name])


def test_an_iterable_that_is_both_sync_and_async_is_iterated_asynchronously(run, name: str) -> None:
    items = SAMPLES[name]

    class Both:
        def __iter__(self) -> Iterator[Any]:
            raise AssertionError("iterated synchronously")

        def __aiter__(self) -> Any:
            return make_source("async_generator", items)

    assert run(lambda: ours(name)(Both())) == theirs(name)(items)


# --- cancellation --------------------------------------------------------------------------------

# A first item that does not end the function (then the source waits until cancelled).
FIRST_ITEMS = {name: SAMPLES[name][0] for name in FUNCTIONS}


@pytest.mark.parametrize("cancel_loop", ["asyncio", "trio"])
def test_cancellation_while_the_source_is_suspended_runs_its_finally_first(
    name: str, cancel_loop: str
) -> None:
    """The cancellation reaches the source; its ``finally`` has run when the caller sees it."""
    log: list[str] = []
    seen: list[list[str]] = []

    async def forever() -> Any:
        try:
            yield FIRST_ITEMS[name]
            log.append("waiting")
            await support.wait_forever()
            yield FIRST_ITEMS[name]  # pragma: no cover
        finally:
            log.append("finally")

    async def consume(cancelled: type[BaseException]) -> None:
        try:
            await ours(name)(forever())
        except cancelled:
            seen.append(list(log))
            raise

    async def with_asyncio() -> Any:
        task = asyncio.ensure_future(consume(asyncio.CancelledError))
        while "waiting" not in log:
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    async def with_trio() -> Any:
        async with trio.open_nursery() as nursery:
            with trio.CancelScope() as scope:

                async def cancel() -> None:
                    await trio.testing.wait_all_tasks_blocked()
                    scope.cancel()

                nursery.start_soon(cancel)
                await consume(trio.Cancelled)

    support.run_in(cancel_loop, with_asyncio if cancel_loop == "asyncio" else with_trio)
    assert seen == [["waiting", "finally"]]


# ================================================================================================
# the awaitable
# ================================================================================================


def test_asyncio_run_takes_it_as_a_coroutine(name: str) -> None:
    """It has ``send``, ``throw``, ``close`` and ``__await__``: a Coroutine to asyncio."""
    awaitable = ours(name)(SAMPLES[name])
    assert isinstance(awaitable, collections.abc.Coroutine)
    assert asyncio.run(awaitable) == theirs(name)(SAMPLES[name])


def test_asyncio_runs_it_as_a_task(name: str) -> None:
    async def scenario() -> Any:
        return await asyncio.create_task(ours(name)(make_source("async_generator", SAMPLES[name])))

    assert asyncio.run(scenario()) == theirs(name)(SAMPLES[name])


def test_over_a_sync_source_it_completes_without_suspending(name: str) -> None:
    """Nothing yields to the loop unless a source or key does."""
    awaitable = ours(name)(SAMPLES[name])
    error = exception_of(awaitable.send, None)
    assert type(error) is StopIteration
    assert error.value == theirs(name)(SAMPLES[name])


def test_it_cannot_be_awaited_twice(run, name: str) -> None:
    async def scenario() -> Any:
        awaitable = ours(name)(make_source("async_generator", SAMPLES[name]))
        first = await awaitable
        with pytest.raises(RuntimeError):
            await awaitable
        return first

    assert run(scenario) == theirs(name)(SAMPLES[name])


def test_it_cannot_be_awaited_by_a_second_task_while_the_first_awaits_it(name: str) -> None:
    """As a coroutine: the second ``await`` is a RuntimeError, the first goes on unharmed."""

    async def scenario() -> Any:
        go_on = asyncio.Event()

        async def source() -> Any:
            yield SAMPLES[name][0]
            await go_on.wait()
            yield SAMPLES[name][1]

        awaitable = ours(name)(source())

        async def await_it() -> Any:
            return await awaitable

        first = asyncio.create_task(await_it())
        await asyncio.sleep(0)
        second = asyncio.create_task(await_it())
        await asyncio.sleep(0)
        go_on.set()
        return await asyncio.gather(first, second, return_exceptions=True)

    first, second = asyncio.run(scenario())
    assert first == theirs(name)(SAMPLES[name])
    assert type(second) is RuntimeError


def test_an_error_thrown_in_while_suspended_reaches_the_source(name: str) -> None:
    """``throw()`` (how loops cancel) goes into the source's ``await``; its ``finally`` runs and
    the error comes out unchanged."""
    log: list[str] = []
    error = KeyError("thrown in")

    async def source() -> Any:
        try:
            yield SAMPLES[name][0]
            await _yield_once()
            yield SAMPLES[name][1]  # pragma: no cover
        finally:
            log.append("finally")

    awaitable = ours(name)(source())
    assert awaitable.send(None) == "first"
    assert exception_of(awaitable.throw, error) is error
    assert log == ["finally"]


@types.coroutine
def _yield_once() -> Iterator[Any]:
    yield "first"


# ================================================================================================
# the functions and their arguments
# ================================================================================================


def test_the_functions_are_exported_and_named_like_the_builtins(name: str) -> None:
    function = ours(name)
    assert function is getattr(asyncitertools.builtins, name)
    assert name in asyncitertools.__all__
    assert name in asyncitertools.builtins.__all__
    assert function is not theirs(name)
    assert function.__name__ == name


def exception_of_call_or_await(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
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


def exception_of(function: Callable[..., Any], *args: Any, **kwargs: Any) -> BaseException:
    return support.exception_of(function, *args, **kwargs)


def _lambda(item: Any) -> Any:
    return item


# Calls the signatures reject: the error must come from the call itself, as for a coroutine
# function. (name, args, kwargs)
SIGNATURE_ERRORS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    *[
        (name, args, kwargs)
        for name in ("all", "any")
        for args, kwargs in [((), {}), (([], []), {}), (([],), {"x": 1}), ((), {"iterable": []})]
    ],
    *[
        (name, args, kwargs)
        for name in ("max", "min")
        for args, kwargs in [
            ((), {}),
            ((), {"x": 1}),
            ((), {"key": None}),
            ((), {"iterable": [1]}),
            (([1],), {"foo": 1}),
            ((1, 2), {"foo": 1}),
        ]
    ],
    ("sum", (), {}),
    ("sum", ([], 1, 2), {}),
    ("sum", ([],), {"foo": 1}),
    ("sum", (), {"iterable": []}),
    ("sum", (), {"start": 1}),
    *[
        (name, args, kwargs)
        for name in ("list", "tuple", "set")
        for args, kwargs in [(([], []), {}), ((), {"x": 1}), ((), {"iterable": [1]})]
    ],
    ("dict", ([], []), {}),
    ("dict", ([], [], []), {"a": 1}),
    ("sorted", (), {}),
    ("sorted", ([], _lambda), {}),
    ("sorted", ([], None, False), {}),
    ("sorted", ([],), {"foo": 1}),
    ("sorted", (), {"iterable": []}),
    ("sorted", (), {"key": None}),
]


def _case_id(case: tuple[str, tuple[Any, ...], dict[str, Any]]) -> str:
    name, args, kwargs = case
    words = [repr(arg) if arg is not _lambda else "lambda" for arg in args]
    words += [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(words)})"


@pytest.mark.parametrize(
    ("name", "args", "kwargs"), SIGNATURE_ERRORS, ids=[_case_id(c) for c in SIGNATURE_ERRORS]
)
def test_signature_errors_are_the_stdlibs_and_come_from_the_call(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    expected = outcome(theirs(name), *args, **kwargs)
    assert isinstance(expected, Raised)
    assert outcome(ours(name), *args, **kwargs) == expected


# Calls whose arguments are checked by value: the stdlib's error or result, whether the error
# comes from the call or from the await.
VALUE_CASES: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    *[(name, (1,), {}) for name in FUNCTIONS],  # not iterable
    *[(name, (None,), {}) for name in FUNCTIONS],
    ("max", (1, 2), {"default": 0}),
    ("min", (1, 2, 3), {"default": None, "key": None}),
    ("max", ([1],), {"key": None, "default": 5}),
    ("min", ([],), {"default": None}),
    ("max", (1, 2), {"key": None}),
    ("max", ([1], None), {}),
    ("max", (1,), {"key": abs}),
    ("sum", ([],), {"start": ""}),
    ("sum", ([1],), {"start": 2}),
    ("sum", ([], []), {}),
    ("list", (), {}),
    ("tuple", (), {}),
    ("set", (), {}),
    ("dict", (), {}),
    ("dict", (), {"iterable": 1}),
    ("dict", ([("a", 1)],), {"a": 2}),
    ("sorted", ([2, 1],), {"reverse": True, "key": None}),
    ("sorted", ([2, 1],), {"reverse": 1}),
    ("sorted", ([1, 2],), {"reverse": "yes"}),  # 3.10-3.11: an error; 3.12+: true
    ("sorted", ([2, 1],), {"reverse": None}),
    ("sorted", ([2, 1],), {"reverse": 1.5}),
]


@pytest.mark.parametrize(
    ("name", "args", "kwargs"), VALUE_CASES, ids=[_case_id(c) for c in VALUE_CASES]
)
def test_value_checked_arguments_give_the_stdlibs_result_or_error(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    expected = outcome(theirs(name), *args, **kwargs)

    async def scenario() -> Any:
        return await ours(name)(*args, **kwargs)

    got = outcome(support.run_in, "ownloop", scenario)
    assert_same_outcome(got, expected)
