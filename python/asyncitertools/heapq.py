"""The async counterparts of :mod:`heapq`, implemented natively.

>>> import asyncio
>>> import asyncitertools as a
>>> import asyncitertools.heapq as aheapq
>>> asyncio.run(a.list(aheapq.merge([1, 4], a.iter([2, 3]))))
[1, 2, 3, 4]
>>> asyncio.run(aheapq.nlargest(2, [5, 1, 9]))
[9, 5]
"""

from ._native import merge, nlargest, nsmallest

__all__ = ["merge", "nlargest", "nsmallest"]
