"""Bytes written straight to a server's socket, for requests no HTTP client would send."""

from __future__ import annotations

import asyncio


async def first_bytes(host: str, port: int, request: bytes, timeout: float = 5.0) -> bytes:
    """What the server sends first after ``request`` (b"" when it closes), within ``timeout``."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(100), timeout)
    finally:
        writer.close()
