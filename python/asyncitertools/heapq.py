"""The async counterparts of :mod:`heapq`, implemented natively."""

from ._native import merge, nlargest, nsmallest

__all__ = ["merge", "nlargest", "nsmallest"]
