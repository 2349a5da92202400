"""Sphinx configuration of the documentation site (`make docs` builds it into target/docs/html).

The pages are Markdown (MyST); their examples are ```{doctest} blocks, run by the doctest
builder (`make docs` runs it after the HTML build). The package documented is the one installed
in the running environment: `make docs` builds the extension into $(VENV) first.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import asyncitertools

project = "asyncitertools"
author = "the asyncitertools authors"
copyright = "2026 the asyncitertools authors (MIT License)"  # as LICENSE says
# One source for the version: Cargo.toml, which the installed extension reports.
release = asyncitertools.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# Everything under docs/ is a page except these. The build's outputs go to target/ (outside
# docs/), but exclude the usual suspects so that a stray local build or environment is never
# read as a source.
exclude_patterns = ["_build", "target", ".venv*", "**/.venv*", "Thumbs.db", ".DS_Store"]

# MyST: ::: fences (for admonitions), definition lists, and GitHub-style anchors for headings
# up to ###, so that the links the pages already have (contract.md#the-async-builtins, ...)
# resolve on the site as they do on GitHub.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: the native functions have no annotations; their signatures come from
# __text_signature__ or from the docstring's first lines (islice, max, min, iter, anext).
autodoc_docstring_signature = True
autodoc_member_order = "bysource"
# The "-> ..." that ends the docstrings' signature lines (`max(...) -> value`, `iter(iterable) ->
# async iterator over ...`) is prose for help(), not a type: nitpicky mode would look it up as
# a class. A class name has no space, no parenthesis, and none is called "value".
nitpick_ignore_regex = [("py:class", r".*[ ()].*|value")]
# The one Python class documented (scoped_iter) is annotated with the stubs' private type
# variables and collections.abc types; without intersphinx they cannot be cross-referenced, so
# the signature shows no annotations (the stubs, _native.pyi, carry the types).
autodoc_typehints = "none"

# Every doctest block runs with asyncio and the package imported, so a page may show a short
# example after one that imported them; the first example of each page still shows its imports.
doctest_global_setup = """
import asyncio
import asyncitertools as ait
"""
# The >>> blocks of the autodoc'd docstrings are also run (they are the docstrings' own
# examples, which tests/test_docstrings.py runs too): a wrong one fails the build.
doctest_test_doctest_blocks = "default"

html_theme = "furo"
html_title = f"asyncitertools {release}"
html_static_path: list[str] = []


# The native functions' docstrings are plain text written for help(), not reStructuredText:
# `function(*items)` would open an emphasis. Escape reST's inline markup in them.
_INLINE_MARKUP = re.compile(r"([\\*`|])")


def _plain_text_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if inspect.isbuiltin(obj):
        lines[:] = [_INLINE_MARKUP.sub(r"\\\1", line) for line in lines]


# The classes that users get from functions and never construct: their __init__ takes the
# machinery's internals (concurrent.Stream(hub)), which the signature would show as the way to
# make one.
_MADE_BY_FUNCTIONS = {"asyncitertools.concurrent.Stream"}


def _no_constructor_signature(
    app: Any,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    if what == "class" and name in _MADE_BY_FUNCTIONS:
        return "", return_annotation
    return None


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _plain_text_docstring)
    app.connect("autodoc-process-signature", _no_constructor_signature)
    return {"parallel_read_safe": True}
