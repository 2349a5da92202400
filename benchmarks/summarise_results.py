"""Summarise the JSON of ``bench_builtins.py`` runs across Python versions, for README.

Run it with the interpreter of a benchmark environment (it imports the benchmark's ``suite``).

Reads every ``builtins-<X.Y>.json`` in the results directory (what ``make bench`` wrote) and
prints markdown: the speed goals by Python version (cases met, and which were not), then the
ns per item of the main operations for each version, over an async generator and a list.

    .venv/bin/python benchmarks/summarise_results.py [--results-dir DIR]
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suite.chart import write_chart  # noqa: E402
from suite.common import RESULTS_DIR  # noqa: E402
from suite.goals import goals  # noqa: E402

MAIN_OPERATIONS = (
    "anext",
    "anext_default",
    "enumerate",
    "map_sync",
    "map_async",
    "filter",
    "zip2",
    "zip4",
    "sum",
    "list",
    "max",
    "any",
    "pipeline",
    "islice",
    "chain",
    "batched",
    "groupby",
    "tee",
    "accumulate",
    "merge",
    "pipeline5",
)
MAIN_SOURCES = ("async_generator", "list")
COLUMNS = (
    "floor",
    "ours",
    "hand",
    "one_loop",
    "builtin",
    "asyncstdlib",
    "aioitertools",
    "aiostream",
)


def load(results_dir):
    reports = {}
    for path in sorted(results_dir.glob("builtins-*.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        if "goals" not in report:
            print(f"skipped {path}: written before the goals were judged", file=sys.stderr)
            continue
        # Judged again, so that every version is judged by the same (current) rules.
        report["goals"] = goals(report["results"])
        reports[report["meta"]["python"]] = report
    return dict(sorted(reports.items(), key=lambda item: tuple(map(int, item[0].split(".")))))


def goals_by_version(reports):
    versions = list(reports)
    first = next(iter(reports.values()))
    lines = [
        "| goal | " + " | ".join(f"CPython {v}" for v in versions) + " |",
        "|---|" + "---|" * len(versions),
    ]
    for index, goal in enumerate(first["goals"]):
        cells = []
        for version in versions:
            cases = reports[version]["goals"][index]["cases"]
            met = sum(case["met"] for case in cases)
            cells.append(f"{met} of {len(cases)}")
        lines.append(f"| {goal['goal']} | " + " | ".join(cells) + " |")
    lines.append("")
    for index, goal in enumerate(first["goals"]):
        misses = []
        for version in versions:
            missed = [c for c in reports[version]["goals"][index]["cases"] if not c["met"]]
            if missed:
                listed = "; ".join(f"{c['case']} ({c['figure']})" for c in missed)
                misses.append(f"  - {version}: {listed}")
        if misses:
            lines += [f"- Not met, {goal['goal'][0].lower()}{goal['goal'][1:]}:", *misses]
    return lines


def cell_text(cell):
    if cell is None:
        return ""
    if cell["status"] != "ok":
        return {"n/a": "", "absent": "not installed", "missing": "missing"}.get(
            cell["status"], "differs"
        )
    return f"{cell['median']:.0f}"


def main_table(report):
    meta = report["meta"]
    names = report["competitors"]
    lines = [
        f"CPython {meta['python_full']}, {meta['date']}, {meta['n']:,} items, median of "
        f"{meta['repeats']} repeats, ns per source item (empty: the library has no such "
        "operation):",
        "",
        "| operation | source | " + " | ".join(names[c] for c in COLUMNS) + " |",
        "|---|---|" + "---:|" * len(COLUMNS),
    ]
    for op_key in MAIN_OPERATIONS:
        for source_key in MAIN_SOURCES:
            cells = report["results"].get(source_key, {}).get(op_key)
            if cells is None:
                continue
            texts = [cell_text(cells.get(c)) for c in COLUMNS]
            label = report["operations"][op_key]["label"]
            lines.append(
                f"| {label} | {report['sources'][source_key]} | " + " | ".join(texts) + " |"
            )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--chart",
        nargs=2,
        metavar=("VERSION", "PNG"),
        help="also draw README's chart (the main operations over an async generator and a "
        "list) from that version's JSON",
    )
    args = parser.parse_args(argv)
    reports = load(args.results_dir)
    if not reports:
        raise SystemExit(f"no builtins-*.json in {args.results_dir}: run `make bench` first")
    out = ["## The speed goals by Python version", "", *goals_by_version(reports), ""]
    for report in reports.values():
        out += [f"## CPython {report['meta']['python']}", "", *main_table(report), ""]
    sys.stdout.write("\n".join(out))
    if args.chart:
        version, png = args.chart
        if version not in reports:
            raise SystemExit(f"no results for CPython {version} in {args.results_dir}")
        report = reports[version]
        drawn = write_chart(
            Path(png),
            report["meta"],
            report["results"],
            sources=MAIN_SOURCES,
            operations=MAIN_OPERATIONS,
        )
        if not drawn:
            raise SystemExit("no chart: matplotlib is not installed")
        print(f"wrote {png}", file=sys.stderr)


if __name__ == "__main__":
    main()
