"""The async counterparts of :mod:`functools`, implemented natively."""

from ._native import reduce

__all__ = ["reduce"]
