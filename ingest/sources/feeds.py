"""RSS/Atom feeds to briefs, and URLs (feed or page) to briefs.

A fetched answer is a feed when its content type says RSS, Atom or XML (and not HTML) or
its bytes start like one; else it is a page when its content type or bytes say HTML; any
other answer (a PDF, an image, plain text) gives nothing, with a one-line reason.

Feed bytes are first parsed by defusedxml with entity declarations forbidden, so an
entity-expansion bomb ("billion laughs") or an external entity is refused before
feedparser sees it; feedparser then parses the bytes we fetched (a stream, so it never
fetches anything itself). An entry with full content (``content:encoded``, Atom
``content``) is used as it is; an entry with only a summary of fewer than
:data:`EXCERPT_WORDS` words, or one ending in an ellipsis or "read more", is an excerpt:
its link is fetched and the page's main text extracted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import time
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree  # type: ignore[import-untyped]
import feedparser  # type: ignore[import-untyped]

from ingest.http import Fetcher, FetchError, FetchResult
from ingest.items import BriefCandidate, IngestItem, Rejection
from ingest.sources.html_text import html_to_text
from ingest.sources.pages import page_candidate
from ingest.validation import InvalidInput, decode_text, url_problem, validate_candidate

EXCERPT_WORDS = 100
_EXCERPT_ENDING = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more\W*|continue reading\W*)$", re.I)
_FEED_START = re.compile(rb"\s*(<\?xml|<rss|<feed|<rdf:RDF)", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(<!doctype html|<html)", re.IGNORECASE)
_LINKED_PAGE_FETCHES = 4


@dataclass(frozen=True)
class FeedEntry:
    """One feed item as the feed states it."""

    external_id: str | None
    url: str | None
    title: str | None
    published_on: dt.date | None
    text: str
    is_excerpt: bool


def refuse_xml_bombs(data: bytes) -> None:
    """Raise :class:`InvalidInput` for XML declaring entities or external references."""
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except defusedxml.DefusedXmlException as error:
        raise InvalidInput(
            f"unsafe XML refused: {type(error).__name__} (entity declarations are not allowed)"
        ) from None
    except ParseError:
        pass  # feedparser copes with ill-formed feeds; only the bomb check matters here


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def parse_feed(data: bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom document; :class:`InvalidInput` if it is not a feed."""
    refuse_xml_bombs(data)
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        raise InvalidInput("not an RSS/Atom feed")
    entries = []
    for entry in parsed.entries:
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        summary = html_to_text(entry.get("summary", "") or "")
        full = html_to_text(max(contents, key=len)) if contents else ""
        text = full or summary
        is_excerpt = not full and (
            len(summary.split()) < EXCERPT_WORDS or bool(_EXCERPT_ENDING.search(summary))
        )
        entries.append(
            FeedEntry(
                external_id=entry.get("id") or entry.get("guid") or None,
                url=urljoin(url, entry["link"]) if entry.get("link") else None,
                title=entry.get("title") or None,
                published_on=_entry_date(entry),
                text=text,
                is_excerpt=is_excerpt,
            )
        )
    return entries


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
        html = decode_text(page.content)
    except (FetchError, InvalidInput) as error:
        return Rejection(origin, f"excerpt only, and the article could not be fetched: {error}")
    item = page_candidate(html, entry.url, external_id=entry.external_id)
    if isinstance(item, Rejection):
        return Rejection(origin, f"excerpt only, and {item.reason}")
    return BriefCandidate(
        origin=origin,
        text=item.text,
        title=entry.title or item.title,
        external_id=entry.external_id,
        url=entry.url,
        published_on=entry.published_on or item.published_on,
    )


async def feed_items(data: bytes, feed_url: str, fetcher: Fetcher) -> list[IngestItem]:
    """Briefs from a feed document; excerpt-only entries are completed from their pages."""
    try:
        entries = parse_feed(data, feed_url)
    except InvalidInput as error:
        return [Rejection(feed_url, str(error))]
    limit = asyncio.Semaphore(_LINKED_PAGE_FETCHES)

    async def one(entry: FeedEntry) -> IngestItem:
        async with limit:
            return await _entry_item(entry, feed_url, fetcher)

    return list(await asyncio.gather(*(one(entry) for entry in entries)))


def looks_like_feed(content: bytes, content_type: str) -> bool:
    if any(kind in content_type for kind in ("rss", "atom", "xml")) and "html" not in content_type:
        return True
    return bool(_FEED_START.match(content[:512])) and not _HTML_START.match(content[:512])


@dataclass(frozen=True)
class Document:
    """What a fetched URL turned out to be, and what it yields.

    ``kind`` is ``"feed"`` or ``"page"`` for a usable document, else ``None``; then
    ``problem`` says, in one line, why the answer as a whole gives nothing (not a feed, no
    article text, binary data, neither a feed nor an HTML page).
    """

    kind: Literal["feed", "page"] | None
    items: list[IngestItem]
    problem: Rejection | None = None


async def read_document(
    result: FetchResult, fetcher: Fetcher, *, url: str | None = None
) -> Document:
    """Dispatch a fetched answer: a feed gives its entries, an HTML page its article.

    ``url`` is the URL asked for (``result.url`` is where redirects ended), used to name
    an answer that is neither.
    """
    asked = url or result.url
    if looks_like_feed(result.content, result.content_type):
        items = await feed_items(result.content, result.url, fetcher)
        if len(items) == 1 and isinstance(items[0], Rejection) and items[0].origin == result.url:
            return Document(None, [], items[0])  # the document itself is not a usable feed
        return Document("feed", items)
    try:
        html = decode_text(result.content)
    except InvalidInput as error:
        return Document(None, [], Rejection(asked, str(error)))
    if "html" not in result.content_type and not _HTML_START.match(result.content[:512]):
        reason = f"neither a feed nor an HTML page ({result.content_type or '?'})"
        return Document(None, [], Rejection(asked, reason))
    item = page_candidate(html, result.url)
    if isinstance(item, BriefCandidate):
        item = validate_candidate(item)  # a page is its article: too short means no article
    if isinstance(item, Rejection):
        return Document(None, [], item)
    return Document("page", [item])


async def read_url(url: str, fetcher: Fetcher) -> list[IngestItem]:
    """Briefs from a URL: every entry of a feed, or the article of an HTML page."""
    problem = url_problem(url)
    if problem:
        return [Rejection(url, problem)]
    try:
        result = await fetcher.fetch(url)
    except FetchError as error:
        return [Rejection(url, str(error))]
    document = await read_document(result, fetcher, url=url)
    return [document.problem] if document.problem else document.items
