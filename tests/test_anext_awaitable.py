"""``anext(aiterator, default)`` returns an ``anext_awaitable``; driven by hand here.

It forwards every step (``__next__``, ``send``, ``throw``, ``close``) to the inner awaitable,
the result of ``__anext__``: what the inner yields comes out, its exceptions come out
unchanged, ``StopIteration(value)`` completes with ``value``, and a ``StopAsyncIteration``
completes with the default instead.

Differential against ``builtins.anext``, except for the deliberate fixes, tested on ours alone:
the default returned unchanged even if it is a tuple or an exception (gh-128078) and the inner
awaitable's ``__await__`` called once rather than on every step.
"""

from __future__ import annotations

import gc
import pickle
import re
import subprocess
import sys
import types
import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import support
from support import (
    Impl,
    Raised,
    Recorder,
    Returned,
    assert_same_as_builtin,
    exception_of,
    outcome,
)


class Boom(Exception):
    """An exception that nothing but the tests raises."""


class Inner:
    """An async iterator whose ``__anext__`` returns ``make()``."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make

    def __aiter__(self) -> Inner:
        return self

    def __anext__(self) -> Any:
        return self.make()


def drive(awaitable: Any, steps: list[tuple[Any, ...]]) -> list[Any]:
    """Apply ``steps`` (method name, then arguments) to ``awaitable``; list what each did.

    Warnings are recorded, not raised, and listed after the outcomes.
    """
    trace: list[Any] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name, *args in steps:
            trace.append(outcome(getattr(awaitable, name), *args))
    trace.extend(("warning", w.category, str(w.message)) for w in caught)
    return trace


def scripted(script: Callable[..., Iterator[Any]], steps: list[tuple[Any, ...]], default: Any):
    """A scenario: ``anext(Recorder(script), default)`` driven through ``steps``.

    Its result is the trace of the steps and what the script recorded.
    """

    def scenario(impl: Impl) -> tuple[list[Any], list[Any], int]:
        recorder = Recorder(script)
        awaitable = impl.anext(recorder, default)
        trace = drive(awaitable, steps)
        return trace, recorder.log, recorder.anext_calls

    return scenario


def two_yields(recorder: Recorder) -> Iterator[Any]:
    """Yields "first" and "second", logging what comes back in, then returns "done"."""
    try:
        recorder.log.append(("sent", (yield "first")))
        recorder.log.append(("sent", (yield "second")))
    except BaseException as exc:
        recorder.log.append(("thrown", type(exc), exc.args))
        raise
    return "done"


def catches_boom(recorder: Recorder) -> Iterator[Any]:
    """Yields "first"; a Boom thrown in is caught and answered with "caught"; returns "done"."""
    try:
        yield "first"
    except Boom as exc:
        recorder.log.append(("caught", exc.args))
        recorder.log.append(("sent", (yield "caught")))
    return "done"


def ends_at_once(recorder: Recorder) -> Iterator[Any]:
    """An exhausted source: raises StopAsyncIteration at the first step."""
    raise StopAsyncIteration
    yield  # pragma: no cover


def ends_after_one(recorder: Recorder) -> Iterator[Any]:
    recorder.log.append(("sent", (yield "first")))
    raise StopAsyncIteration("ignored")


# --- the type ---------------------------------------------------------------------------------


def _awaitable(impl: Impl) -> Any:
    """A fresh anext_awaitable of ``impl`` over a generator-based inner (no warnings if unused)."""
    return impl.anext(Recorder(two_yields), "default")


def test_the_type_is_named_anext_awaitable(ours: Impl) -> None:
    def scenario(impl: Impl) -> tuple[str, str]:
        cls = type(_awaitable(impl))
        return cls.__name__, cls.__qualname__

    assert assert_same_as_builtin(ours, scenario).value == ("anext_awaitable", "anext_awaitable")


def test_its_repr_looks_like_the_builtins(ours: Impl) -> None:
    def scenario(impl: Impl) -> str:
        return re.sub(r"0x[0-9a-f]+", "0x...", repr(_awaitable(impl)))

    assert assert_same_as_builtin(ours, scenario).value == "<anext_awaitable object at 0x...>"


def test_the_type_has_the_same_methods_as_the_builtins(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[str]:
        cls = type(_awaitable(impl))
        return sorted(name for name in set(dir(cls)) - set(dir(object)) if name != "__module__")

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == ["__await__", "__iter__", "__next__", "close", "send", "throw"]


def test_one_argument_anext_does_not_wrap(ours: Impl) -> None:
    recorder = Recorder(two_yields)
    inner = ours.anext(recorder)
    assert type(inner).__name__ == "generator"
    inner.close()


def test_the_type_cannot_be_subclassed(ours: Impl) -> None:
    def scenario(impl: Impl) -> Any:
        return type("Sub", (type(_awaitable(impl)),), {})

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome == Raised(TypeError, ("type 'anext_awaitable' is not an acceptable base type",))


def test_the_type_cannot_be_instantiated(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: type(_awaitable(impl))())
    assert outcome == Raised(TypeError, ("cannot create 'anext_awaitable' instances",))


def test_the_type_cannot_be_instantiated_through_dunder_new(ours: Impl) -> None:
    cls = type(_awaitable(ours))
    with pytest.raises(TypeError):
        cls.__new__(cls)


def test_instances_cannot_be_pickled(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: pickle.dumps(_awaitable(impl)))
    assert outcome == Raised(TypeError, ("cannot pickle 'anext_awaitable' object",))


def test_instances_have_no_weakref_support(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: weakref.ref(_awaitable(impl)))
    assert outcome.type is TypeError


def test_instances_take_no_new_attributes(ours: Impl) -> None:
    def scenario(impl: Impl) -> None:
        _awaitable(impl).extra = 1

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.type is AttributeError


def test_instances_are_tracked_by_the_garbage_collector(ours: Impl) -> None:
    assert gc.is_tracked(_awaitable(ours))


def test_dunder_await_and_dunder_iter_return_the_awaitable_itself(ours: Impl) -> None:
    awaitable = _awaitable(ours)
    assert awaitable.__await__() is awaitable
    assert awaitable.__iter__() is awaitable
    assert iter(awaitable) is awaitable


WRONG_METHOD_CALLS: dict[str, Callable[[Any], Any]] = {
    "send()": lambda a: a.send(),
    "send(1, 2)": lambda a: a.send(1, 2),
    "send(value=1)": lambda a: a.send(value=1),
    "throw()": lambda a: a.throw(),
    "throw(1)": lambda a: a.throw(1),
    "throw(Boom, 1, None, 4)": lambda a: a.throw(Boom, 1, None, 4),
    "throw(typ=Boom)": lambda a: a.throw(typ=Boom),
    "close(1)": lambda a: a.close(1),
    "close(x=1)": lambda a: a.close(x=1),
    "__next__(1)": lambda a: a.__next__(1),
    "__await__(1)": lambda a: a.__await__(1),
    "__iter__(1)": lambda a: a.__iter__(1),
}


@pytest.mark.parametrize("call", WRONG_METHOD_CALLS)
def test_wrong_arguments_to_its_methods_raise_like_the_builtins(ours: Impl, call: str) -> None:
    """The builtin's ``throw`` and ``close`` hand their arguments on to the inner's methods."""
    outcome = assert_same_as_builtin(ours, lambda impl: WRONG_METHOD_CALLS[call](_awaitable(impl)))
    assert outcome.type is TypeError


# --- stepping: forwarding to the inner awaitable ----------------------------------------------


def test_next_returns_what_the_inner_yields_then_completes_with_its_value(ours: Impl) -> None:
    steps = [("__next__",)] * 4
    outcome = assert_same_as_builtin(ours, scripted(two_yields, steps, "default"))
    trace, log, calls = outcome.value
    assert trace == [
        Returned("first"),
        Returned("second"),
        Raised(StopIteration, ("done",)),
        Raised(StopIteration, ()),
    ]
    assert log == [("sent", None), ("sent", None)]
    assert calls == 1


def test_send_passes_values_in(ours: Impl) -> None:
    steps = [("send", None), ("send", "one"), ("send", 2)]
    outcome = assert_same_as_builtin(ours, scripted(two_yields, steps, "default"))
    trace, log, _ = outcome.value
    assert trace == [Returned("first"), Returned("second"), Raised(StopIteration, ("done",))]
    assert log == [("sent", "one"), ("sent", 2)]


def test_send_of_a_value_to_a_just_started_inner_raises_like_the_builtin(ours: Impl) -> None:
    steps = [("send", "too early"), ("send", None)]
    outcome = assert_same_as_builtin(ours, scripted(two_yields, steps, "default"))
    assert outcome.value[0][0] == Raised(
        TypeError, ("can't send non-None value to a just-started generator",)
    )


def test_send_delivers_a_tuple_as_one_value(ours: Impl) -> None:
    """Deliberately not like the builtin: its ``send`` unpacks a tuple into arguments.

    CPython's anext_awaitable forwards ``send(arg)`` with ``PyObject_CallMethod(inner, "send",
    "O", arg)``, which spreads a tuple ``arg`` over the call, so ``send((1, 2))`` calls
    ``inner.send(1, 2)`` (TypeError) and ``send(())`` calls ``inner.send()``. ``await`` never sends
    tuples this way, but a loop or a caller driving the awaitable by hand may.
    """
    recorder = Recorder(two_yields)
    awaitable = ours.anext(recorder, "default")
    assert awaitable.send(None) == "first"
    assert awaitable.send((1, 2)) == "second"
    assert exception_of(awaitable.send, ()).args == ("done",)
    assert recorder.log == [("sent", (1, 2)), ("sent", ())]


def test_stop_async_iteration_at_the_first_step_completes_with_the_default(ours: Impl) -> None:
    steps = [("__next__",), ("__next__",)]
    outcome = assert_same_as_builtin(ours, scripted(ends_at_once, steps, "default"))
    assert outcome.value[0] == [Raised(StopIteration, ("default",)), Raised(StopIteration, ())]


def test_stop_async_iteration_after_a_yield_completes_with_the_default(ours: Impl) -> None:
    steps = [("send", None), ("send", "x")]
    outcome = assert_same_as_builtin(ours, scripted(ends_after_one, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Raised(StopIteration, ("default",))]


@pytest.mark.parametrize("default", [None, 0, "", [], {"a": 1}, ValueError, Ellipsis])
def test_the_default_becomes_the_stop_iteration_value(ours: Impl, default: Any) -> None:
    """Compared with the builtin down to the exception's args (``StopIteration()`` for None)."""
    steps = [("__next__",)]
    assert_same_as_builtin(ours, scripted(ends_at_once, steps, default))
    error = exception_of(ours.anext(Recorder(ends_at_once), default).__next__)
    assert type(error) is StopIteration
    assert error.value is default


def test_a_default_of_none_is_a_default(ours: Impl) -> None:
    """None is a real default: anext(it, None) is not anext(it)."""
    awaitable = ours.anext(Recorder(ends_at_once), None)
    assert outcome(awaitable.send, None) == Raised(
        StopIteration, (None,) if support.STOP_ITERATION_KEEPS_NONE else ()
    )


def test_a_subclass_of_stop_async_iteration_completes_with_the_default(ours: Impl) -> None:
    class Exhausted(StopAsyncIteration):
        pass

    def script(recorder: Recorder) -> Iterator[Any]:
        raise Exhausted("sub")
        yield  # pragma: no cover

    outcome = assert_same_as_builtin(ours, scripted(script, [("__next__",)], "default"))
    assert outcome.value[0] == [Raised(StopIteration, ("default",))]


@pytest.mark.parametrize(
    "error",
    [Boom("inner"), KeyboardInterrupt(), SystemExit(3), GeneratorExit(), StopIteration("x")],
    ids=["Boom", "KeyboardInterrupt", "SystemExit", "GeneratorExit", "StopIteration"],
)
def test_other_exceptions_of_the_inner_pass_through_unchanged(
    ours: Impl, error: BaseException
) -> None:
    """StopIteration included: from the inner iterator itself it is completion with its value."""

    class RaisingIterator:
        def __iter__(self) -> Any:
            return self

        def __next__(self) -> Any:
            raise error

        def send(self, value: Any) -> Any:
            if value is None:
                return "first"
            raise error

    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(lambda: SharedIterAwaitable(RaisingIterator())), "d")
        return [
            outcome(awaitable.send, None),
            exception_of(awaitable.send, "x") is error,
            exception_of(awaitable.__next__) is error,
        ]

    assert assert_same_as_builtin(ours, scenario).value == [Returned("first"), True, True]


def test_stop_iteration_raised_inside_the_inner_becomes_runtime_error(ours: Impl) -> None:
    def script(recorder: Recorder) -> Iterator[Any]:
        raise StopIteration("inside")
        yield  # pragma: no cover

    outcome = assert_same_as_builtin(ours, scripted(script, [("__next__",)], "default"))
    assert outcome.value[0] == [Raised(RuntimeError, ("generator raised StopIteration",))]


# --- throw ---------------------------------------------------------------------------------


def test_throw_is_caught_by_the_inner_which_yields_again(ours: Impl) -> None:
    steps = [("send", None), ("throw", Boom("in")), ("send", "after")]
    outcome = assert_same_as_builtin(ours, scripted(catches_boom, steps, "default"))
    trace, log, _ = outcome.value
    assert trace == [Returned("first"), Returned("caught"), Raised(StopIteration, ("done",))]
    assert log == [("caught", ("in",)), ("sent", "after")]


def test_throw_not_caught_by_the_inner_comes_out_unchanged(ours: Impl) -> None:
    def scenario(impl: Impl) -> tuple[bool, list[Any]]:
        recorder = Recorder(two_yields)
        awaitable = impl.anext(recorder, "default")
        awaitable.send(None)
        error = Boom("thrown")
        return exception_of(awaitable.throw, error) is error, recorder.log

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == (True, [("thrown", Boom, ("thrown",))])


def test_throw_of_an_exception_type_instantiates_it(ours: Impl) -> None:
    steps = [("send", None), ("throw", Boom)]
    outcome = assert_same_as_builtin(ours, scripted(catches_boom, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Returned("caught")]


@pytest.mark.parametrize(
    "args",
    [(Boom, Boom("v")), (Boom, Boom("v"), None), (Boom, "v"), (Boom, ("v", 1)), (Boom, None, None)],
    ids=["type-instance", "type-instance-tb", "type-str", "type-tuple", "type-none-none"],
)
def test_throw_with_the_old_signature_forwards_it_warning_included(
    ours: Impl, args: tuple[Any, ...]
) -> None:
    """The (type, value, tb) signature warns (DeprecationWarning) from 3.12 on, like the builtin."""
    steps = [("send", None), ("throw", *args)]
    outcome = assert_same_as_builtin(ours, scripted(catches_boom, steps, "default"))
    warned = [entry for entry in outcome.value[0] if entry[0] == "warning"]
    assert (len(warned) == 1) == (sys.version_info >= (3, 12))


def test_throw_with_a_traceback_sets_it_on_the_exception(ours: Impl) -> None:
    def scenario(impl: Impl) -> bool:
        try:
            raise Boom("with tb")
        except Boom as exc:
            tb = exc.__traceback__
        awaitable = impl.anext(Recorder(two_yields), "default")
        awaitable.send(None)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            raised = exception_of(awaitable.throw, Boom, Boom("x"), tb)
        frames = []
        walk = raised.__traceback__
        while walk is not None:
            frames.append(walk)
            walk = walk.tb_next
        return tb in frames

    assert assert_same_as_builtin(ours, scenario).value is True


def test_throw_into_a_fresh_awaitable_reaches_the_inner_before_it_starts(ours: Impl) -> None:
    steps = [("throw", Boom("early")), ("send", None)]
    outcome = assert_same_as_builtin(ours, scripted(catches_boom, steps, "default"))
    trace, log, _ = outcome.value
    assert trace == [Raised(Boom, ("early",)), Raised(StopIteration, ())]
    assert log == []


def test_throw_of_stop_async_iteration_completes_with_the_default(ours: Impl) -> None:
    steps = [("send", None), ("throw", StopAsyncIteration("thrown"))]
    outcome = assert_same_as_builtin(ours, scripted(two_yields, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Raised(StopIteration, ("default",))]


def test_throw_answered_with_stop_async_iteration_completes_with_the_default(ours: Impl) -> None:
    def script(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except Boom:
            raise StopAsyncIteration from None
        return "done"  # pragma: no cover

    steps = [("send", None), ("throw", Boom())]
    outcome = assert_same_as_builtin(ours, scripted(script, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Raised(StopIteration, ("default",))]


def test_throw_answered_by_returning_completes_with_the_value(ours: Impl) -> None:
    def script(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except Boom:
            return "returned"
        return "done"  # pragma: no cover

    steps = [("send", None), ("throw", Boom())]
    outcome = assert_same_as_builtin(ours, scripted(script, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Raised(StopIteration, ("returned",))]


# --- close ---------------------------------------------------------------------------------


def test_close_closes_the_inner(ours: Impl) -> None:
    steps = [("send", None), ("close",), ("send", None)]
    outcome = assert_same_as_builtin(ours, scripted(two_yields, steps, "default"))
    trace, log, _ = outcome.value
    assert trace == [Returned("first"), Returned(None), Raised(StopIteration, ())]
    assert log == [("thrown", GeneratorExit, ())]


def test_close_of_a_fresh_awaitable(ours: Impl) -> None:
    steps = [("close",), ("close",), ("__next__",)]
    outcome = assert_same_as_builtin(ours, scripted(two_yields, steps, "default"))
    assert outcome.value[0] == [Returned(None), Returned(None), Raised(StopIteration, ())]


def test_close_answered_with_stop_async_iteration_completes_with_the_default(ours: Impl) -> None:
    def script(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except GeneratorExit:
            raise StopAsyncIteration from None

    steps = [("send", None), ("close",)]
    outcome = assert_same_as_builtin(ours, scripted(script, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Raised(StopIteration, ("default",))]


def test_close_answered_with_a_yield_is_a_runtime_error(ours: Impl) -> None:
    def script(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except GeneratorExit:
            yield "ignoring it"

    steps = [("send", None), ("close",)]
    outcome = assert_same_as_builtin(ours, scripted(script, steps, "default"))
    assert outcome.value[0] == [
        Returned("first"),
        Raised(RuntimeError, ("generator ignored GeneratorExit",)),
    ]


def test_close_answered_with_another_exception_raises_it(ours: Impl) -> None:
    def script(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except GeneratorExit:
            raise Boom("while closing") from None

    steps = [("send", None), ("close",)]
    outcome = assert_same_as_builtin(ours, scripted(script, steps, "default"))
    assert outcome.value[0] == [Returned("first"), Raised(Boom, ("while closing",))]


# --- inner awaitables of other kinds ----------------------------------------------------------


async def _async_def(value: Any) -> Any:
    return value


@types.coroutine
def _yield_value(value: Any) -> Iterator[Any]:
    return (yield value)


async def _awaits_a_yield() -> Any:
    try:
        return ("sent", await _yield_value("out"))
    except Boom as exc:
        return ("caught", exc.args)


@pytest.mark.parametrize(
    "steps",
    [[("send", None), ("send", 5)], [("__next__",), ("throw", Boom("in"))], [("send", None)]],
    ids=["send", "throw", "close"],
)
def test_an_async_def_inner_that_suspends(ours: Impl, steps: list[Any]) -> None:
    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(_awaits_a_yield), "default")
        return drive(awaitable, [*steps, ("close",), ("__next__",)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value[0] == Returned("out")


def test_an_unstarted_async_def_inner_warns_never_awaited_when_dropped(ours: Impl) -> None:
    """Dropping the awaitable drops the coroutine unawaited, and Python says so, as with the
    builtin (the coroutine is not closed behind the caller's back)."""

    async def never_awaited() -> Any:
        return 1

    def scenario(impl: Impl) -> list[Any]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            impl.anext(Inner(never_awaited), "default")
            gc.collect()
        return [(w.category, str(w.message)) for w in caught]

    outcome = assert_same_as_builtin(ours, scenario)
    assert [category for category, _ in outcome.value] == [RuntimeWarning]


def test_an_async_def_inner_completes_and_then_cannot_be_reused(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(lambda: _async_def("value")), "default")
        return drive(awaitable, [("send", None), ("send", None), ("__next__",), ("close",)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value[:2] == [
        Raised(StopIteration, ("value",)),
        Raised(RuntimeError, ("cannot reuse already awaited coroutine",)),
    ]


def test_an_async_def_inner_raising_stop_async_iteration_gives_the_default(ours: Impl) -> None:
    async def exhausted() -> Any:
        raise StopAsyncIteration

    def scenario(impl: Impl) -> list[Any]:
        return drive(impl.anext(Inner(exhausted), "default"), [("__next__",), ("close",)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [Raised(StopIteration, ("default",)), Returned(None)]


def test_an_async_def_inner_raising_stop_iteration_is_a_runtime_error(ours: Impl) -> None:
    async def broken() -> Any:
        raise StopIteration("inside")

    def scenario(impl: Impl) -> list[Any]:
        return drive(impl.anext(Inner(broken), "default"), [("__next__",)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [Raised(RuntimeError, ("coroutine raised StopIteration",))]


def test_an_async_def_inner_closed_before_it_starts(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(lambda: _async_def("value")), "default")
        return drive(awaitable, [("close",), ("send", None)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [
        Returned(None),
        Raised(RuntimeError, ("cannot reuse already awaited coroutine",)),
    ]


async def _two_items():
    yield "first"
    yield "second"


def test_an_async_generator_inner_cannot_be_awaited_twice(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        agen = _two_items()
        awaitable = impl.anext(agen, "default")
        trace = drive(awaitable, [("send", None), ("send", None)])
        trace.append(outcome(impl.anext(agen, "default").send, None))
        return trace

    outcome_ = assert_same_as_builtin(ours, scenario)
    assert outcome_.value == [
        Raised(StopIteration, ("first",)),
        Raised(RuntimeError, ("cannot reuse already awaited __anext__()/asend()",)),
        Raised(StopIteration, ("second",)),
    ]


def test_an_async_generator_inner_throw_and_close(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        agen = _two_items()
        trace = drive(impl.anext(agen, "default"), [("throw", Boom("in"))])
        trace += drive(impl.anext(agen, "default"), [("send", None), ("close",)])
        return trace

    outcome_ = assert_same_as_builtin(ours, scenario)
    assert outcome_.value == [
        Raised(Boom, ("in",)),
        Raised(StopIteration, ("default",)),
        Returned(None),
    ]


class SharedIterAwaitable:
    """An awaitable whose ``__await__`` returns the same iterator every time.

    So calling ``__await__`` once or on every step makes no difference, and the builtin can be
    compared with ours even though it calls ``__await__`` on every step.
    """

    def __init__(self, iterator: Any) -> None:
        self.iterator = iterator

    def __await__(self) -> Any:
        return self.iterator


class NextOnly:
    """An iterator with ``__next__`` only: no ``send``, ``throw`` or ``close``."""

    def __init__(self) -> None:
        self.items = ["first", "second"]

    def __iter__(self) -> NextOnly:
        return self

    def __next__(self) -> Any:
        if not self.items:
            raise StopIteration("done")
        return self.items.pop(0)


@pytest.mark.parametrize(
    "steps",
    [
        [("__next__",), ("__next__",), ("__next__",)],
        [("send", None)],
        [("__next__",), ("throw", Boom())],
        [("close",), ("__next__",)],
    ],
    ids=["next", "send", "throw", "close"],
)
def test_an_inner_iterator_without_send_throw_close(ours: Impl, steps: list[Any]) -> None:
    """``__next__`` is forwarded to ``__next__``; the others need the inner's own methods."""

    def scenario(impl: Impl) -> list[Any]:
        return drive(impl.anext(Inner(lambda: SharedIterAwaitable(NextOnly())), "d"), steps)

    assert_same_as_builtin(ours, scenario)


def test_an_inner_iterator_raising_stop_async_iteration_gives_the_default(ours: Impl) -> None:
    class Exhausted:
        def __iter__(self) -> Any:
            return self

        def __next__(self) -> Any:
            raise StopAsyncIteration

    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(lambda: SharedIterAwaitable(Exhausted())), "default")
        return drive(awaitable, [("__next__",)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [Raised(StopIteration, ("default",))]


def test_an_anext_awaitable_as_the_inner(ours: Impl) -> None:
    """Nesting: the inner anext_awaitable completes with its own default first."""

    def scenario(impl: Impl) -> list[Any]:
        inner = impl.anext(Recorder(ends_after_one), "inner default")
        outer = impl.anext(Inner(lambda: inner), "outer default")
        return drive(outer, [("send", None), ("send", None)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [Returned("first"), Raised(StopIteration, ("inner default",))]


def test_yield_from_the_awaitable_in_a_generator_based_coroutine(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        @types.coroutine
        def consumer() -> Iterator[Any]:
            first = yield from impl.anext(Recorder(two_yields), "d")
            second = yield from impl.anext(Recorder(ends_at_once), "d")
            return first, second

        return drive(consumer(), [("send", None), ("send", 1), ("send", 2)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [
        Returned("first"),
        Returned("second"),
        Raised(StopIteration, (("done", "d"),)),
    ]


# --- inner results that are not awaitable -------------------------------------------------------


class AwaitReturns:
    """``__await__`` returns ``self.result()``."""

    def __init__(self, result: Callable[[], Any]) -> None:
        self.result = result

    def __await__(self) -> Any:
        return self.result()


class AwaitRaises:
    def __await__(self) -> Any:
        raise Boom("from __await__")


class AwaitIsNone:
    __await__ = None


class InstanceAwait:
    def __init__(self) -> None:
        self.__await__ = lambda: iter(())


@types.coroutine
def _generator_based() -> Iterator[Any]:
    yield "never"


def _plain_generator() -> Iterator[Any]:
    yield "never"


NOT_AWAITABLE = {
    "int": lambda: 42,
    "None": lambda: None,
    "plain generator": _plain_generator,
    "iterator": lambda: iter("abc"),
    "__await__ returns int": lambda: AwaitReturns(lambda: 42),
    "__await__ returns a coroutine": lambda: AwaitReturns(_generator_based),
    "__await__ raises": AwaitRaises,
    "__await__ is None": AwaitIsNone,
    "__await__ on the instance": InstanceAwait,
}


@pytest.mark.parametrize("kind", NOT_AWAITABLE)
@pytest.mark.parametrize("method", ["__next__", "send", "throw", "close"])
def test_a_non_awaitable_inner_fails_at_the_first_step(ours: Impl, kind: str, method: str) -> None:
    args = {"__next__": (), "send": (None,), "throw": (Boom(),), "close": ()}[method]

    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(NOT_AWAITABLE[kind]), "default")
        return drive(awaitable, [(method, *args)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value[0].type in (TypeError, Boom)


def test_the_int_inner_message(ours: Impl) -> None:
    awaitable = ours.anext(Inner(lambda: 42), "default")
    assert outcome(awaitable.__next__) == Raised(TypeError, (support.cannot_await("int"),))


def test_a_non_awaitable_inner_fails_on_every_step(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(lambda: AwaitReturns(lambda: 42)), "default")
        return drive(awaitable, [("__next__",), ("send", None), ("close",)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert all(entry.type is TypeError for entry in outcome.value)


# --- the deliberate fixes ----------------------------------------------------------------------

UNUSUAL_DEFAULTS = {
    "tuple": (1, 2),
    "empty tuple": (),
    "nested tuple": ((1, 2),),
    "one-tuple": ("x",),
    "exception instance": ValueError("a value, not an error"),
    "StopIteration instance": StopIteration("stop"),
    "StopAsyncIteration instance": StopAsyncIteration("stop"),
}


@pytest.mark.parametrize("name", UNUSUAL_DEFAULTS)
@pytest.mark.parametrize("script", [ends_at_once, ends_after_one], ids=["at-once", "after-one"])
def test_a_tuple_or_exception_default_is_returned_unchanged(
    ours: Impl, name: str, script: Callable[..., Any]
) -> None:
    """Deliberate fix of gh-128078: CPython before 3.12.9 and 3.13.2 raise SystemError here.

    ``StopIteration.value`` is the default object itself: not unpacked, not raised.
    """
    default = UNUSUAL_DEFAULTS[name]

    def completion(impl: Impl) -> tuple[type, bool, tuple[Any, ...]]:
        awaitable = impl.anext(Recorder(script), default)
        error = exception_of(lambda: [awaitable.send(None) for _ in range(3)])
        return (
            type(error),
            error.value is default if type(error) is StopIteration else False,
            error.args,
        )

    assert completion(ours) == (StopIteration, True, (default,))
    if support.GH_128078_FIXED:  # the builtin does the same since
        assert_same_as_builtin(ours, completion)


@pytest.mark.parametrize("name", UNUSUAL_DEFAULTS)
def test_a_tuple_or_exception_default_via_throw_and_close(ours: Impl, name: str) -> None:
    """gh-128078 again, on the throw() and close() paths."""
    default = UNUSUAL_DEFAULTS[name]

    thrown = ours.anext(Recorder(two_yields), default)
    thrown.send(None)
    assert exception_of(thrown.throw, StopAsyncIteration()).value is default

    def answers_close(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except GeneratorExit:
            raise StopAsyncIteration from None

    closed = ours.anext(Recorder(answers_close), default)
    closed.send(None)
    assert exception_of(closed.close).value is default


class AwaitTwoYields:
    """An awaitable whose ``__await__`` generator yields twice, then returns; counts calls."""

    def __init__(self) -> None:
        self.awaits = 0
        self.sent: list[Any] = []

    def __await__(self) -> Iterator[Any]:
        self.awaits += 1
        self.sent.append((yield "first"))
        self.sent.append((yield "second"))
        return "value"


def test_the_inner_dunder_await_is_called_once_by_hand(ours: Impl) -> None:
    """Deliberate fix: CPython calls ``__await__`` again on every step, restarting the
    generator, so this awaitable would yield "first" forever with the builtin.
    """
    inner = AwaitTwoYields()
    awaitable = ours.anext(Inner(lambda: inner), "default")
    assert inner.awaits == 0
    assert awaitable.send(None) == "first"
    assert awaitable.send("a") == "second"
    assert exception_of(awaitable.send, "b").args == ("value",)
    assert inner.awaits == 1
    assert inner.sent == ["a", "b"]


def test_the_inner_dunder_await_is_called_once_by_throw_and_close(ours: Impl) -> None:
    inner = AwaitTwoYields()
    awaitable = ours.anext(Inner(lambda: inner), "default")
    assert awaitable.send(None) == "first"
    assert outcome(awaitable.throw, Boom("x")) == Raised(Boom, ("x",))
    assert awaitable.close() is None
    assert inner.awaits == 1


# --- warnings --------------------------------------------------------------------------------


def test_no_warning_is_emitted_where_the_builtin_emits_none(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        trace = drive(impl.anext(Recorder(two_yields), "d"), [("send", None), ("throw", Boom)])
        trace += drive(impl.anext(Recorder(catches_boom), "d"), [("send", None), ("close",)])
        return trace

    outcome = assert_same_as_builtin(ours, scenario)
    assert not [entry for entry in outcome.value if entry[0] == "warning"]


# --- re-entry: a step that steps the same awaitable ----------------------------------------------


def _reentering(kind: str) -> Callable[[Impl], list[Any]]:
    """A scenario: the inner, while running a step, calls send, throw and close on the very
    awaitable that is running it. What each call raised is yielded back out."""

    def scenario(impl: Impl) -> list[Any]:
        box: list[Any] = []

        def attempts() -> Iterator[Any]:
            for name, args in (("send", (None,)), ("throw", (Boom(),)), ("close", ())):
                try:
                    getattr(box[0], name)(*args)
                except Exception as exc:
                    yield (name, type(exc), exc.args)
            return "done"

        if kind == "generator":
            inner = Inner(types.coroutine(attempts))
        else:

            async def coroutine() -> Any:
                for attempt in attempts():
                    await _yield_value(attempt)
                return "done"

            inner = Inner(coroutine)
        box.append(impl.anext(inner, "default"))
        return drive(box[0], [("send", None)] * 4)

    return scenario


@pytest.mark.parametrize("kind", ["generator", "coroutine"])
def test_stepping_the_awaitable_from_inside_its_own_step(ours: Impl, kind: str) -> None:
    """The inner is running, so it refuses, in its own words ("generator already executing")."""
    outcome = assert_same_as_builtin(ours, _reentering(kind))
    assert [entry.value[:2] for entry in outcome.value[:3]] == [
        ("send", ValueError),
        ("throw", ValueError),
        ("close", ValueError),
    ]


def test_a_reentrant_inner_iterator_may_be_stepped_from_inside_its_step(ours: Impl) -> None:
    """The builtin adds no guard of its own: an inner that allows re-entry gets it."""

    class Reentrant:
        def __init__(self) -> None:
            self.depth = 0
            self.awaitable: Any = None

        def __iter__(self) -> Any:
            return self

        def __next__(self) -> Any:
            return self.send(None)

        def send(self, value: Any) -> Any:
            self.depth += 1
            if self.depth < 3:
                return ("outer", self.awaitable.send(value))
            return ("innermost", self.depth)

    def scenario(impl: Impl) -> list[Any]:
        iterator = Reentrant()
        iterator.awaitable = impl.anext(Inner(lambda: SharedIterAwaitable(iterator)), "d")
        return drive(iterator.awaitable, [("send", None)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [Returned(("outer", ("outer", ("innermost", 3))))]


# --- more of the inner's behaviour, passed through ---------------------------------------------


def test_close_returns_what_the_inners_close_returns(ours: Impl) -> None:
    """From 3.13 on, a generator returning on GeneratorExit gives close() that value."""

    def script(recorder: Recorder) -> Iterator[Any]:
        try:
            yield "first"
        except GeneratorExit:
            return "returned on close"

    outcome = assert_same_as_builtin(ours, scripted(script, [("send", None), ("close",)], "d"))
    on_close = "returned on close" if sys.version_info >= (3, 13) else None
    assert outcome.value[0] == [Returned("first"), Returned(on_close)]


def test_throw_with_the_old_signature_into_an_async_def_inner(ours: Impl) -> None:
    def scenario(impl: Impl) -> list[Any]:
        awaitable = impl.anext(Inner(_awaits_a_yield), "default")
        return drive(awaitable, [("send", None), ("throw", Boom, Boom("old"), None)])

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value[1] == Raised(StopIteration, (("caught", ("old",)),))
    assert len(outcome.value) == (3 if sys.version_info >= (3, 12) else 2)


def test_await_errors_cut_type_names_at_100_characters(ours: Impl) -> None:
    long_cls = type("L" * 300, (), {})

    def scenario(impl: Impl) -> list[Any]:
        not_awaitable = impl.anext(Inner(long_cls), "default")
        bad_await = impl.anext(Inner(lambda: AwaitReturns(long_cls)), "default")
        return [outcome(not_awaitable.send, None), outcome(bad_await.send, None)]

    outcome_ = assert_same_as_builtin(ours, scenario)
    assert outcome_.value == [
        Raised(TypeError, (support.cannot_await(long_cls.__name__),)),
        Raised(TypeError, (support.await_returned_non_iterator(AwaitReturns, long_cls),)),
    ]


# --- what the rest of Python takes it for ---------------------------------------------------------


def test_it_is_classified_like_the_builtins(ours: Impl) -> None:
    import asyncio
    import collections.abc
    import inspect

    def scenario(impl: Impl) -> dict[str, bool]:
        awaitable = _awaitable(impl)
        return {
            "inspect.isawaitable": inspect.isawaitable(awaitable),
            "inspect.iscoroutine": inspect.iscoroutine(awaitable),
            "inspect.isgenerator": inspect.isgenerator(awaitable),
            "asyncio.iscoroutine": asyncio.iscoroutine(awaitable),
            "abc.Awaitable": isinstance(awaitable, collections.abc.Awaitable),
            "abc.Coroutine": isinstance(awaitable, collections.abc.Coroutine),
            "abc.Iterator": isinstance(awaitable, collections.abc.Iterator),
            "abc.Generator": isinstance(awaitable, collections.abc.Generator),
            "abc.AsyncIterator": isinstance(awaitable, collections.abc.AsyncIterator),
        }

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value["abc.Coroutine"] is True


def test_the_type_is_immutable(ours: Impl) -> None:
    def scenario(impl: Impl) -> None:
        type(_awaitable(impl)).extra = 1

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.type is TypeError


def test_stepping_the_awaitable_from_inside_the_inners_dunder_await(ours: Impl) -> None:
    """Re-entry on the very first step, before the inner iterator is known."""

    def scenario(impl: Impl) -> list[Any]:
        box: list[Any] = []
        seen: list[Any] = []

        class ReentersOnce:
            def __init__(self) -> None:
                self.iterator = iter(["first", "second", "third"])
                self.awaits = 0

            def __await__(self) -> Any:
                self.awaits += 1
                if self.awaits == 1:
                    seen.append(outcome(box[0].send, None))
                return self.iterator

        box.append(impl.anext(Inner(ReentersOnce), "default"))
        trace = drive(box[0], [("__next__",), ("__next__",), ("__next__",)])
        return [*seen, *trace]

    outcome_ = assert_same_as_builtin(ours, scenario)
    assert outcome_.value[:3] == [
        Raised(AttributeError, ("'list_iterator' object has no attribute 'send'",)),
        Returned("first"),
        Returned("second"),
    ]


def test_a_garbage_collection_and_lost_references_during_a_step(ours: Impl) -> None:
    """The inner drops the only other reference to the awaitable and collects, mid-step; the
    awaitable dies when the step returns, with its inner suspended."""

    def scenario(impl: Impl) -> list[Any]:
        holder = Holder()
        log: list[str] = []

        def script(recorder: Recorder) -> Iterator[Any]:
            del holder.awaitable
            gc.collect()
            try:
                yield "first"
            finally:
                log.append("inner closed")

        holder.awaitable = impl.anext(Recorder(script), "default")
        first = holder.awaitable.send(None)
        gc.collect()
        return [first, log]

    outcome_ = assert_same_as_builtin(ours, scenario)
    assert outcome_.value == ["first", ["inner closed"]]


class Holder:
    awaitable: Any = None


DEEP_CHAIN = """
import asyncitertools

class Forever:
    def __aiter__(self):
        return self

    def __anext__(self):
        return self

    def __await__(self):
        return iter(())

it = Forever()
chain = None
for _ in range(1_000_000):
    chain = asyncitertools.anext(it, chain)
del chain
print("freed")
"""


def test_a_million_awaitables_nested_through_their_defaults_are_freed_without_a_crash() -> None:
    """Freeing a long chain recurses once per link; CPython's anext_awaitable (3.10-3.13)
    overflows the C stack there and segfaults. Ours defers deep deallocations (a trashcan).
    Run in a child interpreter so that a crash fails this test instead of the whole run."""
    done = subprocess.run(
        [sys.executable, "-c", DEEP_CHAIN], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "freed\n", "")


class Forever:
    """An async iterator whose `__anext__` is itself, awaitable with no suspension; `on_del`
    runs when it is freed (it is the wrapped object of the awaitable made from it)."""

    def __init__(self, on_del: Callable[[], None] = lambda: None) -> None:
        self.on_del = on_del

    def __aiter__(self) -> Forever:
        return self

    def __anext__(self) -> Forever:
        return self

    def __await__(self) -> Iterator[Any]:
        return iter(())

    def __del__(self) -> None:
        self.on_del()


def test_deallocations_interleaved_across_threads_leave_nothing_pending(ours: Impl) -> None:
    """The deferred deallocation counts its depth per thread, as CPython's trashcan does.

    Forced interleaving: thread A is inside a deallocation (depth 1) when a `__del__` releases
    the GIL; thread B starts a deallocation then and blocks inside it; A finishes; B finishes.
    With one depth counter shared by all threads, B would restore A's depth (1) last and no
    later deallocation would ever be outermost again: the queue of deferred ones would never
    be finished. Then a chain far deeper than the deferral limit is freed: all of it must be.
    """
    import threading

    a_inside, b_inside, a_done = threading.Event(), threading.Event(), threading.Event()

    def a_del() -> None:
        a_inside.set()
        assert b_inside.wait(10)

    def b_del() -> None:
        b_inside.set()
        assert a_done.wait(10)

    def in_thread_a() -> None:
        awaitable = ours.anext(Forever(a_del), None)
        del awaitable
        a_done.set()

    def in_thread_b() -> None:
        assert a_inside.wait(10)
        awaitable = ours.anext(Forever(b_del), None)
        del awaitable

    threads = [threading.Thread(target=in_thread_a), threading.Thread(target=in_thread_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    freed = []
    chain: Any = None
    for _ in range(2000):
        chain = ours.anext(Forever(lambda: freed.append(1)), chain)
    del chain
    assert len(freed) == 2000


def test_deep_chains_freed_by_several_threads_at_once_are_freed_entirely(ours: Impl) -> None:
    """While threads free chains far deeper than the deferral limit, `__del__`s inside them
    release the GIL and the threads interleave; every object of every chain is freed."""
    import threading
    import time

    freed = []

    def on_del(releases_the_gil: bool) -> Callable[[], None]:
        def record() -> None:
            if releases_the_gil:
                time.sleep(0.0001)
            freed.append(1)

        return record

    threads_count, links = 4, 5000

    def build_and_free() -> None:
        chain: Any = None
        for link in range(links):
            chain = ours.anext(Forever(on_del(link % 50 == 0)), chain)
        del chain

    threads = [threading.Thread(target=build_and_free) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(freed) == threads_count * links
