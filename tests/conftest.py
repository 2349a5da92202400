"""Fixtures: the implementation under test, the event loops and the sources."""

from __future__ import annotations

import gc
from collections.abc import Callable, Coroutine, Iterable, Iterator
from typing import Any

import pytest

import asyncitertools

import support
from support import BUILTIN, Impl

OURS = Impl("asyncitertools", asyncitertools.aiter, asyncitertools.anext)


@pytest.fixture
def ours() -> Impl:
    """``asyncitertools``' aiter and anext."""
    return OURS


@pytest.fixture(params=[BUILTIN, OURS], ids=["builtins", "asyncitertools"])
def impl(request: pytest.FixtureRequest) -> Impl:
    """Each implementation in turn, for behaviours both must have."""
    return request.param


@pytest.fixture(params=support.LOOPS)
def loop_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def run(loop_name: str) -> Callable[[Callable[[], Coroutine[Any, Any, Any]]], Any]:
    """``run(async_fn)``: run ``async_fn()`` to completion in each event loop in turn."""

    def run(async_fn: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
        return support.run_in(loop_name, async_fn)

    return run


@pytest.fixture(params=support.SOURCE_KINDS)
def source_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def sources(source_kind: str) -> Callable[[Iterable[Any]], Any]:
    """``sources(items)``: a fresh async iterator of each kind in turn that produces ``items``."""

    def sources(items: Iterable[Any]) -> Any:
        return support.make_source(source_kind, items)

    return sources


@pytest.fixture
def no_automatic_gc() -> Iterator[None]:
    """Collections happen only where the test says (so a cycle stays until gc.collect())."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
