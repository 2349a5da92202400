"""The async counterparts of :mod:`itertools`, implemented natively.

Every function accepts sync and async iterables (and sync and async callables) and follows the
README's contract.
"""

__all__: list[str] = []

# names: select (dropwhile, takewhile, filterfalse, compress, starmap)
from ._native import compress, dropwhile, filterfalse, starmap, takewhile

__all__ += ["compress", "dropwhile", "filterfalse", "starmap", "takewhile"]
# end names: select

# names: stateful (accumulate, pairwise, islice, batched)
from ._native import accumulate, batched, islice, pairwise

__all__ += ["accumulate", "batched", "islice", "pairwise"]
# end names: stateful

# names: chain (chain, chain.from_iterable, cycle, count, repeat, zip_longest)
from ._native import chain, count, cycle, repeat, zip_longest

__all__ += ["chain", "count", "cycle", "repeat", "zip_longest"]
# end names: chain

# names: groupby
from ._native import groupby

__all__ += ["groupby"]
# end names: groupby

# names: tee
from ._native import tee

__all__ += ["tee"]
# end names: tee

# names: combinatorics (product, permutations, combinations, combinations_with_replacement)
from ._native import combinations, combinations_with_replacement, permutations, product

__all__ += ["product", "permutations", "combinations", "combinations_with_replacement"]
# end names: combinatorics
