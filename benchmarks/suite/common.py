"""What every benchmark script does alike: its size options, the description of the machine and
the interpreter, driving a coroutine by hand, the order of a repeat, and writing the results.
"""

import datetime
import importlib
import importlib.metadata
import json
import os
import platform
import statistics
import sys
from pathlib import Path

import asyncitertools

RESULTS_DIR = Path(__file__).resolve().parent.parent / "results"


def optional_import(name):
    try:
        return importlib.import_module(name)
    except ImportError:  # a peer, measured when present
        return None


def version_of(distribution):
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def python_version():
    """The minor version, "3.13": the results' files are named by it."""
    return "{}.{}".format(*sys.version_info[:2])


def version_triple():
    """The full version, "3.13.1", in the titles of the tables that are only printed."""
    return ".".join(map(str, sys.version_info[:3]))


# --- the command line ----------------------------------------------------------------------------


def add_size_arguments(parser, quick, what="items"):
    """``--quick``, ``--json``, ``--results-dir``, ``--items`` and ``--repeats``.

    ``quick`` is the (items, repeats) of a smoke run; ``what`` names the items in the help.
    """
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke run: {quick[0]:,} items, {plural(quick[1])}"
    )
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the raw numbers here")
    parser.add_argument(
        "--results-dir",
        metavar="DIR",
        type=Path,
        default=RESULTS_DIR,
        help=f"where the .md and .json go (default {RESULTS_DIR})",
    )
    parser.add_argument("--items", type=int, metavar="N", help=f"{what} per measurement")
    parser.add_argument("--repeats", type=int, metavar="R", help="repeats of each measurement")


def plural(repeats):
    return f"{repeats} repeat" if repeats == 1 else f"{repeats} repeats"


def sizes(parser, args, quick, full=(200_000, 7)):
    """(items, repeats) of the run the options of ``add_size_arguments`` ask for."""
    n, repeats = quick if args.quick else full
    n = args.items or n
    repeats = args.repeats or repeats
    if n < 1 or repeats < 1:
        parser.error("--items and --repeats must be at least 1")
    return n, repeats


# --- the description of the run ----------------------------------------------------------------


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def interpreter_origin():
    """Where the running interpreter comes from: "pyenv", "Debian" (a distribution's own),
    or the installation's prefix ("/opt/cpython/3.14.7")."""
    prefix = os.path.realpath(sys.base_prefix)
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    versions = os.path.join(os.path.realpath(pyenv_root), "versions") + os.sep
    if prefix.startswith(versions):
        return "pyenv"
    if prefix == "/usr":
        return "Debian" if os.path.exists("/etc/debian_version") else "system"
    return prefix


def links_libpython():
    """Whether the running process has libpython mapped (a shared build), or None (unknown)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            return any("/libpython3" in line for line in maps)
    except OSError:
        return None


def interpreter_build():
    """The running interpreter named by where it comes from, its version and its build, e.g.
    "pyenv 3.11.7 (shared, no PGO)" or "/opt/cpython/3.14.7 (static, no PGO)".

    Shared or static is what the process links (Debian's ``python3.11`` is linked statically
    although its sysconfig says ``Py_ENABLE_SHARED``); PGO and LTO are read from the configure
    arguments, which a distribution's own build steps do not show ("PGO unknown" there).
    """
    import sysconfig

    origin = interpreter_origin()
    version = platform.python_version()
    name = origin if version in os.path.basename(origin) else f"{origin} {version}"
    shared = links_libpython()
    if shared is None:
        shared = bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))
    config = sysconfig.get_config_var("CONFIG_ARGS") or ""
    kinds = ["shared" if shared else "static"]
    if "--enable-optimizations" in config:
        kinds.append("PGO")
    elif origin in ("Debian", "system"):
        kinds.append("PGO unknown")
    else:
        kinds.append("no PGO")
    if "--with-lto" in config:
        kinds.append("LTO")
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        kinds.append("free-threaded")
    if sysconfig.get_config_var("Py_DEBUG"):
        kinds.append("debug")
    if platform.python_implementation() != "CPython":
        name = f"{platform.python_implementation()} {name}"
    return f"{name} ({', '.join(kinds)})"


def run_meta(n, repeats, quick, unit, **extra):
    """The interpreter, the machine and the method of a run; ``extra`` is the script's own."""
    return {
        "python": python_version(),
        "python_full": platform.python_version(),
        "implementation": platform.python_implementation(),
        "asyncitertools": asyncitertools.__version__,
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "n": n,
        "repeats": repeats,
        "quick": quick,
        **extra,
        "gc_disabled_while_timing": True,
        "unit": unit,
    }


def summary(samples):
    """The median, min and max of some samples."""
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
    }


def spread(stats):
    """``median (min–max)`` of a dict with those keys, to one decimal."""
    # An en dash between a negative and a positive bound reads badly: "to" then.
    dash = " to " if stats["min"] < 0 else "–"
    return f"{stats['median']:.1f} ({stats['min']:.1f}{dash}{stats['max']:.1f})"


# --- measuring -----------------------------------------------------------------------------------


def drive_by_hand(coro):
    """Run a coroutine that never suspends to completion with a single ``send(None)``; returns
    its value."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise RuntimeError("the coroutine suspended: driving by hand needs one that never does")


def back_to_back(names, repeats):
    """The order of each repeat: ``names``, reversed every other repeat, so that machine noise
    (bursty on shared machines) hits the samples of one repeat alike."""
    for repeat in range(repeats):
        yield names if repeat % 2 == 0 else names[::-1]


# --- the results ---------------------------------------------------------------------------------


def write_results(results_dir, stem, markdown, report, json_path=None):
    """``<stem>-<X.Y>.md`` and ``<stem>-<X.Y>.json`` in ``results_dir`` (the JSON also to
    ``json_path``); returns the paths written."""
    version = python_version()
    results_dir.mkdir(parents=True, exist_ok=True)
    md_path = results_dir / f"{stem}-{version}.md"
    md_path.write_text(markdown, encoding="utf-8")
    raw = json.dumps(report, indent=2) + "\n"
    json_paths = [results_dir / f"{stem}-{version}.json"]
    if json_path:
        json_paths.append(json_path)
    for path in json_paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(raw, encoding="utf-8")
    return [md_path, *json_paths]


def say_written(paths):
    print(f"wrote {', '.join(str(p) for p in paths)}")
