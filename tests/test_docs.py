"""The reference of the documentation site has a page per public name, each on the template.

The site itself is built by `make docs` (which `make test` runs before pytest): Sphinx with
warnings as errors, then its doctest builder on every example. That build already fails on a
page that is in no toctree, on a broken link or cross-reference and on a failing example, so
this file does not build the site a second time (and needs no Sphinx): it checks what a build
cannot, by reading the pages. Every public name of each module has its page,
docs/reference/<module>/<name>.md, no page documents a name that does not exist, and each page
has the template's parts in the template's order.
"""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest

import asyncitertools
import asyncitertools.builtins
import asyncitertools.concurrent
import asyncitertools.functools
import asyncitertools.heapq
import asyncitertools.itertools

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"

MODULES: dict[str, types.ModuleType] = {
    "builtins": asyncitertools.builtins,
    "itertools": asyncitertools.itertools,
    "functools": asyncitertools.functools,
    "heapq": asyncitertools.heapq,
    "concurrent": asyncitertools.concurrent,
}

# The modules whose names the package root does not re-export: their pages document them by
# their full name (asyncitertools.concurrent.map, not asyncitertools.map, which is builtins').
NOT_AT_THE_ROOT = {"concurrent"}

PUBLIC_NAMES = [
    (module, name) for module, namespace in MODULES.items() for name in namespace.__all__
]

# The template's sections, in order, after the heading, the autodoc directive and "Mirrors".
SECTIONS = ["## What it does", "## Owns and closes", "## Errors", "## Example"]


# The names of the package root that no module has (not __version__: the reference's
# introduction describes it).
ROOT_NAMES = set(asyncitertools.__all__) - {name for _, name in PUBLIC_NAMES} - {"__version__"}


def page_of(module: str, name: str) -> Path:
    return REFERENCE / module / f"{name}.md"


def test_every_module_has_public_names() -> None:
    assert all(namespace.__all__ for namespace in MODULES.values())


@pytest.mark.parametrize(("module", "name"), PUBLIC_NAMES, ids=lambda part: part)
def test_every_public_name_has_its_page(module: str, name: str) -> None:
    assert page_of(module, name).is_file(), f"no reference page for asyncitertools.{name}"


def test_no_page_documents_a_name_that_does_not_exist() -> None:
    pages = {path.relative_to(REFERENCE).as_posix() for path in REFERENCE.rglob("*.md")}
    expected = {f"{module}/{name}.md" for module, name in PUBLIC_NAMES} | {"index.md"}
    expected |= {f"types/{name}.md" for name in ROOT_NAMES}
    assert pages - expected == set()


@pytest.mark.parametrize(
    ("module", "name"),
    [(module, name) for module, name in PUBLIC_NAMES if page_of(module, name).is_file()],
    ids=lambda part: part,
)
def test_each_page_follows_the_template(module: str, name: str) -> None:
    text = page_of(module, name).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {name}", "the heading is the name"
    # autoclass for the names that are types (chain, scoped_iter), autofunction for the others;
    # the directive may have options and nested directives (chain's from_iterable).
    obj = getattr(MODULES[module], name)
    directive = "autoclass" if isinstance(obj, type) else "autofunction"
    qualified = f"{module}.{name}" if module in NOT_AT_THE_ROOT else name
    autodoc = re.search(
        rf"^```{{eval-rst}}\n\.\. {directive}:: asyncitertools\.{re.escape(qualified)}\n"
        r"(?:(?:   .*)?\n)*```$",
        text,
        flags=re.MULTILINE,
    )
    assert autodoc, f"no ```{{eval-rst}} block with `.. {directive}:: asyncitertools.{qualified}`"
    after_autodoc = text[autodoc.end() :].lstrip("\n")
    assert after_autodoc.startswith("Mirrors "), "the autodoc block is followed by 'Mirrors ...'"
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == SECTIONS, "the sections, in the template's order, and no others"
    example = text.partition("\n## Example\n")[2]
    assert re.search(r"^```{doctest}\n>>> ", example, flags=re.MULTILINE), (
        "the Example section has a ```{doctest} block"
    )


def test_the_package_roots_own_names_have_their_pages() -> None:
    """The names the package root adds to its modules' (the types; __version__ is described in
    the reference's introduction) each have a page under reference/types/."""
    assert ROOT_NAMES == {"CloseableAsyncIterator"}
    for name in ROOT_NAMES:
        text = (ROOT / "docs" / "reference" / "types" / f"{name}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# {name}\n") and f".. autoclass:: asyncitertools.{name}" in text
