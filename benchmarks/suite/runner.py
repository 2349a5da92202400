"""Running the builtins benchmark: checking every competitor's result, then timing each
operation back to back with the floor and every competitor, and the figures of the samples."""

import asyncio
import builtins
import gc
import statistics
import sys
import time

from .common import back_to_back, summary
from .competitors import COMPETITORS, FLOOR, INSTALLED, ONE_LOOP, OURS, PEERS, ours
from .operations import OPERATIONS
from .sources import SOURCES, floor, is_async

CHECK_ITEMS = 150  # enough for the suspending source to suspend three times
WARM_UP_ITEMS = 1000


# --- running one measurement -------------------------------------------------------------------


async def anext_calls(function, iterator, n, default, keep=False):
    """``n`` awaited calls of ``function(iterator, *default)``, the items kept when ``keep``."""
    kept = [] if keep else None
    for _ in range(n):
        item = await function(iterator, *default)
        if keep:
            kept.append(item)
    return kept


async def consume(competitor, kind, layered):
    if competitor == ONE_LOOP:
        return await layered(False)
    if kind == "anext":
        await anext_calls(*layered)
        return None
    if kind == "reduce":
        return await layered
    if kind in ("groups", "tee"):
        await collect(competitor, kind, layered)
        return None
    if competitor == "aiostream":
        async with layered.stream() as streamer:
            async for _ in streamer:
                pass
        return None
    async for _ in layered:
        pass
    return None


async def collect(competitor, kind, layered):
    if competitor == ONE_LOOP:
        return await layered(True)
    if kind == "anext":
        return await anext_calls(*layered, keep=True)
    if kind == "reduce":
        return await layered
    if kind == "groups":
        # Lazy groups (ours, asyncstdlib) are consumed item by item; aioitertools and the
        # hand-written layer give lists.
        groups = []
        async for key, group in layered:
            if is_async(group):
                groups.append((key, [item async for item in group]))
            else:
                groups.append((key, builtins.list(group)))
        return groups
    if kind == "tee":
        first, second = layered
        pairs = []
        while True:
            try:
                left = await first.__anext__()
            except StopAsyncIteration:
                return pairs
            pairs.append((left, await second.__anext__()))
    if competitor == "aiostream":
        async with layered.stream() as streamer:
            return [item async for item in streamer]
    return [item async for item in layered]


def make_sources(source_key, operation, n):
    items = operation["items"](n)
    factory = SOURCES[source_key][1]
    return [factory(items) for _ in range(operation["arity"])]


async def time_one(source_key, op_key, competitor, n):
    """One measurement: ns per source item."""
    operation = OPERATIONS[op_key]
    sources = make_sources(source_key, operation, n)
    gc.collect()
    gc.disable()
    try:
        if competitor == FLOOR:
            start = time.perf_counter_ns()
            await floor(*sources)
        else:
            build = operation["build"][competitor]
            start = time.perf_counter_ns()
            await consume(competitor, operation["kind"], build(*sources, n))
        elapsed = time.perf_counter_ns() - start
    finally:
        gc.enable()
    return elapsed / n


# --- which competitor runs what ----------------------------------------------------------------


def availability(op_key):
    """{competitor: None (runs) or (status, note)} before the results are checked."""
    operation = OPERATIONS[op_key]
    status = {FLOOR: None}
    for competitor in COMPETITORS:
        if competitor == FLOOR:
            continue
        if competitor == OURS:
            lacking = [name for name in operation["needs"] if ours(name) is None]
            status[OURS] = ("missing", f"no {', '.join(lacking)} yet") if lacking else None
        elif competitor in PEERS and INSTALLED[competitor] is None:
            status[competitor] = ("absent", "not installed")
        elif competitor not in operation["build"]:
            status[competitor] = ("n/a", "no such operation")
        else:
            status[competitor] = None
    return status


async def check(source_key, op_key, competitor):
    """None when ``competitor`` gives the stdlib's result on a small input, else why not."""
    operation = OPERATIONS[op_key]
    n = CHECK_ITEMS
    expected = operation["reference"](operation["items"](n))
    sources = make_sources(source_key, operation, n)
    try:
        got = await collect(
            competitor, operation["kind"], operation["build"][competitor](*sources, n)
        )
    except Exception as error:  # reported, not timed
        return f"raised {type(error).__name__}: {error}"
    if got != expected:
        return f"result differs: {short(got)} instead of {short(expected)}"
    return None


def short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the run ---------------------------------------------------------------------------------


class Progress:
    def __init__(self, total):
        self.total = total
        self.done = 0
        self.started = time.monotonic()

    def step(self, *what):
        self.done += 1
        line = f"[{self.done}/{self.total}] {' · '.join(what)}"
        if sys.stderr.isatty():
            sys.stderr.write("\r" + line[:100].ljust(100))
        elif self.done * 20 // self.total != (self.done - 1) * 20 // self.total:
            # A log file gets a line every 5 %, not a carriage return per step.
            elapsed = time.monotonic() - self.started
            sys.stderr.write(f"{line} ({elapsed:.0f} s)\n")
        sys.stderr.flush()

    def finish(self):
        took = time.monotonic() - self.started
        end = "\r" if sys.stderr.isatty() else ""
        sys.stderr.write(end + f"measured in {took:.0f} s".ljust(100) + "\n")
        sys.stderr.flush()


def operations_over(source_key):
    return [key for key, operation in OPERATIONS.items() if source_key in operation["sources"]]


async def run(n, repeats, budget_ns):
    results = {}
    plan = {}
    # Correctness first, for every source and operation, before anything is timed.
    for source_key in SOURCES:
        for op_key in operations_over(source_key):
            status = availability(op_key)
            for competitor, state in status.items():
                if state is None and competitor != FLOOR:
                    why = await check(source_key, op_key, competitor)
                    if why is not None:
                        status[competitor] = ("differs", why)
            plan[source_key, op_key] = status
    total = sum(
        repeats * sum(state is None for state in status.values()) for status in plan.values()
    )
    progress = Progress(total)
    for source_key in SOURCES:
        per_op = results[source_key] = {}
        for op_key in operations_over(source_key):
            status = plan[source_key, op_key]
            active = [c for c, state in status.items() if state is None]
            per_op[op_key] = {
                c: (
                    {"status": "ok", "samples": []}
                    if state is None
                    else {"status": state[0], "note": state[1]}
                )
                for c, state in status.items()
            }
            # Warm-up: let the interpreter specialise the loops before anything is timed; it
            # also tells how many items a slow competitor can be given within the budget.
            items = {}
            for competitor in active:
                warm_up = min(n, WARM_UP_ITEMS)
                estimate = await time_one(source_key, op_key, competitor, warm_up)
                fit = int(budget_ns / estimate) if estimate > 0 else n
                items[competitor] = n if competitor == FLOOR else max(min(n, fit), warm_up)
                per_op[op_key][competitor]["items"] = items[competitor]
            for order in back_to_back(active, repeats):
                for competitor in order:
                    progress.step(SOURCES[source_key][0], OPERATIONS[op_key]["label"], competitor)
                    sample = await time_one(source_key, op_key, competitor, items[competitor])
                    per_op[op_key][competitor]["samples"].append(sample)
    progress.finish()
    return results


def summarise(results):
    """Add median/min/max, the added ns per layer and the ratio to ours to every timed cell."""
    for per_op in results.values():
        for op_key, cells in per_op.items():
            layers = OPERATIONS[op_key]["layers"]
            floor_samples = cells[FLOOR]["samples"]
            ours_cell = cells[OURS]
            for competitor, cell in cells.items():
                if cell["status"] != "ok":
                    continue
                samples = cell["samples"]
                cell.update(summary(samples))
                if competitor != FLOOR:
                    added = [(s - f) / layers for s, f in zip(samples, floor_samples, strict=True)]
                    cell["added_per_layer"] = summary(added)
                if competitor not in (FLOOR, OURS) and ours_cell["status"] == "ok":
                    cell["ratio_to_ours"] = statistics.median(
                        p / o for p, o in zip(samples, ours_cell["samples"], strict=True)
                    )
    return results


def run_in_loop(loop, coro):
    if loop == "uvloop":
        import uvloop

        return uvloop.run(coro)
    return asyncio.run(coro)
