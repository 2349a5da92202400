"""The operations of the builtins benchmark: the case tables.

Each operation: how many sources it consumes (``arity``), how many layers it stacks, its
``kind``: "iter" (returns an async iterable, consumed with ``async for``), "reduce" (returns an
awaitable), "groups", "tee" or "anext" (see ``runner.consume``), the items its sources produce,
the stdlib's result on those items, the names asyncitertools needs, and per competitor a
builder taking the sources and n (absent: the competitor has no such operation). The rows of
the itertools, ``functools.reduce`` and ``heapq`` are in ``itertools_operations``.
"""

import builtins

from .competitors import (
    AIT,
    ASL,
    AST,
    BUILTIN,
    HAND,
    ONE_LOOP,
    OURS,
    a,
    as_stream,
    lib,
    ours,
    peers_of,
)
from .hand import (
    hand_all,
    hand_anext,
    hand_any,
    hand_collect,
    hand_enumerate,
    hand_filter,
    hand_islice,
    hand_iter,
    hand_list,
    hand_map,
    hand_map_async,
    hand_max,
    hand_min,
    hand_sum,
    hand_zip,
    one_loop_pipeline,
)
from .itertools_operations import ITERTOOLS_OPERATIONS
from .sources import ASYNC_SOURCES, SOURCES, is_async
from .workload import (
    is_even,
    numbers,
    ones,
    pair_sum,
    pair_value_is_even,
    pairs,
    plus_one,
    plus_one_async,
    zeros,
)


def pipeline(filter_, map_, enumerate_, islice):
    """filter, map, enumerate, then islice (cutting nothing): the pipeline of the speed goal."""

    def build(source, n):
        return islice(enumerate_(map_(plus_one, filter_(is_even, source))), n)

    return build


def stack(filter_, map_, enumerate_):
    def build(source, n):
        return map_(pair_sum, filter_(pair_value_is_even, enumerate_(source)))

    return build


def aiostream_stack(source, n):
    s = AST
    return s.map(s.filter(s.enumerate(as_stream(source)), pair_value_is_even), pair_sum)


def aiostream_pipeline(source, n):
    s = AST
    return s.take(s.enumerate(s.map(s.filter(as_stream(source), is_even), plus_one)), n)


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


OPERATIONS = {
    "anext": anext_operation("await anext(it)", ()),
    "anext_default": anext_operation("await anext(it, None)", (None,)),
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
    **ITERTOOLS_OPERATIONS,
}


# Every builder is called as build(*sources, n).
for _operation in OPERATIONS.values():
    _operation.setdefault("arity", 1)
    _operation.setdefault("layers", 1)
    _operation.setdefault("items", numbers)
    _operation.setdefault("sources", tuple(SOURCES))
del _operation
