# aiter and anext have the types typeshed gives the builtins they equal (stdlib/builtins.pyi):
# without a default they return exactly what __aiter__/__anext__ return, and anext(x, default)
# returns an anext_awaitable, which is a Coroutine (asyncio.run and create_task take it).
#
# The other functions have typeshed's overloads of the builtin they mirror, with two changes:
# - an iterable argument is `Iterable[T] | AsyncIterable[T]`;
# - a callable argument may be sync or async: its result is awaited when it is awaitable. Where
#   the callable's result type is inferred (map's function, iter's callable), the async form is
#   an overload of its own, before the sync one: mypy cannot solve `_S` against the union
#   `Callable[[T], Awaitable[_S]] | Callable[[T], _S]` for an `async def` (it infers Never), and
#   the first overload that matches must be the one whose result is awaited.
# The reductions return a native awaitable with send/throw/close/__await__: a Coroutine.
#
# `list`, `tuple`, `set`, `dict`, `iter`... are functions of this module, so annotations name
# the builtin types as `builtins.list` etc.
import builtins
import sys
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    Awaitable,
    Callable,
    Coroutine,
    Iterable,
)
from typing import (
    Any,
    Literal,
    Protocol,
    TypeAlias,
    TypeGuard,
    TypeVar,
    final,
    overload,
    type_check_only,
)

from _typeshed import (
    SupportsAdd,
    SupportsAiter,
    SupportsAnext,
    SupportsKeysAndGetItem,
    SupportsNext,
    SupportsRAdd,
    SupportsRichComparison,
    SupportsRichComparisonT,
)
from typing_extensions import TypeIs

from ._typing import CloseableAsyncIterator

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_VT = TypeVar("_VT")
_KT = TypeVar("_KT")
_S = TypeVar("_S")
_T1 = TypeVar("_T1")
_T2 = TypeVar("_T2")
_T3 = TypeVar("_T3")
_T4 = TypeVar("_T4")
_T5 = TypeVar("_T5")
_AwaitableT = TypeVar("_AwaitableT", bound=Awaitable[Any])
_AwaitableT_co = TypeVar("_AwaitableT_co", bound=Awaitable[Any], covariant=True)
_SupportsAnextT_co = TypeVar("_SupportsAnextT_co", bound=SupportsAnext[Any], covariant=True)

@type_check_only
class _SupportsSynchronousAnext(Protocol[_AwaitableT_co]):
    def __anext__(self) -> _AwaitableT_co: ...

# A sync or an async iterable.
_AnyIterable: TypeAlias = Iterable[_T] | AsyncIterable[_T]
# A sort key, sync or async.
_Key: TypeAlias = Callable[[_T], SupportsRichComparison | Awaitable[SupportsRichComparison]]
# iter's stop_exception.
_StopException: TypeAlias = type[BaseException] | builtins.tuple[type[BaseException], ...]

__all__ = [
    "__version__",
    "aiter",
    "all",
    "anext",
    "any",
    "borrow",
    "dict",
    "enumerate",
    "filter",
    "iter",
    "list",
    "map",
    "max",
    "min",
    "set",
    "sorted",
    "sum",
    "tuple",
    "zip",
    # itertools
    "chain",
    "count",
    "cycle",
    "repeat",
    "zip_longest",
    "groupby",
    "accumulate",
    "batched",
    "islice",
    "pairwise",
    "combinations",
    "combinations_with_replacement",
    "permutations",
    "product",
    "compress",
    "dropwhile",
    "filterfalse",
    "starmap",
    "takewhile",
    "tee",
    # functools
    "reduce",
    # heapq
    "merge",
    "nlargest",
    "nsmallest",
]

__version__: str

def aiter(async_iterable: SupportsAiter[_SupportsAnextT_co], /) -> _SupportsAnextT_co:
    """Return an AsyncIterator for an AsyncIterable object."""

@overload
def anext(aiterator: _SupportsSynchronousAnext[_AwaitableT], /) -> _AwaitableT:
    """Return the next item from the async iterator.

    If default is given and the async iterator is exhausted, it is returned instead of
    raising StopAsyncIteration.
    """

@overload
def anext(aiterator: SupportsAnext[_T], default: _VT, /) -> Coroutine[Any, Any, _T | _VT]: ...

# What the iterator functions return: an async iterator with aclose() (the public protocol).

# Async iterators.

@type_check_only
class _GetItemIterable(Protocol[_T_co]):
    def __getitem__(self, i: int, /) -> _T_co: ...

@overload
def iter(object: _AnyIterable[_T], /) -> CloseableAsyncIterator[_T]:
    """iter(iterable) -> async iterator over a sync or async iterable
    iter(callable, stop_value) -> async iterator of callable() until it returns stop_value
    iter(callable, *, stop_exception=E) -> ... until callable() raises E
    """

@overload
def iter(object: _GetItemIterable[_T], /) -> CloseableAsyncIterator[_T]: ...
@overload
def iter(
    object: Callable[[], Awaitable[_T | None]],
    /,
    stop_value: None,
    *,
    stop_exception: _StopException | None = None,
) -> CloseableAsyncIterator[_T]: ...
@overload
def iter(
    object: Callable[[], _T | None],
    /,
    stop_value: None,
    *,
    stop_exception: _StopException | None = None,
) -> CloseableAsyncIterator[_T]: ...
@overload
def iter(
    object: Callable[[], Awaitable[_T]],
    /,
    stop_value: object,
    *,
    stop_exception: _StopException | None = None,
) -> CloseableAsyncIterator[_T]: ...
@overload
def iter(
    object: Callable[[], _T],
    /,
    stop_value: object,
    *,
    stop_exception: _StopException | None = None,
) -> CloseableAsyncIterator[_T]: ...
@overload
def iter(
    object: Callable[[], Awaitable[_T]], /, *, stop_exception: _StopException
) -> CloseableAsyncIterator[_T]: ...
@overload
def iter(
    object: Callable[[], _T], /, *, stop_exception: _StopException
) -> CloseableAsyncIterator[_T]: ...
def enumerate(
    iterable: _AnyIterable[_T], start: int = 0
) -> CloseableAsyncIterator[builtins.tuple[int, _T]]:
    """Return an async iterator of (index, item) pairs of a sync or async iterable."""

@overload
def zip(*, strict: bool = False) -> CloseableAsyncIterator[Any]:
    """Return an async iterator of tuples, the i-th item of each from the i-th iterable."""

@overload
def zip(
    iter1: _AnyIterable[_T1], /, *, strict: bool = False
) -> CloseableAsyncIterator[builtins.tuple[_T1]]: ...
@overload
def zip(
    iter1: _AnyIterable[_T1], iter2: _AnyIterable[_T2], /, *, strict: bool = False
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2]]: ...
@overload
def zip(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2, _T3]]: ...
@overload
def zip(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2, _T3, _T4]]: ...
@overload
def zip(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    iter5: _AnyIterable[_T5],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2, _T3, _T4, _T5]]: ...
@overload
def zip(
    iter1: _AnyIterable[Any],
    iter2: _AnyIterable[Any],
    iter3: _AnyIterable[Any],
    iter4: _AnyIterable[Any],
    iter5: _AnyIterable[Any],
    iter6: _AnyIterable[Any],
    /,
    *iterables: _AnyIterable[Any],
    strict: bool = False,
) -> CloseableAsyncIterator[builtins.tuple[Any, ...]]: ...
@overload
def map(
    function: Callable[[_T1], Awaitable[_S]],
    iterable: _AnyIterable[_T1],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]:
    """Return an async iterator of function(*items) for one item from each iterable."""

@overload
def map(
    function: Callable[[_T1], _S], iterable: _AnyIterable[_T1], /, *, strict: bool = False
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2], Awaitable[_S]],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2], _S],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2, _T3], Awaitable[_S]],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2, _T3], _S],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2, _T3, _T4], Awaitable[_S]],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2, _T3, _T4], _S],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2, _T3, _T4, _T5], Awaitable[_S]],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    iter5: _AnyIterable[_T5],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[[_T1, _T2, _T3, _T4, _T5], _S],
    iterable: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    iter5: _AnyIterable[_T5],
    /,
    *,
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[..., Awaitable[_S]],
    iterable: _AnyIterable[Any],
    iter2: _AnyIterable[Any],
    iter3: _AnyIterable[Any],
    iter4: _AnyIterable[Any],
    iter5: _AnyIterable[Any],
    iter6: _AnyIterable[Any],
    /,
    *iterables: _AnyIterable[Any],
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def map(
    function: Callable[..., _S],
    iterable: _AnyIterable[Any],
    iter2: _AnyIterable[Any],
    iter3: _AnyIterable[Any],
    iter4: _AnyIterable[Any],
    iter5: _AnyIterable[Any],
    iter6: _AnyIterable[Any],
    /,
    *iterables: _AnyIterable[Any],
    strict: bool = False,
) -> CloseableAsyncIterator[_S]: ...
@overload
def filter(function: None, iterable: _AnyIterable[_T | None], /) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items of iterable for which function(item) is true."""

@overload
def filter(
    function: Callable[[_S], TypeGuard[_T]], iterable: _AnyIterable[_S], /
) -> CloseableAsyncIterator[_T]: ...
@overload
def filter(
    function: Callable[[_S], TypeIs[_T]], iterable: _AnyIterable[_S], /
) -> CloseableAsyncIterator[_T]: ...
@overload
def filter(
    function: Callable[[_T], Any], iterable: _AnyIterable[_T], /
) -> CloseableAsyncIterator[_T]: ...

# Awaitable reductions.

def all(iterable: _AnyIterable[object], /) -> Coroutine[Any, Any, bool]:
    """Return True if every item of the iterable is true (or if it is empty). Awaitable."""

def any(iterable: _AnyIterable[object], /) -> Coroutine[Any, Any, bool]:
    """Return True if any item of the iterable is true (False if it is empty). Awaitable."""

@overload
def max(
    arg1: SupportsRichComparisonT,
    arg2: SupportsRichComparisonT,
    /,
    *args: SupportsRichComparisonT,
    key: None = None,
) -> Coroutine[Any, Any, SupportsRichComparisonT]:
    """Awaitable: with a single iterable argument (sync or async), its largest item."""

@overload
def max(arg1: _T, arg2: _T, /, *args: _T, key: _Key[_T]) -> Coroutine[Any, Any, _T]: ...
@overload
def max(
    iterable: _AnyIterable[SupportsRichComparisonT], /, *, key: None = None
) -> Coroutine[Any, Any, SupportsRichComparisonT]: ...
@overload
def max(iterable: _AnyIterable[_T], /, *, key: _Key[_T]) -> Coroutine[Any, Any, _T]: ...
@overload
def max(
    iterable: _AnyIterable[SupportsRichComparisonT], /, *, key: None = None, default: _T
) -> Coroutine[Any, Any, SupportsRichComparisonT | _T]: ...
@overload
def max(
    iterable: _AnyIterable[_T1], /, *, key: _Key[_T1], default: _T2
) -> Coroutine[Any, Any, _T1 | _T2]: ...
@overload
def min(
    arg1: SupportsRichComparisonT,
    arg2: SupportsRichComparisonT,
    /,
    *args: SupportsRichComparisonT,
    key: None = None,
) -> Coroutine[Any, Any, SupportsRichComparisonT]:
    """Awaitable: with a single iterable argument (sync or async), its smallest item."""

@overload
def min(arg1: _T, arg2: _T, /, *args: _T, key: _Key[_T]) -> Coroutine[Any, Any, _T]: ...
@overload
def min(
    iterable: _AnyIterable[SupportsRichComparisonT], /, *, key: None = None
) -> Coroutine[Any, Any, SupportsRichComparisonT]: ...
@overload
def min(iterable: _AnyIterable[_T], /, *, key: _Key[_T]) -> Coroutine[Any, Any, _T]: ...
@overload
def min(
    iterable: _AnyIterable[SupportsRichComparisonT], /, *, key: None = None, default: _T
) -> Coroutine[Any, Any, SupportsRichComparisonT | _T]: ...
@overload
def min(
    iterable: _AnyIterable[_T1], /, *, key: _Key[_T1], default: _T2
) -> Coroutine[Any, Any, _T1 | _T2]: ...

# sum: typeshed's special cases (bool, and the literal 0 of an omitted start).
_AddableT1 = TypeVar("_AddableT1", bound=SupportsAdd[Any, Any])
_AddableT2 = TypeVar("_AddableT2", bound=SupportsAdd[Any, Any])

@type_check_only
class _SupportsSumWithNoDefaultGiven(SupportsAdd[Any, Any], SupportsRAdd[int, Any], Protocol): ...

_SupportsSumNoDefaultT = TypeVar("_SupportsSumNoDefaultT", bound=_SupportsSumWithNoDefaultGiven)

@overload
def sum(iterable: _AnyIterable[bool], /, start: int = 0) -> Coroutine[Any, Any, int]:
    """Return the sum of a 'start' value (default: 0) plus a sync or async iterable of numbers."""

@overload
def sum(
    iterable: _AnyIterable[_SupportsSumNoDefaultT], /
) -> Coroutine[Any, Any, _SupportsSumNoDefaultT | Literal[0]]: ...
@overload
def sum(
    iterable: _AnyIterable[_AddableT1], /, start: _AddableT2
) -> Coroutine[Any, Any, _AddableT1 | _AddableT2]: ...
def list(iterable: _AnyIterable[_T] = (), /) -> Coroutine[Any, Any, builtins.list[_T]]:
    """Return a list of the items of a sync or async iterable. Awaitable."""

def tuple(iterable: _AnyIterable[_T] = (), /) -> Coroutine[Any, Any, builtins.tuple[_T, ...]]:
    """Return a tuple of the items of a sync or async iterable. Awaitable."""

def set(iterable: _AnyIterable[_T] = (), /) -> Coroutine[Any, Any, builtins.set[_T]]:
    """Return a set of the items of a sync or async iterable. Awaitable."""

# The first overload, with its default, is also dict(): empty, its types from the context, as
# builtins.dict() (a `def dict() -> dict[_KT, _VT]` would have its type variables only in the
# result). It overlaps dict(**kwargs) on dict(), where it comes first and so wins.
@overload
def dict(  # pyright: ignore[reportOverlappingOverload]
    iterable: _AnyIterable[builtins.tuple[_KT, _VT]] = (), /
) -> Coroutine[Any, Any, builtins.dict[_KT, _VT]]:
    """Return a new dict from a mapping, or from the (key, value) pairs of an iterable."""

@overload
def dict(
    iterable: SupportsKeysAndGetItem[_KT, _VT], /
) -> Coroutine[Any, Any, builtins.dict[_KT, _VT]]: ...
@overload
def dict(**kwargs: _VT) -> Coroutine[Any, Any, builtins.dict[str, _VT]]: ...
@overload
def dict(
    iterable: SupportsKeysAndGetItem[str, _VT], /, **kwargs: _VT
) -> Coroutine[Any, Any, builtins.dict[str, _VT]]: ...
@overload
def dict(
    iterable: _AnyIterable[builtins.tuple[str, _VT]], /, **kwargs: _VT
) -> Coroutine[Any, Any, builtins.dict[str, _VT]]: ...

# dict(s.split(sep) for s in lines), as typeshed: not Iterable[Sequence[_T]], which would take
# an iterable of strings.
@overload
def dict(
    iterable: _AnyIterable[builtins.list[str]], /
) -> Coroutine[Any, Any, builtins.dict[str, str]]: ...
@overload
def dict(
    iterable: _AnyIterable[builtins.list[bytes]], /
) -> Coroutine[Any, Any, builtins.dict[bytes, bytes]]: ...
@overload
def sorted(
    iterable: _AnyIterable[SupportsRichComparisonT], /, *, key: None = None, reverse: bool = False
) -> Coroutine[Any, Any, builtins.list[SupportsRichComparisonT]]:
    """Return a new list containing all items from a sync or async iterable in ascending order."""

@overload
def sorted(
    iterable: _AnyIterable[_T], /, *, key: _Key[_T], reverse: bool = False
) -> Coroutine[Any, Any, builtins.list[_T]]: ...

# Ownership.

# What the runtime checks: __anext__ (async) or __next__ (sync); not an iterable.
# An async generator's borrow passes asend() and athrow() through: it is an AsyncGenerator.
@overload
def borrow(iterator: AsyncGenerator[_T, _S], /) -> AsyncGenerator[_T, _S]:
    """Return an async iterator over iterator (async or sync) that does not close it."""

@overload
def borrow(iterator: SupportsAnext[_T] | SupportsNext[_T], /) -> CloseableAsyncIterator[_T]: ...

# The async itertools, functools.reduce and heapq.

# As typeshed's itertools, with sync or async iterables; a predicate's result (awaited when
# awaitable) is only asked for its truth, so `Callable[[_T], object]` admits sync and async ones.

def dropwhile(
    predicate: Callable[[_T], object], iterable: _AnyIterable[_T], /
) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items of iterable from the first for which predicate(item)
    is false on (the predicate is not called again)."""

def takewhile(
    predicate: Callable[[_T], object], iterable: _AnyIterable[_T], /
) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items of iterable as long as predicate(item) is true."""

def filterfalse(
    predicate: Callable[[_T], object] | None, iterable: _AnyIterable[_T], /
) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items of iterable for which predicate(item) is false."""

def compress(data: _AnyIterable[_T], selectors: _AnyIterable[object]) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items of data whose selector is true."""

@overload
def starmap(
    function: Callable[..., Awaitable[_S]], iterable: _AnyIterable[Iterable[Any]], /
) -> CloseableAsyncIterator[_S]:
    """Return an async iterator of function(*args) for each args of iterable."""

@overload
def starmap(
    function: Callable[..., _S], iterable: _AnyIterable[Iterable[Any]], /
) -> CloseableAsyncIterator[_S]: ...

# Index arguments are typed int as in typeshed's itertools (any __index__ is accepted).

@overload
def accumulate(
    iterable: _AnyIterable[_T], func: None = None, *, initial: _T | None = None
) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the running totals of a sync or async iterable."""

@overload
def accumulate(
    iterable: _AnyIterable[_S],
    func: Callable[[_T, _S], Awaitable[_T]],
    *,
    initial: _T | None = None,
) -> CloseableAsyncIterator[_T]: ...
@overload
def accumulate(
    iterable: _AnyIterable[_S], func: Callable[[_T, _S], _T], *, initial: _T | None = None
) -> CloseableAsyncIterator[_T]: ...
def pairwise(iterable: _AnyIterable[_T], /) -> CloseableAsyncIterator[builtins.tuple[_T, _T]]:
    """Return an async iterator of the overlapping pairs of consecutive items."""

@overload
def islice(iterable: _AnyIterable[_T], stop: int | None, /) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items at the indices range(start, stop, step)."""

@overload
def islice(
    iterable: _AnyIterable[_T],
    start: int | None,
    stop: int | None,
    step: int | None = None,
    /,
) -> CloseableAsyncIterator[_T]: ...
def batched(
    iterable: _AnyIterable[_T], n: int, *, strict: bool = False
) -> CloseableAsyncIterator[builtins.tuple[_T, ...]]:
    """Return an async iterator of tuples of n consecutive items (the last may be shorter)."""

@final
class chain(CloseableAsyncIterator[_T]):
    """Async iterator of the items of each sync or async iterable in turn.

    Each iterable is made an iterator only when reached; an owned async iterator is closed as
    soon as it is exhausted.
    """

    def __aiter__(self) -> chain[_T]: ...
    def __anext__(self) -> Awaitable[_T]: ...
    def aclose(self) -> Awaitable[None]: ...
    @overload
    def __new__(cls, *iterables: _AnyIterable[_T]) -> chain[_T]: ...
    @overload
    def __new__(cls, *iterables: _AnyIterable[Any]) -> chain[Any]: ...
    @classmethod
    def from_iterable(cls, iterable: _AnyIterable[_AnyIterable[_S]], /) -> chain[_S]:
        """Alternative chain() constructor taking a single (sync or async) iterable of
        (sync or async) iterables, evaluated lazily."""

def cycle(iterable: _AnyIterable[_T], /) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of the items of iterable, then of the same items again,
    forever."""

@overload
def count(start: int = 0, step: int = 1) -> CloseableAsyncIterator[int]:
    """Return an async iterator of start, start + step, start + 2 * step, ... forever."""

@overload
def count(start: _N, step: _N) -> CloseableAsyncIterator[_N]: ...
@overload
def count(start: float, step: float = 1) -> CloseableAsyncIterator[float]: ...
@overload
def count(*, step: _N) -> CloseableAsyncIterator[_N | int]: ...
@overload
def repeat(object: _T) -> CloseableAsyncIterator[_T]:
    """Return an async iterator of object, times times (forever if times is not given)."""

@overload
def repeat(object: _T, times: int) -> CloseableAsyncIterator[_T]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1], /, *, fillvalue: object = None
) -> CloseableAsyncIterator[builtins.tuple[_T1]]:
    """Return an async iterator of tuples, the i-th item of each from the i-th iterable, with
    fillvalue for the exhausted ones, until all are exhausted."""

@overload
def zip_longest(
    iter1: _AnyIterable[_T1], iter2: _AnyIterable[_T2], /
) -> CloseableAsyncIterator[builtins.tuple[_T1 | None, _T2 | None]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1], iter2: _AnyIterable[_T2], /, *, fillvalue: _S
) -> CloseableAsyncIterator[builtins.tuple[_T1 | _S, _T2 | _S]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1], iter2: _AnyIterable[_T2], iter3: _AnyIterable[_T3], /
) -> CloseableAsyncIterator[builtins.tuple[_T1 | None, _T2 | None, _T3 | None]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    /,
    *,
    fillvalue: _S,
) -> CloseableAsyncIterator[builtins.tuple[_T1 | _S, _T2 | _S, _T3 | _S]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    /,
) -> CloseableAsyncIterator[builtins.tuple[_T1 | None, _T2 | None, _T3 | None, _T4 | None]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    /,
    *,
    fillvalue: _S,
) -> CloseableAsyncIterator[builtins.tuple[_T1 | _S, _T2 | _S, _T3 | _S, _T4 | _S]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    iter5: _AnyIterable[_T5],
    /,
) -> CloseableAsyncIterator[
    builtins.tuple[_T1 | None, _T2 | None, _T3 | None, _T4 | None, _T5 | None]
]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    iter5: _AnyIterable[_T5],
    /,
    *,
    fillvalue: _S,
) -> CloseableAsyncIterator[builtins.tuple[_T1 | _S, _T2 | _S, _T3 | _S, _T4 | _S, _T5 | _S]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T],
    iter2: _AnyIterable[_T],
    iter3: _AnyIterable[_T],
    iter4: _AnyIterable[_T],
    iter5: _AnyIterable[_T],
    iter6: _AnyIterable[_T],
    /,
    *iterables: _AnyIterable[_T],
) -> CloseableAsyncIterator[builtins.tuple[_T | None, ...]]: ...
@overload
def zip_longest(
    iter1: _AnyIterable[_T],
    iter2: _AnyIterable[_T],
    iter3: _AnyIterable[_T],
    iter4: _AnyIterable[_T],
    iter5: _AnyIterable[_T],
    iter6: _AnyIterable[_T],
    /,
    *iterables: _AnyIterable[_T],
    fillvalue: _S,
) -> CloseableAsyncIterator[builtins.tuple[_T | _S, ...]]: ...
@overload
def zip_longest(*, fillvalue: object = None) -> CloseableAsyncIterator[Any]: ...

_N = TypeVar("_N")

# The key is awaited when its result is awaitable: the async form is an overload of its own,
# before the sync one (see map). The groups are native async iterators over the items.
@overload
def groupby(
    iterable: _AnyIterable[_T1], key: None = None
) -> CloseableAsyncIterator[builtins.tuple[_T1, CloseableAsyncIterator[_T1]]]:
    """Return an async iterator of (key, group) pairs of the consecutive items with equal keys.

    group is an async iterator over those items; advancing the groupby ends it. key may be
    sync or async; if it is None, the key is the item itself.
    """

@overload
def groupby(
    iterable: _AnyIterable[_T1], key: Callable[[_T1], Awaitable[_T2]]
) -> CloseableAsyncIterator[builtins.tuple[_T2, CloseableAsyncIterator[_T1]]]: ...
@overload
def groupby(
    iterable: _AnyIterable[_T1], key: Callable[[_T1], _T2]
) -> CloseableAsyncIterator[builtins.tuple[_T2, CloseableAsyncIterator[_T1]]]: ...
def tee(
    iterable: _AnyIterable[_T], n: int = 2, /
) -> builtins.tuple[CloseableAsyncIterator[_T], ...]:
    """Return a tuple of n independent async iterators over the items of iterable (sync or
    async). They may be consumed in any order, also concurrently from several tasks; closing
    the last of them closes the source."""

# typeshed's overloads of the itertools classes: tuples of a fixed length where the arity or a
# literal r gives it. Each input is consumed (awaited) before the first item.

@overload
def product(iter1: _AnyIterable[_T1], /) -> CloseableAsyncIterator[builtins.tuple[_T1]]:
    """Return an async iterator of the Cartesian product of sync or async iterables.

    Each iterable is consumed first, then the items are itertools.product()'s; repeat: how
    many times the iterables are repeated.
    """

@overload
def product(
    iter1: _AnyIterable[_T1], iter2: _AnyIterable[_T2], /
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2]]: ...
@overload
def product(
    iter1: _AnyIterable[_T1], iter2: _AnyIterable[_T2], iter3: _AnyIterable[_T3], /
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2, _T3]]: ...
@overload
def product(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    /,
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2, _T3, _T4]]: ...
@overload
def product(
    iter1: _AnyIterable[_T1],
    iter2: _AnyIterable[_T2],
    iter3: _AnyIterable[_T3],
    iter4: _AnyIterable[_T4],
    iter5: _AnyIterable[_T5],
    /,
) -> CloseableAsyncIterator[builtins.tuple[_T1, _T2, _T3, _T4, _T5]]: ...
@overload
def product(
    *iterables: _AnyIterable[_T1], repeat: int = 1
) -> CloseableAsyncIterator[builtins.tuple[_T1, ...]]: ...
@overload
def permutations(
    iterable: _AnyIterable[_T], r: Literal[2]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T]]:
    """Return an async iterator of successive r-length permutations of the items of a sync or
    async iterable (consumed first), as itertools.permutations() gives them.

    r defaults to the number of items.
    """

@overload
def permutations(
    iterable: _AnyIterable[_T], r: Literal[3]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T]]: ...
@overload
def permutations(
    iterable: _AnyIterable[_T], r: Literal[4]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T, _T]]: ...
@overload
def permutations(
    iterable: _AnyIterable[_T], r: Literal[5]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T, _T, _T]]: ...
@overload
def permutations(
    iterable: _AnyIterable[_T], r: int | None = None
) -> CloseableAsyncIterator[builtins.tuple[_T, ...]]: ...
@overload
def combinations(
    iterable: _AnyIterable[_T], r: Literal[2]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T]]:
    """Return an async iterator of the r-length subsequences of the items of a sync or async
    iterable (consumed first), as itertools.combinations() gives them."""

@overload
def combinations(
    iterable: _AnyIterable[_T], r: Literal[3]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T]]: ...
@overload
def combinations(
    iterable: _AnyIterable[_T], r: Literal[4]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T, _T]]: ...
@overload
def combinations(
    iterable: _AnyIterable[_T], r: Literal[5]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T, _T, _T]]: ...
@overload
def combinations(
    iterable: _AnyIterable[_T], r: int
) -> CloseableAsyncIterator[builtins.tuple[_T, ...]]: ...
@overload
def combinations_with_replacement(
    iterable: _AnyIterable[_T], r: Literal[2]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T]]:
    """Return an async iterator of the r-length subsequences of the items of a sync or async
    iterable (consumed first) that allow items to repeat, as
    itertools.combinations_with_replacement() gives them."""

@overload
def combinations_with_replacement(
    iterable: _AnyIterable[_T], r: Literal[3]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T]]: ...
@overload
def combinations_with_replacement(
    iterable: _AnyIterable[_T], r: Literal[4]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T, _T]]: ...
@overload
def combinations_with_replacement(
    iterable: _AnyIterable[_T], r: Literal[5]
) -> CloseableAsyncIterator[builtins.tuple[_T, _T, _T, _T, _T]]: ...
@overload
def combinations_with_replacement(
    iterable: _AnyIterable[_T], r: int
) -> CloseableAsyncIterator[builtins.tuple[_T, ...]]: ...

if sys.version_info >= (3, 14):
    # functools.reduce takes initial by keyword since 3.14 (Argument Clinic).
    @overload
    def reduce(
        function: Callable[[_T, _S], _T | Awaitable[_T]], iterable: _AnyIterable[_S], /, initial: _T
    ) -> Coroutine[Any, Any, _T]:
        """Awaitable: apply a function of two arguments (sync or async) cumulatively to the items
        of a sync or async iterable, from left to right, so as to reduce it to a single value."""

    @overload
    def reduce(
        function: Callable[[_T, _T], _T | Awaitable[_T]], iterable: _AnyIterable[_T], /
    ) -> Coroutine[Any, Any, _T]: ...

else:
    @overload
    def reduce(
        function: Callable[[_T, _S], _T | Awaitable[_T]], iterable: _AnyIterable[_S], initial: _T, /
    ) -> Coroutine[Any, Any, _T]:
        """Awaitable: apply a function of two arguments (sync or async) cumulatively to the items
        of a sync or async iterable, from left to right, so as to reduce it to a single value."""

    @overload
    def reduce(
        function: Callable[[_T, _T], _T | Awaitable[_T]], iterable: _AnyIterable[_T], /
    ) -> Coroutine[Any, Any, _T]: ...

@overload
def merge(
    *iterables: _AnyIterable[SupportsRichComparisonT], key: None = None, reverse: bool = False
) -> CloseableAsyncIterator[SupportsRichComparisonT]:
    """Merge sorted sync or async iterables into one sorted async iterator, lazily and stably."""

@overload
def merge(
    *iterables: _AnyIterable[_T], key: _Key[_T], reverse: bool = False
) -> CloseableAsyncIterator[_T]: ...
def nlargest(
    n: int, iterable: _AnyIterable[_T], key: _Key[_T] | None = None
) -> Coroutine[Any, Any, builtins.list[_T]]:
    """Awaitable: a list with the n largest elements from a sync or async iterable."""

def nsmallest(
    n: int, iterable: _AnyIterable[_T], key: _Key[_T] | None = None
) -> Coroutine[Any, Any, builtins.list[_T]]:
    """Awaitable: a list with the n smallest elements from a sync or async iterable."""
