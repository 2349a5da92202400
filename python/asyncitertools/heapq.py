"""The async counterparts of :mod:`heapq`, implemented natively."""

__all__: list[str] = []

# names: merge
from ._native import merge

__all__ += ["merge"]
# end names: merge

# names: nlargest (nlargest, nsmallest)
from ._native import nlargest, nsmallest

__all__ += ["nlargest", "nsmallest"]
# end names: nlargest
