"""The async counterparts of :mod:`itertools`, implemented natively.

Every function accepts sync and async iterables (and sync and async callables) and follows the
README's contract.
"""

__all__: list[str] = []

# names: select (dropwhile, takewhile, filterfalse, compress, starmap)
# end names: select

# names: stateful (accumulate, pairwise, islice, batched)
# end names: stateful

# names: chain (chain, chain.from_iterable, cycle, count, repeat, zip_longest)
# end names: chain

# names: groupby
# end names: groupby

# names: tee
from ._native import tee

__all__ += ["tee"]
# end names: tee

# names: combinatorics (product, permutations, combinations, combinations_with_replacement)
# end names: combinatorics
