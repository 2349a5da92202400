"""seed 000 (aiter), "The Two-Argument Restriction".

The seed leaves ``get_next`` and ``something`` undefined; they are defined here. It quotes the
error as ``TypeError: aiter expected 1 argument, got 2``; CPython's builtin (and
asyncitertools, which copies it) says ``aiter() takes exactly one argument (2 given)``. The
message printed is the one raised at run time.
"""

from asyncitertools import aiter

words = iter(["go", "go", "stop", "never reached"])


def get_next():
    return next(words)


async def something_async():
    yield "an async iterable"


something = something_async()

# iter() can do this:
it = iter(lambda: get_next(), "stop")
print(f"iter(callable, 'stop') -> {list(it)}")

# aiter() cannot — this raises TypeError:
try:
    aiter(something, "sentinel")
except TypeError as exc:
    print(f"TypeError: {exc}")
print(
    "note: the seed quotes `aiter expected 1 argument, got 2`; CPython's message is the one above"
)
