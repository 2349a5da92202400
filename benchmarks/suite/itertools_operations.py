"""The case tables of the itertools, ``functools.reduce`` and ``heapq``: the rows after the
builtins' (see ``operations`` for what a row holds)."""

import builtins
import functools
import heapq
import itertools

from .competitors import (
    AIT,
    ASL,
    ASL_HEAPQ,
    AST,
    HAND,
    ONE_LOOP,
    OURS,
    a,
    as_stream,
    ours,
    peers_of,
)
from .hand import (
    hand_accumulate,
    hand_batched,
    hand_chain,
    hand_compress,
    hand_dropwhile,
    hand_enumerate,
    hand_filter,
    hand_filterfalse,
    hand_groupby,
    hand_islice,
    hand_map,
    hand_merge,
    hand_nlargest,
    hand_nsmallest,
    hand_pairwise,
    hand_reduce,
    hand_starmap,
    hand_takewhile,
    hand_tee,
    hand_zip_longest,
    one_loop_pipeline5,
)
from .workload import (
    BATCH,
    GROUP,
    add,
    group_key,
    is_even,
    is_negative,
    is_positive,
    numbers,
    pairs,
    plus_one,
    reference_batched,
)


def pipeline5(filter_, map_, enumerate_, islice, batched):
    """filter, map, enumerate, islice (cutting nothing) and batched: the five-stage pipeline."""

    def build(source, n):
        return batched(islice(enumerate_(map_(plus_one, filter_(is_even, source))), n), BATCH)

    return build


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


def batched_builders():
    builders = {
        OURS: lambda s, n: ours("batched")(s, BATCH),
        HAND: lambda s, n: hand_batched(s, BATCH),
    }
    builders.update(peers_of("batched", lambda function, s: function(s, BATCH)))
    return builders


ITERTOOLS_OPERATIONS = {
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
