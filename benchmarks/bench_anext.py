"""Time ``await anext(it)`` and ``await anext(it, default)``: asyncitertools against the builtin.

Run by ``make bench`` once per installed CPython 3.10-3.13; by hand::

    .venv/bin/python benchmarks/bench_anext.py            # full run, about a minute
    .venv/bin/python benchmarks/bench_anext.py --quick    # smoke run, a second

What is measured, for the running interpreter:

- Sources: a native async generator (the main case) and a class-based async iterator whose
  ``__anext__`` is an ``async def`` (secondary). Neither ever suspends.
- Operations: ``async for`` over the source (the floor: no ``anext`` at all), then a loop of
  ``await anext(it)`` and one of ``await anext(it, None)``, each with the builtin and with ours.
  The rows "... above the floor" are what ``anext`` costs on top of the iteration itself (each
  sample minus the floor sample timed beside it; it includes the ``for _ in range(n)`` loop,
  the same for both implementations).
- Drivers: the consuming coroutine is driven by hand with ``coro.send(None)`` (no event loop,
  possible because nothing suspends: it isolates the per-call cost), and awaited inside one
  ``asyncio.run`` (what an application sees).
- Method: N items per measurement (default 200,000; ``--quick``: 2,000), R repeats (default 7;
  ``--quick``: 3). In every repeat each operation is timed back to back with the floor, the
  builtin and ours, the order reversing every repeat, so machine noise (bursty on shared
  machines) hits the samples of one repeat alike. ``time.perf_counter_ns`` around each
  measurement; the garbage collector is disabled while timing (collected before).
  Reported: median and min-max of the repeats, in ns per item, and the median over the
  repeats of builtin/ours (above 1: ours is faster).

Writes the markdown table to stdout and to ``benchmarks/results/anext-<X.Y>.md``, the raw
numbers to ``benchmarks/results/anext-<X.Y>.json`` (and to ``--json PATH`` if given).
"""

import argparse
import asyncio
import builtins
import gc
import statistics
import sys
import time
from pathlib import Path

import asyncitertools

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.common import (  # noqa: E402
    add_size_arguments,
    back_to_back,
    drive_by_hand,
    run_meta,
    say_written,
    sizes,
    spread,
    summary,
    write_results,
)
from suite.sources import async_range  # noqa: E402

QUICK = (2_000, 3)
IMPLEMENTATIONS = {"builtin": builtins.anext, "ours": asyncitertools.anext}


# --- sources: each takes n ----------------------------------------------------------------------


class AsyncCounter:
    """A class-based async iterator: ``__anext__`` is an ``async def``."""

    __slots__ = ("i", "n")

    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        i = self.i
        if i >= self.n:
            raise StopAsyncIteration
        self.i = i + 1
        return i


# key (in the JSON): (label, factory taking n)
SOURCES = {
    "async_generator": ("async generator", async_range),
    "class_async_anext": ("class with `async def __anext__`", AsyncCounter),
}


# --- operations: each consumes exactly n items -----------------------------------------------


async def floor_async_for(it, n, anext):
    async for _ in it:
        pass


async def op_anext(it, n, anext):
    for _ in range(n):
        await anext(it)


async def op_anext_default(it, n, anext):
    for _ in range(n):
        await anext(it, None)


FLOOR_LABEL = "`async for` (floor)"
# key (in the JSON): (label, coroutine function)
OPERATIONS = {
    "anext": ("`await anext(it)`", op_anext),
    "anext_default": ("`await anext(it, None)`", op_anext_default),
}


# --- drivers -----------------------------------------------------------------------------------


def time_by_hand(operation, source, n, anext):
    it = source(n)
    coro = operation(it, n, anext)
    start = time.perf_counter_ns()
    drive_by_hand(coro)
    return time.perf_counter_ns() - start


async def time_in_asyncio(operation, source, n, anext):
    it = source(n)
    start = time.perf_counter_ns()
    await operation(it, n, anext)
    return time.perf_counter_ns() - start


# --- the run ---------------------------------------------------------------------------------


def check_results_agree():
    """Both implementations must produce the same items before their speed means anything."""

    async def collect(anext, source):
        it = source(5)
        plain = [await anext(it) for _ in range(3)]
        tail = [await anext(it, "end") for _ in range(3)]
        return plain + tail

    for _, source in SOURCES.values():
        got = {name: asyncio.run(collect(fn, source)) for name, fn in IMPLEMENTATIONS.items()}
        if got["builtin"] != got["ours"]:
            raise SystemExit(f"builtin and ours disagree: {got}")


def measure(driver, n, repeats):
    """Timings in ns per item: {source: {operation: {"floor"|"builtin"|"ours": [per repeat]}}}.

    Within a repeat, each operation is timed back to back with the floor and with both
    implementations, in an order that reverses every repeat, so that the i-th samples of
    "floor", "builtin" and "ours" are a set measured under the same machine conditions.
    """

    async def run_all(one):
        results = {}
        for source_name, (_, source) in SOURCES.items():
            per_op = results[source_name] = {}
            for op_name in OPERATIONS:
                per_op[op_name] = {"floor": [], **{name: [] for name in IMPLEMENTATIONS}}
            # Warm-up: let the interpreter specialise the loops before anything is timed.
            for operation in [floor_async_for, *(op for _, op in OPERATIONS.values())]:
                for anext in IMPLEMENTATIONS.values():
                    await one(operation, source, min(n, 1000), anext)
            for order in back_to_back(["floor", *IMPLEMENTATIONS], repeats):
                for op_name, (_, operation) in OPERATIONS.items():
                    for name in order:
                        if name == "floor":
                            elapsed = await one(floor_async_for, source, n, None)
                        else:
                            elapsed = await one(operation, source, n, IMPLEMENTATIONS[name])
                        per_op[op_name][name].append(elapsed / n)
        return results

    if driver == "asyncio":
        return asyncio.run(run_all(time_in_asyncio))

    async def by_hand(operation, source, n, anext):
        return time_by_hand(operation, source, n, anext)

    # run_all never suspends either, so the whole run is driven by hand too, without a loop.
    return drive_by_hand(run_all(by_hand))


DRIVERS = {
    "send": "Driven by hand (`coro.send(None)`, no event loop)",
    "asyncio": "Inside one `asyncio.run`",
}


def render(meta, timings):
    lines = [
        f"## `anext`: asyncitertools against the builtin, CPython {meta['python']}",
        "",
    ]
    if meta["quick"]:
        lines += ["**Quick smoke run (`--quick`): too few items and repeats to quote.**", ""]
    lines += [
        f"- Python: CPython {meta['python_full']} ({meta['implementation']})",
        f"- asyncitertools: {meta['asyncitertools']}",
        f"- Machine: {meta['cpu']}, {meta['cpus']} logical CPUs, {meta['platform']}",
        f"- Date: {meta['date']}",
        f"- Method: {meta['n']:,} items per measurement, {meta['repeats']} repeats; each "
        "operation timed back to back with the floor, the builtin and ours, the order reversed "
        "every repeat; garbage collector disabled while timing. Cells: median (min–max) ns per "
        "item. Ratio: median over the repeats of builtin/ours (above 1: ours is faster). The "
        'floor has no `anext` (the same number in both columns). Rows "above the floor": '
        "each sample minus the floor timed beside it; their ratio is that of the medians.",
        "",
    ]
    for driver, title in DRIVERS.items():
        lines += [
            f"### {title}",
            "",
            "| operation | source | builtin ns/item | ours ns/item | ratio builtin/ours |",
            "|---|---|---:|---:|---:|",
        ]
        overhead_rows = []
        for source_name, per_op in timings[driver].items():
            source_label = SOURCES[source_name][0]
            floor = summary([x for samples in per_op.values() for x in samples["floor"]])
            lines.append(
                f"| {FLOOR_LABEL} | {source_label} | {spread(floor)} | {spread(floor)} | — |"
            )
            for op_name, (op_label, _) in OPERATIONS.items():
                samples = per_op[op_name]
                builtin, ours = samples["builtin"], samples["ours"]
                ratio = statistics.median(b / o for b, o in zip(builtin, ours, strict=True))
                lines.append(
                    f"| {op_label} | {source_label} | {spread(summary(builtin))} | "
                    f"{spread(summary(ours))} | {ratio:.2f} |"
                )
                floor_beside = samples["floor"]
                extra_builtin = summary([b - f for b, f in zip(builtin, floor_beside, strict=True)])
                extra_ours = summary([o - f for o, f in zip(ours, floor_beside, strict=True)])
                ratio = (
                    f"{extra_builtin['median'] / extra_ours['median']:.2f}"
                    if extra_ours["median"] > 0 and extra_builtin["median"] > 0
                    else "—"
                )
                overhead_rows.append(
                    f"| {op_label} above the floor | {source_label} | {spread(extra_builtin)} | "
                    f"{spread(extra_ours)} | {ratio} |"
                )
        lines += overhead_rows
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser, QUICK)
    args = parser.parse_args(argv)
    n, repeats = sizes(parser, args, QUICK)

    if IMPLEMENTATIONS["ours"] is IMPLEMENTATIONS["builtin"]:
        raise SystemExit("asyncitertools.anext is the builtin: nothing to compare")
    check_results_agree()

    meta = run_meta(n, repeats, args.quick, "ns per item")

    gc.collect()
    gc.disable()
    try:
        timings = {driver: measure(driver, n, repeats) for driver in DRIVERS}
    finally:
        gc.enable()

    markdown = render(meta, timings)
    print(markdown)
    report = {"meta": meta, "timings": timings}
    say_written(write_results(args.results_dir, "anext", markdown, report, args.json))


if __name__ == "__main__":
    main()
