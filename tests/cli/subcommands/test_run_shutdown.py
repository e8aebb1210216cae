"""``briefbot run`` stops on SIGTERM while a summary is being ranked, and leaves no worker behind.

Issue 10: a brief slow to summarize kept SIGTERM from stopping the bot for over two minutes.
Stopping the application waits for running handlers, so an ``/add`` waiting for its summary
held the shutdown until the summary was done; the summaries are now stopped first (their
workers killed, the brief rejected), then the application.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from local_bot_api import LocalBotApi
from tests.support.bot_process import bots
from tests.support.database import Database
from tests.support.processes import children
from tests.support.slow_summary import SLOW_ALGORITHM, slow_to_rank
from tests.support.world import SENTINEL_REPLY_START

# A worker spends about 2 s of CPU starting and loading its algorithm; past this it is ranking.
RANKING_CPU_SECONDS = 6.0
# Generous for a loaded machine (it takes about 2 s); before, the bot ranked on until the
# summary of 2,400 sentences was done (minutes).
STOP_WITHIN_SECONDS = 30.0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of ``pid`` so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def test_sigterm_stops_the_bot_while_a_summary_runs_and_kills_its_worker(
    tmp_path: Path, database: Database
) -> None:
    async with LocalBotApi() as api:
        admin = api.create_user("Ada", username="ada")
        admin_chat, reader = api.create_private_chat(admin), api.create_private_chat()
        async with bots(api.token, api.url, database.url, tmp_path, 120) as launcher:
            launcher.env |= {
                "BRIEFBOT_ADMIN_IDS": str(admin.id),
                "BRIEFBOT_SUMMARY_ALGORITHM": SLOW_ALGORITHM,
                "BRIEFBOT_SUMMARY_TIMEOUT_SECONDS": "3600",
            }
            bot = await launcher.start("bot", rate_per_chat=10)
            api.user_sends(reader.id, "/help")
            [started] = await api.wait_for_messages(reader.id, 1, timeout=90)
            assert (started.text or "").startswith(SENTINEL_REPLY_START)

            api.user_sends(admin_chat.id, "/add", document=slow_to_rank(2400).encode(),
                           file_name="slow.txt")
            ranking: list[int] = []
            deadline = time.monotonic() + 120
            while not ranking and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
                ranking = [
                    pid for pid in children(bot.pid) if cpu_seconds(pid) > RANKING_CPU_SECONDS
                ]
            cpu = {pid: cpu_seconds(pid) for pid in children(bot.pid)}
            assert ranking, f"no worker is ranking: CPU seconds {cpu}"
            workers = children(bot.pid)

            started_stopping = time.monotonic()
            bot.send_signal(signal.SIGTERM)
            async with asyncio.timeout(STOP_WITHIN_SECONDS):
                status = await bot.wait()
            took = time.monotonic() - started_stopping
        assert status == 0, f"exit status {status} after {took:.1f} s"
        assert not any(alive(pid) for pid in ranking)  # the busy worker was killed
        # The others (an idle worker, multiprocessing's resource tracker) exit on their own
        # once the bot's end of their pipe closes.
        async with asyncio.timeout(10):
            while any(alive(pid) for pid in workers):
                await asyncio.sleep(0.1)
