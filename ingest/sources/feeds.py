"""The feed source: the entries of an RSS/Atom feed as briefs.

A fetched answer is a feed when its content type says RSS, Atom or XML (and not HTML) or
its bytes start like one. Feed bytes are first streamed through defusedxml with entity
declarations forbidden, so an entity-expansion bomb ("billion laughs") or an external
entity is refused before feedparser sees it; that pass also finds where each entry is, and
feedparser then parses the bytes we fetched a batch of entries at a time (a stream, so it
never fetches anything itself; memory stays that of one batch, not of the whole feed). An
entry with full content (``content:encoded``, Atom ``content``) is used as it is; an entry
with only a summary of fewer than :data:`EXCERPT_WORDS` words, or one ending in an ellipsis
or "read more", is an excerpt: its link is fetched and the page's main text extracted.

A feed is bounded per read: entries already stored (when the reader can tell, as a polled
source can) are skipped first, so a poll that timed out half-way continues where it stopped
instead of redoing the same work; of the rest, the newest ``Fetcher.max_feed_items``
(``BRIEFBOT_FEED_MAX_ITEMS``) are read and the others skipped with one log line. Both are
decided batch by batch, so a read holds the feed's bytes, one batch and that many entries.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import heapq
import io
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]

from ingest.http import Fetcher, FetchError
from ingest.items import BriefCandidate, IngestItem, Rejection
from ingest.phrases import Phrase, phrase_of
from ingest.sources import Answer, KnownEntries, Location, Reading, wrong_location
from ingest.sources.feed_split import batch_document, entry_batches, scan_feed
from ingest.sources.html_text import html_to_text
from ingest.sources.pages import HTML_START, page_candidate
from ingest.threads import off_loop
from ingest.validation import InvalidInput, decode_text, url_problem
from storage.models.enums import SourceKind

EXCERPT_WORDS = 100
_EXCERPT_ENDING = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more\W*|continue reading\W*)$", re.I)
_FEED_START = re.compile(rb"\s*(<\?xml|<rss|<feed|<rdf:RDF)", re.IGNORECASE)
_LINKED_PAGE_FETCHES = 4
# What feedparser is given at a time (its tree of a batch is a few times the batch's bytes).
BATCH_ENTRIES = 200
BATCH_BYTES = 1 << 20

logger = logging.getLogger(__name__)


class FeedSource:
    """A fetched RSS/Atom feed: each entry is a brief, an excerpt completed from its page."""

    kind = SourceKind.FEED
    fetched = True

    def matches(self, location: Location) -> bool:
        """An answer whose content type or first bytes say RSS, Atom or XML (not HTML)."""
        return isinstance(location, Answer) and looks_like_feed(
            location.result.content, location.result.content_type
        )

    async def read(self, location: Location, fetcher: Fetcher) -> Reading:
        """The feed's entries, parsed in a worker thread; a feed that does not parse is refused."""
        if not isinstance(location, Answer):
            raise wrong_location(self, location)
        return await feed_items(
            location.result.content, location.result.url, fetcher, known=location.known
        )


@dataclass(frozen=True)
class FeedEntry:
    """One feed item as the feed states it."""

    external_id: str | None
    url: str | None
    title: str | None
    published_on: dt.date | None
    text: str
    is_excerpt: bool


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_url(feed_url: str, link: str | None) -> str | None:
    """An entry's link made absolute; a link ``urljoin`` cannot read (``http://[::1``) is kept
    as it is, for validation to refuse that entry with one line."""
    if not link:
        return None
    try:
        return urljoin(feed_url, link)
    except ValueError:
        return link


def parse_feed(data: bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom document; :class:`InvalidInput` if it is not a feed.

    feedparser sees at most :data:`BATCH_ENTRIES` entries (:data:`BATCH_BYTES`) at a time
    (see :mod:`ingest.sources.feed_split`), so its memory stays that of one batch.
    """
    return [entry for span in _batch_spans(data) for entry in parse_entries(span(), url)]


def parse_entries(document: bytes, url: str) -> list[FeedEntry]:
    """The entries of one (small) feed document, by feedparser; :class:`InvalidInput` if none."""
    parsed = feedparser.parse(io.BytesIO(document))
    if not parsed.get("version") and not parsed.entries:
        raise InvalidInput(Phrase("not an RSS/Atom feed"))
    return [_feed_entry(entry, url) for entry in parsed.entries]


def _feed_entry(entry: Any, url: str) -> FeedEntry:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    summary = html_to_text(entry.get("summary", "") or "")
    full = html_to_text(max(contents, key=len)) if contents else ""
    text = full or summary
    is_excerpt = not full and (
        len(summary.split()) < EXCERPT_WORDS or bool(_EXCERPT_ENDING.search(summary))
    )
    return FeedEntry(
        external_id=entry.get("id") or entry.get("guid") or None,
        url=_entry_url(url, entry.get("link")),
        title=entry.get("title") or None,
        published_on=_entry_date(entry),
        text=text,
        is_excerpt=is_excerpt,
    )


async def _entry_item(entry: FeedEntry, feed_url: str, fetcher: Fetcher) -> IngestItem:
    origin = entry.url or f"{feed_url}#{entry.external_id or entry.title or '?'}"
    candidate = BriefCandidate(
        origin=origin,
        text=entry.text,
        title=entry.title,
        external_id=entry.external_id,
        url=entry.url,
        published_on=entry.published_on,
    )
    if not entry.is_excerpt or entry.url is None or url_problem(entry.url):
        return candidate
    try:
        page = await fetcher.fetch(entry.url)
        html = await off_loop(decode_text, page.content)
    except (FetchError, InvalidInput) as error:
        return Rejection(
            origin,
            Phrase(
                "excerpt only, and the article could not be fetched: {error}",
                error=phrase_of(error),
            ),
        )
    item = await off_loop(page_candidate, html, entry.url, external_id=entry.external_id)
    if isinstance(item, Rejection):
        return Rejection(origin, Phrase("excerpt only, and {reason}", reason=item.reason))
    # A page saying less than the feed's excerpt (a cookie wall, "enable JavaScript", a stub)
    # completes nothing: its text would replace each entry's, and the feed's entries, all
    # read as that one text, would be stored once and the rest dropped as its duplicates.
    if len(item.text.split()) <= len(entry.text.split()):
        return candidate
    return BriefCandidate(
        origin=origin,
        text=item.text,
        title=entry.title or item.title,
        external_id=entry.external_id,
        url=entry.url,
        published_on=entry.published_on or item.published_on,
    )


async def feed_items(
    data: bytes, feed_url: str, fetcher: Fetcher, *, known: KnownEntries | None = None
) -> Reading:
    """Briefs from a feed's newest unknown entries; excerpts are completed from their pages."""
    try:
        entries = await _newest_unknown(data, feed_url, fetcher.max_feed_items, known)
    except InvalidInput as error:
        return Rejection(feed_url, phrase_of(error))
    limit = asyncio.Semaphore(_LINKED_PAGE_FETCHES)

    async def one(entry: FeedEntry) -> IngestItem:
        async with limit:
            return await _entry_item(entry, feed_url, fetcher)

    return list(await asyncio.gather(*(one(entry) for entry in entries)))


async def _newest_unknown(
    data: bytes, feed_url: str, limit: int, known: KnownEntries | None
) -> list[FeedEntry]:
    """The newest ``limit`` entries not stored yet; one log line if any is cut.

    Batch by batch (parsed in worker threads), the stored entries are dropped and only the
    ``limit`` newest others kept, so memory holds one batch and ``limit`` entries, not the
    whole feed's.
    """
    spans = await off_loop(lambda: list(_batch_spans(data)))
    newest = NewestEntries(limit)
    for span in spans:
        entries = await off_loop(_parse_span, span, feed_url)
        stored: Sequence[bool] = [False] * len(entries)
        if known is not None and entries:
            stored = await known([(entry.url, entry.external_id) for entry in entries])
        newest.add(entries, stored)
    if newest.new > limit:
        logger.warning(
            "feed %s: %d entries, %d new; reading the newest %d, skipping %d "
            "(BRIEFBOT_FEED_MAX_ITEMS)",
            feed_url, newest.total, newest.new, limit, newest.new - limit,
        )
    return newest.result()


def _batch_spans(data: bytes) -> Iterator[Callable[[], bytes]]:
    """Callables building each batch's document on demand (so that only one exists at once)."""
    layout = scan_feed(data)
    if layout is None:
        yield lambda: data
        return
    for batch in entry_batches(layout, BATCH_BYTES, BATCH_ENTRIES):
        yield functools.partial(batch_document, data, layout, batch)


def _parse_span(span: Callable[[], bytes], url: str) -> list[FeedEntry]:
    return parse_entries(span(), url)


class NewestEntries:
    """The ``limit`` newest of the entries added (feed order when none is cut).

    The same choice as sorting every new entry by date, newest first (undated ones last,
    ties in the feed's order), and taking the first ``limit``; but holding ``limit``.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0
        self.new = 0
        self._kept: list[tuple[dt.date, int, FeedEntry]] = []  # a heap: the least wanted first

    def add(self, entries: Sequence[FeedEntry], stored: Sequence[bool]) -> None:
        """Count ``entries``; keep those not ``stored`` among the newest so far."""
        for entry, is_stored in zip(entries, stored, strict=True):
            self.total += 1
            if is_stored:
                continue
            # Larger is wanted more: a later date, then an earlier place in the feed.
            item = (entry.published_on or dt.date.min, -self.new, entry)
            self.new += 1
            if len(self._kept) < self.limit:
                heapq.heappush(self._kept, item)
            elif item[:2] > self._kept[0][:2]:
                heapq.heapreplace(self._kept, item)

    def result(self) -> list[FeedEntry]:
        """The kept entries: in feed order if nothing was cut, else newest first."""
        if self.new <= self.limit:
            ordered = sorted(self._kept, key=lambda item: -item[1])
        else:
            ordered = sorted(self._kept, key=lambda item: (item[0], item[1]), reverse=True)
        return [entry for _, _, entry in ordered]


def looks_like_feed(content: bytes, content_type: str) -> bool:
    """Whether a fetched answer is a feed: an RSS/Atom/XML content type, or its first bytes."""
    if any(kind in content_type for kind in ("rss", "atom", "xml")) and "html" not in content_type:
        return True
    return bool(_FEED_START.match(content[:512])) and not HTML_START.match(content[:512])
