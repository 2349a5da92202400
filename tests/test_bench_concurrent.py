"""A smoke run of ``benchmarks/bench_concurrent.py`` (part of `make bench`): it runs, checks every
competitor's results, and reports a number for every row and every goal. How fast anything is,
is never asserted.
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every job of the benchmark, by the loop it runs under: a job that goes missing fails here.
JOBS = {
    "asyncio": [
        "map",
        "map_unordered",
        "merge",
        "zip",
        "zip_sleep",
        "flatmap",
        "concatmap",
        "gather",
        "gather_limit",
        "as_completed",
        "buffer",
    ],
    "trio": ["map", "map_unordered", "merge", "gather", "buffer"],
}
NOT_TIMED = {"n/a", "absent", "differs"}
NUMBER = r"\d+\.\d\d"
SPREAD = r"\d+\.\d \(\d+\.\d–\d+\.\d\)"


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    """One smoke run (a few seconds) serves every test of this file."""
    tmp_path = tmp_path_factory.mktemp("bench_concurrent")
    raw = tmp_path / "raw.json"
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "benchmarks/bench_concurrent.py",
            "--quick",
            "--json",
            str(raw),
            "--results-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # stderr carries the progress lines only.
    assert "Traceback" not in done.stderr
    assert "Warning" not in done.stderr
    assert "measured in" in done.stderr
    return tmp_path, done.stdout, json.loads(raw.read_text(encoding="utf-8"))


def test_every_job_has_every_competitor_timed_or_a_reason(
    quick_run: tuple[Path, str, dict[str, Any]],
) -> None:
    tmp_path, stdout, report = quick_run
    version = "{}.{}".format(*sys.version_info[:2])
    markdown = (tmp_path / f"concurrent-{version}.md").read_text(encoding="utf-8")
    assert (tmp_path / f"concurrent-{version}.json").is_file()
    assert markdown in stdout

    jobs, results = report["jobs"], report["results"]
    assert {loop: list(per_loop) for loop, per_loop in jobs.items()} == JOBS
    assert {loop: list(per_loop) for loop, per_loop in results.items()} == JOBS
    for loop, per_loop in results.items():
        for job, cells in per_loop.items():
            assert list(cells) == list(jobs[loop][job]["competitors"]), (loop, job)
            assert cells["ours"]["status"] == "ok", (loop, job, cells["ours"])
            for name, cell in cells.items():
                where = (loop, job, name, cell)
                label = jobs[loop][job]["competitors"][name]
                if "hand-written" in label:
                    # This file's own versions run everywhere, but for TaskGroup before 3.11.
                    assert cell["status"] in ("ok", "n/a"), where
                if cell["status"] != "ok":
                    assert cell["status"] in NOT_TIMED, where
                    assert cell["note"], where
                    continue
                assert len(cell["samples"]) == report["meta"]["repeats"], where
                assert all(sample > 0 for sample in cell["samples"]), where
                assert cell["best"] == min(cell["samples"]), where
                if name != "ours":
                    assert cell["ratio_to_ours"] > 0, where
                    assert cell["median_ratio_to_ours"] > 0, where


def test_the_markdown_has_a_row_for_every_competitor_of_every_job(
    quick_run: tuple[Path, str, dict[str, Any]],
) -> None:
    _, stdout, report = quick_run
    meta = report["meta"]
    # The interpreter is named with its origin, version and build.
    assert platform.python_version() in meta["interpreter"]
    assert re.search(r"\((shared|static), ", meta["interpreter"]), meta["interpreter"]
    assert stdout.startswith(
        f"## asyncitertools.concurrent against the peers, {meta['interpreter']}"
    )

    tables = re.split(r"^### ", stdout, flags=re.MULTILINE)[1:]
    assert [table.split(":")[0] for table in tables[:2]] == ["Under asyncio", "Under trio"]
    for loop, table in zip(JOBS, tables, strict=False):
        rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
        header, rows = rows[0], rows[1:]
        assert header == "| job | competitor | best µs/item | median (min–max) | peer / ours |"
        cells_by_row = {}
        for row in rows:
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            assert len(cells) == 5, row
            cells_by_row[cells[0], cells[1].strip("*")] = cells[2:]
        expected = {
            (job["label"], label)
            for job in report["jobs"][loop].values()
            for label in job["competitors"].values()
        }
        assert set(cells_by_row) == expected
        assert len(rows) == len(expected)
        for key, (best, middle, ratio) in cells_by_row.items():
            job_key = next(k for k, job in report["jobs"][loop].items() if job["label"] == key[0])
            jobs = report["jobs"][loop][job_key]["competitors"]
            name = next(n for n, label in jobs.items() if label == key[1])
            cell = report["results"][loop][job_key][name]
            if cell["status"] == "ok":
                assert re.fullmatch(NUMBER, best), (key, best)
                assert re.fullmatch(SPREAD, middle), (key, middle)
                assert ratio == "—" if name == "ours" else re.fullmatch(NUMBER, ratio), key
            else:
                assert best.split(" ")[0] in ("n/a", "not", "differs"), (key, best)


def test_every_goal_is_reported_met_or_not(quick_run: tuple[Path, str, dict[str, Any]]) -> None:
    _, stdout, report = quick_run
    goals = report["goals"]
    # Against the hand-written asyncio map (2 versions, 2 orders), aiostream (2 orders) and
    # aiometer's amap, and the trio version (2 orders): every peer is installed here.
    assert [len(goal["cases"]) for goal in goals] == [4, 3, 2]
    for goal in goals:
        for case in goal["cases"]:
            assert isinstance(case["met"], bool), case
            assert case["value"] > 0, case
            assert case["figure"], case
        met = sum(case["met"] for case in goal["cases"])
        assert f"**{goal['goal']}**: met in {met} of {len(goal['cases'])} cases." in stdout
