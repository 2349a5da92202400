"""Mutation testing of the extension: cargo-mutants makes the mutants, the Python suite judges.

cargo-mutants (https://mutants.rs) knows how to mutate Rust (a function's body replaced by a
value of its type, an operator swapped, a match arm deleted) but runs only ``cargo test``; this
crate's tests are in Python. So cargo-mutants lists the mutants (``--list --json``, each with
its diff), and this script runs them: for each, it patches a private copy of the tree, rebuilds
the extension incrementally (Cargo's ``mutants`` profile: no LTO, a few seconds per mutant),
and runs pytest against that build, first on the test files that name the mutated file's public
names (the tests that cover it), then, only if they pass, on the rest of the suite. Every run
stops at its first failure (``-x``).

Outcomes, as cargo-mutants names them: ``caught`` (a test failed), ``timeout`` (the tests ran
past five times their unmutated time: a hang, which a user would notice too), ``unviable`` (the
mutant does not build), ``missed`` (every test passed), and ``equivalent``: a missed mutant
listed in ``mutants/equivalent.toml`` with a one-line reason (it changes no behaviour). The run
writes ``mutants/results.json`` after every mutant and resumes from it: a mutant already there
with the same diff is not run again, so a long run may be spread over several sessions.

    python scripts/mutants/run.py                  # every mutant of src/ (make mutants)
    python scripts/mutants/run.py --changed main   # the mutants of the files changed since main
    python scripts/mutants/run.py --file src/itertools/tee --jobs 1
    python scripts/mutants/run.py --summary        # the counts of results.json

Not every file is a behaviour test of the extension: the packaging, documentation, type and
benchmark tests are left out (``NOT_BEHAVIOUR``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomllib

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "mutants"
RESULTS = OUT / "results.json"
EQUIVALENT = OUT / "equivalent.toml"
WORK = ROOT / "target" / "mutants-work"
BASELINE = WORK / "baseline.json"

NOT_BEHAVIOUR = {
    "test_packaging.py",  # builds and installs the wheel and the sdist
    "test_docs.py",  # reads the documentation pages
    "test_typetests.py",  # reads the type tests
    "test_bench_builtins.py",  # the benchmarks' smoke tests
    "test_bench_concurrent.py",
}
# The files of src/ that hold no public name of their own, and the names they serve.
SHARED = {
    "src/builtins/truth.rs": ["all", "any"],
    "src/builtins/collect.rs": ["list", "set", "dict", "tuple"],
    "src/builtins/extreme.rs": ["max", "min"],
    "src/itertools/combinatoric.rs": [
        "product",
        "permutations",
        "combinations",
        "combinations_with_replacement",
    ],
    "src/heapq/ranked.rs": ["nlargest", "nsmallest"],
}
PUBLIC_FOLDERS = ("builtins", "itertools", "functools", "heapq")
# What a worker's copy of the tree holds: what the build and the tests read.
COPIED = [
    "Cargo.toml",
    "Cargo.lock",
    "build.rs",
    "pyproject.toml",
    "Makefile",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "requirements-dev.txt",
    "stubtest-allowlist.txt",
    "src",
    "python",
    "tests",
    "docs",
    "examples",
    "benchmarks",
    "typetests",
    "scripts",
]
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.so", ".hypothesis")
TIMEOUT_FACTOR = 5
TIMEOUT_GRACE = 60.0
BUILD_TIMEOUT = 600.0


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


# --- the mutants ------------------------------------------------------------------------------


@dataclass
class Mutant:
    name: str
    file: str
    diff: str
    key: str


def mutant_key(file: str, diff: str) -> str:
    """Names a mutant by its file and its change with the context lines, not by line numbers,
    so that results and equivalences survive edits elsewhere in the file."""
    body = "\n".join(
        line for line in diff.splitlines() if not line.startswith(("---", "+++", "@@"))
    )
    return f"{file}:{hashlib.sha1(body.encode()).hexdigest()[:12]}"


def list_mutants(files: list[str]) -> list[Mutant]:
    command = ["cargo", "mutants", "--list", "--json", "--diff"]
    for file in files:
        command += ["--file", file]
    listed = json.loads(subprocess.run(command, cwd=ROOT, check=True, capture_output=True).stdout)
    return [
        Mutant(m["name"], m["file"], m["diff"], mutant_key(m["file"], m["diff"])) for m in listed
    ]


def changed_files(base: str) -> list[str]:
    names = subprocess.run(
        ["git", "diff", "--name-only", base, "--", "src"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [name for name in names if name.endswith(".rs") and (ROOT / name).exists()]


# --- which tests cover a file -----------------------------------------------------------------


def behaviour_tests() -> list[str]:
    return sorted(
        path.name for path in (ROOT / "tests").glob("test_*.py") if path.name not in NOT_BEHAVIOUR
    )


def public_names_of(file: str) -> list[str]:
    """The public names a file of src/ implements or serves; none for the machinery."""
    if file in SHARED:
        return SHARED[file]
    parts = Path(file).parts
    if len(parts) < 3 or parts[1] not in PUBLIC_FOLDERS:
        return []
    stem = parts[2].removesuffix(".rs")
    return [] if stem == "mod" else [stem]


def covering(file: str, tests: list[str]) -> list[str]:
    """The test files that name one of the file's public names (every file for the machinery)."""
    names = public_names_of(file)
    if not names:
        return list(tests)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    return [test for test in tests if pattern.search((ROOT / "tests" / test).read_text())]


# --- a worker: a private copy of the tree, its own target directory ---------------------------


def extension_suffix(python: str) -> str:
    return subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@dataclass
class Worker:
    index: int
    python: str
    suffix: str
    dir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.dir = WORK / f"tree-{self.index}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            CARGO_TARGET_DIR=str(self.dir / "target"),
            PYO3_PYTHON=self.python,
            PYO3_BUILD_EXTENSION_MODULE="1",
            PYTHONPATH=str(self.dir / "python"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.pop("VIRTUAL_ENV", None)
        return env

    def prepare(self) -> None:
        """Copies the tree (sources, tests, docs; no build outputs) and builds it unmutated."""
        self.dir.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            source, target = ROOT / name, self.dir / name
            if source.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target, dirs_exist_ok=True, ignore=LEFT_OUT)
            else:
                shutil.copy2(source, target)
        if not self.build():
            raise SystemExit(f"the unmutated tree does not build in {self.dir}")
        imported = subprocess.run(
            [self.python, "-c", "import asyncitertools._native as n; print(n.__file__)"],
            cwd=self.dir,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not imported.startswith(str(self.dir)):
            raise SystemExit(f"the tests would import {imported}, not the copy in {self.dir}")

    def build(self) -> bool:
        try:
            built = subprocess.run(
                ["cargo", "build", "--profile", "mutants", "--lib", "--quiet"],
                cwd=self.dir,
                env=self.env(),
                capture_output=True,
                timeout=BUILD_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return False
        if built.returncode != 0:
            return False
        shutil.copy(
            self.dir / "target" / "mutants" / "lib_native.so",
            self.dir / "python" / "asyncitertools" / f"_native{self.suffix}",
        )
        return True

    def pytest(self, tests: list[str], timeout: float) -> tuple[str, str]:
        """Runs the test files, stopping at the first failure: ("passed" | "failed" |
        "timeout", the first failing test)."""
        command = [
            self.python, "-m", "pytest", "-x", "-q", "--no-header", "-p", "no:cacheprovider",
            "-W", "ignore::pytest.PytestUnraisableExceptionWarning",
            *[f"tests/{test}" for test in tests],
        ]  # fmt: skip
        process = subprocess.Popen(
            command,
            cwd=self.dir,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # SIGINT first: pytest-timeout does not interrupt a hang inside uvloop.
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
            return "timeout", ""
        if process.returncode == 0:
            return "passed", ""
        failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", output, re.M)
        return "failed", failed[0] if failed else output.strip().splitlines()[-1][:200]

    def run(self, mutant: Mutant, baseline: dict[str, float]) -> dict[str, Any]:
        started = time.monotonic()
        path = self.dir / mutant.file
        original = path.read_bytes()
        try:
            diff = re.sub(r"^\+\+\+ .*$", f"+++ {mutant.file}", mutant.diff, count=1, flags=re.M)
            subprocess.run(
                ["patch", "-s", "-p0", "--no-backup-if-mismatch"],
                cwd=self.dir,
                input=diff.encode(),
                check=True,
            )
            row: dict[str, Any] = {"key": mutant.key, "name": mutant.name, "file": mutant.file}
            if not self.build():
                row["outcome"] = "unviable"
            else:
                tests = behaviour_tests()
                first = sorted(covering(mutant.file, tests), key=lambda t: baseline.get(t, 60))
                rest = sorted(set(tests) - set(first), key=lambda t: baseline.get(t, 60))
                row["outcome"] = "missed"
                for stage, files in (("covering", first), ("rest", rest)):
                    if not files:
                        continue
                    limit = TIMEOUT_FACTOR * sum(baseline.get(t, 60) for t in files)
                    verdict, test = self.pytest(files, limit + TIMEOUT_GRACE)
                    if verdict != "passed":
                        row["outcome"] = "caught" if verdict == "failed" else "timeout"
                        row["stage"] = stage
                        if test:
                            row["caught_by"] = test
                        break
        finally:
            path.write_bytes(original)
        row["seconds"] = round(time.monotonic() - started, 1)
        return row


# --- the run ----------------------------------------------------------------------------------


def measure_baseline(workers: list[Worker]) -> dict[str, float]:
    """Each behaviour test file's time on the unmutated build (they must all pass)."""
    tests = behaviour_tests()
    if BASELINE.exists():
        known = json.loads(BASELINE.read_text())
        if set(known) == set(tests):
            return known
    times: dict[str, float] = {}
    queue = list(tests)
    lock = threading.Lock()

    def work(worker: Worker) -> None:
        while True:
            with lock:
                if not queue:
                    return
                test = queue.pop()
            started = time.monotonic()
            verdict, failed = worker.pytest([test], 3600)
            if verdict != "passed":
                raise SystemExit(f"the unmutated build fails {test}: {failed}")
            times[test] = round(time.monotonic() - started, 1)
            log(f"baseline {test}: {times[test]} s")

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if set(times) != set(tests):
        raise SystemExit("the baseline did not complete")
    BASELINE.write_text(json.dumps(times, indent=1, sort_keys=True))
    return times


def load_results() -> dict[str, dict[str, Any]]:
    if not RESULTS.exists():
        return {}
    return {row["key"]: row for row in json.loads(RESULTS.read_text())["mutants"]}


def load_equivalent() -> dict[str, str]:
    if not EQUIVALENT.exists():
        return {}
    table = tomllib.loads(EQUIVALENT.read_text())
    return {key: entry["reason"] for key, entry in table.items()}


def summarise(rows: list[dict[str, Any]], equivalent: dict[str, str]) -> dict[str, Any]:
    counts = {"caught": 0, "timeout": 0, "unviable": 0, "missed": 0, "equivalent": 0}
    for row in rows:
        outcome = row["outcome"]
        if outcome == "missed" and row["key"] in equivalent:
            outcome = "equivalent"
        counts[outcome] += 1
    judged = counts["caught"] + counts["timeout"] + counts["missed"]
    counts["tried"] = len(rows)
    counts["kill_ratio"] = (
        round((counts["caught"] + counts["timeout"]) / judged, 4) if judged else None
    )
    return counts


def write_results(
    rows: dict[str, dict[str, Any]], listed: list[Mutant], meta: dict[str, Any]
) -> None:
    keys = {m.key for m in listed}
    # What is no longer a mutant of the tree (its code changed) is dropped.
    kept = sorted((row for key, row in rows.items() if key in keys), key=lambda r: r["name"])
    equivalent = load_equivalent()
    document = {**meta, "summary": summarise(kept, equivalent), "mutants": kept}
    OUT.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants at a time (one core each)")
    parser.add_argument(
        "--file", action="append", default=[], help="only the mutants of these files (globs)"
    )
    parser.add_argument(
        "--changed", metavar="BASE", help="only the files of src/ changed since BASE"
    )
    parser.add_argument("--again", action="store_true", help="run mutants that have results too")
    parser.add_argument("--summary", action="store_true", help="print results.json's counts")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()

    if args.summary:
        rows = list(load_results().values())
        print(json.dumps(summarise(rows, load_equivalent()), indent=1))
        return
    whole_run = not args.file and not args.changed
    files = list(args.file)
    if args.changed:
        files += changed_files(args.changed)
        if not files:
            log(f"no file of src/ changed since {args.changed}")
            return
    listed_all = list_mutants([])
    listed = list_mutants(files) if files else listed_all
    rows = load_results()
    todo = [m for m in listed if args.again or m.key not in rows]
    log(f"{len(listed)} mutants, {len(todo)} to run, {args.jobs} at a time")
    if not todo:
        write_results(rows, listed_all, {})
        return

    suffix = extension_suffix(args.python)
    workers = [Worker(i, args.python, suffix) for i in range(args.jobs)]
    for worker in workers:
        worker.prepare()
    baseline = measure_baseline(workers)
    meta = {
        "tool": subprocess.run(
            ["cargo", "mutants", "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "python": sys.version.split()[0],
        "commit": subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "whole_run": whole_run,
    }
    lock = threading.Lock()
    queue = list(reversed(todo))
    done = 0

    def work(worker: Worker) -> None:
        nonlocal done
        while True:
            with lock:
                if not queue:
                    return
                mutant = queue.pop()
            row = worker.run(mutant, baseline)
            with lock:
                rows[mutant.key] = row
                done += 1
                write_results(rows, listed_all, meta)
                where = f" by {row.get('caught_by', '')}" if row["outcome"] != "missed" else ""
                progress = f"[{done}/{len(todo)}] {row['outcome']}{where}"
                log(f"{progress} ({row['seconds']} s): {mutant.name}")

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    summary = summarise([rows[m.key] for m in listed if m.key in rows], load_equivalent())
    log(json.dumps(summary))
    missed = [
        rows[m.key]["name"]
        for m in listed
        if rows.get(m.key, {}).get("outcome") == "missed" and m.key not in load_equivalent()
    ]
    for name in missed:
        log(f"missed: {name}")


if __name__ == "__main__":
    main()
