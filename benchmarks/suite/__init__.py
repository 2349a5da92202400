"""What the benchmark scripts in ``benchmarks/`` are made of (the scripts are the entry points;
nothing here is run directly). Each module imports only those above it:

- ``common``: the size options, the description of the run, driving by hand, the order of a
  repeat, writing the results (every script);
- ``sources``, ``workload``: the sources, and the items and functions every competitor is given;
- ``competitors``, ``hand``: who is measured, and the hand-written layers;
- ``itertools_operations``, ``operations``: the case tables of the builtins benchmark;
- ``runner``: checking and timing them; ``goals``, ``report``, ``chart``: the speed goals, the
  markdown and the chart of a run;
- ``callgrind``: counting instructions per item under valgrind (both callgrind scripts).
"""
