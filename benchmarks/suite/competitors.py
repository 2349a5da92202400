"""Who is measured: the floor, asyncitertools ("ours"), the hand-written layers, the builtin and
the peers (each when it is installed), and how to reach each one's functions."""

import asyncitertools

from .common import optional_import
from .sources import is_async

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

asyncstdlib = optional_import("asyncstdlib")
aioitertools = optional_import("aioitertools")
aiostream = optional_import("aiostream")
INSTALLED = {
    "asyncstdlib": asyncstdlib,
    "aioitertools": aioitertools,
    "aiostream": aiostream,
}

# The modules the case tables call into (None: not installed).
ASL = asyncstdlib
ASL_HEAPQ = optional_import("asyncstdlib.heapq")
AIT = aioitertools
AST = optional_import("aiostream.stream") if aiostream else None

NOTES = {
    "aiostream": "aiostream: a list goes through `stream.iterate` (timed with it); `map` with an "
    "async function runs the calls as tasks (its default `task_limit=None`, results ordered); "
    "`zip` pulls every source in a task per item; `take` stands for islice; no `sum`, `max`, "
    "`any`.",
    "aioitertools": "aioitertools: `zip` pulls every source in a task per item "
    "(`asyncio.gather`); `any` gathers the whole input first; no `filter`.",
}


OURS_ITERTOOLS = optional_import("asyncitertools.itertools")


def ours(name):
    """asyncitertools' function ``name``, or None while it does not exist yet."""
    function = getattr(asyncitertools, name, None)
    if function is None and OURS_ITERTOOLS is not None:
        function = getattr(OURS_ITERTOOLS, name, None)
    return function


def a(name):
    """A lazy attribute of asyncitertools (looked up when the layer is built)."""

    def call(*args, **kwargs):
        return ours(name)(*args, **kwargs)

    return call


def lib(module, name):
    return getattr(module, name) if module is not None else None


def peers_of(name, call=lambda function, s: function(s)):
    """A builder for each peer that has a function ``name`` (asyncstdlib, aioitertools)."""
    builders = {}
    for peer, module in (("asyncstdlib", ASL), ("aioitertools", AIT)):
        function = getattr(module, name, None) if module is not None else None
        if function is not None:
            builders[peer] = lambda s, n, function=function: call(function, s)
    return builders


def as_stream(source):
    """aiostream's operators take async iterables only: sync ones go through ``iterate``."""
    return source if is_async(source) else AST.iterate(source)
