"""seed 003 (aiter), "With Async For" (takes about 0.3 s: three ``asyncio.sleep(0.1)``)."""

import asyncio


async def fetch_data(urls):
    """Simulate async data fetching."""
    for url in urls:
        await asyncio.sleep(0.1)
        yield f"Data from {url}"


async def main():
    urls = ["url1", "url2", "url3"]

    # aiter is implicit in async for
    async for data in fetch_data(urls):
        print(data)


asyncio.run(main())
