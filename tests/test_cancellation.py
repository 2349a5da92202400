"""Random pipelines, cancelled or closed at random moments: nothing lost, everything closed once.

Hypothesis builds a pipeline of one to three of our layers (every layer of :mod:`catalogue`, plus
``zip`` and ``chain`` of two async sources and ``zip`` of a ``tee``'s children) over sources of
every kind: a list, a sync generator, an async generator and a class-based async iterator, the
async ones suspending before random items, any of them raising at a random item; the function
given to the layers is sync, async or suspending, and may raise at a random call. The pipeline
is consumed to the end, or partially and then ``aclose()``-d, or cancelled after a random number
of event-loop ticks (a task's ``cancel()`` under asyncio, a cancel scope under trio; the tests'
own tiny loop, which cannot cancel, runs the other two).

Properties, for every example:

* every item delivered is the stdlib's item at that position (the same pipeline of the stdlib's
  functions over the same items);
* the pipeline ends as the stdlib's does when it runs to the end (the very exception object
  raised), else with the cancellation or by the ``aclose()``;
* every async source the pipeline started has been closed exactly once (an async generator's
  ``finally`` ran once; a class-based iterator's ``aclose()`` was called once) by the time the
  consumer sees the end, the error, the cancellation or its ``aclose()`` return;
* no "coroutine ... was never awaited" or "exception was never retrieved" warning, and no
  unraisable exception, once the garbage is collected.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import trio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asyncitertools as a

import support
from catalogue import LAYERS, Entry

# Cancellation under asyncio and trio; our own tiny loop (no cancellation) for the rest.
LOOPS = ("asyncio", "trio", "ownloop")
CANCELLING_LOOPS = ("asyncio", "trio")
SOURCE_KINDS = ("list", "sync_generator", "async_generator", "class")
ASYNC_KINDS = ("async_generator", "class")


class PlantedError(Exception):
    pass


@dataclass
class Journal:
    """Which async sources were started and how many times each was closed."""

    started: set[str] = field(default_factory=set)
    closed: Counter[str] = field(default_factory=Counter)
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    items: tuple[Any, ...]
    # Before which items (and before the end) an async source suspends to the loop.
    suspends: tuple[bool, ...]
    # The index of the item that raises instead, if any.
    fails_at: int | None


class ClassSource:
    """A class-based async iterator that records its start and its aclose() calls."""

    def __init__(self, name: str, spec: SourceSpec, error: BaseException, journal: Journal):
        self.name, self.spec, self.error, self.journal = name, spec, error, journal
        self.index = 0

    def __aiter__(self) -> ClassSource:
        return self

    async def __anext__(self) -> Any:
        self.journal.started.add(self.name)
        index = self.index
        self.index += 1
        if index <= len(self.spec.items) and self.spec.suspends[index]:
            await support.suspend()
        if index == self.spec.fails_at:
            raise self.error
        if index >= len(self.spec.items):
            raise StopAsyncIteration
        return self.spec.items[index]

    async def aclose(self) -> None:
        # Counted first: under a cancelled trio scope the suspension below raises Cancelled.
        self.journal.closed[self.name] += 1
        if self.spec.suspends[-1]:
            await support.suspend()


async def generator_source(name: str, spec: SourceSpec, error: BaseException, journal: Journal):
    journal.started.add(name)
    try:
        for index, item in enumerate(spec.items):
            if spec.suspends[index]:
                await support.suspend()
            if index == spec.fails_at:
                raise error
            yield item
        if spec.suspends[-1]:
            await support.suspend()
        if spec.fails_at == len(spec.items):
            raise error
    finally:
        journal.closed[name] += 1


def sync_items(spec: SourceSpec, error: BaseException) -> Iterator[Any]:
    for index, item in enumerate(spec.items):
        if index == spec.fails_at:
            raise error
        yield item
    if spec.fails_at == len(spec.items):  # instead of the end
        raise error


def make_source(spec: SourceSpec, error: BaseException, journal: Journal) -> Any:
    """A fresh source of the spec's kind; async ones are registered in the journal."""
    if spec.kind == "list":
        return list(spec.items)  # a list cannot raise: its specs have no failing item
    if spec.kind == "sync_generator":
        return sync_items(spec, error)
    name = f"source {len(journal.names)}"
    journal.names.append(name)
    if spec.kind == "class":
        return ClassSource(name, spec, error, journal)
    return generator_source(name, spec, error, journal)


# --- the pipeline --------------------------------------------------------------------------------


def weight(obj: Any) -> int:
    """A number for any item a layer can produce (ints, tuples of them, None, strings)."""
    if isinstance(obj, int):
        return obj
    if isinstance(obj, tuple):
        return sum(weight(x) for x in obj)
    return 1 if isinstance(obj, str) else 0


def make_function(fails_at_call: int | None, error: BaseException) -> Callable[[Any], Any]:
    """The layers' function: the item's weight modulo 3, raising at the given call."""
    calls = itertools.count()

    def function(obj: Any) -> Any:
        if next(calls) == fails_at_call:
            raise error
        return weight(obj) % 3

    return function


@dataclass(frozen=True)
class Stage:
    """A layer of the pipeline: one of the catalogue's, or one with a second async source."""

    name: str
    entry: Entry | None = None
    second: SourceSpec | None = None

    def ours(self, source: Any, function: Any, kind: str, new_source: Callable[..., Any]) -> Any:
        if self.entry is not None:
            return self.entry.ours(source, function, kind)
        if self.name == "tee":
            return a.zip(*a.tee(source, 2))
        assert self.second is not None
        if self.name == "zip_sources":
            return a.zip(source, new_source(self.second))
        return a.chain(source, new_source(self.second))

    def reference(self, items: Any, function: Any, error: BaseException) -> Any:
        if self.entry is not None:
            return self.entry.reference(items, function)
        if self.name == "tee":
            return zip(*itertools.tee(items, 2), strict=False)
        assert self.second is not None
        if self.name == "zip_sources":
            return zip(items, sync_items(self.second, error), strict=False)
        return itertools.chain(items, sync_items(self.second, error))

    def __repr__(self) -> str:
        return self.name if self.second is None else f"{self.name}({self.second})"


@st.composite
def source_specs(draw: st.DrawFn, kinds: tuple[str, ...] = SOURCE_KINDS) -> SourceSpec:
    kind = draw(st.sampled_from(kinds))
    items = tuple(draw(st.lists(st.integers(0, 9), max_size=10)))
    if kind in ASYNC_KINDS:
        flags = st.lists(st.booleans(), min_size=len(items) + 1, max_size=len(items) + 1)
        suspends = tuple(draw(flags))
    else:
        suspends = (False,) * (len(items) + 1)
    fails_at = None
    if kind != "list" and draw(st.booleans()):
        fails_at = draw(st.integers(0, len(items)))
    return SourceSpec(kind, items, suspends, fails_at)


LOCAL_STAGES = ("tee", "zip_sources", "chain_sources")


@st.composite
def stages(draw: st.DrawFn) -> Stage:
    name = draw(st.sampled_from([entry.name for entry in LAYERS] + list(LOCAL_STAGES)))
    if name == "tee":
        return Stage(name)
    if name in LOCAL_STAGES:
        return Stage(name, second=draw(source_specs(ASYNC_KINDS)))
    return Stage(name, entry=next(entry for entry in LAYERS if entry.name == name))


@dataclass(frozen=True)
class Case:
    loop: str
    source: SourceSpec
    stages: tuple[Stage, ...]
    callable_kind: str
    function_fails_at_call: int | None
    # ("exhaust",), ("aclose", after this many items) or ("cancel", after this many ticks).
    action: tuple[str, int]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    loop = draw(st.sampled_from(LOOPS))
    actions = [st.just(("exhaust", 0)), st.tuples(st.just("aclose"), st.integers(0, 5))]
    if loop in CANCELLING_LOOPS:
        actions.append(st.tuples(st.just("cancel"), st.integers(0, 20)))
    action = draw(st.one_of(*actions))
    return Case(
        loop=loop,
        source=draw(source_specs()),
        stages=tuple(draw(st.lists(stages(), min_size=1, max_size=3))),
        callable_kind=draw(st.sampled_from(("sync", "async", "suspending_async"))),
        function_fails_at_call=draw(st.one_of(st.none(), st.integers(0, 12))),
        action=action,
    )


def reference(case: Case, error: BaseException) -> tuple[list[Any], BaseException | None]:
    """The stdlib's items, and the exception that ended them (None: the end)."""
    function = make_function(case.function_fails_at_call, error)
    iterable: Any = sync_items(case.source, error)
    items: list[Any] = []
    try:
        for stage in case.stages:
            iterable = stage.reference(iterable, function, error)
        for item in iterable:
            items.append(item)
    except PlantedError as exc:
        return items, exc
    return items, None


# --- running a case ----------------------------------------------------------------------------


@dataclass
class Run:
    items: list[Any] = field(default_factory=list)
    error: BaseException | None = None
    cancelled: bool = False
    closed_by_consumer: bool = False
    # What asyncio reported to its exception handler (never-retrieved exceptions).
    loop_reports: list[Any] = field(default_factory=list)
    # The journal's closes when the consumer saw the end (its snapshot).
    closed_at_end: Counter[str] = field(default_factory=Counter)


async def consume(case: Case, pipeline: Any, run: Run, journal: Journal) -> None:
    """Consume as the case's action says; record everything in ``run``."""
    try:
        if case.action[0] == "aclose":
            for _ in range(case.action[1]):
                run.items.append(await pipeline.__anext__())
            await pipeline.aclose()
            run.closed_by_consumer = True
        else:
            async for item in pipeline:
                run.items.append(item)
    except StopAsyncIteration:
        pass
    except PlantedError as exc:
        run.error = exc
    finally:
        run.closed_at_end = Counter(journal.closed)


async def cancel_after_asyncio(ticks: int, make: Callable[[], Any], run: Run) -> None:
    task = asyncio.ensure_future(make())
    for _ in range(ticks):
        if task.done():
            break
        await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        run.cancelled = True


async def cancel_after_trio(ticks: int, make: Callable[[], Any], run: Run) -> None:
    with trio.CancelScope() as scope:

        async def canceller() -> None:
            for _ in range(ticks):
                await trio.lowlevel.checkpoint()
            scope.cancel()

        async with trio.open_nursery() as nursery:
            nursery.start_soon(canceller)
            await make()
            nursery.cancel_scope.cancel()  # done first: the canceller has nothing left to do
    run.cancelled = scope.cancelled_caught


def run_case(case: Case) -> tuple[Run, Journal, BaseException]:
    error = PlantedError("planted")
    journal = Journal()
    run = Run()

    def new_source(spec: SourceSpec) -> Any:
        return make_source(spec, error, journal)

    async def main() -> None:
        if case.loop == "asyncio":
            # "Task exception was never retrieved" and the like go to the loop's handler.
            asyncio.get_running_loop().set_exception_handler(
                lambda loop, context: run.loop_reports.append(context)
            )
        # Raw: each layer makes it a callable of the case's kind.
        function = make_function(case.function_fails_at_call, error)
        pipeline = new_source(case.source)
        for stage in case.stages:
            pipeline = stage.ours(pipeline, function, case.callable_kind, new_source)

        async def consuming() -> None:
            await consume(case, pipeline, run, journal)

        if case.action[0] != "cancel":
            await consuming()
        elif case.loop == "asyncio":
            await cancel_after_asyncio(case.action[1], consuming, run)
        else:
            await cancel_after_trio(case.action[1], consuming, run)

    support.run_in(case.loop, main)
    return run, journal, error


class Unraisables:
    """Collects what ``sys.unraisablehook`` and the warnings machinery report."""

    def __enter__(self) -> Unraisables:
        self.reports: list[Any] = []
        self.hook = sys.unraisablehook
        sys.unraisablehook = self.reports.append
        self.catcher = warnings.catch_warnings(record=True)
        self.warnings = self.catcher.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc_info: Any) -> None:
        gc.collect()
        self.catcher.__exit__(*exc_info)
        sys.unraisablehook = self.hook


def check(case: Case) -> None:
    with Unraisables() as seen:
        run, journal, error = run_case(case)
    assert not seen.reports, [report.exc_value for report in seen.reports]
    assert not seen.warnings, [str(w.message) for w in seen.warnings]
    assert not run.loop_reports, run.loop_reports

    expected_items, expected_error = reference(case, error)
    assert run.items == expected_items[: len(run.items)], (run.items, expected_items)
    interrupted = run.cancelled or run.closed_by_consumer
    if not interrupted:
        assert run.items == expected_items, (run.items, expected_items)
        # (islice pulls no item past its slice's last index, a documented difference: the
        # catalogue's reference pulls the same items.)
        assert run.error is expected_error, (run.error, expected_error)
    elif run.error is not None:
        assert run.error is error
    # Closed exactly once, by the time the consumer saw the end.
    for name in journal.names:
        expected = 1 if name in journal.started else 0
        if name in journal.started:
            assert run.closed_at_end[name] == 1, (name, run.closed_at_end, journal)
        assert journal.closed[name] == expected or (
            name not in journal.started and journal.closed[name] <= 1
        ), (name, journal)


# 400 random pipelines in `make test`; `make test-all` (the suite once more on every
# interpreter found), the leak run and the ASan run set ASYNCITERTOOLS_EXAMPLES=150 to keep CI
# within its time (this test alone takes one to two minutes at 400 on a loaded machine).
EXAMPLES = int(os.environ.get("ASYNCITERTOOLS_EXAMPLES", "400"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# A hang is what the per-test timeout is for; this test's examples take minutes in all on a
# loaded machine, so its bound is wider than the suite's 120 s.
@pytest.mark.timeout(600)
@SETTINGS
@given(case=cases())
def test_random_pipelines_cancelled_or_closed_at_random_moments(case: Case) -> None:
    check(case)
