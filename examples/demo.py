"""Run every code example of the two seed documents, in order, then a realistic one.

``make demo`` runs this file. Each example lives in its own file next to this one (each also
runs on its own: ``python examples/seed_000_2_getting_items.py``) and imports ``aiter`` and
``anext`` from asyncitertools. Where a seed document is wrong about CPython, the example
follows CPython and prints a ``note:`` line saying so. Every result printed is computed when
the example runs; ``expected_demo_output.txt`` holds what this prints under CPython 3.11.
"""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (file, header): seed 000 is the aiter() page with anext(), seed 003 the aiter() reference page.
EXAMPLES = [
    ("seed_000_1_what_it_does.py", "seed 000: What It Does"),
    ("seed_000_2_getting_items.py", "seed 000: Getting Items: anext()"),
    ("seed_000_3_async_for.py", "seed 000: Getting Items: async for"),
    ("seed_000_4_two_argument_restriction.py", "seed 000: The Two-Argument Restriction"),
    ("seed_000_5_async_generators.py", "seed 000: Async Generators as Async Iterables"),
    ("seed_000_6_gotchas.py", "seed 000: Gotchas"),
    ("seed_003_1_create_async_iterator.py", "seed 003: Create Async Iterator"),
    ("seed_003_2_from_async_iterable.py", "seed 003: From Async Iterable (as written)"),
    ("seed_003_2_fixed.py", "seed 003: From Async Iterable (fixed: AsyncIterator.__aiter__)"),
    ("seed_003_3_with_async_for.py", "seed 003: With Async For"),
    ("seed_003_4_comparison_with_iter.py", "seed 003: Comparison with iter()"),
    ("streaming_search_preview.py", "realistic: a search-results preview with anext(it, None)"),
]


def main():
    for number, (filename, header) in enumerate(EXAMPLES, start=1):
        if number > 1:
            print()
        print(f"=== {number}. {header} [{filename}]")
        runpy.run_path(str(HERE / filename), run_name="__main__")


if __name__ == "__main__":
    main()
