"""Concurrent and timed iteration: structured, under asyncio, uvloop, trio and anyio.

Every function here that starts tasks owns them: they end before the function's stream does.
The form to use is ``async with``::

    async with concurrent.map(fetch, urls, limit=8) as pages:
        async for page in pages:
            ...

When the block exits (at the end, on ``break``, an error or a cancellation) the calls and
pulls still running are cancelled, not awaited, and every source the function owns is
closed. Under asyncio (and uvloop, and anyio on asyncio) a plain ``async for`` works too, with
the same cleanup at exhaustion, on error or ``aclose()``; under trio (and anyio on trio) a
stream that starts tasks needs the ``async with`` form, and says so at its first step.

The first exception from a source or a call reaches the consumer as that very object, never
in an ExceptionGroup, after the items that arrived before it. The event loop is found at run
time; nothing here imports a loop library.

The names are not re-exported at the package root: ``asyncitertools.merge`` is
``heapq.merge``, ``concurrent.merge`` merges by arrival.
"""

from ._buffer import batched, buffer
from ._core import Stream
from ._flat import concatmap, flatmap, switchmap
from ._latest import ziplatest
from ._map import as_completed, gather, map
from ._merge import merge, zip
from ._time import spaceout, timeout

__all__ = [
    "Stream",
    "as_completed",
    "batched",
    "buffer",
    "concatmap",
    "flatmap",
    "gather",
    "map",
    "merge",
    "spaceout",
    "switchmap",
    "timeout",
    "zip",
    "ziplatest",
]
