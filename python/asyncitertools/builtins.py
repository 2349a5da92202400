"""The async counterparts of :mod:`builtins`, implemented natively."""

from ._native import aiter, anext, enumerate

__all__ = ["aiter", "anext", "enumerate"]
