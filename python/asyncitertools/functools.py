"""The async counterparts of :mod:`functools`, implemented natively.

>>> import asyncio
>>> import operator
>>> import asyncitertools.functools as afunctools
>>> asyncio.run(afunctools.reduce(operator.mul, [1, 2, 3, 4]))
24
"""

from ._native import reduce

__all__ = ["reduce"]
