"""Python's asynchronous iteration, native: ``aiter``, ``anext``, the async builtins and itertools.

``asyncitertools.builtins``, ``.itertools``, ``.functools`` and ``.heapq`` mirror the stdlib
modules of those names; everything public is re-exported here, so
``import asyncitertools as a; await a.anext(it)`` works.

>>> import asyncio
>>> import asyncitertools as a
>>> async def numbers():
...     for n in range(6):
...         yield n
>>> asyncio.run(a.list(a.map(lambda n: n * n, a.filter(None, numbers()))))
[1, 4, 9, 16, 25]
>>> asyncio.run(a.sum(a.islice(numbers(), 2, None)))
14
"""

from . import builtins as _builtins
from . import functools as _functools
from . import heapq as _heapq
from . import itertools as _itertools
from ._native import __version__
from ._typing import CloseableAsyncIterator
from .builtins import *  # noqa: F403
from .functools import *  # noqa: F403
from .heapq import *  # noqa: F403
from .itertools import *  # noqa: F403

# Each module lists its names once (its own `__all__`); the package re-exports them all.
__all__ = ["__version__", "CloseableAsyncIterator"]
__all__ += _builtins.__all__
__all__ += _itertools.__all__
__all__ += _functools.__all__
__all__ += _heapq.__all__
