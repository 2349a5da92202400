"""The chart of the builtins benchmark: grouped bars per operation, one panel per source."""

import sys

from .competitors import BUILTIN, COMPETITORS, FLOOR, HAND, ONE_LOOP, OURS
from .operations import OPERATIONS
from .sources import SOURCES

CHART_COLOURS = {
    FLOOR: "#9e9e9e",
    OURS: "#d62728",
    HAND: "#1f77b4",
    ONE_LOOP: "#17becf",
    BUILTIN: "#8c564b",
    "asyncstdlib": "#2ca02c",
    "aioitertools": "#ff7f0e",
    "aiostream": "#9467bd",
}


def write_chart(path, meta, results, sources=None, operations=None):
    """Grouped bars per operation (one panel per source), ns per item on a log scale.

    ``sources`` and ``operations`` (keys) narrow it down. Returns False (and says why on
    stderr) when matplotlib is not installed.
    """
    results = {
        source_key: {
            op_key: cells
            for op_key, cells in per_op.items()
            if operations is None or op_key in operations
        }
        for source_key, per_op in results.items()
        if sources is None or source_key in sources
    }
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("no chart: matplotlib is not installed (pip install matplotlib)\n")
        return False
    widest = max(len(per_op) for per_op in results.values())
    height = 4.6 * len(results) + 0.8  # inches: a panel per source, and the title and legend
    figure, axes = plt.subplots(
        len(results), 1, figsize=(max(10, 0.5 * widest + 2), height), squeeze=False
    )
    ok_cells = [
        cell
        for per_op in results.values()
        for cells in per_op.values()
        for cell in cells.values()
        if cell["status"] == "ok"
    ]
    bottom = min(cell["min"] for cell in ok_cells) / 1.5
    top = max(cell["max"] for cell in ok_cells) * 1.5
    handles = {}
    for axis, (source_key, per_op) in zip(axes[:, 0], results.items(), strict=True):
        op_keys = list(per_op)
        drawn = [c for c in COMPETITORS if any(per_op[o][c]["status"] == "ok" for o in op_keys)]
        width = 0.84 / len(drawn)
        for i, competitor in enumerate(drawn):
            xs, medians, below, above = [], [], [], []
            for j, op_key in enumerate(op_keys):
                cell = per_op[op_key][competitor]
                if cell["status"] != "ok":
                    continue
                xs.append(j + (i - (len(drawn) - 1) / 2) * width)
                medians.append(cell["median"])
                below.append(cell["median"] - cell["min"])
                above.append(cell["max"] - cell["median"])
            handles[competitor] = axis.bar(
                xs,
                medians,
                width,
                yerr=[below, above],
                error_kw={"elinewidth": 0.6, "capsize": 0},
                color=CHART_COLOURS[competitor],
                label=COMPETITORS[competitor],
            )
        axis.set_yscale("log")
        axis.set_ylim(bottom, top)
        axis.set_xlim(-0.6, len(op_keys) - 0.4)
        axis.set_xticks(range(len(op_keys)))
        axis.set_xticklabels(
            [OPERATIONS[o]["label"] for o in op_keys], rotation=40, ha="right", fontsize=7
        )
        axis.set_ylabel("ns per source item (log)")
        axis.set_title(f"source: {SOURCES[source_key][0]}", loc="left", fontsize=10)
        axis.grid(axis="y", which="major", alpha=0.35)
    figure.legend(
        [handles[c] for c in COMPETITORS if c in handles],
        [COMPETITORS[c] for c in COMPETITORS if c in handles],
        loc="upper center",
        ncol=len(handles),
        fontsize=9,
        bbox_to_anchor=(0.5, 1 - 0.45 / height),
        frameon=False,
    )
    figure.suptitle(
        f"asyncitertools {meta['asyncitertools']} and its peers, CPython {meta['python_full']}, "
        f"{meta['loop']}, {meta['date']}: median of {meta['repeats']} repeats (bars: min–max), "
        "lower is better",
        fontsize=11,
        y=1 - 0.12 / height,
    )
    figure.tight_layout(rect=(0, 0, 1, 1 - 0.8 / height))
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return True
