"""What every competitor is given alike: the items of the sources, the functions handed to
``map``, ``filter`` and the like, and the batch and group sizes."""

import builtins

BATCH = 16
GROUP = 8


# --- the items: each takes n -------------------------------------------------------------------


def numbers(n):
    return range(n)


def zeros(n):
    return [0] * n


def ones(n):
    return [1] * n


def pairs(n):
    return [(i, i) for i in range(n)]


# --- the functions given to the operations -----------------------------------------------------


def plus_one(x):
    return x + 1


async def plus_one_async(x):
    return x + 1


def is_even(x):
    return x % 2 == 0


def pair_value_is_even(pair):
    return pair[1] % 2 == 0


def pair_sum(pair):
    return pair[0] + pair[1]


def group_key(x):
    return x // GROUP


def is_negative(x):
    return x < 0


def is_positive(x):
    return x >= 0


def add(x, y):
    return x + y


def reference_batched(items, n=BATCH):
    """The stdlib's ``itertools.batched`` (3.12+), for the references on every version."""
    items = builtins.list(items)
    return [builtins.tuple(items[i : i + n]) for i in range(0, len(items), n)]
