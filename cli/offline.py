"""The offline world behind ``briefbot demo`` and ``briefbot chat``.

A local Bot API server, the real bot polling it, a database, and a simulated reader: the same
code that talks to Telegram, with no network at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import SecretStr

from runtime.services import BotServices, utc_now
from runtime.settings import Settings

if TYPE_CHECKING:
    from bot.context import BotApplication
    from local_bot_api import LocalBotApi, StoredMessage

READER_NAME = "Reader"


class OfflineError(Exception):
    """The offline world cannot be set up; the message is one line."""


@dataclass
class ShiftableClock:
    """The real clock plus an offset, so the demo can move time forward (never back)."""

    offset: dt.timedelta = field(default_factory=dt.timedelta)

    def __call__(self) -> dt.datetime:
        return utc_now() + self.offset

    def advance(self, delta: dt.timedelta) -> None:
        """Move the clock forward by ``delta``."""
        if delta < dt.timedelta(0):
            raise ValueError("the clock only moves forward")
        self.offset += delta


@dataclass
class OfflineWorld:
    """What is running: the server, the bot, the reader's chat and the clock."""

    api: LocalBotApi
    application: BotApplication
    chat_id: int
    clock: ShiftableClock

    @property
    def services(self) -> BotServices:
        return self.application.bot_data.require_services()

    def last_message_id(self) -> int:
        """The id of the newest message in the reader's chat (0 when it is empty)."""
        return max((m.message_id for m in self.api.messages(self.chat_id)), default=0)

    def bot_messages_after(self, message_id: int) -> list[StoredMessage]:
        """The bot's messages to the reader newer than ``message_id``, oldest first."""
        return [
            message
            for message in self.api.messages(self.chat_id, from_bot=True)
            if message.message_id > message_id
        ]


def render_message(message: StoredMessage) -> str:
    """A bot message as the reader sees it: its text, then its buttons."""
    text = message.text or (message.document.file_name if message.document else "") or ""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    buttons = "  ".join(f"[{button['text']}]" for row in rows for button in row)
    return f"{text}\n{buttons}" if buttons else text


def transcript_entry(message: StoredMessage) -> str:
    """A bot message as a chat transcript shows it: ``briefbot >`` and the indented message."""
    return "briefbot > " + render_message(message).replace("\n", "\n          ") + "\n"


async def prepare_database(settings: Settings, seeds: Sequence[Path]) -> str:
    """Migrate ``settings.database_url`` and ingest ``seeds``; returns a one-line summary.

    The briefs are summarized as the bot would: the settings' algorithm and length.
    """
    from ingest.pipeline import ingest_items
    from ingest.sources.files import read_path
    from runtime.root import open_services
    from storage.schema import upgrade

    await upgrade(settings.database_url)
    if not seeds:
        return "no briefs to load"
    async with open_services(settings, summary_workers=0) as services:
        items = [item for path in seeds for item in read_path(path)]
        report = await ingest_items(
            items, session_factory=services.session_factory, summarize=services.summarize
        )
    return report.summary_line()


@contextlib.asynccontextmanager
async def offline_world(
    settings: Settings, *, tick_interval: float | None = None
) -> AsyncIterator[OfflineWorld]:
    """Start the local Bot API server and the real bot against ``settings.database_url``."""
    from bot.app import build_application, running
    from local_bot_api import LocalBotApi

    clock = ShiftableClock()
    async with LocalBotApi() as api:
        local = settings.model_copy(
            update={
                "telegram_token": SecretStr(api.token),
                "telegram_api_url": api.url,
                "allow_private_urls": True,  # the offline world's pages are served locally
                # No health endpoint: the demo is not monitored, and a bot running beside it
                # (the container image sets BRIEFBOT_METRICS_PORT) may hold the port.
                "metrics_port": None,
            }
        )
        application = build_application(
            local,
            clock=clock,
            summary_workers=0,
            tick_interval=tick_interval,
            get_updates_read_timeout=5.0,
        )
        chat = api.create_private_chat(first_name=READER_NAME)
        async with running(application, poll_timeout=1):
            yield OfflineWorld(api, application, chat.id, clock)
