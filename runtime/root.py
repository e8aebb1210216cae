"""The composition root: settings in, open :class:`BotServices` out, closed newest-first.

Every process that needs the database, the summarizer and the fetcher together (the bot,
the offline demo and chat, ``briefbot ingest``) opens them here, so the configured summary
algorithm and length are honoured everywhere. Heavy imports are deferred into the functions
so that importing this module stays cheap for the CLI.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

from runtime.services import BotServices, Clock, utc_now
from runtime.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from ingest.pipeline import Summarize, SummarizeAt
    from rendering.translation import Catalogues
    from summarizer.pool import SummaryPool


@contextlib.contextmanager
def open_summary_pool(settings: Settings, *, workers: int | None = None) -> Iterator[SummaryPool]:
    """A summary pool with the settings' deadline and algorithm (``workers=0``: in-process)."""
    from summarizer.pool import SummaryPool

    with SummaryPool(
        workers=workers,
        timeout=settings.summary_timeout_seconds,
        algorithm=settings.summary_algorithm,
    ) as pool:
        yield pool


@contextlib.contextmanager
def open_summarizer(settings: Settings, *, workers: int | None = None) -> Iterator[Summarize]:
    """The settings' summary algorithm and length in a pool of ``workers`` (0: in-process)."""
    with open_summary_pool(settings, workers=workers) as pool:
        yield _summarizer(settings, pool)


@contextlib.contextmanager
def open_summarizer_at(
    settings: Settings, *, workers: int | None = None
) -> Iterator[SummarizeAt]:
    """The settings' summary algorithm, the length given per call, in a pool of ``workers``."""
    with open_summary_pool(settings, workers=workers) as pool:
        yield _summarizer_at(settings, pool)


def _summarizer_at(settings: Settings, pool: SummaryPool) -> SummarizeAt:
    from ingest.pipeline import pool_summarizer_at

    return pool_summarizer_at(
        pool, algorithm=settings.summary_algorithm, language=settings.summary_language
    )


def _summarizer(settings: Settings, pool: SummaryPool) -> Summarize:
    from ingest.pipeline import pool_summarizer

    return pool_summarizer(
        pool,
        algorithm=settings.summary_algorithm,
        sentences=settings.summary_sentences,
        language=settings.summary_language,
    )


@contextlib.asynccontextmanager
async def open_engine(
    settings: Settings, engine: AsyncEngine | None = None
) -> AsyncIterator[AsyncEngine]:
    """``engine`` as given (left open), or a new one on ``settings.database_url`` (disposed,
    within a few seconds even when the database hangs: :func:`storage.engine.dispose_engine`)."""
    from storage.engine import create_engine, dispose_engine

    if engine is not None:
        yield engine
        return
    owned = create_engine(settings.database_url)
    try:
        yield owned
    finally:
        await dispose_engine(owned)


@contextlib.asynccontextmanager
async def open_services(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock = utc_now,
    summary_workers: int | None = None,
    catalogues: Catalogues | None = None,
) -> AsyncIterator[BotServices]:
    """Open the engine (unless given), check its schema, start the summary pool and fetcher.

    ``catalogues`` (the bot's words) default to those shipped in ``rendering/locales``.

    Raises :class:`storage.schema.SchemaBehindError` when the database needs
    ``briefbot db upgrade``; whatever was opened by then is closed again.
    """
    from ingest.http import Fetcher
    from rendering.translation import Catalogues
    from storage.engine import create_session_factory
    from storage.schema import ensure_schema_current

    async with contextlib.AsyncExitStack() as stack:
        database = await stack.enter_async_context(open_engine(settings, engine))
        await ensure_schema_current(database)
        pool = stack.enter_context(open_summary_pool(settings, workers=summary_workers))
        # Closed off the event loop first (a second close, on leaving its block, does nothing).
        stack.push_async_callback(pool.aclose)
        fetcher = Fetcher(
            allow_private=settings.allow_private_urls,
            deadline=settings.fetch_deadline_seconds,
            max_feed_items=settings.feed_max_items,
        )
        await stack.enter_async_context(fetcher)
        yield BotServices(
            settings=settings,
            engine=database,
            session_factory=create_session_factory(database),
            summarize=_summarizer(settings, pool),
            summarize_at=_summarizer_at(settings, pool),
            fetcher=fetcher,
            clock=clock,
            stop_summaries=pool.aclose,
            catalogues=catalogues or Catalogues.load(),
        )
