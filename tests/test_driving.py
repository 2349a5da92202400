"""Property: driving ``anext(it, default)`` by hand, any steps in any order, as the builtin does.

Hypothesis writes the inner awaitable's program (yield, catch what is thrown, raise, return,
react to close) and the caller's steps (``__next__``, ``send``, ``throw``, ``close``); the
outcomes of the steps and what the inner saw must be the same with the builtin and with ours.

The deliberate differences are kept out of the generated cases: defaults and sent values are
never tuples or exceptions, and the inner's ``__await__`` returns the same iterator each time.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import Impl, Raised, Returned, assert_same_as_builtin, outcome


class Boom(Exception):
    pass


EXCEPTIONS: dict[str, Callable[[], BaseException]] = {
    "Boom": lambda: Boom("boom"),
    "KeyError": lambda: KeyError("k"),
    "StopAsyncIteration": lambda: StopAsyncIteration("end"),
    "StopIteration": lambda: StopIteration("stop"),
    "GeneratorExit": GeneratorExit,
    "KeyboardInterrupt": KeyboardInterrupt,
}

values = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(["a", "b", ""]))

actions = st.one_of(
    st.tuples(st.just("yield"), values),
    st.tuples(st.just("raise"), st.sampled_from(sorted(EXCEPTIONS))),
    st.tuples(st.just("return"), st.one_of(values, st.tuples(values, values))),
)

on_close = st.sampled_from(["exit", "return", "raise StopAsyncIteration", "raise Boom", "yield"])

steps = st.lists(
    st.one_of(
        st.tuples(st.just("__next__")),
        st.tuples(st.just("send"), values),
        st.tuples(st.just("throw"), st.sampled_from(sorted(EXCEPTIONS))),
        st.tuples(st.just("close")),
    ),
    max_size=8,
)


def program_script(
    program: list[tuple[str, Any]], closing: str, log: list[Any]
) -> Callable[[], Iterator[Any]]:
    """A generator function running ``program``; Boom thrown at a yield is caught and logged."""

    def script() -> Iterator[Any]:
        for action, arg in program:
            if action == "yield":
                try:
                    log.append(("got", (yield arg)))
                except Boom as exc:
                    log.append(("caught", exc.args))
                except GeneratorExit:
                    log.append("closing")
                    if closing == "return":
                        return "returned on close"
                    if closing == "raise StopAsyncIteration":
                        raise StopAsyncIteration from None
                    if closing == "raise Boom":
                        raise Boom("on close") from None
                    if closing == "yield":
                        yield "ignoring close"
                    raise
            elif action == "raise":
                raise EXCEPTIONS[arg]()
            else:
                return arg
        raise StopAsyncIteration

    return script


class SharedIterAwaitable:
    def __init__(self, iterator: Any) -> None:
        self.iterator = iterator

    def __await__(self) -> Any:
        return self.iterator


def make_inner(kind: str, script: Callable[[], Iterator[Any]]) -> Any:
    """What ``__anext__`` returns, of the given kind, running ``script``."""
    if kind == "types.coroutine generator":
        return types.coroutine(script)()
    if kind == "async def":

        async def coroutine() -> Any:
            return await types.coroutine(script)()

        return coroutine()
    if kind == "__await__ generator":
        return SharedIterAwaitable(script())
    raise ValueError(kind)


class Iterator_:
    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make

    def __aiter__(self) -> Any:
        return self

    def __anext__(self) -> Any:
        return self.make()


def drive(impl: Impl, kind: str, program: Any, closing: str, steps: Any, default: Any) -> Any:
    log: list[Any] = []
    script = program_script(program, closing, log)
    awaitable = impl.anext(Iterator_(lambda: make_inner(kind, script)), default)
    trace = []
    for name, *args in steps:
        if name == "throw":
            args = [EXCEPTIONS[args[0]]()]
        trace.append(outcome(getattr(awaitable, name), *args))
    trace.append(outcome(awaitable.close))
    return trace, log


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # `ours` holds no state
)
@given(
    kind=st.sampled_from(["types.coroutine generator", "async def", "__await__ generator"]),
    program=st.lists(actions, max_size=5),
    closing=on_close,
    steps=steps,
    default=values,
)
def test_driving_by_hand_matches_the_builtin(ours, kind, program, closing, steps, default) -> None:
    assert_same_as_builtin(ours, lambda impl: drive(impl, kind, program, closing, steps, default))


def test_the_property_sees_completion_with_the_default(ours: Impl) -> None:
    """One case spelled out: a program that ends at once completes with the default."""
    trace, log = drive(ours, "async def", [], "exit", [("__next__",)], "d")
    assert trace == [Raised(StopIteration, ("d",)), Returned(None)]
    assert log == []
