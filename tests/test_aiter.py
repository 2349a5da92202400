"""``aiter(async_iterable)``: ``type(async_iterable).__aiter__(async_iterable)``, checked.

Every behaviour is differential: the same scenario runs with ``builtins.aiter`` and with ours.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import support
from support import Impl, Raised, assert_same_as_builtin, long_named_class


class AsyncIterator:
    """A minimal async iterator (never iterated here)."""

    def __aiter__(self) -> AsyncIterator:
        return self

    async def __anext__(self) -> Any:
        raise StopAsyncIteration


async def _agen():
    yield 1


# --- what aiter returns ---------------------------------------------------------------------


def test_aiter_of_an_async_generator_is_the_generator_itself(ours: Impl) -> None:
    agen = _agen()
    assert_same_as_builtin(ours, lambda impl: impl.aiter(agen) is agen)
    assert ours.aiter(agen) is agen


def test_aiter_of_an_async_iterator_is_the_iterator_itself(ours: Impl) -> None:
    iterator = AsyncIterator()
    assert ours.aiter(iterator) is iterator


def test_aiter_returns_exactly_what_dunder_aiter_returns_and_calls_it_once(ours: Impl) -> None:
    def scenario(impl: Impl) -> tuple[bool, list[Any]]:
        result = AsyncIterator()
        calls = []

        class Iterable:
            def __aiter__(self) -> AsyncIterator:
                calls.append(self)
                return result

        iterable = Iterable()
        return impl.aiter(iterable) is result, [c is iterable for c in calls]

    assert assert_same_as_builtin(ours, scenario).value == (True, [True])


def test_aiter_accepts_an_async_generator_method_as_dunder_aiter(ours: Impl) -> None:
    class Iterable:
        async def __aiter__(self):
            yield 1

    def scenario(impl: Impl) -> str:
        return type(impl.aiter(Iterable())).__name__

    assert assert_same_as_builtin(ours, scenario).value == "async_generator"


def test_aiter_accepts_an_iterator_whose_anext_is_none(ours: Impl) -> None:
    """Only the presence of the ``__anext__`` slot is checked, not what it does."""

    class NoneAnext:
        __anext__ = None

    result = NoneAnext()

    class Iterable:
        def __aiter__(self) -> NoneAnext:
            return result

    assert_same_as_builtin(ours, lambda impl: impl.aiter(Iterable()) is result)


def test_an_exception_from_dunder_aiter_propagates_unchanged(ours: Impl) -> None:
    error = ValueError("from __aiter__")

    class Iterable:
        def __aiter__(self) -> Any:
            raise error

    def scenario(impl: Impl) -> bool:
        try:
            impl.aiter(Iterable())
        except ValueError as exc:
            return exc is error
        return False

    assert assert_same_as_builtin(ours, scenario).value is True


# --- not async iterables --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("obj", "type_name"),
    [
        (1, "int"),
        (None, "NoneType"),
        ("text", "str"),
        ([1, 2], "list"),
        (iter([1, 2]), "list_iterator"),
        ((x for x in ()), "generator"),
        (itertools.count(), "itertools.count"),
        (int, "type"),
        (_agen, "function"),
        (AsyncIterator, "type"),
        (object(), "object"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_aiter_of_a_non_async_iterable_raises_type_error(
    ours: Impl, obj: object, type_name: str
) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(obj))
    assert outcome == Raised(TypeError, (f"'{type_name}' object is not an async iterable",))


def test_not_an_async_iterable_message_cuts_the_type_name_at_200_characters(ours: Impl) -> None:
    cls = long_named_class(300)
    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(cls()))
    assert outcome == Raised(
        TypeError, (f"'{cls.__name__[:200]}' object is not an async iterable",)
    )


# --- dunder aiter returning something that is not an async iterator ---------------------------


class Sync:
    """A synchronous iterable and iterator, not an async one."""

    def __iter__(self) -> Sync:
        return self

    def __next__(self) -> Any:
        raise StopIteration


class OnlyAiter:
    """An async iterable that is not an async iterator."""

    def __aiter__(self) -> AsyncIterator:
        return AsyncIterator()


@pytest.mark.parametrize(
    ("make_result", "type_name"),
    [
        (lambda: iter([]), "list_iterator"),
        (lambda: 42, "int"),
        (lambda: None, "NoneType"),
        (lambda: Sync(), "Sync"),
        (lambda: OnlyAiter(), "OnlyAiter"),
        (lambda: (x for x in ()), "generator"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_aiter_rejects_a_result_that_is_not_an_async_iterator(
    ours: Impl, make_result: Any, type_name: str
) -> None:
    class Iterable:
        def __aiter__(self) -> Any:
            return make_result()

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Iterable()))
    returned = type(make_result())
    assert returned.__name__ == type_name
    message = support.aiter_returned_non_async_iterator(Iterable, returned)
    assert outcome == Raised(TypeError, (message,))


def test_aiter_rejects_a_result_whose_anext_is_only_an_instance_attribute(ours: Impl) -> None:
    class Iterable:
        def __aiter__(self) -> Any:
            result = Sync()
            result.__anext__ = AsyncIterator().__anext__
            return result

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Iterable()))
    assert outcome.type is TypeError


def test_returned_not_an_async_iterator_message_cuts_the_type_name_at_100_characters(
    ours: Impl,
) -> None:
    cls = long_named_class(300)

    class Iterable:
        def __aiter__(self) -> Any:
            return cls()

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Iterable()))
    assert outcome == Raised(TypeError, (support.aiter_returned_non_async_iterator(Iterable, cls),))


# --- __aiter__ is looked up on the type, like every special method --------------------------


def test_an_instance_attribute_dunder_aiter_does_not_count(ours: Impl) -> None:
    class Plain:
        pass

    def scenario(impl: Impl) -> Any:
        obj = Plain()
        obj.__aiter__ = lambda: AsyncIterator()
        return impl.aiter(obj)

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome == Raised(TypeError, ("'Plain' object is not an async iterable",))


def test_a_dunder_aiter_from_getattr_does_not_count(ours: Impl) -> None:
    class Dynamic:
        def __getattr__(self, name: str) -> Any:
            return lambda: AsyncIterator()

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Dynamic()))
    assert outcome == Raised(TypeError, ("'Dynamic' object is not an async iterable",))


def test_a_dunder_aiter_from_getattribute_does_not_count(ours: Impl) -> None:
    class Dynamic:
        def __getattribute__(self, name: str) -> Any:
            return lambda: AsyncIterator()

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Dynamic()))
    assert outcome == Raised(TypeError, ("'Dynamic' object is not an async iterable",))


class Meta(type):
    def __aiter__(cls) -> AsyncIterator:
        return AsyncIterator()


class WithMeta(metaclass=Meta):
    pass


def test_a_dunder_aiter_on_the_metaclass_does_not_make_instances_async_iterable(
    ours: Impl,
) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(WithMeta()))
    assert outcome == Raised(TypeError, ("'WithMeta' object is not an async iterable",))


def test_a_dunder_aiter_on_the_metaclass_makes_the_class_async_iterable(ours: Impl) -> None:
    outcome = assert_same_as_builtin(ours, lambda impl: type(impl.aiter(WithMeta)).__name__)
    assert outcome.value == "AsyncIterator"


def test_dunder_aiter_set_to_none_is_not_callable(ours: Impl) -> None:
    class Blocked:
        __aiter__ = None

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Blocked()))
    assert outcome == Raised(TypeError, ("'NoneType' object is not callable",))


def test_dunder_aiter_set_to_none_in_a_subclass_blocks_the_inherited_one(ours: Impl) -> None:
    class Blocked(OnlyAiter):
        __aiter__ = None

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Blocked()))
    assert outcome == Raised(TypeError, ("'NoneType' object is not callable",))


def test_dunder_aiter_set_to_a_non_callable_raises_its_call_error(ours: Impl) -> None:
    class Odd:
        __aiter__ = 42

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Odd()))
    assert outcome == Raised(TypeError, ("'int' object is not callable",))


def test_an_inherited_dunder_aiter_counts(ours: Impl) -> None:
    class Child(OnlyAiter):
        pass

    outcome = assert_same_as_builtin(ours, lambda impl: type(impl.aiter(Child())).__name__)
    assert outcome.value == "AsyncIterator"


def test_dunder_aiter_as_staticmethod_and_classmethod_is_bound_like_a_slot(ours: Impl) -> None:
    class Static:
        @staticmethod
        def __aiter__(*args: Any) -> Any:
            return AsyncIterator() if not args else args

    class Klass:
        @classmethod
        def __aiter__(cls, *args: Any) -> Any:
            return AsyncIterator() if cls is Klass and not args else args

    def scenario(impl: Impl) -> tuple[Any, ...]:
        return (type(impl.aiter(Static())).__name__, type(impl.aiter(Klass())).__name__)

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == ("AsyncIterator", "AsyncIterator")


def test_dunder_aiter_added_to_and_removed_from_the_class_later_is_seen(ours: Impl) -> None:
    class Late:
        pass

    def scenario(impl: Impl) -> list[Any]:
        seen = []
        for step in ("before", "added", "removed"):
            if step == "added":
                Late.__aiter__ = lambda self: AsyncIterator()
            if step == "removed":
                del Late.__aiter__
            try:
                seen.append(type(impl.aiter(Late())).__name__)
            except TypeError as exc:
                seen.append(str(exc))
        return seen

    outcome = assert_same_as_builtin(ours, scenario)
    assert outcome.value == [
        "'Late' object is not an async iterable",
        "AsyncIterator",
        "'Late' object is not an async iterable",
    ]


def test_a_dunder_aiter_descriptor_failing_with_attribute_error(ours: Impl) -> None:
    """The slot exists but the lookup fails: CPython's slot wrapper says so in its own words."""

    class Failing:
        def __get__(self, obj: Any, cls: Any = None) -> Any:
            raise AttributeError("not today")

    class Iterable:
        __aiter__ = Failing()

    outcome = assert_same_as_builtin(ours, lambda impl: impl.aiter(Iterable()))
    assert outcome.type is AttributeError


def test_a_dunder_aiter_descriptor_failing_with_another_error(ours: Impl) -> None:
    class Failing:
        def __get__(self, obj: Any, cls: Any = None) -> Any:
            raise ValueError("not today")

    class Iterable:
        __aiter__ = Failing()

    assert_same_as_builtin(ours, lambda impl: impl.aiter(Iterable()))


def test_a_dunder_aiter_descriptor_is_bound_with_the_instance(ours: Impl) -> None:
    class Descriptor:
        def __get__(self, obj: Any, cls: Any = None) -> Any:
            return lambda: AsyncIterator() if isinstance(obj, Iterable) else None

    class Iterable:
        __aiter__ = Descriptor()

    outcome = assert_same_as_builtin(ours, lambda impl: type(impl.aiter(Iterable())).__name__)
    assert outcome.value == "AsyncIterator"
