"""Time the async builtins side by side: asyncitertools, its peers, a hand-written layer, the floor.

Run by ``make bench`` once per installed CPython 3.10-3.13; by hand::

    .venv/bin/python benchmarks/bench_builtins.py             # full run, several minutes
    .venv/bin/python benchmarks/bench_builtins.py --quick     # smoke run, a few seconds

What is measured, for the running interpreter, inside one event loop (asyncio; ``--loop uvloop``):

- Operations: ``await anext(it)`` and ``await anext(it, None)`` (n calls on one async iterator;
  the async sources only), ``enumerate``, ``map`` with a sync and with an async function,
  ``filter``, ``zip`` of 2 and of 4 sources, the reductions ``sum``, ``list``, ``max`` and
  ``any`` (over items that are all false, so that it cannot short-circuit), a stack of three
  layers (``map(filter(enumerate(source)))``) and the pipeline ``filter``, ``map``,
  ``enumerate``, ``islice``; the other builtins; the itertools that take a source (``islice``,
  ``chain``, ``batched``, ``groupby``, ``tee``, ``accumulate``, ``dropwhile``, ``takewhile``,
  ``filterfalse``, ``starmap``, ``pairwise``, ``compress``, ``zip_longest``),
  ``functools.reduce``, ``heapq.merge``/``nlargest``/``nsmallest`` and a five-stage pipeline.
  ``--operations`` picks a subset. Not timed: ``count``, ``cycle``, ``repeat`` and the
  combinatoric iterators, whose cost is not per source item.
- Sources: a native async generator, a class-based async iterator (``async def __anext__``), a
  list (sync), and an async generator that suspends to the event loop (``await
  asyncio.sleep(0)``) every 64 items.
- Competitors: the bare ``async for`` (``for`` over the list) over the source, with no layer
  (the floor; for ``zip`` of k sources: k such loops), asyncitertools ("ours"), the same layer
  written by hand as an async generator or ``async def``, the pipelines' work written by hand as
  one loop with no layer at all ("one loop"), the builtin ``anext`` (for the anext rows),
  asyncstdlib, aioitertools and aiostream (each only for the operations it has, and when it is
  installed). aiostream takes sync
  iterables only through ``stream.iterate`` (timed with it), and its streams are consumed as it
  documents, in ``async with xs.stream() as s``.
- Correctness first: before anything is timed, every competitor's result on a small input is
  compared with the stdlib's on the same items; one that differs (or raises) is not timed and
  is marked "differs" in the tables, with the reason in the notes. An operation that
  asyncitertools does not have yet is marked "missing" (the script runs at every stage).
- Method: N source items per measurement (default 200,000; ``--quick``: 300), R repeats
  (default 7; ``--quick``: 1). In every repeat each operation is timed back to back with the
  floor and every competitor, the order reversing every repeat, so that machine noise hits
  the samples of one repeat alike. ``time.perf_counter_ns`` around building and consuming the
  layer (fresh sources, made before the clock starts); the garbage collector is collected
  before each measurement and disabled during it.
- Figures: ns per source item, median (min-max) of the repeats; ns added per layer over the
  floor (median over the repeats of each sample minus the floor timed beside it, divided by the
  number of layers); and peer/ours, the median over the repeats of the ratio (above 1: ours is
  faster).

- Goals: the speed goals of the project (a layer of ours at most a quarter of an asyncstdlib
  layer; the pipeline within 1.5x of the one loop; 5x faster than asyncstdlib over a list;
  ``zip`` 4x faster than asyncstdlib and 50x than aioitertools; ``anext(it, None)`` no slower
  than the builtin), judged case by case from the figures above.

Writes the markdown to stdout and to ``benchmarks/results/builtins-<X.Y>.md``, the raw numbers
(and the goals) to ``benchmarks/results/builtins-<X.Y>.json`` (and to ``--json PATH`` if given),
and a chart, grouped bars per operation on a log scale, one panel per source, to
``benchmarks/results/builtins-<X.Y>.png`` (with matplotlib). Progress goes to stderr.
``--callgrind`` counts instructions per item under valgrind instead (``callgrind_builtins.py``).
"""

import argparse
import asyncio
import builtins
import collections
import datetime
import functools
import gc
import heapq
import importlib
import importlib.metadata
import itertools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import asyncitertools


def optional_import(name):
    try:
        return importlib.import_module(name)
    except ImportError:  # a peer, measured when present
        return None


asyncstdlib = optional_import("asyncstdlib")
aioitertools = optional_import("aioitertools")
aiostream = optional_import("aiostream")
aiostream_stream = optional_import("aiostream.stream") if aiostream else None

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SUSPEND_EVERY = 64
CHECK_ITEMS = 150  # enough for the suspending source to suspend three times
WARM_UP_ITEMS = 1000


# --- sources: each takes a sequence of items (made before timing) ----------------------------


async def async_generator(items):
    for item in items:
        yield item


class AsyncSequenceIterator:
    """A class-based async iterator: ``__anext__`` is an ``async def``."""

    __slots__ = ("i", "items", "n")

    def __init__(self, items):
        self.items = items
        self.i = 0
        self.n = len(items)

    def __aiter__(self):
        return self

    async def __anext__(self):
        i = self.i
        if i >= self.n:
            raise StopAsyncIteration
        self.i = i + 1
        return self.items[i]


async def suspending_async_generator(items):
    sleep = asyncio.sleep
    countdown = 0
    for item in items:
        if countdown == 0:
            countdown = SUSPEND_EVERY
            await sleep(0)
        countdown -= 1
        yield item


# key (in the JSON): (label, factory taking the items)
SOURCES = {
    "async_generator": ("async generator", async_generator),
    "class_iterator": ("class, `async def __anext__`", AsyncSequenceIterator),
    "list": ("list (sync)", builtins.list),
    "suspending": (
        f"async generator, `sleep(0)` every {SUSPEND_EVERY}",
        suspending_async_generator,
    ),
}


# --- the functions given to map and filter (the same for every competitor) -------------------


def plus_one(x):
    return x + 1


async def plus_one_async(x):
    return x + 1


def is_even(x):
    return x % 2 == 0


def pair_value_is_even(pair):
    return pair[1] % 2 == 0


def pair_sum(pair):
    return pair[0] + pair[1]


# --- the hand-written layers: what one writes without a library ------------------------------


def is_async(iterable):
    return hasattr(iterable, "__aiter__")


async def hand_enumerate(iterable, start=0):
    index = start
    if is_async(iterable):
        async for item in iterable:
            yield index, item
            index += 1
    else:
        for item in iterable:
            yield index, item
            index += 1


async def hand_map(function, iterable):
    if is_async(iterable):
        async for item in iterable:
            yield function(item)
    else:
        for item in iterable:
            yield function(item)


async def hand_map_async(function, iterable):
    if is_async(iterable):
        async for item in iterable:
            yield await function(item)
    else:
        for item in iterable:
            yield await function(item)


async def hand_filter(predicate, iterable):
    if is_async(iterable):
        async for item in iterable:
            if predicate(item):
                yield item
    else:
        for item in iterable:
            if predicate(item):
                yield item


async def hand_zip(*iterables):
    if not any(is_async(iterable) for iterable in iterables):
        for items in zip(*iterables, strict=False):
            yield items
        return
    steps = [iterable.__aiter__().__anext__ for iterable in iterables]
    while True:
        try:
            items = tuple([await step() for step in steps])
        except StopAsyncIteration:
            return
        yield items


async def hand_islice(iterable, stop):
    if stop <= 0:
        return
    count = 0
    if is_async(iterable):
        async for item in iterable:
            yield item
            count += 1
            if count >= stop:
                return
    else:
        for item in itertools.islice(iterable, stop):
            yield item


async def hand_sum(iterable, start=0):
    total = start
    if is_async(iterable):
        async for item in iterable:
            total += item
    else:
        for item in iterable:
            total += item
    return total


async def hand_list(iterable):
    if is_async(iterable):
        return [item async for item in iterable]
    return [item for item in iterable]  # a Python loop, like the async one


_EMPTY = object()


async def hand_max(iterable):
    best = _EMPTY
    if is_async(iterable):
        async for item in iterable:
            if best is _EMPTY or item > best:
                best = item
    else:
        for item in iterable:
            if best is _EMPTY or item > best:
                best = item
    if best is _EMPTY:
        raise ValueError("max() arg is an empty sequence")
    return best


async def hand_any(iterable):
    if is_async(iterable):
        async for item in iterable:
            if item:
                return True
    else:
        for item in iterable:
            if item:
                return True
    return False


async def hand_iter(iterable):
    """A relay layer: ``iter`` and ``borrow`` written by hand."""
    if is_async(iterable):
        async for item in iterable:
            yield item
    else:
        for item in iterable:
            yield item


async def hand_collect(kind, iterable):
    """``tuple``, ``set``, ``dict`` or ``sorted`` of the items, gathered by a Python loop."""
    return kind(await hand_list(iterable))


async def hand_min(iterable):
    best = _EMPTY
    if is_async(iterable):
        async for item in iterable:
            if best is _EMPTY or item < best:
                best = item
    else:
        for item in iterable:
            if best is _EMPTY or item < best:
                best = item
    if best is _EMPTY:
        raise ValueError("min() arg is an empty sequence")
    return best


async def hand_all(iterable):
    if is_async(iterable):
        async for item in iterable:
            if not item:
                return False
    else:
        for item in iterable:
            if not item:
                return False
    return True


# --- the competitors -------------------------------------------------------------------------

FLOOR = "floor"
OURS = "ours"
HAND = "hand"
ONE_LOOP = "one_loop"
BUILTIN = "builtin"
COMPETITORS = {
    FLOOR: "floor (bare loop)",
    OURS: "asyncitertools",
    HAND: "hand-written",
    ONE_LOOP: "hand-written, one loop",
    BUILTIN: "builtin",
    "asyncstdlib": "asyncstdlib",
    "aioitertools": "aioitertools",
    "aiostream": "aiostream",
}
PEERS = ["asyncstdlib", "aioitertools", "aiostream"]
INSTALLED = {
    "asyncstdlib": asyncstdlib,
    "aioitertools": aioitertools,
    "aiostream": aiostream,
}


OURS_ITERTOOLS = optional_import("asyncitertools.itertools")


def ours(name):
    """asyncitertools' function ``name``, or None while it does not exist yet."""
    function = getattr(asyncitertools, name, None)
    if function is None and OURS_ITERTOOLS is not None:
        function = getattr(OURS_ITERTOOLS, name, None)
    return function


def as_stream(source):
    """aiostream's operators take async iterables only: sync ones go through ``iterate``."""
    return source if is_async(source) else aiostream_stream.iterate(source)


# --- the operations --------------------------------------------------------------------------
#
# Each operation: how many sources it consumes, how many layers it stacks, "iter" (returns an
# async iterable, consumed with `async for`) or "reduce" (returns an awaitable), the items its
# sources produce, the stdlib's result on those items, the names asyncitertools needs, and per
# competitor a builder taking the sources (absent: the competitor has no such operation).


def numbers(n):
    return range(n)


def zeros(n):
    return [0] * n


def pipeline(filter_, map_, enumerate_, islice):
    """filter, map, enumerate, then islice (cutting nothing): the pipeline of the speed goal."""

    def build(source, n):
        return islice(enumerate_(map_(plus_one, filter_(is_even, source))), n)

    return build


def pipeline5(filter_, map_, enumerate_, islice, batched):
    """filter, map, enumerate, islice (cutting nothing) and batched: the five-stage pipeline."""

    def build(source, n):
        return batched(islice(enumerate_(map_(plus_one, filter_(is_even, source))), n), BATCH)

    return build


def stack(filter_, map_, enumerate_):
    def build(source, n):
        return map_(pair_sum, filter_(pair_value_is_even, enumerate_(source)))

    return build


def aiostream_stack(source, n):
    s = aiostream_stream
    return s.map(s.filter(s.enumerate(as_stream(source)), pair_value_is_even), pair_sum)


def aiostream_pipeline(source, n):
    s = aiostream_stream
    return s.take(s.enumerate(s.map(s.filter(as_stream(source), is_even), plus_one)), n)


def one_loop_pipeline(source, n):
    """The pipeline's work (filter, map, enumerate, islice) written by hand as one loop, no layer.

    Like every ``one_loop`` builder it returns ``run(keep)``: a coroutine function that does
    the work inline and returns the items when ``keep`` is true (to check them), else None
    (what is timed: the items are made and dropped, as ``async for _ in pipeline`` does).
    """

    async def run(keep):
        kept = [] if keep else None
        index = 0
        if n <= 0:
            return kept
        if is_async(source):
            async for x in source:
                if is_even(x):
                    item = (index, plus_one(x))
                    index += 1
                    if keep:
                        kept.append(item)
                    if index >= n:
                        break
        else:
            for x in source:
                if is_even(x):
                    item = (index, plus_one(x))
                    index += 1
                    if keep:
                        kept.append(item)
                    if index >= n:
                        break
        return kept

    return run


def one_loop_pipeline5(source, n):
    """The five-stage pipeline's work written by hand as one loop (see one_loop_pipeline)."""

    async def run(keep):
        kept = [] if keep else None
        index = 0
        batch = []
        if n <= 0:
            return kept
        if is_async(source):
            async for x in source:
                if is_even(x):
                    batch.append((index, plus_one(x)))
                    index += 1
                    if len(batch) == BATCH:
                        item = builtins.tuple(batch)
                        batch = []
                        if keep:
                            kept.append(item)
                    if index >= n:
                        break
        else:
            for x in source:
                if is_even(x):
                    batch.append((index, plus_one(x)))
                    index += 1
                    if len(batch) == BATCH:
                        item = builtins.tuple(batch)
                        batch = []
                        if keep:
                            kept.append(item)
                    if index >= n:
                        break
        if batch:
            item = builtins.tuple(batch)
            if keep:
                kept.append(item)
        return kept

    return run


def a(name):
    """A lazy attribute of asyncitertools (looked up when the layer is built)."""

    def call(*args, **kwargs):
        return ours(name)(*args, **kwargs)

    return call


def lib(module, name):
    return getattr(module, name) if module is not None else None


ASL = asyncstdlib
AIT = aioitertools
AST = aiostream_stream

OPERATIONS = {
    "enumerate": {
        "label": "enumerate",
        "kind": "iter",
        "needs": ["enumerate"],
        "reference": lambda items: builtins.list(enumerate(items)),
        "build": {
            OURS: lambda s, n: ours("enumerate")(s),
            HAND: lambda s, n: hand_enumerate(s),
            "asyncstdlib": lambda s, n: ASL.enumerate(s),
            "aioitertools": lambda s, n: AIT.enumerate(s),
            "aiostream": lambda s, n: AST.enumerate(as_stream(s)),
        },
    },
    "map_sync": {
        "label": "map, sync function",
        "kind": "iter",
        "needs": ["map"],
        "reference": lambda items: builtins.list(map(plus_one, items)),
        "build": {
            OURS: lambda s, n: ours("map")(plus_one, s),
            HAND: lambda s, n: hand_map(plus_one, s),
            "asyncstdlib": lambda s, n: ASL.map(plus_one, s),
            "aioitertools": lambda s, n: AIT.map(plus_one, s),
            "aiostream": lambda s, n: AST.map(as_stream(s), plus_one),
        },
    },
    "map_async": {
        "label": "map, async function",
        "kind": "iter",
        "needs": ["map"],
        "reference": lambda items: builtins.list(map(plus_one, items)),
        "build": {
            OURS: lambda s, n: ours("map")(plus_one_async, s),
            HAND: lambda s, n: hand_map_async(plus_one_async, s),
            "asyncstdlib": lambda s, n: ASL.map(plus_one_async, s),
            "aioitertools": lambda s, n: AIT.map(plus_one_async, s),
            "aiostream": lambda s, n: AST.map(as_stream(s), plus_one_async),
        },
    },
    "filter": {
        "label": "filter",
        "kind": "iter",
        "needs": ["filter"],
        "reference": lambda items: builtins.list(filter(is_even, items)),
        "build": {
            OURS: lambda s, n: ours("filter")(is_even, s),
            HAND: lambda s, n: hand_filter(is_even, s),
            "asyncstdlib": lambda s, n: ASL.filter(is_even, s),
            "aiostream": lambda s, n: AST.filter(as_stream(s), is_even),
        },
    },
    "zip2": {
        "label": "zip of 2",
        "kind": "iter",
        "arity": 2,
        "needs": ["zip"],
        "reference": lambda items: builtins.list(zip(items, items, strict=True)),
        "build": {
            OURS: lambda *s: ours("zip")(*s[:-1]),
            HAND: lambda *s: hand_zip(*s[:-1]),
            "asyncstdlib": lambda *s: ASL.zip(*s[:-1]),
            "aioitertools": lambda *s: AIT.zip(*s[:-1]),
            "aiostream": lambda *s: AST.zip(*map(as_stream, s[:-1])),
        },
    },
    "zip4": {
        "label": "zip of 4",
        "kind": "iter",
        "arity": 4,
        "needs": ["zip"],
        "reference": lambda items: builtins.list(zip(items, items, items, items, strict=True)),
        "build": {
            OURS: lambda *s: ours("zip")(*s[:-1]),
            HAND: lambda *s: hand_zip(*s[:-1]),
            "asyncstdlib": lambda *s: ASL.zip(*s[:-1]),
            "aioitertools": lambda *s: AIT.zip(*s[:-1]),
            "aiostream": lambda *s: AST.zip(*map(as_stream, s[:-1])),
        },
    },
    "sum": {
        "label": "sum",
        "kind": "reduce",
        "needs": ["sum"],
        "reference": sum,
        "build": {
            OURS: lambda s, n: ours("sum")(s),
            HAND: lambda s, n: hand_sum(s),
            "asyncstdlib": lambda s, n: ASL.sum(s),
            "aioitertools": lambda s, n: AIT.sum(s),
        },
    },
    "list": {
        "label": "list",
        "kind": "reduce",
        "needs": ["list"],
        "reference": builtins.list,
        "build": {
            OURS: lambda s, n: ours("list")(s),
            HAND: lambda s, n: hand_list(s),
            "asyncstdlib": lambda s, n: ASL.list(s),
            "aioitertools": lambda s, n: AIT.list(s),
            # Awaiting an aiostream stream gives its last item: stream.list's is the whole list.
            "aiostream": lambda s, n: AST.list(as_stream(s)),
        },
    },
    "max": {
        "label": "max",
        "kind": "reduce",
        "needs": ["max"],
        "reference": max,
        "build": {
            OURS: lambda s, n: ours("max")(s),
            HAND: lambda s, n: hand_max(s),
            "asyncstdlib": lambda s, n: ASL.max(s),
            "aioitertools": lambda s, n: AIT.max(s),
        },
    },
    "any": {
        "label": "any, all items false",
        "kind": "reduce",
        "items": zeros,
        "needs": ["any"],
        "reference": any,
        "build": {
            OURS: lambda s, n: ours("any")(s),
            HAND: lambda s, n: hand_any(s),
            "asyncstdlib": lambda s, n: ASL.any(s),
            "aioitertools": lambda s, n: AIT.any(s),
        },
    },
    "stack3": {
        "label": "map∘filter∘enumerate",
        "kind": "iter",
        "layers": 3,
        "needs": ["enumerate", "filter", "map"],
        "reference": lambda items: builtins.list(
            map(pair_sum, filter(pair_value_is_even, enumerate(items)))
        ),
        "build": {
            OURS: stack(a("filter"), a("map"), a("enumerate")),
            HAND: stack(hand_filter, hand_map, hand_enumerate),
            "asyncstdlib": stack(lib(ASL, "filter"), lib(ASL, "map"), lib(ASL, "enumerate")),
            "aiostream": aiostream_stack,
        },
    },
    "pipeline": {
        "label": "filter → map → enumerate → islice",
        "kind": "iter",
        "layers": 4,
        "needs": ["filter", "map", "enumerate", "islice"],
        "reference": lambda items: builtins.list(enumerate(map(plus_one, filter(is_even, items)))),
        "build": {
            OURS: pipeline(a("filter"), a("map"), a("enumerate"), a("islice")),
            HAND: pipeline(hand_filter, hand_map, hand_enumerate, hand_islice),
            ONE_LOOP: one_loop_pipeline,
            "asyncstdlib": pipeline(
                lib(ASL, "filter"), lib(ASL, "map"), lib(ASL, "enumerate"), lib(ASL, "islice")
            ),
            "aiostream": aiostream_pipeline,
        },
    },
}


def ones(n):
    return [1] * n


def pairs(n):
    return [(i, i) for i in range(n)]


def peers_of(name, call=lambda function, s: function(s)):
    """A builder for each peer that has a function ``name`` (asyncstdlib, aioitertools)."""
    builders = {}
    for peer, module in (("asyncstdlib", ASL), ("aioitertools", AIT)):
        function = getattr(module, name, None) if module is not None else None
        if function is not None:
            builders[peer] = lambda s, n, function=function: call(function, s)
    return builders


def reduction(name, reference, hand, items=numbers, label=None):
    """A reduction row: ours, the hand-written one and the peers that have it."""
    return {
        "label": label or name,
        "kind": "reduce",
        "items": items,
        "needs": [name],
        "reference": reference,
        "build": {
            OURS: lambda s, n: ours(name)(s),
            HAND: lambda s, n: hand(s),
            **peers_of(name),
        },
    }


OPERATIONS.update(
    {
        "iter": {
            "label": "iter",
            "kind": "iter",
            "needs": ["iter"],
            "reference": builtins.list,
            "build": {
                OURS: lambda s, n: ours("iter")(s),
                HAND: lambda s, n: hand_iter(s),
                **peers_of("iter"),
            },
        },
        "borrow": {
            "label": "borrow",
            "kind": "iter",
            "needs": ["borrow"],
            "reference": builtins.list,
            # borrow takes an iterator: the list source is lent through iter() by everyone.
            "build": {
                OURS: lambda s, n: ours("borrow")(s if is_async(s) else builtins.iter(s)),
                HAND: lambda s, n: hand_iter(s),
                "asyncstdlib": lambda s, n: ASL.borrow(s if is_async(s) else ASL.iter(s)),
            },
        },
        "min": reduction("min", min, hand_min),
        "all": reduction("all", all, hand_all, items=ones, label="all, all items true"),
        "tuple": reduction("tuple", builtins.tuple, lambda s: hand_collect(builtins.tuple, s)),
        "set": reduction("set", builtins.set, lambda s: hand_collect(builtins.set, s)),
        "dict": reduction("dict", builtins.dict, lambda s: hand_collect(builtins.dict, s), pairs),
        "sorted": reduction("sorted", sorted, lambda s: hand_collect(sorted, s)),
    }
)


# --- the itertools, functools and heapq operations --------------------------------------------

BATCH = 16
GROUP = 8


def group_key(x):
    return x // GROUP


def reference_batched(items, n=BATCH):
    items = builtins.list(items)
    return [builtins.tuple(items[i : i + n]) for i in range(0, len(items), n)]


async def hand_chain(*iterables):
    for iterable in iterables:
        if is_async(iterable):
            async for item in iterable:
                yield item
        else:
            for item in iterable:
                yield item


async def hand_batched(iterable, n):
    batch = []
    async for item in hand_iter(iterable):
        batch.append(item)
        if len(batch) == n:
            yield builtins.tuple(batch)
            batch = []
    if batch:
        yield builtins.tuple(batch)


async def hand_accumulate(iterable):
    total = _EMPTY
    async for item in hand_iter(iterable):
        total = item if total is _EMPTY else total + item
        yield total


async def hand_groupby(iterable, key):
    """Groups as lists: what one writes by hand (the stdlib's lazy groups are more work)."""
    group = []
    current = _EMPTY
    async for item in hand_iter(iterable):
        k = key(item)
        if current is not _EMPTY and k != current:
            yield current, group
            group = []
        current = k
        group.append(item)
    if group:
        yield current, group


def hand_tee(iterable, n=2):
    """n children sharing one source through a queue each (no concurrency handling)."""
    iterator = hand_iter(iterable)
    queues = [collections.deque() for _ in range(n)]

    async def child(queue):
        while True:
            if not queue:
                try:
                    item = await iterator.__anext__()
                except StopAsyncIteration:
                    return
                for other in queues:
                    other.append(item)
            yield queue.popleft()

    return builtins.tuple(child(queue) for queue in queues)


async def hand_merge(*iterables):
    """Two-way merge of sorted sources, by hand."""
    iterators = [hand_iter(iterable) for iterable in iterables]
    heads = []
    for index, iterator in builtins.enumerate(iterators):
        async for item in iterator:
            heads.append([item, index])
            break
    while heads:
        best = builtins.min(heads)
        yield best[0]
        async for item in iterators[best[1]]:
            best[0] = item
            break
        else:
            heads.remove(best)


def batched_builders():
    builders = {
        OURS: lambda s, n: ours("batched")(s, BATCH),
        HAND: lambda s, n: hand_batched(s, BATCH),
    }
    builders.update(peers_of("batched", lambda function, s: function(s, BATCH)))
    return builders


ASL_HEAPQ = optional_import("asyncstdlib.heapq")

OPERATIONS.update(
    {
        "islice": {
            "label": "islice (cutting nothing)",
            "kind": "iter",
            "needs": ["islice"],
            "reference": builtins.list,
            "build": {
                OURS: lambda s, n: ours("islice")(s, n),
                HAND: lambda s, n: hand_islice(s, n),
                "asyncstdlib": lambda s, n: ASL.islice(s, n),
                "aioitertools": lambda s, n: AIT.islice(s, n),
                "aiostream": lambda s, n: AST.take(as_stream(s), n),
            },
        },
        "chain": {
            "label": "chain of 2",
            "kind": "iter",
            "arity": 2,
            "needs": ["chain"],
            "reference": lambda items: builtins.list(items) * 2,
            "build": {
                OURS: lambda *s: ours("chain")(*s[:-1]),
                HAND: lambda *s: hand_chain(*s[:-1]),
                "asyncstdlib": lambda *s: ASL.chain(*s[:-1]),
                "aioitertools": lambda *s: AIT.chain(*s[:-1]),
                "aiostream": lambda *s: AST.chain(*map(as_stream, s[:-1])),
            },
        },
        "batched": {
            "label": f"batched({BATCH})",
            "kind": "iter",
            "needs": ["batched"],
            "reference": reference_batched,
            "build": batched_builders(),
        },
        "groupby": {
            "label": f"groupby (runs of {GROUP}), groups consumed",
            "kind": "groups",
            "needs": ["groupby"],
            "reference": lambda items: [
                (k, builtins.list(g)) for k, g in itertools.groupby(items, group_key)
            ],
            "build": {
                OURS: lambda s, n: ours("groupby")(s, group_key),
                HAND: lambda s, n: hand_groupby(s, group_key),
                **peers_of("groupby", lambda function, s: function(s, group_key)),
            },
        },
        "tee": {
            "label": "tee, 2 children read alternately",
            "kind": "tee",
            "needs": ["tee"],
            "reference": lambda items: [(x, x) for x in items],
            "build": {
                OURS: lambda s, n: ours("tee")(s, 2),
                HAND: lambda s, n: hand_tee(s, 2),
                **peers_of("tee", lambda function, s: function(s, 2)),
            },
        },
        "accumulate": {
            "label": "accumulate",
            "kind": "iter",
            "needs": ["accumulate"],
            "reference": lambda items: builtins.list(itertools.accumulate(items)),
            "build": {
                OURS: lambda s, n: ours("accumulate")(s),
                HAND: lambda s, n: hand_accumulate(s),
                **peers_of("accumulate"),
                "aiostream": lambda s, n: AST.accumulate(as_stream(s)),
            },
        },
        "merge": {
            "label": "heapq.merge of 2",
            "kind": "iter",
            "arity": 2,
            "needs": ["merge"],
            "reference": lambda items: sorted(builtins.list(items) * 2),
            "build": {
                OURS: lambda *s: ours("merge")(*s[:-1]),
                HAND: lambda *s: hand_merge(*s[:-1]),
                **(
                    {"asyncstdlib": lambda *s: ASL_HEAPQ.merge(*s[:-1])}
                    if ASL_HEAPQ is not None
                    else {}
                ),
            },
        },
        "pipeline5": {
            "label": f"filter → map → enumerate → islice → batched({BATCH})",
            "kind": "iter",
            "layers": 5,
            "needs": ["filter", "map", "enumerate", "islice", "batched"],
            "reference": lambda items: reference_batched(
                enumerate(map(plus_one, filter(is_even, items)))
            ),
            "build": {
                OURS: pipeline5(a("filter"), a("map"), a("enumerate"), a("islice"), a("batched")),
                HAND: pipeline5(hand_filter, hand_map, hand_enumerate, hand_islice, hand_batched),
                ONE_LOOP: one_loop_pipeline5,
                **(
                    {
                        "asyncstdlib": pipeline5(
                            ASL.filter,
                            ASL.map,
                            ASL.enumerate,
                            ASL.islice,
                            ASL.batched,
                        )
                    }
                    if ASL is not None
                    else {}
                ),
            },
        },
    }
)


# --- the other itertools, functools.reduce and heapq.nlargest/nsmallest ----------------------


def is_negative(x):
    return x < 0


def is_positive(x):
    return x >= 0


def add(x, y):
    return x + y


async def hand_dropwhile(predicate, iterable):
    dropping = True
    async for item in hand_iter(iterable):
        if dropping and predicate(item):
            continue
        dropping = False
        yield item


async def hand_takewhile(predicate, iterable):
    async for item in hand_iter(iterable):
        if not predicate(item):
            return
        yield item


async def hand_filterfalse(predicate, iterable):
    async for item in hand_iter(iterable):
        if not predicate(item):
            yield item


async def hand_starmap(function, iterable):
    async for item in hand_iter(iterable):
        yield function(*item)


async def hand_pairwise(iterable):
    previous = _EMPTY
    async for item in hand_iter(iterable):
        if previous is not _EMPTY:
            yield previous, item
        previous = item


async def hand_compress(data, selectors):
    async for item, selector in hand_zip(data, selectors):
        if selector:
            yield item


async def hand_zip_longest(*iterables):
    iterators = [hand_iter(iterable) for iterable in iterables]
    while True:
        items, active = [], 0
        for iterator in iterators:
            try:
                items.append(await iterator.__anext__())
                active += 1
            except StopAsyncIteration:
                items.append(None)
        if not active:
            return
        yield builtins.tuple(items)


async def hand_reduce(function, iterable):
    total = _EMPTY
    async for item in hand_iter(iterable):
        total = item if total is _EMPTY else function(total, item)
    return total


async def hand_nlargest(n, iterable):
    return heapq.nlargest(n, await hand_list(iterable))


async def hand_nsmallest(n, iterable):
    return heapq.nsmallest(n, await hand_list(iterable))


def one_layer(name, reference, hand, call=lambda function, s: function(s), items=numbers):
    """An iterator row over one source: ours, the hand-written layer and the peers that have it."""
    return {
        "label": name,
        "kind": "iter",
        "items": items,
        "needs": [name],
        "reference": reference,
        "build": {
            OURS: lambda s, n: call(ours(name), s),
            HAND: lambda s, n: call(hand, s),
            **peers_of(name, call),
        },
    }


OPERATIONS.update(
    {
        "dropwhile": one_layer(
            "dropwhile",
            lambda items: builtins.list(itertools.dropwhile(is_negative, items)),
            hand_dropwhile,
            lambda function, s: function(is_negative, s),
        ),
        "takewhile": one_layer(
            "takewhile",
            lambda items: builtins.list(itertools.takewhile(is_positive, items)),
            hand_takewhile,
            lambda function, s: function(is_positive, s),
        ),
        "filterfalse": one_layer(
            "filterfalse",
            lambda items: builtins.list(itertools.filterfalse(is_even, items)),
            hand_filterfalse,
            lambda function, s: function(is_even, s),
        ),
        "starmap": one_layer(
            "starmap",
            lambda items: builtins.list(itertools.starmap(add, items)),
            hand_starmap,
            lambda function, s: function(add, s),
            items=pairs,
        ),
        "pairwise": one_layer(
            "pairwise",
            lambda items: builtins.list(zip(items, builtins.list(items)[1:], strict=False)),
            hand_pairwise,
        ),
        "compress": {
            "label": "compress",
            "kind": "iter",
            "arity": 2,
            "needs": ["compress"],
            "reference": lambda items: builtins.list(itertools.compress(items, items)),
            "build": {
                OURS: lambda *s: ours("compress")(*s[:-1]),
                HAND: lambda *s: hand_compress(*s[:-1]),
                "asyncstdlib": lambda *s: ASL.compress(*s[:-1]),
                "aioitertools": lambda *s: AIT.compress(*s[:-1]),
            },
        },
        "zip_longest": {
            "label": "zip_longest of 2",
            "kind": "iter",
            "arity": 2,
            "needs": ["zip_longest"],
            "reference": lambda items: builtins.list(itertools.zip_longest(items, items)),
            "build": {
                OURS: lambda *s: ours("zip_longest")(*s[:-1]),
                HAND: lambda *s: hand_zip_longest(*s[:-1]),
                "asyncstdlib": lambda *s: ASL.zip_longest(*s[:-1]),
                "aioitertools": lambda *s: AIT.zip_longest(*s[:-1]),
            },
        },
        "reduce": {
            "label": "functools.reduce",
            "kind": "reduce",
            "items": numbers,
            "needs": ["reduce"],
            "reference": lambda items: functools.reduce(add, items),
            "build": {
                OURS: lambda s, n: ours("reduce")(add, s),
                HAND: lambda s, n: hand_reduce(add, s),
                "asyncstdlib": lambda s, n: ASL.reduce(add, s),
            },
        },
        "nlargest": {
            "label": "heapq.nlargest(10)",
            "kind": "reduce",
            "items": numbers,
            "needs": ["nlargest"],
            "reference": lambda items: heapq.nlargest(10, items),
            "build": {
                OURS: lambda s, n: ours("nlargest")(10, s),
                HAND: lambda s, n: hand_nlargest(10, s),
                **(
                    {"asyncstdlib": lambda s, n: ASL_HEAPQ.nlargest(s, 10)}
                    if ASL_HEAPQ is not None
                    else {}
                ),
            },
        },
        "nsmallest": {
            "label": "heapq.nsmallest(10)",
            "kind": "reduce",
            "items": numbers,
            "needs": ["nsmallest"],
            "reference": lambda items: heapq.nsmallest(10, items),
            "build": {
                OURS: lambda s, n: ours("nsmallest")(10, s),
                HAND: lambda s, n: hand_nsmallest(10, s),
                **(
                    {"asyncstdlib": lambda s, n: ASL_HEAPQ.nsmallest(s, 10)}
                    if ASL_HEAPQ is not None
                    else {}
                ),
            },
        },
    }
)


# --- anext: n awaited calls on one async iterator ----------------------------------------------

ASYNC_SOURCES = ("async_generator", "class_iterator", "suspending")


async def anext_calls(function, iterator, n, default, keep=False):
    """``n`` awaited calls of ``function(iterator, *default)``, the items kept when ``keep``."""
    kept = [] if keep else None
    for _ in range(n):
        item = await function(iterator, *default)
        if keep:
            kept.append(item)
    return kept


async def hand_anext(iterator, *default):
    try:
        return await type(iterator).__anext__(iterator)
    except StopAsyncIteration:
        if default:
            return default[0]
        raise


def anext_operation(label, default):
    """A row of ``await f(it, *default)`` calls: ours, the builtin, by hand and the peers'."""

    def calls(function):
        return lambda s, n: (function, s, n, default)

    builders = {
        OURS: lambda s, n: (ours("anext"), s, n, default),
        HAND: calls(hand_anext),
        BUILTIN: calls(builtins.anext),
    }
    if ASL is not None:
        builders["asyncstdlib"] = calls(ASL.anext)
    if AIT is not None:
        builders["aioitertools"] = calls(AIT.next)
    return {
        "label": label,
        "kind": "anext",
        "sources": ASYNC_SOURCES,  # anext takes async iterators only
        "needs": ["anext"],
        "reference": builtins.list,
        "build": builders,
    }


OPERATIONS = {
    "anext": anext_operation("await anext(it)", ()),
    "anext_default": anext_operation("await anext(it, None)", (None,)),
    **OPERATIONS,
}


# Every builder is called as build(*sources, n).
for _operation in OPERATIONS.values():
    _operation.setdefault("arity", 1)
    _operation.setdefault("layers", 1)
    _operation.setdefault("items", numbers)
    _operation.setdefault("sources", tuple(SOURCES))
del _operation

NOTES = {
    "aiostream": "aiostream: a list goes through `stream.iterate` (timed with it); `map` with an "
    "async function runs the calls as tasks (its default `task_limit=None`, results ordered); "
    "`zip` pulls every source in a task per item; `take` stands for islice; no `sum`, `max`, "
    "`any`.",
    "aioitertools": "aioitertools: `zip` pulls every source in a task per item "
    "(`asyncio.gather`); `any` gathers the whole input first; no `filter`.",
}


# --- running one measurement -------------------------------------------------------------------


async def floor(*sources):
    for source in sources:
        if is_async(source):
            async for _ in source:
                pass
        else:
            for _ in source:
                pass


async def consume(competitor, kind, layered):
    if competitor == ONE_LOOP:
        return await layered(False)
    if kind == "anext":
        await anext_calls(*layered)
        return None
    if kind == "reduce":
        return await layered
    if kind in ("groups", "tee"):
        await collect(competitor, kind, layered)
        return None
    if competitor == "aiostream":
        async with layered.stream() as streamer:
            async for _ in streamer:
                pass
        return None
    async for _ in layered:
        pass
    return None


async def collect(competitor, kind, layered):
    if competitor == ONE_LOOP:
        return await layered(True)
    if kind == "anext":
        return await anext_calls(*layered, keep=True)
    if kind == "reduce":
        return await layered
    if kind == "groups":
        # Lazy groups (ours, asyncstdlib) are consumed item by item; aioitertools and the
        # hand-written layer give lists.
        groups = []
        async for key, group in layered:
            if is_async(group):
                groups.append((key, [item async for item in group]))
            else:
                groups.append((key, builtins.list(group)))
        return groups
    if kind == "tee":
        first, second = layered
        pairs = []
        while True:
            try:
                left = await first.__anext__()
            except StopAsyncIteration:
                return pairs
            pairs.append((left, await second.__anext__()))
    if competitor == "aiostream":
        async with layered.stream() as streamer:
            return [item async for item in streamer]
    return [item async for item in layered]


def make_sources(source_key, operation, n):
    items = operation["items"](n)
    factory = SOURCES[source_key][1]
    return [factory(items) for _ in range(operation["arity"])]


async def time_one(source_key, op_key, competitor, n):
    """One measurement: ns per source item."""
    operation = OPERATIONS[op_key]
    sources = make_sources(source_key, operation, n)
    gc.collect()
    gc.disable()
    try:
        if competitor == FLOOR:
            start = time.perf_counter_ns()
            await floor(*sources)
        else:
            build = operation["build"][competitor]
            start = time.perf_counter_ns()
            await consume(competitor, operation["kind"], build(*sources, n))
        elapsed = time.perf_counter_ns() - start
    finally:
        gc.enable()
    return elapsed / n


# --- which competitor runs what ----------------------------------------------------------------


def availability(op_key):
    """{competitor: None (runs) or (status, note)} before the results are checked."""
    operation = OPERATIONS[op_key]
    status = {FLOOR: None}
    for competitor in COMPETITORS:
        if competitor == FLOOR:
            continue
        if competitor == OURS:
            lacking = [name for name in operation["needs"] if ours(name) is None]
            status[OURS] = ("missing", f"no {', '.join(lacking)} yet") if lacking else None
        elif competitor in PEERS and INSTALLED[competitor] is None:
            status[competitor] = ("absent", "not installed")
        elif competitor not in operation["build"]:
            status[competitor] = ("n/a", "no such operation")
        else:
            status[competitor] = None
    return status


async def check(source_key, op_key, competitor):
    """None when ``competitor`` gives the stdlib's result on a small input, else why not."""
    operation = OPERATIONS[op_key]
    n = CHECK_ITEMS
    expected = operation["reference"](operation["items"](n))
    sources = make_sources(source_key, operation, n)
    try:
        got = await collect(
            competitor, operation["kind"], operation["build"][competitor](*sources, n)
        )
    except Exception as error:  # reported, not timed
        return f"raised {type(error).__name__}: {error}"
    if got != expected:
        return f"result differs: {short(got)} instead of {short(expected)}"
    return None


def short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the run ---------------------------------------------------------------------------------


class Progress:
    def __init__(self, total):
        self.total = total
        self.done = 0
        self.started = time.monotonic()

    def step(self, *what):
        self.done += 1
        line = f"[{self.done}/{self.total}] {' · '.join(what)}"
        if sys.stderr.isatty():
            sys.stderr.write("\r" + line[:100].ljust(100))
        elif self.done * 20 // self.total != (self.done - 1) * 20 // self.total:
            # A log file gets a line every 5 %, not a carriage return per step.
            elapsed = time.monotonic() - self.started
            sys.stderr.write(f"{line} ({elapsed:.0f} s)\n")
        sys.stderr.flush()

    def finish(self):
        took = time.monotonic() - self.started
        end = "\r" if sys.stderr.isatty() else ""
        sys.stderr.write(end + f"measured in {took:.0f} s".ljust(100) + "\n")
        sys.stderr.flush()


def operations_over(source_key):
    return [key for key, operation in OPERATIONS.items() if source_key in operation["sources"]]


async def run(n, repeats, budget_ns):
    results = {}
    plan = {}
    # Correctness first, for every source and operation, before anything is timed.
    for source_key in SOURCES:
        for op_key in operations_over(source_key):
            status = availability(op_key)
            for competitor, state in status.items():
                if state is None and competitor != FLOOR:
                    why = await check(source_key, op_key, competitor)
                    if why is not None:
                        status[competitor] = ("differs", why)
            plan[source_key, op_key] = status
    total = sum(
        repeats * sum(state is None for state in status.values()) for status in plan.values()
    )
    progress = Progress(total)
    for source_key in SOURCES:
        per_op = results[source_key] = {}
        for op_key in operations_over(source_key):
            status = plan[source_key, op_key]
            active = [c for c, state in status.items() if state is None]
            per_op[op_key] = {
                c: (
                    {"status": "ok", "samples": []}
                    if state is None
                    else {"status": state[0], "note": state[1]}
                )
                for c, state in status.items()
            }
            # Warm-up: let the interpreter specialise the loops before anything is timed; it
            # also tells how many items a slow competitor can be given within the budget.
            items = {}
            for competitor in active:
                warm_up = min(n, WARM_UP_ITEMS)
                estimate = await time_one(source_key, op_key, competitor, warm_up)
                fit = int(budget_ns / estimate) if estimate > 0 else n
                items[competitor] = n if competitor == FLOOR else max(min(n, fit), warm_up)
                per_op[op_key][competitor]["items"] = items[competitor]
            for repeat in range(repeats):
                order = active if repeat % 2 == 0 else active[::-1]
                for competitor in order:
                    progress.step(SOURCES[source_key][0], OPERATIONS[op_key]["label"], competitor)
                    sample = await time_one(source_key, op_key, competitor, items[competitor])
                    per_op[op_key][competitor]["samples"].append(sample)
    progress.finish()
    return results


def summarise(results):
    """Add median/min/max, the added ns per layer and the ratio to ours to every timed cell."""
    for per_op in results.values():
        for op_key, cells in per_op.items():
            layers = OPERATIONS[op_key]["layers"]
            floor_samples = cells[FLOOR]["samples"]
            ours_cell = cells[OURS]
            for competitor, cell in cells.items():
                if cell["status"] != "ok":
                    continue
                samples = cell["samples"]
                cell["median"] = statistics.median(samples)
                cell["min"] = min(samples)
                cell["max"] = max(samples)
                if competitor != FLOOR:
                    added = [(s - f) / layers for s, f in zip(samples, floor_samples, strict=True)]
                    cell["added_per_layer"] = {
                        "median": statistics.median(added),
                        "min": min(added),
                        "max": max(added),
                    }
                if competitor not in (FLOOR, OURS) and ours_cell["status"] == "ok":
                    cell["ratio_to_ours"] = statistics.median(
                        p / o for p, o in zip(samples, ours_cell["samples"], strict=True)
                    )
    return results


# --- the report --------------------------------------------------------------------------------


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def version_of(distribution):
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def spread(stats):
    # An en dash between a negative and a positive bound reads badly: "to" then.
    dash = " to " if stats["min"] < 0 else "–"
    return f"{stats['median']:.1f} ({stats['min']:.1f}{dash}{stats['max']:.1f})"


def not_timed(cell):
    return {"n/a": "n/a", "absent": "not installed", "missing": "missing"}.get(
        cell["status"], f"differs{cell.get('mark', '')}"
    )


def render(meta, results):
    columns = list(COMPETITORS)
    peers_and_hand = [c for c in columns if c not in (FLOOR, OURS)]
    versions = ", ".join(f"{name} {meta['versions'][name] or 'not installed'}" for name in PEERS)
    lines = [f"## The async builtins side by side, CPython {meta['python']}", ""]
    if meta["quick"]:
        lines += ["**Quick smoke run (`--quick`): too few items and repeats to quote.**", ""]
    lines += [
        f"- Python: CPython {meta['python_full']} ({meta['implementation']}), "
        f"event loop: {meta['loop']}",
        f"- asyncitertools {meta['asyncitertools']}; peers: {versions}",
        f"- Machine: {meta['cpu']}, {meta['cpus']} logical CPUs, {meta['platform']}",
        f"- Date: {meta['date']}",
        f"- Method: {meta['n']:,} source items per measurement, {meta['repeats']} repeats; each "
        "operation timed back to back with the floor and every competitor, the order reversed "
        "every repeat; garbage collector disabled while timing. The floor is the bare "
        "`async for` over the source (`for` over the list; for `zip` of k: k loops). "
        "Every competitor's result was first checked against the stdlib's on "
        f"{CHECK_ITEMS} items. †: so slow that it was measured on fewer items, to keep one "
        f"measurement near {meta['budget_seconds']} s (at least {WARM_UP_ITEMS:,}; the JSON has "
        "the counts). n/a: the library has no such operation; missing: not in asyncitertools "
        "yet; differs: not timed, see the notes.",
        "",
    ]
    notes = []

    def mark_differs(cell, competitor, source_key, op_key):
        if cell["status"] == "differs" and "mark" not in cell:
            notes.append(
                f"{COMPETITORS[competitor]}, {OPERATIONS[op_key]['label']}, "
                f"{SOURCES[source_key][0]}: {cell['note']}"
            )
            cell["mark"] = f" [{len(notes)}]"

    def rows(cell_text, competitors, with_layers=False):
        out = []
        for source_key, per_op in results.items():
            for op_key, cells in per_op.items():
                operation = OPERATIONS[op_key]
                texts = []
                for competitor in competitors:
                    cell = cells[competitor]
                    mark_differs(cell, competitor, source_key, op_key)
                    texts.append(cell_text(competitor, cell, cells))
                layers = [str(operation["layers"])] if with_layers else []
                out.append(
                    "| "
                    + " | ".join([SOURCES[source_key][0], operation["label"], *layers, *texts])
                    + " |"
                )
        return out

    def ns_cell(competitor, cell, cells):
        if cell["status"] != "ok":
            return not_timed(cell)
        return spread(cell) + (" †" if cell["items"] < meta["n"] else "")

    def added_cell(competitor, cell, cells):
        return spread(cell["added_per_layer"]) if cell["status"] == "ok" else not_timed(cell)

    def ratio_cell(competitor, cell, cells):
        if cell["status"] != "ok":
            return not_timed(cell)
        if "ratio_to_ours" not in cell:
            return "—"
        return f"{cell['ratio_to_ours']:.2f}"

    labels = [COMPETITORS[c] for c in columns]
    lines += [
        "### ns per source item: median (min–max) of the repeats",
        "",
        "| source | operation | " + " | ".join(labels) + " |",
        "|---|---|" + "---:|" * len(labels),
        *rows(ns_cell, columns),
        "",
        "### ns added per layer over the floor: median (min–max) of the repeats",
        "",
        "| source | operation | layers | " + " | ".join(labels[1:]) + " |",
        "|---|---|---:|" + "---:|" * (len(labels) - 1),
        *rows(added_cell, columns[1:], with_layers=True),
        "",
        "### peer / asyncitertools: median of the per-repeat ratios (above 1: ours is faster)",
        "",
        "| source | operation | " + " | ".join(COMPETITORS[c] for c in peers_and_hand) + " |",
        "|---|---|" + "---:|" * len(peers_and_hand),
        *rows(ratio_cell, peers_and_hand),
        "",
    ]
    lines += render_goals(goals(results))
    lines += ["Notes:", ""]
    lines += [f"- {NOTES[peer]}" for peer in PEERS if peer in NOTES and meta["versions"][peer]]
    lines += [f"- [{i}] {note}" for i, note in enumerate(notes, start=1)]
    lines.append("")
    return "\n".join(lines)


# --- the speed goals ---------------------------------------------------------------------------

GOAL_LAYER_SHARE = 0.25
GOAL_PIPELINE_RATIO = 1.5
GOAL_SYNC_SPEED_UP = 5
GOAL_ZIP_SPEED_UP = {"asyncstdlib": 4, "aioitertools": 50}


def ok_cell(results, source_key, op_key, competitor):
    cell = results.get(source_key, {}).get(op_key, {}).get(competitor)
    return cell if cell is not None and cell["status"] == "ok" else None


def goals(results):
    """The benchmark's speed goals, each case with its figure and whether it is met."""

    def case(source_key, op_key, figure, value, met):
        where = f"{OPERATIONS[op_key]['label']}, {SOURCES[source_key][0]}"
        return {"case": where, "figure": figure, "value": value, "met": met}

    layer_cases = []
    for op_key in results.get("async_generator", {}):
        if OPERATIONS[op_key]["kind"] not in ("iter", "groups", "tee"):
            continue  # not a layer: a reduction (or anext, which has its own goal)
        ours_cell = ok_cell(results, "async_generator", op_key, OURS)
        peer = ok_cell(results, "async_generator", op_key, "asyncstdlib")
        if ours_cell is None or peer is None:
            continue
        ours_added = ours_cell["added_per_layer"]["median"]
        peer_added = peer["added_per_layer"]["median"]
        figure = f"{ours_added:.0f} ns against {peer_added:.0f} ns"
        if ours_added <= 0:
            # Nothing added over the bare loop (a reduction can beat it): met, whatever the peer.
            share, met = 0.0, True
        elif peer_added <= 0:
            share, met = None, False
        else:
            share = ours_added / peer_added
            met = share <= GOAL_LAYER_SHARE
            figure += f", {share:.2f}"
        layer_cases.append(case("async_generator", op_key, figure, share, met))

    pipeline_cases = []
    for source_key in SOURCES:
        one_loop = ok_cell(results, source_key, "pipeline", ONE_LOOP)
        if one_loop is None or ok_cell(results, source_key, "pipeline", OURS) is None:
            continue
        ratio = 1 / one_loop["ratio_to_ours"]
        figure = f"{ratio:.2f}× the one loop"
        pipeline_cases.append(
            case(source_key, "pipeline", figure, ratio, ratio <= GOAL_PIPELINE_RATIO)
        )

    sync_cases = []
    for op_key in results.get("list", {}):
        peer = ok_cell(results, "list", op_key, "asyncstdlib")
        if peer is None or "ratio_to_ours" not in peer:
            continue
        speed_up = peer["ratio_to_ours"]
        figure = f"{speed_up:.1f}× faster than asyncstdlib"
        sync_cases.append(case("list", op_key, figure, speed_up, speed_up >= GOAL_SYNC_SPEED_UP))

    zip_cases = []
    for op_key in ("zip2", "zip4"):
        for source_key in SOURCES:
            for peer_name, goal in GOAL_ZIP_SPEED_UP.items():
                peer = ok_cell(results, source_key, op_key, peer_name)
                if peer is None or "ratio_to_ours" not in peer:
                    continue
                speed_up = peer["ratio_to_ours"]
                figure = f"{speed_up:.1f}× faster than {peer_name} (goal {goal}×)"
                zip_cases.append(case(source_key, op_key, figure, speed_up, speed_up >= goal))

    anext_cases = []
    for source_key in SOURCES:
        builtin = ok_cell(results, source_key, "anext_default", BUILTIN)
        if builtin is None or "ratio_to_ours" not in builtin:
            continue
        speed_up = builtin["ratio_to_ours"]
        figure = f"builtin/ours {speed_up:.2f}"
        anext_cases.append(case(source_key, "anext_default", figure, speed_up, speed_up >= 1))

    return [
        {
            "goal": "A layer of ours (an operation giving an async iterator) adds at most a "
            "quarter of what an asyncstdlib layer adds, over an async generator",
            "cases": layer_cases,
        },
        {
            "goal": "The pipeline filter → map → enumerate → islice within 1.5× of the same "
            "work written by hand as one loop (the goal is stated for 3.11)",
            "cases": pipeline_cases,
        },
        {
            "goal": "Over a sync source (a list), at least 5× faster than asyncstdlib",
            "cases": sync_cases,
        },
        {
            "goal": "`zip`: at least 4× faster than asyncstdlib and 50× faster than aioitertools",
            "cases": zip_cases,
        },
        {"goal": "`await anext(it, None)`: no slower than the builtin", "cases": anext_cases},
    ]


def render_goals(goal_list):
    lines = ["### The speed goals", ""]
    for goal in goal_list:
        cases = goal["cases"]
        met = sum(c["met"] for c in cases)
        lines += [f"**{goal['goal']}**: met in {met} of {len(cases)} cases.", ""]
        if not cases:
            continue
        lines += ["| case | figure | met |", "|---|---|---|"]
        lines += [
            f"| {c['case']} | {c['figure']} | {'yes' if c['met'] else '**no**'} |" for c in cases
        ]
        lines.append("")
    return lines


# --- the chart ---------------------------------------------------------------------------------

CHART_COLOURS = {
    FLOOR: "#9e9e9e",
    OURS: "#d62728",
    HAND: "#1f77b4",
    ONE_LOOP: "#17becf",
    BUILTIN: "#8c564b",
    "asyncstdlib": "#2ca02c",
    "aioitertools": "#ff7f0e",
    "aiostream": "#9467bd",
}


def write_chart(path, meta, results, sources=None, operations=None):
    """Grouped bars per operation (one panel per source), ns per item on a log scale.

    ``sources`` and ``operations`` (keys) narrow it down. Returns False (and says why on
    stderr) when matplotlib is not installed.
    """
    results = {
        source_key: {
            op_key: cells
            for op_key, cells in per_op.items()
            if operations is None or op_key in operations
        }
        for source_key, per_op in results.items()
        if sources is None or source_key in sources
    }
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("no chart: matplotlib is not installed (pip install matplotlib)\n")
        return False
    widest = max(len(per_op) for per_op in results.values())
    height = 4.6 * len(results) + 0.8  # inches: a panel per source, and the title and legend
    figure, axes = plt.subplots(
        len(results), 1, figsize=(max(10, 0.5 * widest + 2), height), squeeze=False
    )
    ok_cells = [
        cell
        for per_op in results.values()
        for cells in per_op.values()
        for cell in cells.values()
        if cell["status"] == "ok"
    ]
    bottom = min(cell["min"] for cell in ok_cells) / 1.5
    top = max(cell["max"] for cell in ok_cells) * 1.5
    handles = {}
    for axis, (source_key, per_op) in zip(axes[:, 0], results.items(), strict=True):
        op_keys = list(per_op)
        drawn = [c for c in COMPETITORS if any(per_op[o][c]["status"] == "ok" for o in op_keys)]
        width = 0.84 / len(drawn)
        for i, competitor in enumerate(drawn):
            xs, medians, below, above = [], [], [], []
            for j, op_key in enumerate(op_keys):
                cell = per_op[op_key][competitor]
                if cell["status"] != "ok":
                    continue
                xs.append(j + (i - (len(drawn) - 1) / 2) * width)
                medians.append(cell["median"])
                below.append(cell["median"] - cell["min"])
                above.append(cell["max"] - cell["median"])
            handles[competitor] = axis.bar(
                xs,
                medians,
                width,
                yerr=[below, above],
                error_kw={"elinewidth": 0.6, "capsize": 0},
                color=CHART_COLOURS[competitor],
                label=COMPETITORS[competitor],
            )
        axis.set_yscale("log")
        axis.set_ylim(bottom, top)
        axis.set_xlim(-0.6, len(op_keys) - 0.4)
        axis.set_xticks(range(len(op_keys)))
        axis.set_xticklabels(
            [OPERATIONS[o]["label"] for o in op_keys], rotation=40, ha="right", fontsize=7
        )
        axis.set_ylabel("ns per source item (log)")
        axis.set_title(f"source: {SOURCES[source_key][0]}", loc="left", fontsize=10)
        axis.grid(axis="y", which="major", alpha=0.35)
    figure.legend(
        [handles[c] for c in COMPETITORS if c in handles],
        [COMPETITORS[c] for c in COMPETITORS if c in handles],
        loc="upper center",
        ncol=len(handles),
        fontsize=9,
        bbox_to_anchor=(0.5, 1 - 0.45 / height),
        frameon=False,
    )
    figure.suptitle(
        f"asyncitertools {meta['asyncitertools']} and its peers, CPython {meta['python_full']}, "
        f"{meta['loop']}, {meta['date']}: median of {meta['repeats']} repeats (bars: min–max), "
        "lower is better",
        fontsize=11,
        y=1 - 0.12 / height,
    )
    figure.tight_layout(rect=(0, 0, 1, 1 - 0.8 / height))
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return True


def run_in_loop(loop, coro):
    if loop == "uvloop":
        import uvloop

        return uvloop.run(coro)
    return asyncio.run(coro)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 300 items, 1 repeat")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the raw numbers here")
    parser.add_argument(
        "--results-dir",
        metavar="DIR",
        type=Path,
        default=RESULTS_DIR,
        help=f"where the .md and .json go (default {RESULTS_DIR})",
    )
    parser.add_argument("--items", type=int, metavar="N", help="source items per measurement")
    parser.add_argument("--repeats", type=int, metavar="R", help="repeats of each measurement")
    parser.add_argument(
        "--budget",
        type=float,
        metavar="SECONDS",
        default=0.25,
        help="a competitor slower than this per N items is given fewer (default 0.25)",
    )
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument(
        "--operations",
        metavar="NAMES",
        help="comma-separated operation keys to run (default: all), e.g. islice,tee",
    )
    parser.add_argument(
        "--callgrind",
        action="store_true",
        help="count instructions per item under valgrind instead of timing "
        "(benchmarks/callgrind_builtins.py; honours --operations)",
    )
    args = parser.parse_args(argv)
    if args.callgrind:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import callgrind_builtins

        forwarded = ["--results-dir", str(args.results_dir)]
        if args.operations:
            forwarded += ["--operations", args.operations]
        callgrind_builtins.main(forwarded)
        return
    n, repeats = (300, 1) if args.quick else (200_000, 7)
    n = args.items or n
    repeats = args.repeats or repeats
    if n < 1 or repeats < 1:
        parser.error("--items and --repeats must be at least 1")
    if args.operations:
        chosen = args.operations.split(",")
        unknown = [key for key in chosen if key not in OPERATIONS]
        if unknown:
            parser.error(
                f"unknown operations: {', '.join(unknown)}; known: {', '.join(OPERATIONS)}"
            )
        for key in list(OPERATIONS):
            if key not in chosen:
                del OPERATIONS[key]

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    meta = {
        "python": version,
        "python_full": platform.python_version(),
        "implementation": platform.python_implementation(),
        "asyncitertools": asyncitertools.__version__,
        "versions": {peer: version_of(peer) for peer in PEERS},
        "loop": args.loop,
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "n": n,
        "repeats": repeats,
        "quick": args.quick,
        "check_items": CHECK_ITEMS,
        "budget_seconds": args.budget,
        "gc_disabled_while_timing": True,
        "unit": "ns per source item",
    }

    results = summarise(run_in_loop(args.loop, run(n, repeats, args.budget * 1e9)))
    markdown = render(meta, results)
    print(markdown)

    for cell in (c for per_op in results.values() for cs in per_op.values() for c in cs.values()):
        cell.pop("mark", None)
    description = {
        "competitors": COMPETITORS,
        "sources": {key: label for key, (label, _) in SOURCES.items()},
        "operations": {
            key: {k: op[k] for k in ("label", "kind", "arity", "layers", "needs", "sources")}
            for key, op in OPERATIONS.items()
        },
    }
    report = {"meta": meta, **description, "results": results, "goals": goals(results)}
    raw = json.dumps(report, indent=2) + "\n"
    results_dir = args.results_dir
    results_dir.mkdir(parents=True, exist_ok=True)
    md_path = results_dir / f"builtins-{version}.md"
    md_path.write_text(markdown, encoding="utf-8")
    json_paths = [results_dir / f"builtins-{version}.json"]
    if args.json:
        json_paths.append(args.json)
    for path in json_paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(raw, encoding="utf-8")
    written = [md_path, *json_paths]
    chart_path = results_dir / f"builtins-{version}.png"
    if write_chart(chart_path, meta, results):
        written.append(chart_path)
    print(f"wrote {', '.join(str(p) for p in written)}")


if __name__ == "__main__":
    main()
