"""Long runs in constant memory: 10 million items through ``islice``, ``batched`` and
``groupby`` (with lazy groups) and a 5-stage pipeline, each in a child interpreter whose peak
resident set size (``ru_maxrss``) is compared before and after the run.

A layer that kept one reference per item would hold 10 million ints (about 300 MB): the bound
below (32 MB of growth) is generous for allocator noise and far below that.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

ITEMS = 10_000_000
GROWTH_BOUND_KB = 32 * 1024

PROGRAMS = {
    "islice, batched, groupby": """
        async def run(n):
            items = islice(numbers(n + 1000), n)
            groups = groupby(batched(items, 64), key=lambda batch: batch[0] // 4096)
            count = 0
            async for _key, group in groups:
                async for batch in group:
                    count += len(batch)
            return count
    """,
    "filter, map, enumerate, islice, batched": """
        async def run(n):
            stages = batched(
                islice(enumerate(map(abs, filter(None, numbers(n + 1)))), n), 100
            )
            count = 0
            async for batch in stages:
                count += len(batch)
            return count
    """,
}

PRELUDE = """
    import asyncio, json, resource
    from asyncitertools import batched, enumerate, filter, groupby, islice, map

    async def numbers(n):
        for i in range(n):
            yield i
"""

MAIN = """
    def peak_kb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    asyncio.run(run(100_000))  # warm up: import, allocator arenas
    before = peak_kb()
    count = asyncio.run(run({items}))
    print(json.dumps({{"count": count, "before": before, "after": peak_kb()}}))
"""


@pytest.mark.parametrize("pipeline", list(PROGRAMS))
def test_ten_million_items_run_in_constant_memory(pipeline: str) -> None:
    source = (
        textwrap.dedent(PRELUDE)
        + textwrap.dedent(PROGRAMS[pipeline])
        + textwrap.dedent(MAIN.format(items=ITEMS))
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", source],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["count"] == ITEMS
    growth = report["after"] - report["before"]
    # Shown with `pytest -s`; the figures of the last run are quoted in docs/contract.md and
    # docs/reliability.md.
    print(f"{pipeline}: peak RSS {report['after'] / 1024:.1f} MB, grew {growth / 1024:.1f} MB")
    assert growth < GROWTH_BOUND_KB, report
