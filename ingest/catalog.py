"""The catalogue of sources briefbot polls: add, remove, import and export, for CLI and chat.

``briefbot sources …`` and the admins' ``/addsource``, ``/removesource``, OPML upload and
``/exportsources`` do the same things through these functions, so a rule (a URL's shape, a
private address refused, a duplicate named) holds in both. Each opens its own short
transaction on the given session factory; every refusal is a :class:`CatalogError` whose
message is one line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.addresses import RefusedAddress, check_url
from ingest.phrases import Phrase, phrase_of
from ingest.subscriptions import OpmlFeed, read_opml, write_opml
from ingest.validation import MAX_INPUT_BYTES, InvalidInput, canonical_url, fetch_url_problem
from storage.models import Source, SourceKind
from storage.repositories.sources import SourceRepository

Sessions = async_sessionmaker[AsyncSession]


class CatalogError(ValueError):
    """A source cannot be added, removed or imported; the message is one line."""


@dataclass
class ImportReport:
    """What one OPML import did."""

    added: int = 0
    already: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary_line(self) -> Phrase:
        return Phrase(
            "added {added}, already subscribed {already}, skipped {skipped}",
            added=self.added,
            already=self.already,
            skipped=len(self.skipped),
        )


def new_source(url: str, seconds: int, title: str | None = None, *, page: bool = False) -> Source:
    """A source row due for its first poll now."""
    return Source(
        kind=SourceKind.PAGE if page else SourceKind.FEED,
        url=url,
        title=title,
        poll_interval_seconds=seconds,
        consecutive_failures=0,
        next_poll_at=dt.datetime.now(dt.UTC),
    )


async def address_problem(url: str, *, allow_private: bool) -> Phrase | None:
    """``refused: …`` when ``url``'s host is a literal non-public address (names are checked by
    the fetcher, after DNS, at each poll)."""
    if allow_private:
        return None
    try:
        await check_url(url, numeric_only=True)
    except RefusedAddress as error:
        return Phrase("refused: {error}", error=phrase_of(error))
    except (httpx.HTTPError, httpx.InvalidURL, ValueError):
        return None
    return None


async def add_source(
    sessions: Sessions, url: str, seconds: int, *, page: bool = False, allow_private: bool = False
) -> Source:
    """Add a feed (or a ``page``) polled every ``seconds``; refuses bad, private or known URLs."""
    url = canonical_url(url)
    problem = fetch_url_problem(url) or await address_problem(url, allow_private=allow_private)
    if problem:
        raise CatalogError(problem)
    async with sessions() as session, session.begin():
        repository = SourceRepository(session)
        if existing := await repository.get_by_url(url):
            raise CatalogError(Phrase("already subscribed: #{id} {url}", id=existing.id, url=url))
        return await repository.add(new_source(url, seconds, page=page))


async def remove_source(sessions: Sessions, key: int | str) -> bool:
    """Remove a source by id or URL; whether there was one. Its briefs stay."""
    if isinstance(key, str):
        key = canonical_url(key)
    async with sessions() as session, session.begin():
        return await SourceRepository(session).remove(key)


async def import_opml(
    sessions: Sessions, data: bytes, seconds: int, *, allow_private: bool
) -> ImportReport:
    """Add every feed of an OPML document not yet subscribed, each polled every ``seconds``;
    a feed :func:`add_source` would refuse (a literal private address) is skipped."""
    if len(data) > MAX_INPUT_BYTES:
        raise CatalogError(Phrase("too large: cap {cap} bytes", cap=f"{MAX_INPUT_BYTES:,}"))
    try:
        found, skipped = read_opml(data)
    except InvalidInput as error:
        raise CatalogError(phrase_of(error)) from None
    feeds: list[OpmlFeed] = []
    for feed in found:
        if problem := await address_problem(feed.url, allow_private=allow_private):
            skipped.append(Phrase("{origin}: {reason}", origin=feed.url, reason=problem))
        else:
            feeds.append(feed)
    async with sessions() as session, session.begin():
        repository = SourceRepository(session)
        present = await repository.urls_present(feed.url for feed in feeds)
        new = [feed for feed in feeds if feed.url not in present]
        await repository.add_all(new_source(feed.url, seconds, feed.title) for feed in new)
    return ImportReport(added=len(new), already=len(feeds) - len(new), skipped=list(skipped))


async def export_opml(sessions: Sessions) -> tuple[str, int]:
    """The feeds as an OPML document, and how many page sources it leaves out (OPML lists
    feeds; a feed reader would fail on an article page)."""
    async with sessions() as session:
        sources: Sequence[Source] = await SourceRepository(session).list()
    feeds = [OpmlFeed(s.url, s.title) for s in sources if s.url and s.kind is SourceKind.FEED]
    pages = sum(1 for s in sources if s.kind is SourceKind.PAGE)
    return write_opml(feeds), pages
