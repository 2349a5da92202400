"""Every public name of asyncitertools, each with one way to use it and the stdlib's equivalent.

The reliability tests (hostile objects, cancellation) drive every function the same way through
this table: ``ours(source, function, kind)`` builds our call over an async ``source`` with a
one-argument ``function`` made a callable of ``kind`` (see :func:`support.callable_of`), and
``reference(items, function)`` computes what the stdlib gives over the plain ``items``. Either
returns an async iterator / iterable, an awaitable / value, or an async function / plain value.
A function that takes several arguments gets ``function`` applied to its last one.
``own_object(source, function)`` is the object the name itself returns (where ``ours`` wraps it),
for the tests of what every object of ours shares (``test_objects.py``).
``test_the_catalogue_covers_every_public_name`` keeps it complete.
"""

from __future__ import annotations

import functools
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import asyncitertools as a

from support import callable_of, collect

Function = Callable[[Any], Any]


@dataclass(frozen=True)
class Entry:
    """One public name: how we call it, and what the stdlib gives for the same call."""

    name: str
    ours: Callable[[Any, Function, str], Any]
    reference: Callable[[list[Any], Function], Any]
    # A layer takes one iterator and returns one (pipelines are built from them).
    layer: bool = False
    # ``own(source, function)``: the object the name itself returns over the async iterator
    # ``source``, holding ``function`` where the name takes one. Given where ``ours`` wraps that
    # object (to end an endless iterator, to collect a coroutine's items) or does not use
    # ``source``; otherwise ``ours(source, function, "sync")`` is that object.
    own: Callable[[Any, Function], Any] | None = None

    def __repr__(self) -> str:
        return self.name

    def own_object(self, source: Any, function: Function) -> Any:
        """The object the name itself returns over ``source`` (see ``own``)."""
        if self.own is not None:
            return self.own(source, function)
        return self.ours(source, function, "sync")


def _batched(items: Iterable[Any], n: int) -> Iterable[tuple[Any, ...]]:
    """itertools.batched, which 3.10 and 3.11 do not have."""
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, n)):
        yield batch


def _last(function: Function) -> Callable[..., Any]:
    """``function`` applied to the last of any number of arguments."""
    return lambda *args: function(args[-1])


def _on(kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
    return callable_of(kind, function)


async def _anext_until_end(source: Any) -> list[Any]:
    end = object()
    items = []
    while (item := await a.anext(source, end)) is not end:
        items.append(item)
    return items


async def _groups_of(source: Any, key: Callable[..., Any]) -> list[Any]:
    return [(k, await a.list(group)) async for k, group in a.groupby(source, key)]


async def _scoped(source: Any, function: Callable[..., Any]) -> list[Any]:
    async with a.scoped_iter(source) as iterator:
        return await collect(a.map(function, iterator))


MERGED_WITH = [0, 2, 4]
ZIPPED_WITH = range(100)

ENTRIES = [
    # --- builtins ---
    Entry("aiter", lambda s, f, k: a.aiter(s), lambda xs, f: xs),
    Entry(
        "anext",
        lambda s, f, k: _anext_until_end(s),
        lambda xs, f: xs,
        own=lambda s, f: a.anext(s, None),
    ),
    Entry("iter", lambda s, f, k: a.iter(s), lambda xs, f: xs, layer=True),
    Entry("borrow", lambda s, f, k: a.borrow(s), lambda xs, f: xs),
    Entry(
        "scoped_iter",
        lambda s, f, k: _scoped(s, _on(k, f)),
        lambda xs, f: list(map(f, xs)),
        own=lambda s, f: a.scoped_iter(s),
    ),
    Entry("enumerate", lambda s, f, k: a.enumerate(s, 1), lambda xs, f: enumerate(xs, 1), True),
    Entry("filter", lambda s, f, k: a.filter(_on(k, f), s), lambda xs, f: filter(f, xs), True),
    Entry("map", lambda s, f, k: a.map(_on(k, f), s), lambda xs, f: map(f, xs), True),
    Entry(
        "zip",
        lambda s, f, k: a.zip(s, ZIPPED_WITH),
        lambda xs, f: zip(xs, ZIPPED_WITH, strict=False),
        True,
    ),
    Entry("all", lambda s, f, k: a.all(s), lambda xs, f: all(xs)),
    Entry("any", lambda s, f, k: a.any(s), lambda xs, f: any(xs)),
    Entry(
        "dict",
        lambda s, f, k: a.dict(a.zip(s, ZIPPED_WITH)),
        lambda xs, f: dict(zip(xs, ZIPPED_WITH, strict=False)),
    ),
    Entry("list", lambda s, f, k: a.list(s), lambda xs, f: list(xs)),
    Entry("set", lambda s, f, k: a.set(s), lambda xs, f: set(xs)),
    Entry("tuple", lambda s, f, k: a.tuple(s), lambda xs, f: tuple(xs)),
    Entry("sum", lambda s, f, k: a.sum(s), lambda xs, f: sum(xs)),
    Entry(
        "max",
        lambda s, f, k: a.max(s, key=_on(k, f), default=None),
        lambda xs, f: max(xs, key=f, default=None),
    ),
    Entry(
        "min",
        lambda s, f, k: a.min(s, key=_on(k, f), default=None),
        lambda xs, f: min(xs, key=f, default=None),
    ),
    Entry("sorted", lambda s, f, k: a.sorted(s, key=_on(k, f)), lambda xs, f: sorted(xs, key=f)),
    # --- itertools ---
    Entry(
        "accumulate",
        lambda s, f, k: a.accumulate(s, _on(k, _last(f))),
        lambda xs, f: itertools.accumulate(xs, _last(f)),
        True,
    ),
    Entry("batched", lambda s, f, k: a.batched(s, 2), lambda xs, f: _batched(xs, 2), True),
    Entry("chain", lambda s, f, k: a.chain(s, [7]), lambda xs, f: itertools.chain(xs, [7]), True),
    Entry(
        "combinations",
        lambda s, f, k: a.combinations(s, 2),
        lambda xs, f: itertools.combinations(xs, 2),
    ),
    Entry(
        "combinations_with_replacement",
        lambda s, f, k: a.combinations_with_replacement(s, 2),
        lambda xs, f: itertools.combinations_with_replacement(xs, 2),
    ),
    Entry(
        "compress",
        lambda s, f, k: a.compress(s, itertools.cycle([1, 0, 1])),
        lambda xs, f: itertools.compress(xs, itertools.cycle([1, 0, 1])),
        True,
    ),
    Entry(
        "count",
        lambda s, f, k: a.zip(a.count(5, 2), s),
        lambda xs, f: zip(itertools.count(5, 2), xs),
        own=lambda s, f: a.count(5, 2),  # takes no source
    ),
    Entry(
        "cycle",
        lambda s, f, k: a.islice(a.cycle(s), 25),
        lambda xs, f: itertools.islice(itertools.cycle(xs), 25),
        own=lambda s, f: a.cycle(s),
    ),
    Entry(
        "dropwhile",
        lambda s, f, k: a.dropwhile(_on(k, f), s),
        lambda xs, f: itertools.dropwhile(f, xs),
        True,
    ),
    Entry(
        "filterfalse",
        lambda s, f, k: a.filterfalse(_on(k, f), s),
        lambda xs, f: itertools.filterfalse(f, xs),
        True,
    ),
    Entry(
        "groupby",
        lambda s, f, k: _groups_of(s, _on(k, f)),
        lambda xs, f: [(key, list(group)) for key, group in itertools.groupby(xs, f)],
        own=lambda s, f: a.groupby(s, f),
    ),
    Entry(
        "islice",
        lambda s, f, k: a.islice(s, 1, 9, 2),
        # Ours pulls no item past the slice's last index (7), a documented difference: the
        # stdlib's islice(xs, 1, 9, 2) pulls index 8 too. With stop 8 it pulls what ours does.
        lambda xs, f: itertools.islice(xs, 1, 8, 2),
        True,
    ),
    Entry("pairwise", lambda s, f, k: a.pairwise(s), lambda xs, f: itertools.pairwise(xs), True),
    Entry(
        "permutations",
        lambda s, f, k: a.permutations(s, 2),
        lambda xs, f: itertools.permutations(xs, 2),
    ),
    Entry(
        "product",
        lambda s, f, k: a.product(s, [0, 1]),
        lambda xs, f: itertools.product(xs, [0, 1]),
    ),
    Entry(
        "repeat",
        lambda s, f, k: a.zip(s, a.repeat("r")),
        lambda xs, f: zip(xs, itertools.repeat("r")),
        own=lambda s, f: a.repeat(s),  # the source as the item repeated
    ),
    Entry(
        "starmap",
        lambda s, f, k: a.starmap(_on(k, _last(f)), a.zip(s, ZIPPED_WITH)),
        lambda xs, f: itertools.starmap(_last(f), zip(xs, ZIPPED_WITH, strict=False)),
    ),
    Entry(
        "takewhile",
        lambda s, f, k: a.takewhile(_on(k, f), s),
        lambda xs, f: itertools.takewhile(f, xs),
        True,
    ),
    Entry(
        "tee",
        lambda s, f, k: a.zip(*a.tee(s, 2)),
        lambda xs, f: zip(*itertools.tee(xs, 2), strict=False),
        own=lambda s, f: a.tee(s, 2)[0],  # one child; the other is dropped at once
    ),
    Entry(
        "zip_longest",
        lambda s, f, k: a.zip_longest(s, [1, 2, 3]),
        lambda xs, f: itertools.zip_longest(xs, [1, 2, 3]),
        True,
    ),
    # --- functools and heapq ---
    Entry(
        "reduce",
        lambda s, f, k: a.reduce(_on(k, _last(f)), s, 0),
        lambda xs, f: functools.reduce(_last(f), xs, 0),
    ),
    Entry(
        "merge",
        lambda s, f, k: a.merge(s, MERGED_WITH, key=_on(k, f)),
        lambda xs, f: heapq.merge(xs, MERGED_WITH, key=f),
    ),
    Entry(
        "nlargest",
        lambda s, f, k: a.nlargest(3, s, key=_on(k, f)),
        lambda xs, f: heapq.nlargest(3, xs, key=f),
    ),
    Entry(
        "nsmallest",
        lambda s, f, k: a.nsmallest(3, s, key=_on(k, f)),
        lambda xs, f: heapq.nsmallest(3, xs, key=f),
    ),
]
BY_NAME = {entry.name: entry for entry in ENTRIES}
LAYERS = [entry for entry in ENTRIES if entry.layer]

# Names that are not functions over a source.
# Public names that are no function: the version, and the type to annotate iterators with.
NOT_FUNCTIONS = {"__version__", "CloseableAsyncIterator"}


async def outcome_of_ours(built: Any) -> Any:
    """What our call produced: the items of an iterator, or the value of an awaitable."""
    if hasattr(built, "__anext__"):
        return await collect(built)
    return await built


def outcome_of_reference(computed: Any) -> Any:
    """What the stdlib's call produced: the items of an iterator, or the value itself."""
    if isinstance(computed, Iterator):
        return list(computed)
    return computed
