"""The async counterparts of :mod:`heapq`, implemented natively."""

__all__: list[str] = []

# names: merge
# end names: merge

# names: nlargest (nlargest, nsmallest)
# end names: nlargest
