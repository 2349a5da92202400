"""How asyncitertools differs from asyncstdlib, aioitertools and aiostream: README's comparison.

Each row of README's table "Compared with asyncstdlib, aioitertools and aiostream", and the
migration notes of docs/peers.md, are checked here against the installed peers (the versions of
requirements-dev.txt), so a peer that changes its behaviour fails this file instead of leaving
the documents wrong.
"""

from __future__ import annotations

import asyncio
import builtins
import gc
import warnings
from collections.abc import Callable
from typing import Any

import aioitertools
import asyncstdlib
import pytest
import trio
from aiostream import pipe, stream

import asyncitertools as a


async def numbers(log: list[str], count: int, name: str) -> Any:
    try:
        for i in range(count):
            yield i
    finally:
        log.append(name)


def outcome(run: Callable[[], Any]) -> Any:
    try:
        return run()
    except BaseException as exc:
        return type(exc), str(exc)


# --- anext -------------------------------------------------------------------------------------


async def anext_of_an_int(anext: Callable[..., Any]) -> Any:
    return await anext(1)


def test_anext_of_a_non_iterator_fails_as_the_builtin_does() -> None:
    def fails(anext: Callable[..., Any]) -> Any:
        return outcome(lambda: asyncio.run(anext_of_an_int(anext)))

    expected = (TypeError, "'int' object is not an async iterator")
    assert fails(builtins.anext) == expected
    assert fails(a.anext) == expected
    assert fails(asyncstdlib.anext) == (AttributeError, "'int' object has no attribute '__anext__'")
    assert fails(aioitertools.next) == (TypeError, "'int' object is not an iterator")


# --- closing -----------------------------------------------------------------------------------


async def zip_two(zip_: Callable[..., Any]) -> tuple[list[Any], list[str]]:
    log: list[str] = []
    items = [x async for x in zip_(numbers(log, 1, "short"), numbers(log, 5, "long"))]
    return items, sorted(log)


async def zip_two_aiostream() -> tuple[list[Any], list[str]]:
    log: list[str] = []
    zipped = stream.zip(numbers(log, 1, "short"), numbers(log, 5, "long"))
    async with zipped.stream() as streamer:
        items = [x async for x in streamer]
    return items, sorted(log)


def test_zip_closes_the_longer_source_when_the_shorter_ends() -> None:
    closed_both = ([(0, 0)], ["long", "short"])
    assert asyncio.run(zip_two(a.zip)) == closed_both
    assert asyncio.run(zip_two(asyncstdlib.zip)) == closed_both
    assert asyncio.run(zip_two_aiostream()) == closed_both
    # aioitertools leaves the longer one open: its finally waits for the garbage collector.
    assert asyncio.run(zip_two(aioitertools.zip)) == ([(0, 0)], ["short"])


# --- short-circuit -------------------------------------------------------------------------------


async def pulled_by_any(any_: Callable[..., Any]) -> tuple[bool, list[int]]:
    pulled: list[int] = []

    async def source() -> Any:
        for i in range(5):
            pulled.append(i)
            yield i

    return await any_(source()), pulled


def test_any_stops_at_the_first_true_item() -> None:
    assert asyncio.run(pulled_by_any(a.any)) == (True, [0, 1])
    assert asyncio.run(pulled_by_any(asyncstdlib.any)) == (True, [0, 1])
    assert asyncio.run(pulled_by_any(aioitertools.any)) == (True, [0, 1, 2, 3, 4])


# --- zip's edge cases ----------------------------------------------------------------------------


async def first_four_of_zip_of_nothing(zip_: Callable[..., Any]) -> list[Any]:
    items = []
    async for item in zip_():
        items.append(item)
        if len(items) == 4:
            break
    return items


def test_zip_of_no_iterables_is_empty() -> None:
    assert asyncio.run(first_four_of_zip_of_nothing(a.zip)) == []
    assert asyncio.run(first_four_of_zip_of_nothing(asyncstdlib.zip)) == []
    assert asyncio.run(first_four_of_zip_of_nothing(aioitertools.zip)) == [(), (), (), ()]


async def zip_of_a_failing_source(zip_: Callable[..., Any]) -> list[Any]:
    async def failing() -> Any:
        yield 1
        raise ValueError("boom")

    return [x async for x in zip_(failing(), [1, 2, 3])]


def test_an_error_in_zip_is_raised_not_returned() -> None:
    def run(zip_: Callable[..., Any]) -> Any:
        return outcome(lambda: asyncio.run(zip_of_a_failing_source(zip_)))

    assert run(a.zip) == (ValueError, "boom")
    assert run(asyncstdlib.zip) == (ValueError, "boom")
    items = run(aioitertools.zip)
    assert items[0] == (1, 1) and isinstance(items[1][0], ValueError)  # an item

    async def aiostream_zip() -> Any:
        async def failing() -> Any:
            yield 1
            raise ValueError("boom")

        async with stream.zip(failing(), stream.iterate([1, 2, 3])).stream() as streamer:
            return [x async for x in streamer]

    assert outcome(lambda: asyncio.run(aiostream_zip())) == (ValueError, "boom")


# --- event loops ---------------------------------------------------------------------------------


async def zip_under_trio(zip_: Callable[..., Any]) -> list[Any]:
    return [x async for x in zip_(numbers([], 2, "a"), numbers([], 2, "b"))]


def test_zip_runs_under_trio() -> None:
    assert trio.run(zip_under_trio, a.zip) == [(0, 0), (1, 1)]
    assert trio.run(zip_under_trio, asyncstdlib.zip) == [(0, 0), (1, 1)]
    with warnings.catch_warnings():
        # Its failure leaves the sources' asend() objects never awaited (3.13 warns of them).
        warnings.simplefilter("ignore", RuntimeWarning)
        failed = outcome(lambda: trio.run(zip_under_trio, aioitertools.zip))
        gc.collect()
    assert failed[0] is RuntimeError and "event loop" in failed[1]


async def aiostream_zip_under_trio() -> list[Any]:
    zipped = stream.zip(numbers([], 2, "a"), numbers([], 2, "b"))
    async with zipped.stream() as streamer:
        return [x async for x in streamer]


def test_aiostream_zip_needs_asyncio() -> None:
    with warnings.catch_warnings():
        # It leaves asyncio tasks behind, never awaited.
        warnings.simplefilter("ignore", RuntimeWarning)
        failed = outcome(lambda: trio.run(aiostream_zip_under_trio))
        gc.collect()
    assert failed[0] is RuntimeError and "event loop" in failed[1]


# --- stdlib messages -----------------------------------------------------------------------------


async def islice_to_minus_one(islice: Callable[..., Any]) -> list[Any]:
    return [x async for x in islice(numbers([], 3, "s"), -1)]


def test_islice_rejects_a_negative_stop_as_the_stdlib_does() -> None:
    def run(islice: Callable[..., Any]) -> Any:
        return outcome(lambda: asyncio.run(islice_to_minus_one(islice)))

    expected = outcome(lambda: __import__("itertools").islice([], -1))
    assert run(a.islice) == expected
    assert run(asyncstdlib.islice) == []  # accepted, as an empty slice
    assert run(aioitertools.islice) == (AssertionError, "")


def test_max_of_nothing_fails_as_the_stdlib_does() -> None:
    expected = outcome(lambda: builtins.max([]))
    assert outcome(lambda: asyncio.run(a.max([]))) == expected
    # asyncstdlib words it as 3.10 and 3.11 do, on every version.
    older = (ValueError, "max() arg is an empty sequence")
    assert outcome(lambda: asyncio.run(asyncstdlib.max([]))) == older
    assert outcome(lambda: asyncio.run(aioitertools.max([]))) == (
        ValueError,
        "iterable is empty and no default value given",
    )


# --- inputs and ownership ------------------------------------------------------------------------


def test_sync_inputs_need_no_wrapping() -> None:
    async def doubled(map_: Callable[..., Any], list_: Callable[..., Any]) -> Any:
        return await list_(map_(lambda x: x * 2, [1, 2, 3]))

    assert asyncio.run(doubled(a.map, a.list)) == [2, 4, 6]
    assert asyncio.run(doubled(asyncstdlib.map, asyncstdlib.list)) == [2, 4, 6]

    # aiostream takes the source first and a list only through stream.iterate().
    async def aiostream_list(source: Any) -> Any:
        return await stream.list(stream.map(source, abs))

    assert outcome(lambda: asyncio.run(aiostream_list([1, 2, 3]))) == (
        TypeError,
        "'list' object is not async iterable",
    )
    assert asyncio.run(aiostream_list(stream.iterate([1, 2, 3]))) == [1, 2, 3]


@pytest.mark.parametrize(
    ("iter_", "is_itself"),
    [(a.iter, False), (asyncstdlib.iter, True), (aioitertools.iter, True)],
    ids=["asyncitertools", "asyncstdlib", "aioitertools"],
)
def test_iter_of_an_async_iterator(iter_: Callable[..., Any], is_itself: bool) -> None:
    """Ours wraps it, to own it (and close it); the peers hand it back."""

    async def main() -> bool:
        source = numbers([], 1, "s")
        result = iter_(source) is source
        await source.aclose()
        return result

    assert asyncio.run(main()) is is_itself


# --- docs/peers.md's migration notes: each peer call and what replaces it give the same result ---


async def source() -> Any:
    for item in (5, 3, 8, 1, 9, 2):
        yield item


async def stream_result(built: Any) -> Any:
    return await stream.list(built)


def double(x: int) -> int:
    return x * 2


def odd(x: int) -> bool:
    return x % 2 == 1


async def ours_list(built: Any) -> Any:
    return await a.list(built)


MIGRATIONS: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
    # aiostream: the source comes first, lists go through stream.iterate(), pipes nest.
    "stream.iterate(xs)": (
        lambda: stream_result(stream.iterate([1, 2])),
        lambda: ours_list(a.iter([1, 2])),
    ),
    "stream.map(s, f)": (
        lambda: stream_result(stream.map(source(), double)),
        lambda: ours_list(a.map(double, source())),
    ),
    "stream.filter(s, f)": (
        lambda: stream_result(stream.filter(source(), odd)),
        lambda: ours_list(a.filter(odd, source())),
    ),
    "stream.take(s, n)": (
        lambda: stream_result(stream.take(source(), 2)),
        lambda: ours_list(a.islice(source(), 2)),
    ),
    "stream.skip(s, n)": (
        lambda: stream_result(stream.skip(source(), 2)),
        lambda: ours_list(a.islice(source(), 2, None)),
    ),
    "stream.enumerate(s)": (
        lambda: stream_result(stream.enumerate(source())),
        lambda: ours_list(a.enumerate(source())),
    ),
    "stream.zip(s, t)": (
        lambda: stream_result(stream.zip(source(), source())),
        lambda: ours_list(a.zip(source(), source())),
    ),
    "stream.chain(s, t)": (
        lambda: stream_result(stream.chain(source(), source())),
        lambda: ours_list(a.chain(source(), source())),
    ),
    "stream.accumulate(s)": (
        lambda: stream_result(stream.accumulate(source())),
        lambda: ours_list(a.accumulate(source())),
    ),
    "s | pipe.filter(f) | pipe.map(g)": (
        lambda: stream_result(stream.iterate(source()) | pipe.filter(odd) | pipe.map(double)),
        lambda: ours_list(a.map(double, a.filter(odd, source()))),
    ),
    # aioitertools: the same names, and next() for anext().
    "aioitertools.next(it)": (
        lambda: aioitertools.next(source()),
        lambda: a.anext(source()),
    ),
    "aioitertools.islice(s, 1, None, 2)": (
        lambda: aioitertools.list(aioitertools.islice(source(), 1, None, 2)),
        lambda: ours_list(a.islice(source(), 1, None, 2)),
    ),
    "aioitertools.groupby(s, key)": (
        lambda: aioitertools.list(
            aioitertools.map(lambda kg: kg[0], aioitertools.groupby(source(), odd))
        ),
        lambda: ours_list(a.map(lambda kg: kg[0], a.groupby(source(), odd))),
    ),
    # asyncstdlib: the same names and the same ownership (borrow, scoped_iter).
    "asyncstdlib.sorted(s, key=f)": (
        lambda: asyncstdlib.sorted(source(), key=odd),
        lambda: a.sorted(source(), key=odd),
    ),
    "asyncstdlib.borrow in zip": (
        lambda: asyncstdlib.list(asyncstdlib.zip(asyncstdlib.borrow(source()), [1])),
        lambda: ours_list(a.zip(a.borrow(source()), [1])),
    ),
}


@pytest.mark.parametrize("migration", MIGRATIONS, ids=str)
def test_each_migration_gives_the_same_result(migration: str) -> None:
    theirs, ours = MIGRATIONS[migration]

    async def both() -> tuple[Any, Any]:
        return await theirs(), await ours()

    peer_result, our_result = asyncio.run(both())
    assert our_result == peer_result


def test_aiostream_merge_interleaves_where_ours_merges_sorted_inputs() -> None:
    """Not a migration: stream.merge runs its sources concurrently; merge is heapq.merge."""

    async def runs() -> tuple[Any, Any]:
        async def slow(items: list[int]) -> Any:
            for item in items:
                await asyncio.sleep(0)
                yield item

        theirs = await stream.list(stream.merge(slow([1, 5]), slow([2, 3, 4])))
        ours = await a.list(a.merge(slow([1, 5]), slow([2, 3, 4])))
        return theirs, ours

    theirs, ours = asyncio.run(runs())
    assert ours == [1, 2, 3, 4, 5]
    assert sorted(theirs) == ours and theirs != ours


def test_what_the_migration_notes_say_has_no_counterpart() -> None:
    import aioitertools.asyncio

    for name in ("lru_cache", "cached_property", "contextmanager", "ExitStack", "sync", "apply"):
        assert hasattr(asyncstdlib, name) and not hasattr(a, name), name
    for name in ("gather", "as_completed", "as_generated"):
        assert hasattr(aioitertools.asyncio, name) and not hasattr(a, name), name
    for name in ("timeout", "spaceout"):
        assert hasattr(stream, name) and not hasattr(a, name), name
