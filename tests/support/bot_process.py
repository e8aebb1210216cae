"""``briefbot run`` as a real subprocess (for kill -9 tests and benchmarks), its log in a file."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Bots:
    """``briefbot run`` subprocesses, their logs in files; every one is ended on exit."""

    def __init__(
        self,
        token: str,
        api_url: str,
        database_url: str,
        folder: Path,
        lease_seconds: float,
        rate_global_per_second: float = 1000,
    ) -> None:
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        self.env = inherited | {
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "BRIEFBOT_TELEGRAM_TOKEN": token,
            "BRIEFBOT_TELEGRAM_API_URL": api_url,
            "BRIEFBOT_DATABASE_URL": database_url,
            "BRIEFBOT_DELIVERY_LEASE_SECONDS": str(lease_seconds),
            "BRIEFBOT_RATE_GLOBAL_PER_SECOND": str(rate_global_per_second),
        }
        self.folder = folder
        # What runs ``-m cli.main``: a benchmark may put ``-m cProfile -o FILE`` after python.
        self.interpreter: list[str] = [sys.executable]
        self.logs: list[Path] = []
        self.processes: list[asyncio.subprocess.Process] = []

    async def start(
        self, name: str, rate_per_chat: float, *arguments: str
    ) -> asyncio.subprocess.Process:
        """Start ``briefbot run [arguments]``: at most ``rate_per_chat`` a chat a second."""
        log = self.folder / f"{name}.log"
        self.logs.append(log)
        with log.open("wb") as out:  # the child keeps its own copy of the descriptor
            process = await asyncio.create_subprocess_exec(
                *self.interpreter,
                "-m",
                "cli.main",
                "run",
                "--connect-attempts",
                "3",
                "--connect-delay",
                "0.2",
                *arguments,
                cwd=self.folder,  # no project .env is read
                env=self.env | {"BRIEFBOT_RATE_PER_CHAT_PER_SECOND": str(rate_per_chat)},
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def dump(self) -> None:
        """Print every process's log."""
        for log in self.logs:
            print(f"----- {log.name} -----\n{log.read_text(errors='replace')}")

    async def end_all(self) -> None:
        """Kill every process still running."""
        for process in self.processes:
            if process.returncode is None:
                process.kill()
                await process.wait()


@asynccontextmanager
async def bots(
    token: str,
    api_url: str,
    database_url: str,
    folder: Path,
    lease_seconds: float,
    rate_global_per_second: float = 1000,
) -> AsyncIterator[Bots]:
    """The subprocess launcher; on any failure its logs are printed."""
    launcher = Bots(token, api_url, database_url, folder, lease_seconds, rate_global_per_second)
    try:
        yield launcher
    except BaseException:
        launcher.dump()
        raise
    finally:
        await launcher.end_all()
