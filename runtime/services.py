"""What the bot's handlers and jobs share, built once by the composition root."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from outbox.chat_pace import SharedChatPace, pace_rule
from outbox.pacing import ChatPacer
from rendering.translation import Catalogues
from runtime.episodes import FaultEpisodes

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from ingest.http import Fetcher
    from ingest.lengths import SummaryLengths
    from ingest.pipeline import Summarize, SummarizeAt
    from runtime.metrics import Metrics
    from runtime.settings import Settings

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current instant, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


async def _nothing() -> None:
    """No summaries to stop."""


@dataclass
class BotServices:
    """Settings, database, summarizer and fetcher, passed down explicitly (no globals)."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    summarize: Summarize
    fetcher: Fetcher
    clock: Clock = utc_now
    # Stops the summaries under way (their worker processes killed, each one's brief rejected):
    # shutting down waits for running handlers, and a handler must not wait for a summary.
    stop_summaries: Callable[[], Awaitable[None]] = _nothing
    # Summaries at a chat's /length (None: an in-process pool of the settings' algorithm).
    summarize_at: SummarizeAt | None = None
    # The bot's words in every language it speaks (rendering.translation); a test may pass its own.
    catalogues: Catalogues = field(default_factory=Catalogues.load)
    # Set whenever something is enqueued, so the delivery worker need not wait for its poll.
    delivery_wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    # One per-chat pacer for everything this bot sends (outbox worker and handler replies alike),
    # so a reply and a digest going to the same private chat share its one-per-second budget;
    # it holds the bot's overall budget too (BRIEFBOT_RATE_GLOBAL_PER_SECOND), and with a
    # shared send budget each chat's pace across instances (outbox.chat_pace).
    pacer: ChatPacer = field(init=False)
    # Outages met by the worker and the tick, each logged once as it starts and ends.
    episodes: FaultEpisodes = field(default_factory=FaultEpisodes)
    # Sessions for transactions that only read (command answers): on SQLite they never queue
    # behind a writer such as the digest tick (storage.engine).
    read_session_factory: async_sessionmaker[AsyncSession] = field(init=False)
    # This process's Prometheus metrics (a registry of its own, exported by runtime.health).
    metrics: Metrics = field(init=False)
    # Briefs summarised again at a chat's /length, cached per (brief, length) for every chat.
    lengths: SummaryLengths = field(init=False)

    def __post_init__(self) -> None:
        from ingest.lengths import SummaryLengths
        from ingest.pipeline import pool_summarizer_at
        from runtime.metrics import Metrics
        from storage.engine import create_read_session_factory
        from summarizer.pool import SummaryPool

        self.read_session_factory = create_read_session_factory(self.engine)
        self.metrics = Metrics()
        summarize_at = self.summarize_at or pool_summarizer_at(
            SummaryPool(workers=0, timeout=self.settings.summary_timeout_seconds),
            algorithm=self.settings.summary_algorithm,
            language=self.settings.summary_language,
        )
        self.lengths = SummaryLengths(summarize_at, default=self.settings.summary_sentences)
        self.pacer = ChatPacer(
            self.settings.rate_per_chat_per_second,
            overall_per_second=self.settings.rate_global_per_second,
            shared=self._shared_chat_pace(),
        )

    def _shared_chat_pace(self) -> SharedChatPace | None:
        """Chats' pace kept in the database when the send budget is shared (several instances)."""
        if not self.settings.shared_send_budget:
            return None
        rule = pace_rule(
            self.settings.rate_per_chat_per_second, self.settings.rate_group_per_minute
        )
        return SharedChatPace(self.engine, rule)

    def now(self) -> dt.datetime:
        """The current instant by this bot's clock (tests and the demo may shift it)."""
        return self.clock()
