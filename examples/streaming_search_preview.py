"""Why ``anext(iterator, default)`` helps in streaming code: a search-results preview.

A search service returns hits a page at a time. ``search()`` turns the pages into one async
stream of hits and fetches the next page only when the consumer asks for more. A preview
shows the first few hits and whether there are more, which is two uses of
``await anext(hits, None)``:

- take up to ``limit`` hits, stopping early when the stream runs dry;
- peek one hit further: ``None`` means "that was all".

Neither needs ``try/except StopAsyncIteration``, neither reads the whole stream (the page
counter shows it), and ``aclosing`` closes the generator the preview leaves unfinished.
``None`` works as the default here because no hit is ``None``; a stream that can yield
``None`` would use a private sentinel such as ``_END = object()``.

No network: ``asyncio.sleep(0)`` stands for each round trip, so the output is deterministic.
"""

import asyncio
from contextlib import aclosing

from asyncitertools import aiter, anext

PAGE_SIZE = 3
TITLES = [
    "Async generators in depth",
    "Rust ownership for Python programmers",
    "Writing a tokenizer",
    "Async iteration: aiter and anext",
    "The await protocol",
    "Rust async runtimes compared",
    "Backpressure in async streams",
    "Async context managers",
    "Paginating an HTTP API",
]


class SearchService:
    """A fake paginated backend that counts the pages it serves."""

    def __init__(self):
        self.pages_served = 0

    async def fetch_page(self, query, page):
        await asyncio.sleep(0)  # the network round trip
        self.pages_served += 1
        matches = [title for title in TITLES if query.lower() in title.lower()]
        start = page * PAGE_SIZE
        has_more = start + PAGE_SIZE < len(matches)
        return matches[start : start + PAGE_SIZE], has_more


async def search(service, query):
    """All hits for ``query``, one at a time, fetching pages lazily."""
    page = 0
    while True:
        hits, has_more = await service.fetch_page(query, page)
        for hit in hits:
            yield hit
        if not has_more:
            return
        page += 1


async def preview(service, query, limit):
    async with aclosing(search(service, query)) as results:
        hits = aiter(results)
        shown = []
        while len(shown) < limit and (hit := await anext(hits, None)) is not None:
            shown.append(hit)
        more = await anext(hits, None) is not None
    return shown, more


async def main():
    for query, limit in [("async", 2), ("async", 3), ("rust", 3), ("java", 2)]:
        service = SearchService()
        shown, more = await preview(service, query, limit)
        print(f"search {query!r}, show up to {limit}:")
        for title in shown:
            print(f"  - {title}")
        if not shown:
            print("  (no results)")
        if more:
            print("  ... and more")
        print(f"  pages fetched: {service.pages_served}")


if __name__ == "__main__":
    asyncio.run(main())
