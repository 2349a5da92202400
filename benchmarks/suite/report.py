"""The markdown of the builtins benchmark: the description of the run, the tables (ns per item,
ns added per layer, peer/ours), the speed goals and the notes."""

from .common import spread
from .competitors import COMPETITORS, FLOOR, NOTES, OURS, PEERS
from .goals import goals
from .operations import OPERATIONS
from .runner import CHECK_ITEMS, WARM_UP_ITEMS
from .sources import SOURCES


def not_timed(cell):
    return {"n/a": "n/a", "absent": "not installed", "missing": "missing"}.get(
        cell["status"], f"differs{cell.get('mark', '')}"
    )


def render(meta, results):
    columns = list(COMPETITORS)
    peers_and_hand = [c for c in columns if c not in (FLOOR, OURS)]
    versions = ", ".join(f"{name} {meta['versions'][name] or 'not installed'}" for name in PEERS)
    lines = [f"## The async builtins side by side, CPython {meta['python']}", ""]
    if meta["quick"]:
        lines += ["**Quick smoke run (`--quick`): too few items and repeats to quote.**", ""]
    lines += [
        f"- Python: CPython {meta['python_full']} ({meta['implementation']}), "
        f"event loop: {meta['loop']}",
        f"- asyncitertools {meta['asyncitertools']}; peers: {versions}",
        f"- Machine: {meta['cpu']}, {meta['cpus']} logical CPUs, {meta['platform']}",
        f"- Date: {meta['date']}",
        f"- Method: {meta['n']:,} source items per measurement, {meta['repeats']} repeats; each "
        "operation timed back to back with the floor and every competitor, the order reversed "
        "every repeat; garbage collector disabled while timing. The floor is the bare "
        "`async for` over the source (`for` over the list; for `zip` of k: k loops). "
        "Every competitor's result was first checked against the stdlib's on "
        f"{CHECK_ITEMS} items. †: so slow that it was measured on fewer items, to keep one "
        f"measurement near {meta['budget_seconds']} s (at least {WARM_UP_ITEMS:,}; the JSON has "
        "the counts). n/a: the library has no such operation; missing: not in asyncitertools "
        "yet; differs: not timed, see the notes.",
        "",
    ]
    notes = []

    def mark_differs(cell, competitor, source_key, op_key):
        if cell["status"] == "differs" and "mark" not in cell:
            notes.append(
                f"{COMPETITORS[competitor]}, {OPERATIONS[op_key]['label']}, "
                f"{SOURCES[source_key][0]}: {cell['note']}"
            )
            cell["mark"] = f" [{len(notes)}]"

    def rows(cell_text, competitors, with_layers=False):
        out = []
        for source_key, per_op in results.items():
            for op_key, cells in per_op.items():
                operation = OPERATIONS[op_key]
                texts = []
                for competitor in competitors:
                    cell = cells[competitor]
                    mark_differs(cell, competitor, source_key, op_key)
                    texts.append(cell_text(competitor, cell, cells))
                layers = [str(operation["layers"])] if with_layers else []
                out.append(
                    "| "
                    + " | ".join([SOURCES[source_key][0], operation["label"], *layers, *texts])
                    + " |"
                )
        return out

    def ns_cell(competitor, cell, cells):
        if cell["status"] != "ok":
            return not_timed(cell)
        return spread(cell) + (" †" if cell["items"] < meta["n"] else "")

    def added_cell(competitor, cell, cells):
        return spread(cell["added_per_layer"]) if cell["status"] == "ok" else not_timed(cell)

    def ratio_cell(competitor, cell, cells):
        if cell["status"] != "ok":
            return not_timed(cell)
        if "ratio_to_ours" not in cell:
            return "—"
        return f"{cell['ratio_to_ours']:.2f}"

    labels = [COMPETITORS[c] for c in columns]
    lines += [
        "### ns per source item: median (min–max) of the repeats",
        "",
        "| source | operation | " + " | ".join(labels) + " |",
        "|---|---|" + "---:|" * len(labels),
        *rows(ns_cell, columns),
        "",
        "### ns added per layer over the floor: median (min–max) of the repeats",
        "",
        "| source | operation | layers | " + " | ".join(labels[1:]) + " |",
        "|---|---|---:|" + "---:|" * (len(labels) - 1),
        *rows(added_cell, columns[1:], with_layers=True),
        "",
        "### peer / asyncitertools: median of the per-repeat ratios (above 1: ours is faster)",
        "",
        "| source | operation | " + " | ".join(COMPETITORS[c] for c in peers_and_hand) + " |",
        "|---|---|" + "---:|" * len(peers_and_hand),
        *rows(ratio_cell, peers_and_hand),
        "",
    ]
    lines += render_goals(goals(results))
    lines += ["Notes:", ""]
    lines += [f"- {NOTES[peer]}" for peer in PEERS if peer in NOTES and meta["versions"][peer]]
    lines += [f"- [{i}] {note}" for i, note in enumerate(notes, start=1)]
    lines.append("")
    return "\n".join(lines)


def render_goals(goal_list):
    lines = ["### The speed goals", ""]
    for goal in goal_list:
        cases = goal["cases"]
        met = sum(c["met"] for c in cases)
        lines += [f"**{goal['goal']}**: met in {met} of {len(cases)} cases.", ""]
        if not cases:
            continue
        lines += ["| case | figure | met |", "|---|---|---|"]
        lines += [
            f"| {c['case']} | {c['figure']} | {'yes' if c['met'] else '**no**'} |" for c in cases
        ]
        lines.append("")
    return lines
