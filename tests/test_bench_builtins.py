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

import pytest

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


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    """One smoke run serves every test of this file: it takes some seconds."""
    tmp_path = tmp_path_factory.mktemp("bench")
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
    return tmp_path, done.stdout, json.loads(raw.read_text(encoding="utf-8"))


def test_the_builtins_benchmark_runs_and_reports_numbers_for_every_row(
    quick_run: tuple[Path, str, dict[str, Any]],
) -> None:
    tmp_path, stdout, report = quick_run
    version = "{}.{}".format(*sys.version_info[:2])
    markdown = (tmp_path / f"builtins-{version}.md").read_text(encoding="utf-8")
    assert (tmp_path / f"builtins-{version}.json").is_file()
    assert markdown in stdout
    chart = tmp_path / f"builtins-{version}.png"
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert str(chart) in stdout

    sources, operations = report["sources"], report["operations"]
    results = report["results"]
    assert set(results) == set(sources)
    # anext takes async iterators only: its rows skip the list.
    assert operations["anext"]["sources"] == ["async_generator", "class_iterator", "suspending"]
    for source, per_operation in results.items():
        assert set(per_operation) == {o for o in operations if source in operations[o]["sources"]}
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
    assert len(tables) == 4
    ns_table = tables[0]
    rows = [line for line in ns_table.splitlines() if line.startswith("| ") and "---" not in line]
    header, rows = rows[0], rows[1:]
    assert len(rows) == sum(len(operation["sources"]) for operation in operations.values())
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


def test_the_benchmark_reports_every_speed_goal_with_its_cases(
    quick_run: tuple[Path, str, dict[str, Any]],
) -> None:
    """Each goal of the benchmark issue is judged case by case, in the JSON and the markdown."""
    _, stdout, report = quick_run
    goals = report["goals"]
    assert len(goals) == 5
    for goal in goals:
        # Every peer is installed in the test environment: each goal has cases to judge.
        assert goal["cases"], goal["goal"]
        for case in goal["cases"]:
            assert isinstance(case["met"], bool), case
            assert case["figure"], case
        met = sum(case["met"] for case in goal["cases"])
        assert f"**{goal['goal']}**: met in {met} of {len(goal['cases'])} cases." in stdout
    layer, pipeline, sync, zips, anext = (len(goal["cases"]) for goal in goals)
    assert pipeline == len(report["sources"])
    assert anext == 3  # the async sources
    assert zips == 2 * len(report["sources"]) * 2  # zip of 2 and 4, every source, two peers


def test_the_summary_for_readme_reads_the_runs_json(
    quick_run: tuple[Path, str, dict[str, Any]],
) -> None:
    """`benchmarks/summarise_results.py` turns the JSON of each version into the tables of
    docs/performance.md."""
    tmp_path, _, report = quick_run
    done = subprocess.run(
        [sys.executable, "benchmarks/summarise_results.py", "--results-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    version = report["meta"]["python"]
    assert f"| goal | CPython {version} |" in done.stdout
    for goal in report["goals"]:
        met = sum(case["met"] for case in goal["cases"])
        assert f"| {goal['goal']} | {met} of {len(goal['cases'])} |" in done.stdout
    assert f"## CPython {version}" in done.stdout
    assert "| await anext(it, None) | async generator |" in done.stdout
