"""Python's asynchronous iteration, native: ``aiter``, ``anext`` and the async builtins.

``asyncitertools.builtins`` mirrors the async parts of :mod:`builtins`; everything public is
re-exported here, so ``import asyncitertools as a; await a.anext(it)`` works.
"""

from ._native import __version__
from .builtins import (
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
    scoped_iter,
    set,
    sorted,
    sum,
    tuple,
    zip,
)

__all__ = [
    "__version__",
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
