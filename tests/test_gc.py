"""Memory: reference cycles through an ``anext_awaitable`` are collected, and nothing leaks.

``anext_awaitable`` has no weakref support, so each cycle also holds a small weakref-able
``Holder``; the weakref to it tells whether the cycle was freed.
"""

from __future__ import annotations

import gc
import sys
import types
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from support import BUILTIN, Impl, exception_of


class Holder:
    """Weakref-able; keeps whatever the test hangs on it."""

    awaitable: Any = None


def assert_only_the_collector_frees(make_cycle: Callable[[], Holder]) -> None:
    """``make_cycle()`` returns a Holder that is only reachable through a cycle once dropped."""
    ref = weakref.ref(make_cycle())
    assert ref() is not None, "no cycle: freed by reference counting alone"
    gc.collect()
    assert ref() is None, "the cycle was not collected"


@types.coroutine
def _one_yield(holder: Holder | None = None) -> Iterator[Any]:
    yield "first"
    return "done"


class HoldingIterator(Holder):
    """An async iterator whose ``__anext__`` result refers back to the iterator."""

    def __aiter__(self) -> HoldingIterator:
        return self

    def __anext__(self) -> Any:
        return _one_yield(self)


@pytest.fixture(params=["builtins", "asyncitertools"])
def either(request: pytest.FixtureRequest, ours: Impl) -> Impl:
    """Both implementations: the builtin shows that the scenario really makes a cycle."""
    return BUILTIN if request.param == "builtins" else ours


@pytest.mark.usefixtures("no_automatic_gc")
def test_a_cycle_through_the_default_is_collected(either: Impl) -> None:
    def make_cycle() -> Holder:
        holder = Holder()
        holder.awaitable = either.anext(HoldingIterator(), [holder])
        return holder

    assert_only_the_collector_frees(make_cycle)


@pytest.mark.usefixtures("no_automatic_gc")
def test_a_cycle_through_the_wrapped_awaitable_is_collected(either: Impl) -> None:
    def make_cycle() -> Holder:
        iterator = HoldingIterator()
        iterator.awaitable = either.anext(iterator, "default")
        return iterator

    assert_only_the_collector_frees(make_cycle)


@pytest.mark.usefixtures("no_automatic_gc")
def test_a_cycle_through_a_started_awaitable_is_collected(either: Impl) -> None:
    def make_cycle() -> Holder:
        iterator = HoldingIterator()
        iterator.awaitable = either.anext(iterator, "default")
        assert iterator.awaitable.send(None) == "first"
        return iterator

    assert_only_the_collector_frees(make_cycle)


class AwaitHoldsInGenerator:
    """``__await__``'s generator alone holds the holder once started (the object lets go)."""

    def __init__(self, holder: Holder) -> None:
        self.holder: Holder | None = holder

    def __await__(self) -> Iterator[Any]:
        holder, self.holder = self.holder, None
        yield "first"
        return holder


@pytest.mark.usefixtures("no_automatic_gc")
def test_a_cycle_through_the_inner_iterator_is_collected(ours: Impl) -> None:
    """Ours keeps the iterator of ``__await__`` from the first step on; the collector must see it.

    (Not differential: the builtin drops that iterator after each step, so there is no cycle.)
    """

    def make_cycle() -> Holder:
        holder = Holder()
        inner = AwaitHoldsInGenerator(holder)

        class Iterator_:
            def __aiter__(self) -> Any:
                return self

            def __anext__(self) -> Any:
                return inner

        holder.awaitable = ours.anext(Iterator_(), "default")
        assert holder.awaitable.send(None) == "first"
        assert inner.holder is None
        return holder

    assert_only_the_collector_frees(make_cycle)


@pytest.mark.usefixtures("no_automatic_gc")
def test_a_dropped_awaitable_frees_what_it_holds_at_once(either: Impl) -> None:
    """No cycle, no collector: reference counting alone frees the default and the inner."""
    default = Holder()
    iterator = HoldingIterator()
    awaitable = either.anext(iterator, default)
    awaitable.send(None)
    refs = [weakref.ref(default), weakref.ref(iterator)]
    del default, iterator, awaitable
    assert [ref() for ref in refs] == [None, None]


@pytest.mark.usefixtures("no_automatic_gc")
def test_awaitables_made_after_many_died_are_tracked_and_collectable(either: Impl) -> None:
    """However the implementation recycles dead objects, a new one is a full object."""
    for _ in range(3):
        batch = [either.anext(HoldingIterator(), "default") for _ in range(200)]
        assert all(gc.is_tracked(awaitable) for awaitable in batch)
        del batch

    def make_cycle() -> Holder:
        holder = Holder()
        holder.awaitable = either.anext(HoldingIterator(), [holder])
        return holder

    for _ in range(10):
        assert_only_the_collector_frees(make_cycle)


# --- no reference leaks -------------------------------------------------------------------------


class Item:
    pass


def _exhausted(holder: Holder | None = None) -> Iterator[Any]:
    raise StopAsyncIteration
    yield  # pragma: no cover


class Source:
    """``__anext__`` runs ``script`` as a generator-based coroutine."""

    def __init__(self, script: Callable[..., Iterator[Any]]) -> None:
        self.script = types.coroutine(script)

    def __aiter__(self) -> Source:
        return self

    def __anext__(self) -> Any:
        return self.script()


def _yields_item(item: Item) -> Callable[[], Iterator[Any]]:
    def script() -> Iterator[Any]:
        yield item
        return item

    return script


def _raising(error: BaseException) -> Callable[[], Iterator[Any]]:
    def script() -> Iterator[Any]:
        raise error
        yield  # pragma: no cover

    return script


PATHS: dict[str, Callable[[Impl, Item, Item], None]] = {}


def path(func: Callable[[Impl, Item, Item], None]) -> Callable[[Impl, Item, Item], None]:
    PATHS[func.__name__] = func
    return func


@path
def completes_with_a_value(impl: Impl, item: Item, default: Item) -> None:
    awaitable = impl.anext(Source(_yields_item(item)), default)
    assert awaitable.send(None) is item
    assert exception_of(awaitable.send, item).value is item


@path
def completes_with_the_default(impl: Impl, item: Item, default: Item) -> None:
    awaitable = impl.anext(Source(_exhausted), default)
    assert exception_of(awaitable.__next__).value is default


@path
def raises(impl: Impl, item: Item, default: Item) -> None:
    error = KeyError(item)
    awaitable = impl.anext(Source(_raising(error)), default)
    assert exception_of(awaitable.__next__) is error


@path
def throw_and_close(impl: Impl, item: Item, default: Item) -> None:
    awaitable = impl.anext(Source(_yields_item(item)), default)
    awaitable.send(None)
    error = KeyError(item)
    assert exception_of(awaitable.throw, error) is error
    awaitable.close()


@path
def thrown_stop_async_iteration(impl: Impl, item: Item, default: Item) -> None:
    awaitable = impl.anext(Source(_yields_item(item)), default)
    awaitable.send(None)
    assert exception_of(awaitable.throw, StopAsyncIteration(item)).value is default


@path
def never_stepped(impl: Impl, item: Item, default: Item) -> None:
    impl.anext(Source(_yields_item(item)), default)


@path
def one_argument(impl: Impl, item: Item, default: Item) -> None:
    inner = impl.anext(Source(_yields_item(item)))
    assert inner.send(None) is item
    inner.close()


@path
def not_an_async_iterator(impl: Impl, item: Item, default: Item) -> None:
    exception_of(impl.anext, item, default)
    exception_of(impl.aiter, item)


@path
def aiter(impl: Impl, item: Item, default: Item) -> None:
    source = Source(_exhausted)
    assert impl.aiter(source) is source


@pytest.mark.parametrize("name", PATHS)
def test_no_reference_leaks(either: Impl, name: str) -> None:
    """A reference count that grows over 100 runs is a leak: the collector cannot free it.

    (Exceptions and their tracebacks make collectable cycles; they are collected first.)
    """
    item, default = Item(), Item()
    run = PATHS[name]
    run(either, item, default)  # warm up caches
    gc.collect()
    before = sys.getrefcount(item), sys.getrefcount(default)
    for _ in range(100):
        run(either, item, default)
    gc.collect()
    assert (sys.getrefcount(item), sys.getrefcount(default)) == before


def test_the_gc_fixture_really_stops_automatic_collection(no_automatic_gc: None) -> None:
    assert not gc.isenabled()
