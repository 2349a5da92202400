"""Time ``asyncitertools.concurrent`` against the peers and hand-written versions of each job.

Run by ``make bench`` once per interpreter ``scripts/pythons.sh`` finds; by hand::

    .venv/bin/python benchmarks/bench_concurrent.py            # full run, 1-2 minutes
    .venv/bin/python benchmarks/bench_concurrent.py --quick    # smoke run, a few seconds

What is measured, for the running interpreter: jobs whose work is cheap, one ``await sleep(0)``
of the running loop per call or per item, so that what is timed is the machinery (tasks,
wake-ups, hand-overs), not the work. Every job collects its results into a list, in the
consumer's task, as ``async with concurrent.map(...) as s: [r async for r in s]`` does.

- Under asyncio (``--loop uvloop``: under uvloop), N items each: ``map`` with ``limit=8``,
  ordered and ``ordered=False``; ``merge`` of 4 async generators; ``zip`` of 2 async
  generators; ``flatmap`` and ``concatmap`` with ``limit=8`` over iterables of 8 items;
  ``gather`` of N coroutines, without and with ``limit=8``; ``as_completed`` of N coroutines;
  ``buffer(source, 8)`` with a consumer that awaits once per item. And ``zip`` of 2 async
  generators that sleep 2 ms before each item (30 items), where the figure is the overlap of
  the two sleeps: the sequential ``asyncitertools.zip`` takes twice as long.
- Under trio: ``map`` (both orders), ``merge``, ``gather`` and ``buffer``.
- Competitors, each where it has the job (and is installed): aiostream (its operators, used
  in ``async with xs.stream()``), aiometer (``amap``, ``run_all``), anyio (its ``amap``,
  ``gather`` and ``as_completed`` when the installed version has them; a task group and a
  memory object stream written by hand otherwise, and for ``map`` with a limit, which anyio
  does not offer), aioitertools (``zip``, ``asyncio.gather``, ``asyncio.as_completed``,
  ``asyncio.as_generated``), asyncio's own functions, and the job written by hand: a
  ``TaskGroup`` with a ``Semaphore`` (a task per item; before 3.11, ``asyncio.gather`` with a
  ``Semaphore``), 8 workers with an ``asyncio.Queue``, and under trio a nursery with memory
  channels. Hand-written versions are this file's, labelled "(hand-written)".
- Correctness first: every competitor's result on a small input is compared with the expected
  one (as a multiset for the jobs that yield in completion order), and again after its first
  timed run; one that differs or raises is not timed ("differs", with the reason in the notes).
- Method: N items per measurement (default 20,000; ``--quick``: 40), R repeats (default 5;
  ``--quick``: 1), after one warm-up run of each competitor. In every repeat the competitors
  of a job are timed back to back, the order reversed every repeat; the garbage collector is
  collected before and disabled during each measurement; the inputs (lists, async generators,
  coroutines) are made before the clock starts.
- Figures: µs per item, best of the R repeats, and median (min–max); peer / ours, the ratio of
  the best times (above 1: ours is faster; the JSON also has the median of the per-repeat
  ratios). Ratios, never timed assertions: the goals below are reported met or not.
- Goals (from the issue): ``map`` at most 1.2x the hand-written asyncio versions (TaskGroup +
  Semaphore, Queue + workers); at least 2x faster than aiostream's ``stream.map(...,
  task_limit=8)`` and aiometer's ``amap(..., max_at_once=8)``; under trio compared with a
  nursery with memory channels (the issue names no factor there: judged as at most 1.2x).
- ``--jobs map,merge`` runs some jobs only (under both loops), ``--no-trio`` skips trio.

Writes the markdown to stdout and to ``benchmarks/results/concurrent-<X.Y>.md``, the raw numbers
(and the goals) to ``benchmarks/results/concurrent-<X.Y>.json`` (and to ``--json PATH``).
Progress goes to stderr.
"""

import argparse
import asyncio
import functools
import gc
import statistics
import sys
import time
from pathlib import Path

import asyncitertools
from asyncitertools import concurrent

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.common import (  # noqa: E402
    add_size_arguments,
    back_to_back,
    interpreter_build,
    optional_import,
    plural,
    run_meta,
    say_written,
    sizes,
    spread,
    summary,
    version_of,
    write_results,
)
from suite.report import render_goals  # noqa: E402
from suite.runner import Progress  # noqa: E402

QUICK = (40, 1)
FULL = (20_000, 5)
CHECK_ITEMS = 96  # enough for 12 inner iterables of 8, more than the limit
WARM_UP_ITEMS = 2_000
LIMIT = 8
MERGED = 4  # sources of merge
INNER = 8  # items of each iterable flatmap and concatmap are given
ZIP_SLEEP = 0.002
ZIP_SLEEP_ITEMS = 30

GOAL_HAND = 1.2
GOAL_PEERS = 2.0
GOAL_TRIO = 1.2

trio = optional_import("trio")
anyio = optional_import("anyio")
aiometer = optional_import("aiometer")
aioitertools = optional_import("aioitertools")
AIT_ASYNCIO = optional_import("aioitertools.asyncio") if aioitertools else None
aiostream = optional_import("aiostream")
AST = optional_import("aiostream.stream") if aiostream else None
PEERS = ["aiostream", "aiometer", "anyio", "aioitertools", "trio", "uvloop"]
INSTALLED = {"aiostream": aiostream, "aiometer": aiometer, "anyio": anyio}
INSTALLED["aioitertools"] = aioitertools
TaskGroup = getattr(asyncio, "TaskGroup", None)  # 3.11+

OURS = "ours"
DONE = object()  # a hand-written worker's end, on its queue


# --- the work: one await of the running loop's sleep(0) per call or per item ---------------------

_sleep = asyncio.sleep


def use_loop(name):
    """Make the work await the sleep of the loop about to run (trio's under trio)."""
    global _sleep
    _sleep = trio.sleep if name == "trio" else asyncio.sleep


async def work(x):
    await _sleep(0)
    return x + 1


async def numbers(start, count, delay=0):
    for i in range(start, start + count):
        await _sleep(delay)
        yield i


def inner(x):
    """flatmap's and concatmap's function: an async generator of INNER items."""
    return numbers(x * INNER, INNER)


# --- the hand-written helpers --------------------------------------------------------------------


async def with_tasks(body, functions):
    """``await body()`` in this task while ``f()`` for each of ``functions`` runs as a task: in
    an ``asyncio.TaskGroup`` (3.11+); before 3.11 the tasks are created, then gathered."""
    if TaskGroup is not None:
        async with TaskGroup() as group:
            for function in functions:
                group.create_task(function())
            return await body()
    tasks = [asyncio.ensure_future(function()) for function in functions]
    try:
        result = await body()
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    await asyncio.gather(*tasks)
    return result


async def queue_items(queue, ends):
    """The items put on an asyncio ``queue`` until ``ends`` workers have put DONE."""
    while ends:
        item = await queue.get()
        if item is DONE:
            ends -= 1
        else:
            yield item


async def in_order(pairs, ordered):
    """The results of ``(index, result)`` pairs: in index order, or as they came."""
    results = []
    if not ordered:
        async for _, result in pairs:
            results.append(result)
        return results
    waiting = {}
    wanted = 0
    async for index, result in pairs:
        if index != wanted:
            waiting[index] = result
            continue
        results.append(result)
        wanted += 1
        while wanted in waiting:
            results.append(waiting.pop(wanted))
            wanted += 1
    return results


async def collect_stream(stream):
    """An aiostream stream's items, consumed as aiostream documents."""
    async with stream.stream() as streamer:
        return [item async for item in streamer]


# --- map -----------------------------------------------------------------------------------------


async def ours_map(xs, ordered):
    async with concurrent.map(work, xs, limit=LIMIT, ordered=ordered) as results:
        return [result async for result in results]


async def semaphore_map(xs, ordered):
    """A task per item, at most LIMIT of them in the call at a time: the results at the end."""
    semaphore = asyncio.Semaphore(LIMIT)
    completed = []

    async def bounded(x):
        async with semaphore:
            result = await work(x)
        completed.append(result)
        return result

    if TaskGroup is None:
        results = await asyncio.gather(*[bounded(x) for x in xs])
    else:
        async with TaskGroup() as group:
            tasks = [group.create_task(bounded(x)) for x in xs]
        results = [task.result() for task in tasks]
    return list(results) if ordered else completed


async def queue_map(xs, ordered):
    """LIMIT workers take turns at the items and put the results on a queue of LIMIT."""
    items = iter(enumerate(xs))
    queue = asyncio.Queue(LIMIT)

    async def worker():
        for index, x in items:
            await queue.put((index, await work(x)))
        await queue.put(DONE)

    return await with_tasks(lambda: in_order(queue_items(queue, LIMIT), ordered), [worker] * LIMIT)


async def aiostream_map(xs, ordered):
    return await collect_stream(AST.map(AST.iterate(xs), work, ordered=ordered, task_limit=LIMIT))


async def aiometer_amap(xs):
    async with aiometer.amap(work, xs, max_at_once=LIMIT) as results:
        return [result async for result in results]


async def aiometer_run_all(functions, max_at_once=LIMIT):
    return await aiometer.run_all(functions, max_at_once=max_at_once)


def work_calls(n):
    """aiometer's ``run_all`` takes functions of no argument."""
    return [functools.partial(work, i) for i in range(n)]


async def anyio_amap(xs):
    """anyio's own ``amap`` (a task per item, no limit of its own) with a CapacityLimiter."""
    limiter = anyio.CapacityLimiter(LIMIT)

    async def bounded(x):
        async with limiter:
            return await work(x)

    return await anyio.amap(bounded, xs)


async def anyio_workers_map(xs, ordered):
    """LIMIT workers in an anyio task group send the results on a memory object stream."""
    items = iter(enumerate(xs))
    send, receive = anyio.create_memory_object_stream(LIMIT)

    async def worker(send):
        async with send:
            for index, x in items:
                await send.send((index, await work(x)))

    async with anyio.create_task_group() as group:
        async with send:
            for _ in range(LIMIT):
                group.start_soon(worker, send.clone())
        async with receive:
            return await in_order(receive, ordered)


async def trio_channels_map(xs, ordered):
    """LIMIT workers in a nursery send the results on a memory channel of LIMIT."""
    items = iter(enumerate(xs))
    send, receive = trio.open_memory_channel(LIMIT)

    async def worker(send):
        async with send:
            for index, x in items:
                await send.send((index, await work(x)))

    async with trio.open_nursery() as nursery:
        async with send:
            for _ in range(LIMIT):
                nursery.start_soon(worker, send.clone())
        async with receive:
            return await in_order(receive, ordered)


# --- merge, zip ----------------------------------------------------------------------------------


def merge_sources(n):
    share = n // MERGED
    return [numbers(k * share, share) for k in range(MERGED)]


async def ours_merge(sources):
    async with concurrent.merge(*sources) as items:
        return [item async for item in items]


async def queue_merge(sources):
    """A task per source puts its items on a queue (one slot per source)."""
    queue = asyncio.Queue(len(sources))

    async def drain(source):
        async for item in source:
            await queue.put(item)
        await queue.put(DONE)

    async def body():
        return [item async for item in queue_items(queue, len(sources))]

    return await with_tasks(body, [functools.partial(drain, source) for source in sources])


async def aiostream_merge(sources):
    return await collect_stream(AST.merge(*sources))


async def aioitertools_merge(sources):
    return [item async for item in AIT_ASYNCIO.as_generated(sources)]


async def trio_channels_merge(sources):
    """A task per source in a nursery sends its items on a memory channel."""
    send, receive = trio.open_memory_channel(len(sources))

    async def drain(source, send):
        async with send:
            async for item in source:
                await send.send(item)

    async with trio.open_nursery() as nursery:
        async with send:
            for source in sources:
                nursery.start_soon(drain, source, send.clone())
        async with receive:
            return [item async for item in receive]


def zip_sources(n, delay=0):
    return [numbers(0, n, delay), numbers(0, n, delay)]


async def ours_zip(sources):
    async with concurrent.zip(*sources) as pairs:
        return [pair async for pair in pairs]


async def sequential_zip(sources):
    return [pair async for pair in asyncitertools.zip(*sources)]


async def aioitertools_zip(sources):
    return [pair async for pair in aioitertools.zip(*sources)]


async def aiostream_zip(sources):
    return await collect_stream(AST.zip(*sources))


async def gather_zip(sources):
    """Each tuple's items pulled at once by ``asyncio.gather`` of the ``anext`` calls."""
    iterators = [source.__aiter__() for source in sources]
    pairs = []
    while True:
        try:
            items = await asyncio.gather(*[anext(iterator) for iterator in iterators])
        except StopAsyncIteration:
            return pairs
        pairs.append(tuple(items))


# --- flatmap, concatmap --------------------------------------------------------------------------


def outer_items(n):
    return list(range(n // INNER))


async def ours_flatmap(xs):
    async with concurrent.flatmap(inner, xs, limit=LIMIT) as items:
        return [item async for item in items]


async def ours_concatmap(xs):
    async with concurrent.concatmap(inner, xs, limit=LIMIT) as items:
        return [item async for item in items]


async def aiostream_flatmap(xs):
    return await collect_stream(AST.flatmap(AST.iterate(xs), inner, task_limit=LIMIT))


async def aiostream_concatmap(xs):
    return await collect_stream(AST.concatmap(AST.iterate(xs), inner, task_limit=LIMIT))


async def queue_flatmap(xs):
    """LIMIT workers each read one iterable at a time and put its items on a queue of LIMIT."""
    items = iter(xs)
    queue = asyncio.Queue(LIMIT)

    async def worker():
        for x in items:
            async for item in inner(x):
                await queue.put(item)
        await queue.put(DONE)

    async def body():
        return [item async for item in queue_items(queue, LIMIT)]

    return await with_tasks(body, [worker] * LIMIT)


async def one_loop_concat(xs):
    """The iterables one after another in one loop: no concurrency at all."""
    return [item for x in xs async for item in inner(x)]


# --- gather, as_completed ------------------------------------------------------------------------


def coroutines(n):
    return [work(i) for i in range(n)]


async def ours_gather(coros):
    return await concurrent.gather(*coros)


async def ours_gather_limited(coros):
    return await concurrent.gather(*coros, limit=LIMIT)


async def asyncio_gather(coros):
    return list(await asyncio.gather(*coros))


async def semaphore_gather(coros):
    semaphore = asyncio.Semaphore(LIMIT)

    async def bounded(coro):
        async with semaphore:
            return await coro

    return list(await asyncio.gather(*[bounded(coro) for coro in coros]))


async def taskgroup_gather(coros):
    async with TaskGroup() as group:
        tasks = [group.create_task(coro) for coro in coros]
    return [task.result() for task in tasks]


async def aioitertools_gather(coros, limit=-1):
    return await AIT_ASYNCIO.gather(*coros, limit=limit)


async def anyio_gather(coros):
    if hasattr(anyio, "gather"):
        return list(await anyio.gather(*coros))
    return await anyio_task_group_gather(coros)


async def anyio_task_group_gather(coros):
    """Before anyio had ``gather``: a task group, each task storing its result."""
    results = [None] * len(coros)

    async def run(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as group:
        for index, coro in enumerate(coros):
            group.start_soon(run, index, coro)
    return results


async def trio_nursery_gather(coros):
    results = [None] * len(coros)

    async def run(index, coro):
        results[index] = await coro

    async with trio.open_nursery() as nursery:
        for index, coro in enumerate(coros):
            nursery.start_soon(run, index, coro)
    return results


async def ours_as_completed(coros):
    async with concurrent.as_completed(coros) as results:
        return [result async for result in results]


async def asyncio_as_completed(coros):
    return [await future for future in asyncio.as_completed(coros)]


async def aioitertools_as_completed(coros):
    return [result async for result in AIT_ASYNCIO.as_completed(coros)]


async def anyio_as_completed(coros):
    if hasattr(anyio, "as_completed"):
        async with anyio.as_completed(*coros) as handles:
            return [handle.return_value async for handle in handles]
    return await anyio_workers_as_completed(coros)


async def anyio_workers_as_completed(coros):
    """Before anyio had ``as_completed``: a task group sending on a memory object stream."""
    send, receive = anyio.create_memory_object_stream(len(coros))

    async def run(coro, send):
        async with send:
            await send.send(await coro)

    async with anyio.create_task_group() as group:
        async with send:
            for coro in coros:
                group.start_soon(run, coro, send.clone())
        async with receive:
            return [result async for result in receive]


# --- buffer --------------------------------------------------------------------------------------


async def consume_slowly(items):
    """The consumer of the buffer job: one await of the loop per item."""
    results = []
    async for item in items:
        await _sleep(0)
        results.append(item)
    return results


async def ours_buffer(source):
    async with concurrent.buffer(source, LIMIT) as items:
        return await consume_slowly(items)


async def queue_buffer(source):
    """A task puts the source's items on a queue of LIMIT."""
    queue = asyncio.Queue(LIMIT)

    async def fill():
        async for item in source:
            await queue.put(item)
        await queue.put(DONE)

    return await with_tasks(lambda: consume_slowly(queue_items(queue, 1)), [fill])


async def trio_channel_buffer(source):
    send, receive = trio.open_memory_channel(LIMIT)

    async def fill(send):
        async with send:
            async for item in source:
                await send.send(item)

    async with trio.open_nursery() as nursery:
        nursery.start_soon(fill, send)
        async with receive:
            return await consume_slowly(receive)


# --- the jobs ------------------------------------------------------------------------------------


def competitor(label, run, prepare=None, needs=None, unavailable=None):
    """One row of a job: ``run(prepare(n))`` gives the results. ``needs``: the peer it uses
    (not installed: not timed); ``unavailable``: why it cannot run here, if it cannot."""
    return {
        "label": label,
        "run": run,
        "prepare": prepare,
        "needs": needs,
        "unavailable": unavailable,
    }


def hand(label):
    return f"{label} (hand-written)"


SEMAPHORE_LABEL = (
    "asyncio.TaskGroup + Semaphore, a task per item"
    if TaskGroup is not None
    else "asyncio.gather + Semaphore, a task per item (no TaskGroup before 3.11)"
)
QUEUE_LABEL = (
    f"{LIMIT} workers + asyncio.Queue"
    if TaskGroup is not None
    else f"{LIMIT} workers + asyncio.Queue, gathered (no TaskGroup before 3.11)"
)
NO_TASK_GROUP = "no asyncio.TaskGroup before 3.11"


def map_job(loop, ordered):
    which = "ordered" if ordered else "ordered=False"
    rows = {
        OURS: competitor(
            "asyncitertools.concurrent.map", functools.partial(ours_map, ordered=ordered)
        )
    }
    if loop == "asyncio":
        rows["semaphore"] = competitor(
            hand(SEMAPHORE_LABEL), functools.partial(semaphore_map, ordered=ordered)
        )
        rows["queue"] = competitor(hand(QUEUE_LABEL), functools.partial(queue_map, ordered=ordered))
        rows["aiostream"] = competitor(
            f"aiostream stream.map(task_limit={LIMIT}, ordered={ordered})",
            functools.partial(aiostream_map, ordered=ordered),
            needs="aiostream",
        )
    else:
        rows["channels"] = competitor(
            hand(f"trio nursery + memory channel, {LIMIT} workers"),
            functools.partial(trio_channels_map, ordered=ordered),
        )
    if ordered:
        rows["aiometer"] = competitor(
            f"aiometer.run_all(max_at_once={LIMIT}), a list",
            aiometer_run_all,
            work_calls,
            "aiometer",
        )
        has_amap = anyio is not None and hasattr(anyio, "amap")
        rows["anyio_amap"] = competitor(
            f"anyio.amap + CapacityLimiter({LIMIT}), a task per item, a list",
            anyio_amap,
            needs="anyio",
            unavailable=None if has_amap else "this anyio has no amap",
        )
    else:
        rows["aiometer"] = competitor(
            f"aiometer.amap(max_at_once={LIMIT})", aiometer_amap, needs="aiometer"
        )
    rows["anyio_workers"] = competitor(
        hand(f"anyio task group + memory object stream, {LIMIT} workers"),
        functools.partial(anyio_workers_map, ordered=ordered),
        needs="anyio",
    )
    return {
        "label": f"map, limit={LIMIT}, {which}",
        "prepare": lambda n: list(range(n)),
        "expected": lambda n: [x + 1 for x in range(n)],
        "ordered": ordered,
        "competitors": rows,
    }


def merge_job(loop):
    rows = {OURS: competitor("asyncitertools.concurrent.merge", ours_merge)}
    if loop == "asyncio":
        rows["queue"] = competitor(hand("a task per source + asyncio.Queue"), queue_merge)
        rows["aiostream"] = competitor("aiostream stream.merge", aiostream_merge, needs="aiostream")
        rows["aioitertools"] = competitor(
            "aioitertools.asyncio.as_generated", aioitertools_merge, needs="aioitertools"
        )
    else:
        rows["channels"] = competitor(
            hand("trio nursery + memory channel, a task per source"), trio_channels_merge
        )
    return {
        "label": f"merge of {MERGED} async generators",
        "prepare": merge_sources,
        "size": lambda n: max(1, n // MERGED) * MERGED,
        "expected": lambda n: list(range(n)),
        "ordered": False,
        "competitors": rows,
    }


def zip_job(delay):
    rows = {
        OURS: competitor("asyncitertools.concurrent.zip", ours_zip),
        "sequential": competitor("asyncitertools.zip (sequential)", sequential_zip),
        "gather": competitor(hand("asyncio.gather of the anext calls, per tuple"), gather_zip),
        "aioitertools": competitor("aioitertools.zip", aioitertools_zip, needs="aioitertools"),
        "aiostream": competitor("aiostream stream.zip", aiostream_zip, needs="aiostream"),
    }
    if delay:
        label = f"zip of 2 async generators sleeping {delay * 1000:g} ms per item"
        size = lambda n: min(n, ZIP_SLEEP_ITEMS)  # noqa: E731
    else:
        label, size = "zip of 2 async generators", None
    job = {
        "label": label,
        "prepare": lambda n: zip_sources(n, delay),
        "expected": lambda n: [(i, i) for i in range(n)],
        "ordered": True,
        "competitors": rows,
    }
    if size is not None:
        job["size"] = size
    return job


def flat_job(concat):
    if concat:
        rows = {
            OURS: competitor("asyncitertools.concurrent.concatmap", ours_concatmap),
            "one_loop": competitor(hand("one loop, one iterable after another"), one_loop_concat),
            "aiostream": competitor(
                f"aiostream stream.concatmap(task_limit={LIMIT})",
                aiostream_concatmap,
                needs="aiostream",
            ),
        }
    else:
        rows = {
            OURS: competitor("asyncitertools.concurrent.flatmap", ours_flatmap),
            "queue": competitor(hand(f"{LIMIT} workers + asyncio.Queue"), queue_flatmap),
            "aiostream": competitor(
                f"aiostream stream.flatmap(task_limit={LIMIT})",
                aiostream_flatmap,
                needs="aiostream",
            ),
        }
    return {
        "label": f"{'concatmap' if concat else 'flatmap'}, limit={LIMIT}, "
        f"iterables of {INNER} items",
        "prepare": outer_items,
        "size": lambda n: max(1, n // INNER) * INNER,
        "expected": lambda n: list(range(n)),
        "ordered": concat,
        "competitors": rows,
    }


def gather_job(loop, limited):
    if limited:
        rows = {
            OURS: competitor(
                f"asyncitertools.concurrent.gather(limit={LIMIT})", ours_gather_limited
            ),
            "semaphore": competitor(hand("asyncio.gather + Semaphore"), semaphore_gather),
            "aiometer": competitor(
                f"aiometer.run_all(max_at_once={LIMIT})", aiometer_run_all, work_calls, "aiometer"
            ),
            "aioitertools": competitor(
                f"aioitertools.asyncio.gather(limit={LIMIT})",
                functools.partial(aioitertools_gather, limit=LIMIT),
                needs="aioitertools",
            ),
        }
    elif loop == "asyncio":
        rows = {
            OURS: competitor("asyncitertools.concurrent.gather", ours_gather),
            "asyncio": competitor("asyncio.gather", asyncio_gather),
            "taskgroup": competitor(
                hand("asyncio.TaskGroup, a task per coroutine"),
                taskgroup_gather,
                unavailable=None if TaskGroup is not None else NO_TASK_GROUP,
            ),
            "aiometer": competitor(
                "aiometer.run_all",
                functools.partial(aiometer_run_all, max_at_once=None),
                work_calls,
                "aiometer",
            ),
            "anyio": competitor(anyio_gather_label(), anyio_gather, needs="anyio"),
            "aioitertools": competitor(
                "aioitertools.asyncio.gather", aioitertools_gather, needs="aioitertools"
            ),
        }
    else:
        rows = {
            OURS: competitor("asyncitertools.concurrent.gather", ours_gather),
            "nursery": competitor(hand("trio nursery, a task per coroutine"), trio_nursery_gather),
            "aiometer": competitor(
                "aiometer.run_all",
                functools.partial(aiometer_run_all, max_at_once=None),
                work_calls,
                "aiometer",
            ),
            "anyio": competitor(anyio_gather_label(), anyio_gather, needs="anyio"),
        }
    return {
        "label": f"gather of N coroutines{f', limit={LIMIT}' if limited else ''}",
        "prepare": coroutines,
        "expected": lambda n: [x + 1 for x in range(n)],
        "ordered": True,
        "competitors": rows,
    }


def anyio_gather_label():
    if anyio is not None and hasattr(anyio, "gather"):
        return "anyio.gather"
    return hand("anyio task group, a task per coroutine")


def as_completed_job():
    has_own = anyio is not None and hasattr(anyio, "as_completed")
    anyio_label = (
        "anyio.as_completed" if has_own else hand("anyio task group + memory object stream")
    )
    return {
        "label": "as_completed of N coroutines",
        "prepare": coroutines,
        "expected": lambda n: [x + 1 for x in range(n)],
        "ordered": False,
        "competitors": {
            OURS: competitor("asyncitertools.concurrent.as_completed", ours_as_completed),
            "asyncio": competitor("asyncio.as_completed", asyncio_as_completed),
            "anyio": competitor(anyio_label, anyio_as_completed, needs="anyio"),
            "aioitertools": competitor(
                "aioitertools.asyncio.as_completed", aioitertools_as_completed, needs="aioitertools"
            ),
        },
    }


def buffer_job(loop):
    rows = {
        OURS: competitor(f"asyncitertools.concurrent.buffer(size={LIMIT})", ours_buffer),
        "bare": competitor("no buffer: the bare loop over the source (floor)", consume_slowly),
    }
    if loop == "asyncio":
        rows["queue"] = competitor(hand(f"a task + asyncio.Queue({LIMIT})"), queue_buffer)
    else:
        rows["channel"] = competitor(
            hand(f"trio nursery + memory channel({LIMIT})"), trio_channel_buffer
        )
    return {
        "label": f"buffer(size={LIMIT}), the consumer awaits once per item",
        "prepare": lambda n: numbers(0, n),
        "expected": lambda n: list(range(n)),
        "ordered": True,
        "competitors": rows,
    }


def make_jobs():
    """{loop: {job key: job}}, in the order they run and are reported."""
    jobs = {
        "asyncio": {
            "map": map_job("asyncio", True),
            "map_unordered": map_job("asyncio", False),
            "merge": merge_job("asyncio"),
            "zip": zip_job(0),
            "zip_sleep": zip_job(ZIP_SLEEP),
            "flatmap": flat_job(False),
            "concatmap": flat_job(True),
            "gather": gather_job("asyncio", False),
            "gather_limit": gather_job("asyncio", True),
            "as_completed": as_completed_job(),
            "buffer": buffer_job("asyncio"),
        },
        "trio": {
            "map": map_job("trio", True),
            "map_unordered": map_job("trio", False),
            "merge": merge_job("trio"),
            "gather": gather_job("trio", False),
            "buffer": buffer_job("trio"),
        },
    }
    return jobs


# --- checking and timing -------------------------------------------------------------------------


def job_size(job, n):
    return job.get("size", lambda n: n)(n)


def verdict(job, got, n):
    """None when ``got`` is the job's result on ``n`` items, else why not."""
    expected = job["expected"](n)
    if not isinstance(got, list):
        return f"gave a {type(got).__name__}, not a list"
    same = got == expected if job["ordered"] else sorted(got) == sorted(expected)
    if same:
        return None
    return f"result differs: {short(got)} instead of {short(expected)}"


def short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def discard(prepared):
    """Close what a run that raised left unstarted: coroutines, async generators."""
    for item in prepared if isinstance(prepared, list) else [prepared]:
        close = getattr(item, "close", None)
        if close is not None and hasattr(item, "cr_frame"):
            close()


async def measure(job, row, n):
    """One run on ``n`` items: (seconds, results)."""
    prepare = row["prepare"] or job["prepare"]
    prepared = prepare(n)
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        results = await row["run"](prepared)
        elapsed = time.perf_counter_ns() - start
    except BaseException:
        discard(prepared)
        raise
    finally:
        gc.enable()
    return elapsed / 1e9, results


async def check(job, row, n):
    try:
        _, got = await measure(job, row, n)
    except Exception as error:  # reported, not timed
        return f"raised {type(error).__name__}: {error}"
    return verdict(job, got, n)


def status_of(row):
    if row["needs"] is not None and INSTALLED.get(row["needs"]) is None:
        return ("absent", f"{row['needs']} is not installed")
    if row["unavailable"] is not None:
        return ("n/a", row["unavailable"])
    return None


async def run_jobs(jobs, n, repeats, progress):
    """Check, warm up, then time every competitor of every job; the cells of each job."""
    results = {}
    for key, job in jobs.items():
        size = job_size(job, n)
        cells = results[key] = {}
        active = []
        for name, row in job["competitors"].items():
            state = status_of(row)
            if state is None:
                check_n = job_size(job, CHECK_ITEMS)
                why = await check(job, row, check_n)
                if why is not None:
                    state = ("differs", why)
            if state is None:
                cells[name] = {"status": "ok", "items": size, "samples": []}
                active.append(name)
            else:
                cells[name] = {"status": state[0], "note": state[1]}
        for name in active:  # warm-up: the interpreter specialises the loops
            await measure(job, job["competitors"][name], min(size, WARM_UP_ITEMS))
        for order in back_to_back(active, repeats):
            for name in order:
                cell = cells[name]
                if cell["status"] != "ok":
                    continue
                progress.step(job["label"], name)
                seconds, got = await measure(job, job["competitors"][name], size)
                if not cell["samples"]:
                    why = verdict(job, got, size)
                    if why is not None:
                        cells[name] = {"status": "differs", "note": f"on {size} items: {why}"}
                        continue
                cell["samples"].append(seconds * 1e6 / size)
    return results


def run_in_loop(loop, coro):
    if loop == "uvloop":
        import uvloop

        return uvloop.run(coro)
    return asyncio.run(coro)


def summarise(results):
    """Best, median, min, max of each timed cell, and each peer's ratio to ours."""
    for cells in results.values():
        ours = cells[OURS]
        for name, cell in cells.items():
            if cell["status"] != "ok":
                continue
            cell.update(summary(cell["samples"]), best=min(cell["samples"]))
            if name == OURS or ours["status"] != "ok":
                continue
            cell["ratio_to_ours"] = cell["best"] / ours["best"]
            cell["median_ratio_to_ours"] = statistics.median(
                p / o for p, o in zip(cell["samples"], ours["samples"], strict=True)
            )
    return results


# --- the goals -----------------------------------------------------------------------------------


def goals(results):
    """The goals of the issue, judged case by case on the ratios of the best times."""

    def cell(loop, job, name):
        found = results.get(loop, {}).get(job, {}).get(name)
        return found if found is not None and "ratio_to_ours" in found else None

    hand_cases = []
    for job in ("map", "map_unordered"):
        semaphore = "TaskGroup + Semaphore" if TaskGroup is not None else "gather + Semaphore"
        for name, what in (("semaphore", semaphore), ("queue", "workers + Queue")):
            found = cell("asyncio", job, name)
            if found is None:
                continue
            share = 1 / found["ratio_to_ours"]
            hand_cases.append(
                {
                    "case": f"{job_label('asyncio', job)}, against {what}",
                    "figure": f"ours {share:.2f}× its time",
                    "value": share,
                    "met": share <= GOAL_HAND,
                }
            )
    peer_cases = []
    for job, name, what in (
        ("map", "aiostream", "aiostream stream.map"),
        ("map_unordered", "aiostream", "aiostream stream.map"),
        ("map_unordered", "aiometer", "aiometer.amap"),
    ):
        found = cell("asyncio", job, name)
        if found is None:
            continue
        speed_up = found["ratio_to_ours"]
        peer_cases.append(
            {
                "case": f"{job_label('asyncio', job)}, against {what}",
                "figure": f"{speed_up:.2f}× faster",
                "value": speed_up,
                "met": speed_up >= GOAL_PEERS,
            }
        )
    trio_cases = []
    for job in ("map", "map_unordered"):
        found = cell("trio", job, "channels")
        if found is None:
            continue
        share = 1 / found["ratio_to_ours"]
        trio_cases.append(
            {
                "case": f"{job_label('trio', job)} (trio), against nursery + memory channel",
                "figure": f"ours {share:.2f}× its time",
                "value": share,
                "met": share <= GOAL_TRIO,
            }
        )
    return [
        {
            "goal": f"`map`: at most {GOAL_HAND}× the hand-written asyncio version "
            "(TaskGroup + Semaphore, before 3.11 gather + Semaphore; workers + Queue)",
            "cases": hand_cases,
        },
        {
            "goal": f"`map`: at least {GOAL_PEERS:g}× faster than aiostream's `stream.map` and "
            "aiometer's `amap` for the same job",
            "cases": peer_cases,
        },
        {
            "goal": f"`map` under trio: at most {GOAL_TRIO}× a nursery + memory channels version",
            "cases": trio_cases,
        },
    ]


JOBS = make_jobs()


def job_label(loop, key):
    return JOBS[loop][key]["label"]


# --- the report ----------------------------------------------------------------------------------


def render(meta, results):
    versions = ", ".join(f"{name} {meta['versions'][name] or 'not installed'}" for name in PEERS)
    lines = [f"## asyncitertools.concurrent against the peers, {meta['interpreter']}", ""]
    if meta["quick"]:
        lines += ["**Quick smoke run (`--quick`): too few items and repeats to quote.**", ""]
    lines += [
        f"- Python: {meta['interpreter']}; the asyncio jobs on {meta['loop']}, the trio jobs "
        f"on trio {meta['versions']['trio'] or '(not installed: skipped)'}",
        f"- asyncitertools {meta['asyncitertools']}; peers: {versions}",
        f"- Machine: {meta['cpu']}, {meta['cpus']} logical CPUs, {meta['platform']}",
        f"- Date: {meta['date']}",
        f"- Method: {meta['n']:,} items per measurement (the sleeping zip: "
        f"{min(meta['n'], ZIP_SLEEP_ITEMS)}), best of {plural(meta['repeats'])} after a "
        "warm-up; the competitors of a job timed back to back, the order reversed every "
        "repeat; garbage collector disabled while timing. The work: one `await sleep(0)` of "
        f"the running loop per call or per item; limit {LIMIT} throughout. Every result was "
        f"first checked on {CHECK_ITEMS} items. peer / ours: the ratio of the best times "
        "(above 1: ours is faster). n/a: not on this interpreter or version; differs: not "
        "timed, see the notes.",
        "",
    ]
    notes = []
    for loop, title in (("asyncio", meta["loop"]), ("trio", "trio")):
        if loop not in results:
            continue
        lines += [
            f"### Under {title}: µs per item, best of the repeats, and peer / ours",
            "",
            "| job | competitor | best µs/item | median (min–max) | peer / ours |",
            "|---|---|---:|---:|---:|",
        ]
        for key, cells in results[loop].items():
            job = JOBS[loop][key]
            for name, cell in cells.items():
                label = job["competitors"][name]["label"]
                if name == OURS:
                    label = f"**{label}**"
                if cell["status"] == "ok":
                    best = f"{cell['best']:.2f}"
                    middle = spread(cell)
                    ratio = "—" if name == OURS else ratio_text(cell)
                else:
                    text = {"n/a": "n/a", "absent": "not installed"}.get(cell["status"])
                    if text is None:
                        notes.append(f"{label}, {job['label']} ({loop}): {cell['note']}")
                        text = f"differs [{len(notes)}]"
                    elif cell["status"] == "n/a":
                        text = f"n/a ({cell['note']})"
                    best, middle, ratio = text, "", ""
                lines.append(f"| {job['label']} | {label} | {best} | {middle} | {ratio} |")
        lines.append("")
    lines += render_goals(goals(results))
    if notes:
        lines += ["Notes:", ""]
        lines += [f"- [{i}] {note}" for i, note in enumerate(notes, start=1)]
        lines.append("")
    return "\n".join(lines)


def ratio_text(cell):
    return f"{cell['ratio_to_ours']:.2f}" if "ratio_to_ours" in cell else "—"


# --- the run -------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser, QUICK, what="items")
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    keys = sorted({key for jobs in JOBS.values() for key in jobs})
    parser.add_argument(
        "--jobs",
        metavar="NAMES",
        help=f"comma-separated jobs to run (default: all): {', '.join(keys)}",
    )
    parser.add_argument("--no-trio", action="store_true", help="skip the jobs under trio")
    args = parser.parse_args(argv)
    n, repeats = sizes(parser, args, QUICK, full=FULL)
    chosen = args.jobs.split(",") if args.jobs else keys
    unknown = [key for key in chosen if key not in keys]
    if unknown:
        parser.error(f"unknown jobs: {', '.join(unknown)}; known: {', '.join(keys)}")
    loops = ["asyncio"] + ([] if args.no_trio or trio is None else ["trio"])
    for loop in list(JOBS):
        if loop not in loops:
            del JOBS[loop]
            continue
        for key in list(JOBS[loop]):
            if key not in chosen:
                del JOBS[loop][key]

    meta = run_meta(
        n,
        repeats,
        args.quick,
        "µs per item",
        interpreter=interpreter_build(),
        versions={peer: version_of(peer) for peer in PEERS},
        loop=args.loop,
        limit=LIMIT,
        check_items=CHECK_ITEMS,
        zip_sleep_seconds=ZIP_SLEEP,
        zip_sleep_items=min(n, ZIP_SLEEP_ITEMS),
    )
    total = sum(
        repeats * sum(status_of(row) is None for row in job["competitors"].values())
        for jobs in JOBS.values()
        for job in jobs.values()
    )
    progress = Progress(max(total, 1))
    results = {}
    for loop in JOBS:
        use_loop(loop)
        section = run_jobs(JOBS[loop], n, repeats, progress)
        if loop == "trio":
            results[loop] = summarise(trio.run(lambda section=section: section))
        else:
            results[loop] = summarise(run_in_loop(args.loop, section))
    progress.finish()
    use_loop("asyncio")

    markdown = render(meta, results)
    print(markdown)
    description = {
        loop: {
            key: {
                "label": job["label"],
                "ordered": job["ordered"],
                "competitors": {name: row["label"] for name, row in job["competitors"].items()},
            }
            for key, job in jobs.items()
        }
        for loop, jobs in JOBS.items()
    }
    report = {"meta": meta, "jobs": description, "results": results, "goals": goals(results)}
    say_written(write_results(args.results_dir, "concurrent", markdown, report, args.json))


if __name__ == "__main__":
    main()
