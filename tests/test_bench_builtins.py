"""A smoke run of ``benchmarks/bench_builtins.py`` (part of `make bench`): it runs, checks every
competitor's results, and reports numbers for every row. How fast anything is, is never asserted.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import asyncitertools

ROOT = Path(__file__).resolve().parent.parent
NOT_TIMED = {"n/a", "absent", "missing", "differs"}
NUMBER = r"-?\d+\.\d \(-?\d+\.\d(?:–| to )-?\d+\.\d\)"


def ours_has(name: str) -> bool:
    if hasattr(asyncitertools, name):
        return True
    try:
        module = importlib.import_module("asyncitertools.itertools")
    except ImportError:
        return False
    return hasattr(module, name)


def run_quick(tmp_path: Path) -> tuple[str, dict[str, Any]]:
    raw = tmp_path / "raw.json"
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "benchmarks/bench_builtins.py",
            "--quick",
            "--json",
            str(raw),
            "--results-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # stderr carries the progress line only.
    assert "Traceback" not in done.stderr
    assert "Warning" not in done.stderr
    assert "measured in" in done.stderr
    return done.stdout, json.loads(raw.read_text(encoding="utf-8"))


def test_the_builtins_benchmark_runs_and_reports_numbers_for_every_row(tmp_path: Path) -> None:
    stdout, report = run_quick(tmp_path)
    version = "{}.{}".format(*sys.version_info[:2])
    markdown = (tmp_path / f"builtins-{version}.md").read_text(encoding="utf-8")
    assert (tmp_path / f"builtins-{version}.json").is_file()
    assert markdown in stdout

    sources, operations = report["sources"], report["operations"]
    results = report["results"]
    assert set(results) == set(sources)
    for source, per_operation in results.items():
        assert set(per_operation) == set(operations)
        for operation, cells in per_operation.items():
            assert set(cells) == set(report["competitors"])
            ours_complete = all(ours_has(name) for name in operations[operation]["needs"])
            expected_ours = "ok" if ours_complete else "missing"
            assert cells["ours"]["status"] == expected_ours, (source, operation, cells["ours"])
            assert cells["floor"]["status"] == "ok"
            assert cells["hand"]["status"] == "ok", (source, operation, cells["hand"])
            for competitor, cell in cells.items():
                where = (source, operation, competitor, cell)
                if cell["status"] == "ok":
                    assert cell["samples"], where
                    assert all(sample > 0 for sample in cell["samples"]), where
                    assert cell["items"] > 0, where
                    assert cell["median"] > 0, where
                    if competitor != "floor":
                        assert "added_per_layer" in cell, where
                    if competitor not in ("floor", "ours") and expected_ours == "ok":
                        assert cell["ratio_to_ours"] > 0, where
                else:
                    assert cell["status"] in NOT_TIMED, where
                    assert cell["note"], where

    # The markdown: one row per source and operation in each table, with a number for the
    # floor and for every timed competitor.
    tables = re.split(r"^### ", markdown, flags=re.MULTILINE)[1:]
    assert len(tables) == 3
    ns_table = tables[0]
    rows = [line for line in ns_table.splitlines() if line.startswith("| ") and "---" not in line]
    header, rows = rows[0], rows[1:]
    assert len(rows) == len(sources) * len(operations)
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    assert columns[:3] == ["source", "operation", "floor (bare loop)"]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == len(columns), row
        assert re.fullmatch(NUMBER, cells[2]), row
        for cell in cells[3:]:
            assert re.fullmatch(NUMBER + "( †)?", cell) or cell.split(" [")[0] in (
                "n/a",
                "not installed",
                "missing",
                "differs",
            ), row
