"""HTML pages to briefs with trafilatura (main text, title, date)."""

from __future__ import annotations

import trafilatura

from ingest.items import BriefCandidate, IngestItem, Rejection
from ingest.validation import InvalidInput, parse_date


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


def page_candidate(html: str, url: str, *, external_id: str | None = None) -> IngestItem:
    """A brief from an article page; its title and date come from the page's metadata."""
    text = page_text(html, url)
    if not text:
        return Rejection(url, "no article text found on the page")
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
