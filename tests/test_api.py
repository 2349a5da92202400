"""The public surface: what the package exports, and how its functions take their arguments."""

from __future__ import annotations

import builtins
import re
import sys
from pathlib import Path

import pytest

import asyncitertools
import asyncitertools.builtins

from support import BUILTIN, Impl, Raised, outcome


def test_aiter_and_anext_are_exported_from_the_package_and_its_builtins_module() -> None:
    assert asyncitertools.aiter is asyncitertools.builtins.aiter
    assert asyncitertools.anext is asyncitertools.builtins.anext
    assert {"aiter", "anext"} <= set(asyncitertools.__all__)
    assert {"aiter", "anext"} <= set(asyncitertools.builtins.__all__)


def test_the_package_does_not_replace_the_builtins() -> None:
    assert asyncitertools.aiter is not builtins.aiter
    assert asyncitertools.anext is not builtins.anext


def test_the_functions_are_named_like_the_builtins(ours: Impl) -> None:
    assert ours.aiter.__name__ == "aiter"
    assert ours.anext.__name__ == "anext"


def test_the_running_python_is_one_the_metadata_declares() -> None:
    """pyproject.toml declares every interpreter the suite runs on (a classifier, and within
    requires-python): a new CPython that scripts/pythons.sh finds must be declared to pass."""
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8")
    minor = "{}.{}".format(*sys.version_info[:2])
    assert f'"Programming Language :: Python :: {minor}",' in pyproject
    lowest = re.search(r'^requires-python = ">=(\d+)\.(\d+)"$', pyproject, re.MULTILINE)
    assert lowest is not None
    assert sys.version_info[:2] >= (int(lowest[1]), int(lowest[2]))


def test_the_package_has_a_version() -> None:
    assert isinstance(asyncitertools.__version__, str)
    assert asyncitertools.__version__


async def _agen():
    yield 1


def _calls(impl: Impl) -> dict[str, Raised]:
    """Wrong ways to call aiter and anext, each mapped to what it raised."""
    aiter, anext = impl.aiter, impl.anext
    agen = _agen()
    calls = {
        "aiter()": lambda: aiter(),
        "aiter(1, 2)": lambda: aiter(1, 2),
        "aiter(agen, agen)": lambda: aiter(agen, agen),
        "aiter(x=1)": lambda: aiter(x=1),
        "aiter(async_iterable=agen)": lambda: aiter(async_iterable=agen),
        "aiter(agen, x=1)": lambda: aiter(agen, x=1),
        "anext()": lambda: anext(),
        "anext(1, 2, 3)": lambda: anext(1, 2, 3),
        "anext(agen, 1, 2)": lambda: anext(agen, 1, 2),
        "anext(agen, default=1)": lambda: anext(agen, default=1),
        "anext(aiterator=agen)": lambda: anext(aiterator=agen),
        "anext(x=1)": lambda: anext(x=1),
        "anext(1, 2, 3, x=1)": lambda: anext(1, 2, 3, x=1),
    }
    return {name: outcome(call) for name, call in calls.items()}


def test_wrong_arguments_raise_the_same_errors_as_the_builtins(ours: Impl) -> None:
    assert _calls(ours) == _calls(BUILTIN)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda i: i.aiter(), "aiter() takes exactly one argument (0 given)"),
        (lambda i: i.aiter(1, 2), "aiter() takes exactly one argument (2 given)"),
        (lambda i: i.aiter(x=1), "aiter() takes no keyword arguments"),
        (lambda i: i.anext(), "anext expected at least 1 argument, got 0"),
        (lambda i: i.anext(1, 2, 3), "anext expected at most 2 arguments, got 3"),
        (lambda i: i.anext(_agen(), default=1), "anext() takes no keyword arguments"),
    ],
    ids=["aiter()", "aiter(1, 2)", "aiter(x=1)", "anext()", "anext(1, 2, 3)", "anext(default=)"],
)
def test_wrong_arguments_messages(impl: Impl, call, message: str) -> None:
    assert outcome(call, impl) == Raised(TypeError, (message,))


def test_an_empty_keyword_dict_counts_as_no_keywords(ours: Impl) -> None:
    agen = _agen()
    assert ours.aiter(agen, **{}) is agen
    asend = ours.anext(agen, **{})
    assert type(asend).__name__ == "async_generator_asend"
    asend.close()  # unawaited, it would warn (3.13)
