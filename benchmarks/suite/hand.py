"""The hand-written competitors: each layer as one writes it without a library (an async
generator or an ``async def``), and the pipelines' work written as one loop with no layer."""

import builtins
import collections
import heapq
import itertools

from .sources import is_async
from .workload import BATCH, is_even, plus_one

_EMPTY = object()


# --- the builtins --------------------------------------------------------------------------------


async def hand_enumerate(iterable, start=0):
    index = start
    if is_async(iterable):
        async for item in iterable:
            yield index, item
            index += 1
    else:
        for item in iterable:
            yield index, item
            index += 1


async def hand_map(function, iterable):
    if is_async(iterable):
        async for item in iterable:
            yield function(item)
    else:
        for item in iterable:
            yield function(item)


async def hand_map_async(function, iterable):
    if is_async(iterable):
        async for item in iterable:
            yield await function(item)
    else:
        for item in iterable:
            yield await function(item)


async def hand_filter(predicate, iterable):
    if is_async(iterable):
        async for item in iterable:
            if predicate(item):
                yield item
    else:
        for item in iterable:
            if predicate(item):
                yield item


async def hand_zip(*iterables):
    if not any(is_async(iterable) for iterable in iterables):
        for items in zip(*iterables, strict=False):
            yield items
        return
    steps = [iterable.__aiter__().__anext__ for iterable in iterables]
    while True:
        try:
            items = tuple([await step() for step in steps])
        except StopAsyncIteration:
            return
        yield items


async def hand_islice(iterable, stop):
    if stop <= 0:
        return
    count = 0
    if is_async(iterable):
        async for item in iterable:
            yield item
            count += 1
            if count >= stop:
                return
    else:
        for item in itertools.islice(iterable, stop):
            yield item


async def hand_sum(iterable, start=0):
    total = start
    if is_async(iterable):
        async for item in iterable:
            total += item
    else:
        for item in iterable:
            total += item
    return total


async def hand_list(iterable):
    if is_async(iterable):
        return [item async for item in iterable]
    return [item for item in iterable]  # a Python loop, like the async one


async def hand_max(iterable):
    best = _EMPTY
    if is_async(iterable):
        async for item in iterable:
            if best is _EMPTY or item > best:
                best = item
    else:
        for item in iterable:
            if best is _EMPTY or item > best:
                best = item
    if best is _EMPTY:
        raise ValueError("max() arg is an empty sequence")
    return best


async def hand_any(iterable):
    if is_async(iterable):
        async for item in iterable:
            if item:
                return True
    else:
        for item in iterable:
            if item:
                return True
    return False


async def hand_iter(iterable):
    """A relay layer: ``iter`` and ``borrow`` written by hand."""
    if is_async(iterable):
        async for item in iterable:
            yield item
    else:
        for item in iterable:
            yield item


async def hand_collect(kind, iterable):
    """``tuple``, ``set``, ``dict`` or ``sorted`` of the items, gathered by a Python loop."""
    return kind(await hand_list(iterable))


async def hand_min(iterable):
    best = _EMPTY
    if is_async(iterable):
        async for item in iterable:
            if best is _EMPTY or item < best:
                best = item
    else:
        for item in iterable:
            if best is _EMPTY or item < best:
                best = item
    if best is _EMPTY:
        raise ValueError("min() arg is an empty sequence")
    return best


async def hand_all(iterable):
    if is_async(iterable):
        async for item in iterable:
            if not item:
                return False
    else:
        for item in iterable:
            if not item:
                return False
    return True


# --- the itertools and heapq.merge ---------------------------------------------------------------


async def hand_chain(*iterables):
    for iterable in iterables:
        if is_async(iterable):
            async for item in iterable:
                yield item
        else:
            for item in iterable:
                yield item


async def hand_batched(iterable, n):
    batch = []
    async for item in hand_iter(iterable):
        batch.append(item)
        if len(batch) == n:
            yield builtins.tuple(batch)
            batch = []
    if batch:
        yield builtins.tuple(batch)


async def hand_accumulate(iterable):
    total = _EMPTY
    async for item in hand_iter(iterable):
        total = item if total is _EMPTY else total + item
        yield total


async def hand_groupby(iterable, key):
    """Groups as lists: what one writes by hand (the stdlib's lazy groups are more work)."""
    group = []
    current = _EMPTY
    async for item in hand_iter(iterable):
        k = key(item)
        if current is not _EMPTY and k != current:
            yield current, group
            group = []
        current = k
        group.append(item)
    if group:
        yield current, group


def hand_tee(iterable, n=2):
    """n children sharing one source through a queue each (no concurrency handling)."""
    iterator = hand_iter(iterable)
    queues = [collections.deque() for _ in range(n)]

    async def child(queue):
        while True:
            if not queue:
                try:
                    item = await iterator.__anext__()
                except StopAsyncIteration:
                    return
                for other in queues:
                    other.append(item)
            yield queue.popleft()

    return builtins.tuple(child(queue) for queue in queues)


async def hand_merge(*iterables):
    """Two-way merge of sorted sources, by hand."""
    iterators = [hand_iter(iterable) for iterable in iterables]
    heads = []
    for index, iterator in builtins.enumerate(iterators):
        async for item in iterator:
            heads.append([item, index])
            break
    while heads:
        best = builtins.min(heads)
        yield best[0]
        async for item in iterators[best[1]]:
            best[0] = item
            break
        else:
            heads.remove(best)


async def hand_dropwhile(predicate, iterable):
    dropping = True
    async for item in hand_iter(iterable):
        if dropping and predicate(item):
            continue
        dropping = False
        yield item


async def hand_takewhile(predicate, iterable):
    async for item in hand_iter(iterable):
        if not predicate(item):
            return
        yield item


async def hand_filterfalse(predicate, iterable):
    async for item in hand_iter(iterable):
        if not predicate(item):
            yield item


async def hand_starmap(function, iterable):
    async for item in hand_iter(iterable):
        yield function(*item)


async def hand_pairwise(iterable):
    previous = _EMPTY
    async for item in hand_iter(iterable):
        if previous is not _EMPTY:
            yield previous, item
        previous = item


async def hand_compress(data, selectors):
    async for item, selector in hand_zip(data, selectors):
        if selector:
            yield item


async def hand_zip_longest(*iterables):
    iterators = [hand_iter(iterable) for iterable in iterables]
    while True:
        items, active = [], 0
        for iterator in iterators:
            try:
                items.append(await iterator.__anext__())
                active += 1
            except StopAsyncIteration:
                items.append(None)
        if not active:
            return
        yield builtins.tuple(items)


async def hand_reduce(function, iterable):
    total = _EMPTY
    async for item in hand_iter(iterable):
        total = item if total is _EMPTY else function(total, item)
    return total


async def hand_nlargest(n, iterable):
    return heapq.nlargest(n, await hand_list(iterable))


async def hand_nsmallest(n, iterable):
    return heapq.nsmallest(n, await hand_list(iterable))


async def hand_anext(iterator, *default):
    try:
        return await type(iterator).__anext__(iterator)
    except StopAsyncIteration:
        if default:
            return default[0]
        raise


# --- one loop, no layer --------------------------------------------------------------------------


def one_loop_pipeline(source, n):
    """The pipeline's work (filter, map, enumerate, islice) written by hand as one loop, no layer.

    Like every ``one_loop`` builder it returns ``run(keep)``: a coroutine function that does
    the work inline and returns the items when ``keep`` is true (to check them), else None
    (what is timed: the items are made and dropped, as ``async for _ in pipeline`` does).
    """

    async def run(keep):
        kept = [] if keep else None
        index = 0
        if n <= 0:
            return kept
        if is_async(source):
            async for x in source:
                if is_even(x):
                    item = (index, plus_one(x))
                    index += 1
                    if keep:
                        kept.append(item)
                    if index >= n:
                        break
        else:
            for x in source:
                if is_even(x):
                    item = (index, plus_one(x))
                    index += 1
                    if keep:
                        kept.append(item)
                    if index >= n:
                        break
        return kept

    return run


def one_loop_pipeline5(source, n):
    """The five-stage pipeline's work written by hand as one loop (see one_loop_pipeline)."""

    async def run(keep):
        kept = [] if keep else None
        index = 0
        batch = []
        if n <= 0:
            return kept
        if is_async(source):
            async for x in source:
                if is_even(x):
                    batch.append((index, plus_one(x)))
                    index += 1
                    if len(batch) == BATCH:
                        item = builtins.tuple(batch)
                        batch = []
                        if keep:
                            kept.append(item)
                    if index >= n:
                        break
        else:
            for x in source:
                if is_even(x):
                    batch.append((index, plus_one(x)))
                    index += 1
                    if len(batch) == BATCH:
                        item = builtins.tuple(batch)
                        batch = []
                        if keep:
                            kept.append(item)
                    if index >= n:
                        break
        if batch:
            item = builtins.tuple(batch)
            if keep:
                kept.append(item)
        return kept

    return run
