"""The async counterparts of :mod:`builtins`, implemented natively.

Every function accepts sync and async iterables, sync and async callables, and closes the
async iterators it owns when it is done with them (see the contract, docs/contract.md).

>>> import asyncio
>>> import asyncitertools.builtins as ab
>>> asyncio.run(ab.list(ab.enumerate("ab", 1)))
[(1, 'a'), (2, 'b')]
>>> async def lengths():
...     for word in ("ab", "cde"):
...         yield len(word)
>>> asyncio.run(ab.list(ab.zip(lengths(), "xyz")))
[(2, 'x'), (3, 'y')]
>>> asyncio.run(ab.anext(ab.iter([]), "empty"))
'empty'
"""

from ._native import (
    aiter,
    all,
    anext,
    any,
    borrow,
    dict,
    enumerate,
    filter,
    iter,
    list,
    map,
    max,
    min,
    set,
    sorted,
    sum,
    tuple,
    zip,
)
from ._scoped import scoped_iter

__all__ = [
    "aiter",
    "all",
    "anext",
    "any",
    "borrow",
    "dict",
    "enumerate",
    "filter",
    "iter",
    "list",
    "map",
    "max",
    "min",
    "scoped_iter",
    "set",
    "sorted",
    "sum",
    "tuple",
    "zip",
]
