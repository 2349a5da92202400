"""The async counterparts of :mod:`functools`, implemented natively."""

__all__: list[str] = []

# names: reduce
# end names: reduce
