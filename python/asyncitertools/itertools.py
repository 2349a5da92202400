"""The async counterparts of :mod:`itertools`, implemented natively.

Every function accepts sync and async iterables (and sync and async callables) and follows the
contract in docs/contract.md.

>>> import asyncio
>>> import asyncitertools as a
>>> import asyncitertools.itertools as ait
>>> asyncio.run(a.list(ait.batched(ait.islice(ait.count(), 7), 3)))
[(0, 1, 2), (3, 4, 5), (6,)]
>>> asyncio.run(a.list(ait.pairwise("abc")))
[('a', 'b'), ('b', 'c')]
"""

from ._native import (
    accumulate,
    batched,
    chain,
    combinations,
    combinations_with_replacement,
    compress,
    count,
    cycle,
    dropwhile,
    filterfalse,
    groupby,
    islice,
    pairwise,
    permutations,
    product,
    repeat,
    starmap,
    takewhile,
    tee,
    zip_longest,
)

__all__ = [
    "accumulate",
    "batched",
    "chain",
    "combinations",
    "combinations_with_replacement",
    "compress",
    "count",
    "cycle",
    "dropwhile",
    "filterfalse",
    "groupby",
    "islice",
    "pairwise",
    "permutations",
    "product",
    "repeat",
    "starmap",
    "takewhile",
    "tee",
    "zip_longest",
]
