"""The test machinery itself: the own event loop, suspend(), the sources and the comparisons.

If these were wrong, the differential tests could agree on nonsense.
"""

from __future__ import annotations

from typing import Any

import pytest

import ownloop
import support
from support import BUILTIN, Impl, Raised, Returned, assert_same_as_builtin, make_source, outcome


def test_ownloop_returns_the_coroutines_value() -> None:
    async def main() -> str:
        return "value"

    assert ownloop.run(main()) == "value"


def test_ownloop_raises_the_coroutines_exception() -> None:
    async def main() -> None:
        raise KeyError("from the coroutine")

    with pytest.raises(KeyError, match="from the coroutine"):
        ownloop.run(main())


def test_ownloop_answers_each_suspension_with_the_step_number() -> None:
    async def main() -> list[int]:
        return [await ownloop.Yield() for _ in range(3)]

    assert ownloop.run(main()) == [1, 2, 3]


def test_ownloop_throws_a_foreign_yield_back_into_the_coroutine() -> None:
    import asyncio

    async def main() -> str:
        try:
            await asyncio.sleep(0)  # yields None: asyncio's, not ours
        except RuntimeError as exc:
            return str(exc)
        return "not rejected"

    assert ownloop.run(main()) == "ownloop: unexpected yield of None to the loop"


def test_ownloop_closes_an_abandoned_coroutine() -> None:
    log = []

    async def main() -> None:
        try:
            await ownloop.Yield()
            raise KeyboardInterrupt
        finally:
            log.append("closed")

    with pytest.raises(KeyboardInterrupt):
        ownloop.run(main())
    assert log == ["closed"]


def test_suspend_works_under_every_loop(loop_name: str) -> None:
    async def main() -> str:
        await support.suspend()
        await support.suspend()
        return "resumed"

    assert support.run_in(loop_name, main) == "resumed"


def test_suspend_outside_a_run_is_an_error() -> None:
    coro = support.suspend()
    with pytest.raises(RuntimeError, match="outside run_in"):
        coro.send(None)


def test_runs_do_not_nest() -> None:
    async def main() -> Any:
        return support.run_in("ownloop", main)

    with pytest.raises(RuntimeError, match="inside a ownloop run"):
        support.run_in("ownloop", main)


@pytest.mark.parametrize("kind", ["suspending_async_generator", "suspending_anext"])
def test_suspending_sources_really_give_control_to_the_loop(ours: Impl, kind: str) -> None:
    """Under the own loop the step counter shows one suspension per item and one at the end.

    The loop's answers (step numbers, not None) travel in through ours' anext_awaitable.
    """

    async def main() -> tuple[list[Any], int]:
        source = make_source(kind, ["a", "b"])
        items = [await ours.anext(source, "end") for _ in range(3)]
        return items, await ownloop.Yield()

    assert support.run_in("ownloop", main) == (["a", "b", "end"], 4)


def test_sources_fixture_builds_every_kind(run: Any, sources: Any) -> None:
    async def main() -> list[Any]:
        return [item async for item in sources([1, (2,), None])]

    assert run(main) == [1, (2,), None]


def test_a_fail_item_raises_its_error(run: Any, sources: Any) -> None:
    error = KeyError("planned")

    async def main() -> Any:
        source = sources([support.Fail(error)])
        try:
            await BUILTIN.anext(source)
        except KeyError as exc:
            return exc
        return None

    assert run(main) is error


def test_outcome_tells_returned_from_raised() -> None:
    assert outcome(lambda: 1) == Returned(1)
    assert outcome(lambda: {}["k"]) == Raised(KeyError, ("k",))
    assert outcome(lambda: {}["k"]) != Raised(KeyError, ("other",))
    assert outcome(lambda: {}["k"]) != Raised(LookupError, ("k",))


def test_the_differential_check_notices_a_difference() -> None:
    different = Impl("different", BUILTIN.aiter, lambda *args: "not the same")
    with pytest.raises(AssertionError):
        assert_same_as_builtin(
            different, lambda impl: impl.anext(make_source("types_coroutine_anext", []))
        )
    same = Impl("same", BUILTIN.aiter, BUILTIN.anext)
    assert_same_as_builtin(same, lambda impl: type(impl.anext(iter(()))))
