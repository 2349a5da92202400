"""The type tests cover every public name: each result of one gets an ``assert_type`` check.

``make test`` runs ``typetests/`` under mypy --strict and pyright (strict); this keeps a new
public name from shipping without a checked signature.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import asyncitertools

TYPETESTS = Path(__file__).resolve().parent.parent / "typetests"


def names_in(node: ast.AST) -> set[str]:
    return {
        inner.id if isinstance(inner, ast.Name) else inner.attr
        for inner in ast.walk(node)
        if isinstance(inner, (ast.Name, ast.Attribute))
    }


def names_whose_results_are_checked() -> set[str]:
    """The names used where a result gets a checked type: the first argument of an
    ``assert_type(...)``, or what binds a variable (an assignment, a ``for``/``async for``, a
    ``with``/``async with``) in a function that calls ``assert_type``."""
    names: set[str] = set()
    for path in TYPETESTS.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            checks = [
                node
                for node in ast.walk(function)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "assert_type"
                and node.args
            ]
            if not checks:
                continue
            for check in checks:
                names |= names_in(check.args[0])
            for node in ast.walk(function):
                if isinstance(node, (ast.For, ast.AsyncFor)):
                    names |= names_in(node.iter)
                elif isinstance(node, (ast.With, ast.AsyncWith)):
                    for item in node.items:
                        names |= names_in(item.context_expr)
                elif isinstance(node, ast.Assign):
                    names |= names_in(node.value)
    return names


def test_every_public_name_has_a_type_test() -> None:
    public = set(asyncitertools.__all__)
    missing = public - names_whose_results_are_checked()
    assert not missing, f"no assert_type() check uses {sorted(missing)}"


STUBS = Path(asyncitertools.__file__).resolve().parent / "_native.pyi"


def iterables_per_overload(name: str) -> list[tuple[int, bool]]:
    """For each overload of ``name`` in the stubs: its positional iterables, and a ``*args``."""
    shapes = []
    for node in ast.parse(STUBS.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            positional = [*node.args.posonlyargs, *node.args.args]
            names = [arg.arg for arg in positional if arg.arg not in ("function", "self")]
            shapes.append((len(names), node.args.vararg is not None))
    return shapes


@pytest.mark.parametrize("name", ["zip", "map", "zip_longest", "product"])
def test_overloads_for_one_to_five_iterables_and_the_variadic_form(name: str) -> None:
    shapes = iterables_per_overload(name)
    fixed = {count for count, variadic in shapes if not variadic}
    assert {1, 2, 3, 4, 5} <= fixed, shapes
    assert any(variadic for _, variadic in shapes), shapes
