"""A world for driving the real bot: the local Bot API, a migrated SQLite file, a clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import shutil
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import BotApplication, build_application, running
from ingest.items import BriefCandidate
from ingest.pipeline import IngestReport, ingest_items
from local_bot_api import LocalBotApi, StoredMessage, User
from runtime.services import BotServices
from runtime.settings import Settings
from storage.schema import upgrade

START = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)


def migrated_template(folder: Path) -> Path:
    """A migrated SQLite database file, made once and copied by each test."""
    path = folder / "template.db"
    if not path.exists():
        asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


@dataclass
class Clock:
    """A settable clock for the bot (``services.now()``)."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now


async def first_sentence(text: str, title: str | None) -> Sequence[str]:
    """A tiny summariser: the first sentence."""
    return [text.split(". ")[0].strip().rstrip(".") + "."]


def make_settings(api: LocalBotApi, database: Path, **overrides: Any) -> Settings:
    """Settings pointing at ``api`` and ``database`` (nothing read from the environment)."""
    values: dict[str, Any] = {
        "telegram_token": api.token,
        "telegram_api_url": api.url,
        "database_url": f"sqlite+aiosqlite:///{database}",
        "timezone": "UTC",
        "digest_time": dt.time(8, 0),
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class World:
    """The local server, the running bot and a clock; helpers to play users."""

    api: LocalBotApi
    app: BotApplication
    clock: Clock
    admin: User
    settings: Settings
    seen: dict[int, int] = field(default_factory=dict)

    @property
    def services(self) -> BotServices:
        return self.app.bot_data.require_services()

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        return self.services.session_factory

    async def say(
        self, chat_id: int, text: str, *, user: User | None = None, replies: int = 1, **kw: Any
    ) -> list[StoredMessage]:
        """A user sends ``text``; wait for the bot's next ``replies`` messages there."""
        after = self.last_bot_message_id(chat_id)
        self.api.user_sends(chat_id, text, user=user, **kw)
        return await self.api.wait_for_messages(chat_id, replies, timeout=5, after_message_id=after)

    def last_bot_message_id(self, chat_id: int) -> int:
        bot_messages = self.api.messages(chat_id, from_bot=True, include_deleted=True)
        return bot_messages[-1].message_id if bot_messages else 0

    async def quiet(self, chat_id: int, seconds: float = 0.4) -> list[StoredMessage]:
        """The bot messages that arrive in ``chat_id`` within ``seconds`` after now."""
        after = self.last_bot_message_id(chat_id)
        await asyncio.sleep(seconds)
        return [m for m in self.api.messages(chat_id, from_bot=True) if m.message_id > after]

    async def ingest(self, *candidates: BriefCandidate) -> IngestReport:
        """Store briefs through the real ingest pipeline."""
        return await ingest_items(
            list(candidates), session_factory=self.sessions, summarise=first_sentence
        )


_WORDS = (
    "harbour",
    "council",
    "budget",
    "river",
    "museum",
    "school",
    "bridge",
    "orchard",
    "festival",
    "railway",
    "clinic",
    "library",
    "market",
    "tunnel",
    "airport",
    "garden",
    "factory",
    "stadium",
    "theatre",
    "forest",
    "valley",
    "island",
    "canal",
    "village",
    "highway",
    "college",
    "reservoir",
    "lighthouse",
    "vineyard",
    "quarry",
    "meadow",
    "glacier",
)


def filler(seed: str, words: int = 24) -> str:
    """Distinct filler sentences (seeded), so short test briefs are long enough and unique."""
    digest = hashlib.sha256(seed.encode()).digest()
    picks = [_WORDS[digest[i % len(digest)] % len(_WORDS)] for i in range(words)]
    picks = [f"{word}{i}" if i % 3 == 0 else word for i, word in enumerate(picks)]
    return " ".join(picks).capitalize() + "."


def brief(title: str, text: str, **kw: Any) -> BriefCandidate:
    """A brief candidate with a plausible URL and date, its text padded with unique filler."""
    slug = "-".join(title.lower().split())[:40]
    values: dict[str, Any] = {
        "origin": "test",
        "title": title,
        "text": f"{text} {filler(title)}",
        "url": f"https://news.example.org/{slug}",
        "published_on": dt.date(2026, 11, 24),
    }
    values.update(kw)
    return BriefCandidate(**values)


@asynccontextmanager
async def bot_world(tmp_path: Path, template: Path, **build: Any) -> AsyncIterator[World]:
    """Start the local Bot API and the real bot polling it; stop both afterwards."""
    database = tmp_path / "briefbot.db"
    shutil.copy(template, database)
    clock = Clock()
    async with LocalBotApi(bot_username="briefbot_bot") as api:
        admin = api.create_user("Ada", username="ada")
        settings = make_settings(api, database, admin_ids=frozenset({admin.id}))
        options: dict[str, Any] = {
            "clock": clock,
            "summary_workers": 0,
            "tick_interval": None,
            "get_updates_read_timeout": 3.0,
        }
        options.update(build)
        application = build_application(settings, **options)
        async with running(application, poll_timeout=1):
            yield World(api, application, clock, admin, settings)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
