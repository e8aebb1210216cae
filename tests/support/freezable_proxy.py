"""A TCP proxy that can freeze: connections stay open and no byte passes, as a hung server."""

from __future__ import annotations

import asyncio

from tests.support.tcp_proxy import TcpProxy


class FreezableProxy(TcpProxy):
    """A :class:`TcpProxy` whose ``freeze`` holds every byte (both ways) until ``thaw``.

    Unlike ``close``, nothing is cut: the client sees a server that accepts connections and
    never answers, so whatever waits for an answer waits until it gives up on its own.
    """

    def __init__(self, target_host: str, target_port: int, port: int) -> None:
        super().__init__(target_host, target_port, port)
        self._flowing = asyncio.Event()
        self._flowing.set()

    def freeze(self) -> None:
        """Hold every byte from now on (connections already open and new ones)."""
        self._flowing.clear()

    def thaw(self) -> None:
        """Let the held bytes, and the next ones, through again."""
        self._flowing.set()

    async def _pass(self) -> None:
        await self._flowing.wait()
