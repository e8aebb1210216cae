"""The sources briefbot reads, in the order they are asked, and the dispatch through them.

A location goes to the first source that matches it. The feed source comes before the
page source: an answer whose bytes start like XML but whose content type says HTML is
read as a feed, as it always was. A fetched answer no source matches (a PDF, an image,
plain text) gives nothing, with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.http import Fetcher, FetchError
from ingest.items import IngestItem, Rejection
from ingest.phrases import Phrase, phrase_of
from ingest.sources import Answer, Location, Source
from ingest.sources.feeds import FeedSource
from ingest.sources.files import FileSource
from ingest.sources.pages import PageSource
from ingest.threads import off_loop
from ingest.validation import InvalidInput, decode_text, url_problem
from storage.models.enums import SourceKind

# Register a new kind of source here, once; the order is the order of the dispatch.
SOURCES: dict[SourceKind, Source] = {
    source.kind: source for source in (FeedSource(), PageSource(), FileSource())
}
# The kinds whose sources read fetched URLs: the ones the minute tick polls.
POLLED_KINDS = frozenset(kind for kind, source in SOURCES.items() if source.fetched)


@dataclass(frozen=True)
class Document:
    """What a location turned out to be, and what it yields.

    ``kind`` is the kind of the source that read it, else ``None``; then ``problem`` says,
    in one line, why the location as a whole gives nothing (not a feed, no article text,
    binary data, neither a feed nor an HTML page).
    """

    kind: SourceKind | None
    items: list[IngestItem]
    problem: Rejection | None = None

    def items_or_problem(self) -> list[IngestItem]:
        """The items, or the one problem as a rejection."""
        return [self.problem] if self.problem else self.items


def source_for(location: Location) -> Source | None:
    """The first registered source that reads ``location``, if any."""
    return next((source for source in SOURCES.values() if source.matches(location)), None)


async def read_location(location: Location, fetcher: Fetcher) -> Document:
    """Read ``location`` with the first source that matches it."""
    source = source_for(location)
    if source is None:
        return Document(None, [], await _unmatched(location))
    reading = await source.read(location, fetcher)
    if isinstance(reading, Rejection):
        return Document(None, [], reading)
    return Document(source.kind, reading)


async def _unmatched(location: Location) -> Rejection:
    """Why no source reads ``location``: binary data, else neither a feed nor a page."""
    if not isinstance(location, Answer):
        return Rejection(str(location), Phrase("no source reads this"))
    try:
        await off_loop(decode_text, location.result.content)
    except InvalidInput as error:
        return Rejection(location.asked, phrase_of(error))
    kind = location.result.content_type or "?"
    reason = Phrase("neither a feed nor an HTML page ({type})", type=kind)
    return Rejection(location.asked, reason)


async def read_url(url: str, fetcher: Fetcher) -> list[IngestItem]:
    """Briefs from a URL: every entry of a feed, or the article of an HTML page."""
    problem = url_problem(url)
    if problem:
        return [Rejection(url, problem)]
    try:
        result = await fetcher.fetch(url)
    except FetchError as error:
        return [Rejection(url, phrase_of(error))]
    document = await read_location(Answer(url, result), fetcher)
    return document.items_or_problem()
