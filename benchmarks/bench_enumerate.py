"""Time ``enumerate``: asyncitertools against a hand-written async generator layer.

Run by ``make bench`` once per installed CPython 3.10-3.13; by hand::

    .venv/bin/python benchmarks/bench_enumerate.py [--quick]

Sources: a native async generator and a list. Competitors, timed back to back in each repeat
(order reversed every repeat): the bare ``async for`` over the source (the floor), one layer
written by hand as an async generator (what the pure-Python libraries do), asyncitertools'
``enumerate``, and asyncstdlib's when it is installed. The consuming coroutine is driven by
hand (nothing suspends); the garbage collector is off while timing. Reported: median ns per
item over the repeats, and what one layer adds over the floor.
"""

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import asyncitertools

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.common import back_to_back, drive_by_hand, optional_import, version_triple  # noqa: E402
from suite.hand import hand_enumerate  # noqa: E402
from suite.sources import async_range, floor  # noqa: E402

asyncstdlib = optional_import("asyncstdlib")  # a peer, measured when present

SOURCES = {
    "async generator": async_range,
    "list": lambda n: list(range(n)),
}

COMPETITORS = {
    "floor (the bare loop over the source)": None,
    "hand-written async generator layer": hand_enumerate,
    "asyncitertools.enumerate": asyncitertools.enumerate,
}
if asyncstdlib is not None:
    COMPETITORS["asyncstdlib.enumerate"] = asyncstdlib.enumerate


async def consume(iterable, layer):
    if layer is None:
        await floor(iterable)
        return
    async for _ in layer(iterable):
        pass


def time_one(source, layer, n):
    iterable = source(n)
    start = time.perf_counter_ns()
    drive_by_hand(consume(iterable, layer))
    return (time.perf_counter_ns() - start) / n


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 2,000 items, 3 repeats")
    args = parser.parse_args(argv)
    n, repeats = (2_000, 3) if args.quick else (200_000, 7)
    names = list(COMPETITORS)
    version = version_triple()
    print(f"## `enumerate`, CPython {version}: ns per item, median of {repeats} ({n:,} items)\n")
    print("| source | competitor | ns/item | added over the floor |")
    print("|---|---|---:|---:|")
    gc.collect()
    gc.disable()
    try:
        for source_name, source in SOURCES.items():
            samples = {name: [] for name in names}
            for order in back_to_back(names, repeats):
                for name in order:
                    samples[name].append(time_one(source, COMPETITORS[name], n))
            floor_median = statistics.median(samples[names[0]])
            for name in names:
                median = statistics.median(samples[name])
                added = "" if COMPETITORS[name] is None else f"{median - floor_median:.1f}"
                print(f"| {source_name} | {name} | {median:.1f} | {added} |")
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
