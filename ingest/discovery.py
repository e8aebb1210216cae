"""Finding the feed of a site when an admin gives a page's URL rather than the feed's.

In order: the URL itself when it serves a feed; the feeds a page announces with
``<link rel="alternate" type="application/rss+xml|atom+xml" href="…">`` (the first one that
really answers with a feed); then the paths sites commonly serve their feed at, on the
page's own host. Every fetch goes through the :class:`~ingest.http.Fetcher`, so its limits
and its refusal of private addresses apply to each candidate as to any poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from ingest.http import Fetcher, FetchError
from ingest.phrases import Phrase
from ingest.sources.feeds import looks_like_feed
from ingest.sources.pages import looks_like_page

__all__ = ["COMMON_PATHS", "FoundFeed", "NoFeedFound", "find_feed"]

COMMON_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
MAX_ANNOUNCED = 5  # feeds a page announces that are tried, first first
HEAD_BYTES = 512 * 1024  # <link> elements belong in the head: only the page's start is read
_ALTERNATE = '<link rel="alternate">'  # markup, not words: said as it is in every language


class NoFeedFound(ValueError):
    """The URL is no feed and leads to none; the message is one line."""


@dataclass(frozen=True)
class FoundFeed:
    """A feed's URL and how it was found, said to the admin."""

    url: str
    how: Phrase


async def find_feed(fetcher: Fetcher, url: str) -> FoundFeed:
    """The feed at or behind ``url``; raises :class:`NoFeedFound` or :class:`FetchError`."""
    answer = await fetcher.fetch(url)
    if looks_like_feed(answer.content, answer.content_type):
        return FoundFeed(answer.url, Phrase("the URL is a feed"))
    if not looks_like_page(answer.content, answer.content_type):
        raise NoFeedFound(Phrase("{url} serves neither a feed nor a web page", url=url))
    for announced in announced_feeds(answer.content[:HEAD_BYTES], answer.url)[:MAX_ANNOUNCED]:
        if await _serves_feed(fetcher, announced):
            return FoundFeed(announced, Phrase("announced by the page ({link})", link=_ALTERNATE))
    root = urlsplit(answer.url)
    for path in COMMON_PATHS:
        candidate = urlunsplit((root.scheme, root.netloc, path, "", ""))
        if await _serves_feed(fetcher, candidate):
            return FoundFeed(candidate, Phrase("at the common path {path}", path=path))
    raise NoFeedFound(
        Phrase(
            "no feed found for {url}: the page announces none that answers, and none of "
            "{paths} serves one",
            url=url,
            paths=", ".join(COMMON_PATHS),
        )
    )


async def _serves_feed(fetcher: Fetcher, url: str) -> bool:
    try:
        answer = await fetcher.fetch(url)
    except FetchError:
        return False
    return looks_like_feed(answer.content, answer.content_type)


def announced_feeds(html: bytes, base_url: str) -> list[str]:
    """The absolute http(s) URLs of the feeds a page's ``<link rel="alternate">`` elements name."""
    parser = _AlternateLinks()
    try:
        parser.feed(html.decode("utf-8", "replace"))
        parser.close()
    except AssertionError:  # html.parser's own complaint about hopeless markup
        pass
    found: list[str] = []
    for href in parser.hrefs:
        absolute = urljoin(base_url, href.strip())
        if urlsplit(absolute).scheme in ("http", "https") and absolute not in found:
            found.append(absolute)
    return found


class _AlternateLinks(HTMLParser):
    """Collects the ``href`` of every ``<link rel="alternate">`` with a feed's type."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES and values.get("href"):
            self.hrefs.append(values["href"])
