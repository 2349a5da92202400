"""The examples of README, docs/ and the demo, and the benchmarks, run as tests: they cannot rot."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_python(*args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(
        [sys.executable, "-W", "error", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


# The message of CPython 3.11, in the expected output, that other versions word their own way.
AWAIT_INT_ON_3_11 = "object int can't be used in 'await' expression"


def cpython_await_int_message() -> str:
    """What this CPython itself says when an ``int`` is awaited."""

    async def await_int() -> None:
        await 1  # type: ignore[misc]

    coroutine = await_int()
    try:
        coroutine.send(None)
    except TypeError as error:
        return str(error)
    finally:
        coroutine.close()
    raise AssertionError("awaiting an int did not fail")


def test_the_demo_prints_exactly_the_expected_output() -> None:
    """`make demo`: the seed documents' examples print what the documents (or CPython) say.
    The expected output is 3.11's; CPython's own message for awaiting an int is this version's
    (3.14 rewords it)."""
    expected = (ROOT / "examples" / "expected_demo_output.txt").read_text(encoding="utf-8")
    assert AWAIT_INT_ON_3_11 in expected
    expected = expected.replace(AWAIT_INT_ON_3_11, cpython_await_int_message())
    assert run_python("examples/demo.py") == expected


# The documents whose examples run: the README and every page of docs/, in its subdirectories
# too (the guides, the reference). The reference pages' examples are ```{doctest} blocks, which
# `make docs` runs; a ```python block that runs an event loop is run here, wherever it is.
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def documented_programs() -> dict[str, str]:
    """The Python code blocks of the documents that are whole programs (they run an event
    loop), each named by its document and its place among that document's programs."""
    programs = {}
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
        runnable = [block for block in blocks if "asyncio.run(" in block]
        for number, block in enumerate(runnable, start=1):
            programs[f"{document.relative_to(ROOT).as_posix()}:{number}"] = block
    return programs


def expected_prints(program: str) -> list[str]:
    """What a documented program says it prints: each `print(...)` line's trailing comment (up
    to a colon, which starts an explanation), or the string literal it prints."""
    expected = []
    for line in program.splitlines():
        if "print(" not in line:
            continue
        comment = re.search(r"#\s*(.*)$", line)
        if comment:
            expected.append(comment.group(1).split(":")[0].strip())
        else:
            literal = re.search(r"print\(\"(.*)\"\)", line)
            assert literal, f"cannot tell what this line prints: {line!r}"
            expected.append(literal.group(1))
    return expected


def test_the_readme_has_runnable_examples() -> None:
    assert any(name.startswith("README.md:") for name in documented_programs())


@pytest.mark.parametrize("name", documented_programs())
def test_each_documented_example_prints_what_it_says(name: str, tmp_path: Path) -> None:
    program = documented_programs()[name]
    script = tmp_path / "example.py"
    script.write_text(program, encoding="utf-8")
    assert run_python(str(script)).splitlines() == expected_prints(program)


def test_the_benchmark_runs_and_reports_numbers(tmp_path: Path) -> None:
    """A smoke run of `make bench`: it runs and produces positive timings (not how fast)."""
    raw = tmp_path / "raw.json"
    output = run_python(
        "benchmarks/bench_anext.py", "--quick", "--json", str(raw), "--results-dir", str(tmp_path)
    )
    assert "| `await anext(it, None)` |" in output
    timings = json.loads(raw.read_text(encoding="utf-8"))["timings"]
    samples = [
        sample
        for driver in timings.values()
        for source in driver.values()
        for operation in source.values()
        for implementation in ("floor", "builtin", "ours")
        for sample in operation[implementation]
    ]
    assert samples and all(sample > 0 for sample in samples)


def test_the_enumerate_benchmark_runs_and_reports_numbers() -> None:
    output = run_python("benchmarks/bench_enumerate.py", "--quick")
    rows = [line for line in output.splitlines() if line.startswith("| list |")]
    assert any("asyncitertools.enumerate" in row for row in rows)
    assert all(float(row.split("|")[3]) > 0 for row in rows)


def test_the_instruction_count_benchmark_runs_its_cases() -> None:
    """`make bench-callgrind` runs each case in a child interpreter; run one without valgrind."""
    for operation in ("floor", "anext", "anext_default"):
        run_python(
            "benchmarks/callgrind_anext.py", "--child", operation, "ours", "async_generator", "10"
        )


def test_the_itertools_instruction_count_benchmark_runs_its_cases() -> None:
    """`benchmarks/callgrind_builtins.py` runs each case in a child interpreter; run some
    without valgrind."""
    for operation, competitor in (("islice", "ours"), ("tee", "hand"), ("merge", "floor")):
        run_python(
            "benchmarks/callgrind_builtins.py", "--child", operation, competitor, "list", "10"
        )
