"""The standalone entry point: ``python -m local_bot_api``."""

from __future__ import annotations

import asyncio
import sys

import aiohttp


async def test_module_entry_point_serves_and_prints_urls() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "local_bot_api",
        "--port",
        "0",
        "--token",
        "1:T",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
        assert line.startswith("base_url=http://127.0.0.1:")
        base_url = line.removeprefix("base_url=")
        async with aiohttp.ClientSession() as session, session.get(f"{base_url}1:T/getMe") as r:
            body = await r.json()
        assert body["ok"] is True and body["result"]["is_bot"] is True
    finally:
        process.terminate()
        await process.wait()
