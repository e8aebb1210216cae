"""The page source: an HTML page's article as one brief, by trafilatura (text, title, date)."""

from __future__ import annotations

import re

import trafilatura

from ingest.http import Fetcher
from ingest.items import BriefCandidate, Rejection
from ingest.phrases import Phrase, phrase_of
from ingest.sources import Answer, Location, Reading, wrong_location
from ingest.threads import off_loop
from ingest.validation import (
    InvalidInput,
    article_problem,
    decode_text,
    parse_date,
    validate_candidate,
)
from storage.models.enums import SourceKind

HTML_START = re.compile(rb"\s*(<!doctype html|<html)", re.IGNORECASE)


class PageSource:
    """A fetched HTML page: its article is one brief."""

    kind = SourceKind.PAGE
    fetched = True

    def matches(self, location: Location) -> bool:
        """An answer whose content type or first bytes say HTML."""
        return isinstance(location, Answer) and looks_like_page(
            location.result.content, location.result.content_type
        )

    async def read(self, location: Location, fetcher: Fetcher) -> Reading:
        """The page's article, extracted in a worker thread."""
        if not isinstance(location, Answer):
            raise wrong_location(self, location)
        return await off_loop(read_page, location)


def looks_like_page(content: bytes, content_type: str) -> bool:
    """Whether a fetched answer is an HTML page, by its content type or its first bytes."""
    return "html" in content_type or bool(HTML_START.match(content[:512]))


def read_page(answer: Answer) -> Reading:
    """The article of a fetched page, or why there is none (CPU-bound: decoding, trafilatura)."""
    try:
        html = decode_text(answer.result.content)
    except InvalidInput as error:
        return Rejection(answer.asked, phrase_of(error))
    item = page_candidate(html, answer.result.url)
    if isinstance(item, BriefCandidate):
        item = validate_candidate(item)
    if isinstance(item, BriefCandidate) and (problem := article_problem(item.text)):
        item = Rejection(item.origin, problem)
    return item if isinstance(item, Rejection) else [item]


def page_text(html: str, url: str) -> str | None:
    """The main text of a page (no comments, no navigation), or ``None`` if none is found."""
    return trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # trafilatura's deduplication remembers text segments process-wide: after a few
        # extractions of the same page it returns nothing, so a polled page would fail.
        deduplicate=False,
    )


def page_candidate(
    html: str, url: str, *, external_id: str | None = None
) -> BriefCandidate | Rejection:
    """A brief from an article page; its title and date come from the page's metadata."""
    text = page_text(html, url)
    if not text:
        return Rejection(url, Phrase("no article text found on the page"))
    metadata = trafilatura.extract_metadata(html, default_url=url)
    title = metadata.title if metadata is not None else None
    published_on = None
    if metadata is not None and metadata.date:
        try:
            published_on = parse_date(str(metadata.date))
        except InvalidInput:
            published_on = None
    return BriefCandidate(
        origin=url,
        text=text,
        title=title,
        external_id=external_id,
        url=url,
        published_on=published_on,
    )
