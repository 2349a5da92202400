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
import datetime
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import asyncitertools

RESULTS_DIR = Path(__file__).resolve().parent / "results"

IMPLEMENTATIONS = {"builtin": builtins.anext, "ours": asyncitertools.anext}


# --- sources ---------------------------------------------------------------------------------


async def async_generator(n):
    for i in range(n):
        yield i


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
    "async_generator": ("async generator", async_generator),
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


def drive_by_hand(coro):
    """Run a coroutine that never suspends to completion with a single ``send(None)``."""
    try:
        coro.send(None)
    except StopIteration:
        return
    coro.close()
    raise RuntimeError("the source suspended: driving by hand needs one that never does")


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
            for repeat in range(repeats):
                order = ["floor", *IMPLEMENTATIONS]
                if repeat % 2:
                    order.reverse()
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
    coro = run_all(by_hand)
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise RuntimeError("unexpected suspension")


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def summary(samples):
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
    }


def fmt(stats):
    # An en dash between a negative and a positive bound reads badly: "to" then.
    dash = " to " if stats["min"] < 0 else "–"
    return f"{stats['median']:.1f} ({stats['min']:.1f}{dash}{stats['max']:.1f})"


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
            lines.append(f"| {FLOOR_LABEL} | {source_label} | {fmt(floor)} | {fmt(floor)} | — |")
            for op_name, (op_label, _) in OPERATIONS.items():
                samples = per_op[op_name]
                builtin, ours = samples["builtin"], samples["ours"]
                ratio = statistics.median(b / o for b, o in zip(builtin, ours, strict=True))
                lines.append(
                    f"| {op_label} | {source_label} | {fmt(summary(builtin))} | "
                    f"{fmt(summary(ours))} | {ratio:.2f} |"
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
                    f"| {op_label} above the floor | {source_label} | {fmt(extra_builtin)} | "
                    f"{fmt(extra_ours)} | {ratio} |"
                )
        lines += overhead_rows
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 2,000 items, 3 repeats")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the raw numbers here")
    parser.add_argument(
        "--results-dir",
        metavar="DIR",
        type=Path,
        default=RESULTS_DIR,
        help=f"where the .md and .json go (default {RESULTS_DIR})",
    )
    parser.add_argument("--items", type=int, metavar="N", help="items per measurement")
    parser.add_argument("--repeats", type=int, metavar="R", help="repeats of each measurement")
    args = parser.parse_args(argv)
    n, repeats = (2_000, 3) if args.quick else (200_000, 7)
    n = args.items or n
    repeats = args.repeats or repeats
    if n < 1 or repeats < 1:
        parser.error("--items and --repeats must be at least 1")

    if IMPLEMENTATIONS["ours"] is IMPLEMENTATIONS["builtin"]:
        raise SystemExit("asyncitertools.anext is the builtin: nothing to compare")
    check_results_agree()

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    meta = {
        "python": version,
        "python_full": platform.python_version(),
        "implementation": platform.python_implementation(),
        "asyncitertools": asyncitertools.__version__,
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "n": n,
        "repeats": repeats,
        "quick": args.quick,
        "gc_disabled_while_timing": True,
        "unit": "ns per item",
    }

    gc.collect()
    gc.disable()
    try:
        timings = {driver: measure(driver, n, repeats) for driver in DRIVERS}
    finally:
        gc.enable()

    markdown = render(meta, timings)
    print(markdown)

    results_dir = args.results_dir
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / f"anext-{version}.md").write_text(markdown, encoding="utf-8")
    raw = json.dumps({"meta": meta, "timings": timings}, indent=2) + "\n"
    json_paths = [results_dir / f"anext-{version}.json"]
    if args.json:
        json_paths.append(args.json)
    for path in json_paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(raw, encoding="utf-8")
    written = [results_dir / f"anext-{version}.md", *json_paths]
    print(f"wrote {', '.join(str(p) for p in written)}")


if __name__ == "__main__":
    main()
