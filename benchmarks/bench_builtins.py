"""Time the async builtins side by side: asyncitertools, its peers, a hand-written layer, the floor.

Run by ``make bench`` once per installed CPython 3.10-3.13; by hand::

    .venv/bin/python benchmarks/bench_builtins.py             # full run, several minutes
    .venv/bin/python benchmarks/bench_builtins.py --quick     # smoke run, a few seconds

What is measured, for the running interpreter, inside one event loop (asyncio; ``--loop uvloop``):

- Operations: ``await anext(it)`` and ``await anext(it, None)`` (n calls on one async iterator;
  the async sources only), ``enumerate``, ``map`` with a sync and with an async function,
  ``filter``, ``zip`` of 2 and of 4 sources, the reductions ``sum``, ``list``, ``max`` and
  ``any`` (over items that are all false, so that it cannot short-circuit), a stack of three
  layers (``map(filter(enumerate(source)))``) and the pipeline ``filter``, ``map``,
  ``enumerate``, ``islice``; the other builtins; the itertools that take a source (``islice``,
  ``chain``, ``batched``, ``groupby``, ``tee``, ``accumulate``, ``dropwhile``, ``takewhile``,
  ``filterfalse``, ``starmap``, ``pairwise``, ``compress``, ``zip_longest``),
  ``functools.reduce``, ``heapq.merge``/``nlargest``/``nsmallest`` and a five-stage pipeline.
  ``--operations`` picks a subset. Not timed: ``count``, ``cycle``, ``repeat`` and the
  combinatoric iterators, whose cost is not per source item.
- Sources: a native async generator, a class-based async iterator (``async def __anext__``), a
  list (sync), and an async generator that suspends to the event loop (``await
  asyncio.sleep(0)``) every 64 items.
- Competitors: the bare ``async for`` (``for`` over the list) over the source, with no layer
  (the floor; for ``zip`` of k sources: k such loops), asyncitertools ("ours"), the same layer
  written by hand as an async generator or ``async def``, the pipelines' work written by hand as
  one loop with no layer at all ("one loop"), the builtin ``anext`` (for the anext rows),
  asyncstdlib, aioitertools and aiostream (each only for the operations it has, and when it is
  installed). aiostream takes sync
  iterables only through ``stream.iterate`` (timed with it), and its streams are consumed as it
  documents, in ``async with xs.stream() as s``.
- Correctness first: before anything is timed, every competitor's result on a small input is
  compared with the stdlib's on the same items; one that differs (or raises) is not timed and
  is marked "differs" in the tables, with the reason in the notes. An operation that
  asyncitertools does not have yet is marked "missing" (the script runs at every stage).
- Method: N source items per measurement (default 200,000; ``--quick``: 300), R repeats
  (default 7; ``--quick``: 1). In every repeat each operation is timed back to back with the
  floor and every competitor, the order reversing every repeat, so that machine noise hits
  the samples of one repeat alike. ``time.perf_counter_ns`` around building and consuming the
  layer (fresh sources, made before the clock starts); the garbage collector is collected
  before each measurement and disabled during it.
- Figures: ns per source item, median (min-max) of the repeats; ns added per layer over the
  floor (median over the repeats of each sample minus the floor timed beside it, divided by the
  number of layers); and peer/ours, the median over the repeats of the ratio (above 1: ours is
  faster).

- Goals: the speed goals of the project (a layer of ours at most a quarter of an asyncstdlib
  layer; the pipeline within 1.5x of the one loop; 5x faster than asyncstdlib over a list;
  ``zip`` 4x faster than asyncstdlib and 50x than aioitertools; ``anext(it, None)`` no slower
  than the builtin), judged case by case from the figures above.

Writes the markdown to stdout and to ``benchmarks/results/builtins-<X.Y>.md``, the raw numbers
(and the goals) to ``benchmarks/results/builtins-<X.Y>.json`` (and to ``--json PATH`` if given),
and a chart, grouped bars per operation on a log scale, one panel per source, to
``benchmarks/results/builtins-<X.Y>.png`` (with matplotlib). Progress goes to stderr.
``--callgrind`` counts instructions per item under valgrind instead (``callgrind_builtins.py``).
The cases, the runner, the report and the chart are in ``benchmarks/suite/``.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.chart import write_chart  # noqa: E402
from suite.common import (  # noqa: E402
    add_size_arguments,
    python_version,
    run_meta,
    say_written,
    sizes,
    version_of,
    write_results,
)
from suite.competitors import COMPETITORS, PEERS  # noqa: E402
from suite.goals import goals  # noqa: E402
from suite.operations import OPERATIONS  # noqa: E402
from suite.report import render  # noqa: E402
from suite.runner import CHECK_ITEMS, run, run_in_loop, summarise  # noqa: E402
from suite.sources import SOURCES  # noqa: E402

QUICK = (300, 1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser, QUICK, what="source items")
    parser.add_argument(
        "--budget",
        type=float,
        metavar="SECONDS",
        default=0.25,
        help="a competitor slower than this per N items is given fewer (default 0.25)",
    )
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument(
        "--operations",
        metavar="NAMES",
        help="comma-separated operation keys to run (default: all), e.g. islice,tee",
    )
    parser.add_argument(
        "--callgrind",
        action="store_true",
        help="count instructions per item under valgrind instead of timing "
        "(benchmarks/callgrind_builtins.py; honours --operations)",
    )
    args = parser.parse_args(argv)
    if args.callgrind:
        import callgrind_builtins

        forwarded = ["--results-dir", str(args.results_dir)]
        if args.operations:
            forwarded += ["--operations", args.operations]
        callgrind_builtins.main(forwarded)
        return
    n, repeats = sizes(parser, args, QUICK)
    if args.operations:
        chosen = args.operations.split(",")
        unknown = [key for key in chosen if key not in OPERATIONS]
        if unknown:
            parser.error(
                f"unknown operations: {', '.join(unknown)}; known: {', '.join(OPERATIONS)}"
            )
        # The table is narrowed in place: the runner, the report and the chart read it.
        for key in list(OPERATIONS):
            if key not in chosen:
                del OPERATIONS[key]

    meta = run_meta(
        n,
        repeats,
        args.quick,
        "ns per source item",
        versions={peer: version_of(peer) for peer in PEERS},
        loop=args.loop,
        check_items=CHECK_ITEMS,
        budget_seconds=args.budget,
    )
    results = summarise(run_in_loop(args.loop, run(n, repeats, args.budget * 1e9)))
    markdown = render(meta, results)
    print(markdown)

    for cell in (c for per_op in results.values() for cs in per_op.values() for c in cs.values()):
        cell.pop("mark", None)
    description = {
        "competitors": COMPETITORS,
        "sources": {key: label for key, (label, _) in SOURCES.items()},
        "operations": {
            key: {k: op[k] for k in ("label", "kind", "arity", "layers", "needs", "sources")}
            for key, op in OPERATIONS.items()
        },
    }
    report = {"meta": meta, **description, "results": results, "goals": goals(results)}
    written = write_results(args.results_dir, "builtins", markdown, report, args.json)
    chart_path = args.results_dir / f"builtins-{python_version()}.png"
    if write_chart(chart_path, meta, results):
        written.append(chart_path)
    say_written(written)


if __name__ == "__main__":
    main()
