"""A throwaway PostgreSQL 15 server for benchmarks that stop and start it (never the shared one).

``initdb`` refuses to run as root, so as root every server command runs as the ``postgres``
user (``runuser -u postgres --``) in a temporary folder owned by it, on a free port.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run(*command: str) -> None:
    """Run a server command (as ``postgres`` when we are root); raise if it fails."""
    prefix = ("runuser", "-u", "postgres", "--") if os.geteuid() == 0 else ()
    process = await asyncio.create_subprocess_exec(
        *prefix, *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {output.decode(errors='replace')[-500:]}")


@dataclass
class PostgresServer:
    """One server: its data folder and port; ``stop``/``start`` it at will.

    ``file_size_limit`` (bytes) caps every file the server writes (``prlimit --fsize``): a table
    that grows past it fails as on a full disk, the way a test fills one without filling the
    machine's.
    """

    folder: Path
    port: int
    file_size_limit: int | None = None

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of its ``postgres`` database."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    async def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        data, log = str(self.folder / "data"), str(self.folder / "server.log")
        limit = (
            () if self.file_size_limit is None else ("prlimit", f"--fsize={self.file_size_limit}")
        )
        await run(*limit, str(BIN / "pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", "start")

    async def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: connections are cut, as in a restart)."""
        await run(str(BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")


@asynccontextmanager
async def postgres_server(file_size_limit: int | None = None) -> AsyncIterator[PostgresServer]:
    """A fresh, started server on a free port; stopped and deleted afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="briefbot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = PostgresServer(folder, free_port(), file_size_limit)
    try:
        await run(str(BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")
        await server.start()
        yield server
    finally:
        with contextlib.suppress(RuntimeError):  # it was not running
            await server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
