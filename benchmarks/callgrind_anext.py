"""Instructions per item of ``await anext(it)`` / ``await anext(it, None)``, under callgrind.

Timings on shared machines move with the neighbours' load; instruction counts do not: the same
binary, input and environment give the same count run after run. Each case runs in a child
interpreter under ``valgrind --tool=callgrind`` twice, with ``SMALL`` and ``LARGE`` items; the
difference divided by ``LARGE - SMALL`` is the cost of one item, free of start-up costs.
The cases are those of ``bench_anext.py`` (same sources and operations, driven by hand).

    .venv/bin/python benchmarks/callgrind_anext.py        # make bench-callgrind
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.callgrind import per_item, require_valgrind  # noqa: E402
from suite.common import drive_by_hand, version_triple  # noqa: E402

from bench_anext import (  # noqa: E402
    FLOOR_LABEL,
    IMPLEMENTATIONS,
    OPERATIONS,
    SOURCES,
    floor_async_for,
)

SMALL, LARGE = 1_000, 21_000


def child(operation, implementation, source, n):
    """Runs one case (in the child interpreter)."""
    factory = SOURCES[source][1]
    if operation == "floor":
        drive_by_hand(floor_async_for(factory(n), n, None))
    else:
        anext = IMPLEMENTATIONS[implementation]
        drive_by_hand(OPERATIONS[operation][1](factory(n), n, anext))


def count(operation, implementation, source):
    return per_item(__file__, (operation, implementation, source), SMALL, LARGE)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=4, metavar=("OP", "IMPL", "SOURCE", "N"))
    args = parser.parse_args(argv)
    if args.child:
        operation, implementation, source, n = args.child
        child(operation, implementation, source, int(n))
        return
    require_valgrind()
    print(f"## Instructions per item, CPython {version_triple()} (callgrind, driven by hand)\n")
    print("| operation | source | builtin | ours | ours/builtin |")
    print("|---|---|---:|---:|---:|")
    for source, (source_label, _) in SOURCES.items():
        floor = count("floor", "-", source)
        print(f"| {FLOOR_LABEL} | {source_label} | {floor:.0f} | {floor:.0f} | |")
        for operation, (label, _) in OPERATIONS.items():
            builtin = count(operation, "builtin", source)
            ours = count(operation, "ours", source)
            print(
                f"| {label} | {source_label} | {builtin:.0f} | {ours:.0f} | {ours / builtin:.3f} |"
            )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
