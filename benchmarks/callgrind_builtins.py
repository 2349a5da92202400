"""Instructions per item of ``bench_builtins.py``'s operations, under callgrind.

Timings on a shared machine move with the neighbours' load; instruction counts do not. Each
case (operation, competitor, source) runs in a child interpreter under
``valgrind --tool=callgrind`` twice, with ``SMALL`` and ``LARGE`` items; the difference divided
by ``LARGE - SMALL`` is the cost of one source item, free of start-up costs. The operations,
competitors and builders are those of ``bench_builtins.py``, each run by ``asyncio.run`` (its
start-up cancels out in the difference); the sources are those that never suspend (an async
generator, a class-based async iterator, a list).

    .venv/bin/python benchmarks/callgrind_builtins.py --operations islice,tee,merge
    .venv/bin/python benchmarks/bench_builtins.py --callgrind     # the same, the default set

Prints a markdown table and writes it to ``benchmarks/results/callgrind-builtins-<X.Y>.md``.
"""

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.callgrind import per_item, require_valgrind  # noqa: E402
from suite.common import RESULTS_DIR, python_version, version_triple  # noqa: E402
from suite.competitors import BUILTIN, FLOOR, INSTALLED, ONE_LOOP, OURS  # noqa: E402
from suite.operations import OPERATIONS  # noqa: E402
from suite.runner import consume, make_sources  # noqa: E402
from suite.sources import SOURCES, floor  # noqa: E402

SMALL, LARGE = 1_000, 11_000
DEFAULT_SOURCES = ("async_generator", "class_iterator", "list")
DEFAULT_OPERATIONS = (
    "anext_default,enumerate,map_sync,filter,zip2,sum,pipeline,"
    "islice,chain,batched,groupby,tee,accumulate,merge"
)
DEFAULT_COMPETITORS = "floor,ours,hand,one_loop,builtin,asyncstdlib,aioitertools"


def child(op_key, competitor, source_key, n):
    operation = OPERATIONS[op_key]
    sources = make_sources(source_key, operation, n)
    if competitor == FLOOR:
        asyncio.run(floor(*sources))
        return
    layered = operation["build"][competitor](*sources, n)
    asyncio.run(consume(competitor, operation["kind"], layered))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=4, metavar=("OP", "COMPETITOR", "SOURCE", "N"))
    parser.add_argument("--operations", default=DEFAULT_OPERATIONS)
    parser.add_argument("--competitors", default=DEFAULT_COMPETITORS)
    parser.add_argument("--sources", default=",".join(DEFAULT_SOURCES))
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    if args.child:
        op_key, competitor, source_key, n = args.child
        child(op_key, competitor, source_key, int(n))
        return
    require_valgrind()
    competitors = args.competitors.split(",")
    unknown = [key for key in args.operations.split(",") if key not in OPERATIONS]
    if unknown:
        parser.error(f"unknown operations: {', '.join(unknown)}")
    lines = []

    def emit(line):
        lines.append(line)
        print(line, flush=True)

    emit(f"## Instructions per source item, CPython {version_triple()} (callgrind, asyncio)\n")
    emit("| operation | source | " + " | ".join(competitors) + " | peer/ours |")
    emit("|---|---|" + "---:|" * (len(competitors) + 1))
    for op_key in args.operations.split(","):
        operation = OPERATIONS[op_key]
        for source_key in args.sources.split(","):
            if source_key not in operation["sources"]:
                continue
            cells, counts = [], {}
            for competitor in competitors:
                available = competitor == FLOOR or competitor in operation["build"]
                if available and competitor in INSTALLED:
                    available = INSTALLED[competitor] is not None
                if not available:
                    cells.append("n/a")
                    continue
                case = (op_key, competitor, source_key)
                counts[competitor] = per_item(__file__, case, SMALL, LARGE)
                cells.append(f"{counts[competitor]:.0f}")
            ratios = [
                f"{name} {counts[name] / counts[OURS]:.2f}×"
                for name in (ONE_LOOP, BUILTIN, "asyncstdlib", "aioitertools")
                if name in counts and OURS in counts
            ]
            emit(
                f"| {operation['label']} | {SOURCES[source_key][0]} | "
                + " | ".join(cells)
                + f" | {', '.join(ratios)} |"
            )
    args.results_dir.mkdir(parents=True, exist_ok=True)
    path = args.results_dir / f"callgrind-builtins-{python_version()}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
