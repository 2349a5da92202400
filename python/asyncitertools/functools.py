"""The async counterparts of :mod:`functools`, implemented natively."""

__all__: list[str] = []

# names: reduce
from ._native import reduce

__all__ += ["reduce"]
# end names: reduce
