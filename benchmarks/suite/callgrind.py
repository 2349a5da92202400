"""Instructions per item under callgrind, for the ``callgrind_*.py`` scripts.

Timings on shared machines move with the neighbours' load; instruction counts do not: the same
binary, input and environment give the same count run after run. A case runs in a child
interpreter (the script itself, with ``--child``) under ``valgrind --tool=callgrind`` twice,
with ``small`` and ``large`` items; the difference divided by ``large - small`` is the cost of
one item, free of start-up costs.
"""

import re
import shutil
import subprocess
import sys


def require_valgrind():
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")


def instructions(script, case, n):
    """The instructions of ``script --child *case n`` under callgrind."""
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            script,
            "--child",
            *case,
            str(n),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", out.stderr)
    if match is None:
        raise SystemExit(f"no instruction count from callgrind:\n{out.stderr}")
    return int(match.group(1))


def per_item(script, case, small, large):
    """Instructions per item of a case: the counts with ``large`` and ``small`` items apart."""
    at_small = instructions(script, case, small)
    at_large = instructions(script, case, large)
    return (at_large - at_small) / (large - small)
