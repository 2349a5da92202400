"""``anext(aiterator[, default])``: calls ``type(aiterator).__anext__(aiterator)`` at once.

With one argument the result is returned as it is; with a default it is wrapped in an
``anext_awaitable`` (see test_anext_awaitable.py). Differential against ``builtins.anext``,
except where CPython crashes (gh-131670), which is tested on ours alone.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import support
from support import Impl, Raised, assert_same_as_builtin, exception_of, long_named_class


async def _agen():
    yield 1


class Counting:
    """An async iterator whose ``__anext__`` counts its calls and returns ``self.result``."""

    def __init__(self, result: Any = None) -> None:
        self.result = result
        self.calls = 0

    def __aiter__(self) -> Counting:
        return self

    def __anext__(self) -> Any:
        self.calls += 1
        return self.result


# --- one argument: the result of __anext__, unchanged ---------------------------------------


@pytest.mark.parametrize("result", [42, None, "text", (1, 2), StopAsyncIteration()])
def test_anext_returns_whatever_dunder_anext_returns(ours: Impl, result: Any) -> None:
    assert_same_as_builtin(ours, lambda impl: impl.anext(Counting(result)) is result)
    assert ours.anext(Counting(result)) is result


def test_anext_returns_the_coroutine_of_an_async_def_anext_unchanged(ours: Impl) -> None:
    async def coroutine() -> int:
        return 1

    coro = coroutine()
    try:
        assert ours.anext(Counting(coro)) is coro
    finally:
        coro.close()


def test_anext_of_an_async_generator_returns_its_asend_object(ours: Impl) -> None:
    def scenario(impl: Impl) -> str:
        asend = impl.anext(_agen())
        asend.close()  # unawaited, it would warn (3.13)
        return type(asend).__name__

    assert assert_same_as_builtin(ours, scenario).value == "async_generator_asend"


def test_anext_calls_dunder_anext_eagerly_once(ours: Impl) -> None:
    def scenario(impl: Impl) -> int:
        iterator = Counting(42)
        impl.anext(iterator)
        return iterator.calls

    assert assert_same_as_builtin(ours, scenario).value == 1


def test_anext_with_default_calls_dunder_anext_eagerly_once(ours: Impl) -> None:
    def scenario(impl: Impl) -> int:
        iterator = Counting(42)
        impl.anext(iterator, "default")
        return iterator.calls

    assert assert_same_as_builtin(ours, scenario).value == 1


def test_anext_with_default_does_not_await_the_result_yet(ours: Impl) -> None:
    """``__await__`` of what ``__anext__`` returned is first called by the first step."""

    class Lazy:
        awaits = 0

        def __await__(self) -> Any:
            Lazy.awaits += 1
            return iter(())

    def scenario(impl: Impl) -> tuple[int, int]:
        Lazy.awaits = 0
        awaitable = impl.anext(Counting(Lazy()), "default")
        before = Lazy.awaits
        try:
            next(awaitable)
        except StopIteration:
            pass
        return before, Lazy.awaits

    assert assert_same_as_builtin(ours, scenario).value == (0, 1)


def test_anext_passes_the_iterator_itself_to_dunder_anext(ours: Impl) -> None:
    def scenario(impl: Impl) -> bool:
        seen = []

        class Child(Counting):
            def __anext__(self) -> Any:
                seen.append(self)
                return 1

        child = Child()
        impl.anext(child)
        return seen == [child]

    assert assert_same_as_builtin(ours, scenario).value is True


# --- __anext__ raising synchronously ----------------------------------------------------------


class RaisingAnext:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __aiter__(self) -> RaisingAnext:
        return self

    def __anext__(self) -> Any:
        raise self.error


@pytest.mark.parametrize(
    "error", [ValueError("sync"), StopAsyncIteration("sync"), KeyboardInterrupt()]
)
def test_anext_raises_what_a_plain_dunder_anext_raises(ours: Impl, error: BaseException) -> None:
    def scenario(impl: Impl) -> bool:
        return exception_of(impl.anext, RaisingAnext(error)) is error

    assert assert_same_as_builtin(ours, scenario).value is True


@pytest.mark.parametrize(
    "error", [ValueError("sync"), StopAsyncIteration("sync"), KeyboardInterrupt()]
)
def test_anext_with_default_raises_what_a_plain_dunder_anext_raises(
    ours: Impl, error: BaseException
) -> None:
    """Deliberate fix of gh-131670: CPython before 3.12.10 and 3.13.3 crash (segfault) here.

    The exception raised by ``__anext__`` comes out of ``anext()`` itself, unchanged, even when
    it is a StopAsyncIteration: there is no awaitable yet to complete with the default. This is
    what CPython does from 3.12.10 and 3.13.3 on.
    """
    assert exception_of(ours.anext, RaisingAnext(error), "default") is error
    if support.GH_131670_FIXED:  # before, the builtin crashes the interpreter
        assert_same_as_builtin(
            ours, lambda impl: exception_of(impl.anext, RaisingAnext(error), "default") is error
        )


# --- not async iterators --------------------------------------------------------------------


class OnlyAiter:
    def __aiter__(self) -> Any:
        return _agen()


@pytest.mark.parametrize(
    ("obj", "type_name"),
    [
        (1, "int"),
        (None, "NoneType"),
        ([1], "list"),
        (iter([1]), "list_iterator"),
        ((x for x in ()), "generator"),
        (itertools.count(), "itertools.count"),
        (OnlyAiter(), "OnlyAiter"),
        (_agen, "function"),
        (int, "type"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_anext_of_a_non_async_iterator_raises_type_error(
    ours: Impl, obj: object, type_name: str
) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(obj))
    assert outcome == Raised(TypeError, (f"'{type_name}' object is not an async iterator",))


def test_anext_with_default_of_a_non_async_iterator_raises_type_error(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(iter([1]), "default"))
    assert outcome == Raised(TypeError, ("'list_iterator' object is not an async iterator",))


def test_not_an_async_iterator_message_cuts_the_type_name_at_200_characters(ours: Impl) -> None:
    cls = long_named_class(300)
    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(cls(), "default"))
    assert outcome == Raised(
        TypeError, (f"'{cls.__name__[:200]}' object is not an async iterator",)
    )


def test_not_an_async_iterator_is_checked_before_anything_is_called(ours: Impl) -> None:
    def scenario(impl: Impl) -> tuple[Any, list[str]]:
        called = []

        class Noisy:
            def __aiter__(self) -> Any:
                called.append("__aiter__")
                return self

            def __getattr__(self, name: str) -> Any:
                called.append(name)
                raise AttributeError(name)

        try:
            impl.anext(Noisy())
        except TypeError as exc:
            return str(exc), called
        return None, called

    assert assert_same_as_builtin(ours, scenario).value == (
        "'Noisy' object is not an async iterator",
        [],
    )


# --- __anext__ is looked up on the type --------------------------------------------------------


def test_an_instance_attribute_dunder_anext_does_not_count(ours: Impl) -> None:
    class Plain:
        pass

    def scenario(impl: Impl) -> Any:
        obj = Plain()
        obj.__anext__ = lambda: 1
        return impl.anext(obj)

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome == Raised(TypeError, ("'Plain' object is not an async iterator",))


def test_a_dunder_anext_from_getattr_does_not_count(ours: Impl) -> None:
    class Dynamic:
        def __getattr__(self, name: str) -> Any:
            return lambda: 1

    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(Dynamic(), "default"))
    assert outcome == Raised(TypeError, ("'Dynamic' object is not an async iterator",))


class Meta(type):
    def __anext__(cls) -> Any:
        return "from the metaclass"


class WithMeta(metaclass=Meta):
    pass


def test_a_dunder_anext_on_the_metaclass_does_not_make_instances_async_iterators(
    ours: Impl,
) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(WithMeta()))
    assert outcome == Raised(TypeError, ("'WithMeta' object is not an async iterator",))


def test_a_dunder_anext_on_the_metaclass_makes_the_class_an_async_iterator(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(WithMeta))
    assert outcome.value == "from the metaclass"


class Blocked:
    __anext__ = None


def test_dunder_anext_set_to_none_is_not_callable(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(Blocked()))
    assert outcome == Raised(TypeError, ("'NoneType' object is not callable",))


def test_dunder_anext_set_to_none_is_not_callable_with_a_default_too(ours: Impl) -> None:
    """gh-131670: the error comes out of anext() itself; CPython < 3.12.10, 3.13.3 crash here."""
    outcome = Raised.of(exception_of(ours.anext, Blocked(), "default"))
    assert outcome == Raised(TypeError, ("'NoneType' object is not callable",))
    if support.GH_131670_FIXED:  # before, the builtin crashes the interpreter
        assert_same_as_builtin(ours, lambda impl: impl.anext(Blocked(), "default"))


def test_dunder_anext_added_to_the_class_later_is_seen(ours: Impl) -> None:
    class Late:
        pass

    def scenario(impl: Impl) -> list[Any]:
        seen = []
        for step in ("before", "added", "removed"):
            if step == "added":
                Late.__anext__ = lambda self: "late"
            if step == "removed":
                del Late.__anext__
            try:
                seen.append(impl.anext(Late()))
            except TypeError as exc:
                seen.append(str(exc))
        return seen

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [
        "'Late' object is not an async iterator",
        "late",
        "'Late' object is not an async iterator",
    ]


def test_a_dunder_anext_descriptor_failing_with_attribute_error(ours: Impl) -> None:
    class Failing:
        def __get__(self, obj: Any, cls: Any = None) -> Any:
            raise AttributeError("not today")

    class Iterator:
        __anext__ = Failing()

    outcome = assert_same_as_builtin(ours, lambda impl: impl.anext(Iterator()))
    assert outcome.type is AttributeError


def test_dunder_anext_as_staticmethod_and_classmethod_is_bound_like_a_slot(ours: Impl) -> None:
    class Static:
        @staticmethod
        def __anext__(*args: Any) -> Any:
            return ("static", len(args))

    class Klass:
        @classmethod
        def __anext__(cls, *args: Any) -> Any:
            return ("class", cls.__name__, len(args))

    def scenario(impl: Impl) -> tuple[Any, ...]:
        return impl.anext(Static()), impl.anext(Klass())

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == (("static", 0), ("class", "Klass", 0))
