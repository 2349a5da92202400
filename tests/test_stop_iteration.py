"""The ``StopIteration`` that completes a step, seen from Python.

On CPython 3.12+ the interpreter resumes our outermost awaitable through ``__next__``, so each
completed step raises a ``StopIteration``. Each completion carries its own value and
arguments, an exception someone kept is never changed, and nothing keeps the value alive once
the exception is dropped (a reused instance did: it kept the last item of every iterator).
"""

from __future__ import annotations

import gc
import sys
import weakref
from typing import Any

import pytest

import asyncitertools as a

import support


def completion(awaitable: Any) -> StopIteration:
    try:
        awaitable.__next__()
    except StopIteration as stop:
        return stop
    raise AssertionError("the step did not complete at once")


@pytest.mark.parametrize("value", [0, None, (1,), (), ValueError("v"), "text", [1, 2]])
def test_each_completion_carries_its_value_and_arguments(value: Any) -> None:
    """As an async generator's ``__anext__()`` delivers an item: for None, a bare
    ``StopIteration()`` before 3.12.9/3.13.2 and ``StopIteration(None)`` since."""

    async def generator() -> Any:
        yield value

    bare = value is None and not support.STOP_ITERATION_KEEPS_NONE
    expected_args = () if bare else (value,)
    agen = generator()
    assert completion(agen.__anext__()).args == expected_args  # CPython's own
    with pytest.raises(StopAsyncIteration):  # and it is done
        agen.__anext__().__next__()
    it = a.iter([value, value])
    for _ in range(2):
        stop = completion(it.__anext__())
        assert stop.value is value
        assert stop.args == expected_args
        assert stop.__cause__ is None and stop.__context__ is None


def test_a_kept_completion_is_never_changed_by_later_ones() -> None:
    it = a.enumerate("abcdef")
    kept = [completion(it.__anext__()) for _ in range(6)]
    assert [stop.value for stop in kept] == list(enumerate("abcdef"))
    assert [stop.args for stop in kept] == [(pair,) for pair in enumerate("abcdef")]


def test_a_released_completion_leaves_no_traceback_context_or_notes_behind() -> None:
    it = a.iter(range(4))
    first = completion(it.__anext__())
    first.__context__ = KeyError("k")
    first.__cause__ = KeyError("c")
    if sys.version_info >= (3, 11):
        first.add_note("a note")
    first_id = id(first)
    del first
    second = completion(it.__anext__())
    assert second.value == 1 and second.args == (1,)
    assert second.__context__ is None and second.__cause__ is None
    assert getattr(second, "__notes__", None) is None
    del first_id


def test_an_exception_object_value_is_the_value_not_the_exception() -> None:
    error = KeyError("not raised")
    it = a.iter([error])
    stop = completion(it.__anext__())
    assert type(stop) is StopIteration
    assert stop.value is error


class Item:
    pass


def test_nothing_keeps_a_completed_value_alive() -> None:
    item = Item()
    alive = weakref.ref(item)
    it = a.iter([item])
    del item
    stop = completion(it.__anext__())
    assert stop.value is alive()
    del stop, it
    assert alive() is None


def test_a_cycle_through_the_last_value_is_collected() -> None:
    item = Item()
    item.self = item  # type: ignore[attr-defined]
    alive = weakref.ref(item)
    it = a.enumerate([item])
    del item
    completion(it.__anext__())
    del it
    gc.collect()
    assert alive() is None
