"""Python's asynchronous iteration, native: ``aiter``, ``anext`` and friends.

``asyncitertools.builtins`` mirrors the async parts of :mod:`builtins`; everything public is
re-exported here, so ``import asyncitertools as a; await a.anext(it)`` works.
"""

from ._native import __version__
from .builtins import aiter, anext, enumerate

__all__ = ["__version__", "aiter", "anext", "enumerate"]
