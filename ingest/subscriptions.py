"""Feed subscriptions: polling intervals and OPML import/export.

Intervals are written ``90s``, ``30m``, ``2h`` or ``1d`` (a bare number means minutes);
the shortest allowed is :data:`MIN_INTERVAL_SECONDS` (1 minute), the longest
:data:`MAX_INTERVAL_SECONDS` (30 days). OPML files are parsed
with defusedxml (no entity expansion, no external references); every ``outline`` with an
``xmlUrl`` attribute, at any depth, is a feed. Export writes OPML 2.0 with
``type="rss"`` outlines, which common feed readers import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, SubElement, tostring

import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree  # type: ignore[import-untyped]

from ingest.items import quoted
from ingest.library_texts import xml_problem
from ingest.phrases import Phrase
from ingest.validation import InvalidInput, canonical_url, fetch_url_problem

MIN_INTERVAL_SECONDS = 60
MAX_INTERVAL_SECONDS = 30 * 86400
DEFAULT_INTERVAL_SECONDS = 3600
MAX_TITLE_CHARS = 500  # the width of ``sources.title``
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"\s*(\d+)\s*([smhd]?)\s*", re.IGNORECASE)


def parse_interval(text: str) -> int:
    """``90s``/``30m``/``2h``/``1d`` to seconds; :class:`InvalidInput` if malformed or out of
    range (under 1m or over 30d)."""
    match = _DURATION.fullmatch(text)
    if not match:
        raise InvalidInput(
            Phrase("bad interval {value}: expected e.g. 90s, 30m, 2h or 1d", value=quoted(text))
        )
    seconds = int(match.group(1)) * _UNITS[(match.group(2) or "m").lower()]
    if seconds < MIN_INTERVAL_SECONDS:
        raise InvalidInput(
            Phrase("interval {value} is too short: the minimum is 1m", value=quoted(text))
        )
    if seconds > MAX_INTERVAL_SECONDS:
        raise InvalidInput(
            Phrase("interval {value} is too long: the maximum is 30d", value=quoted(text))
        )
    return seconds


def format_interval(seconds: int) -> str:
    """The largest whole unit: 5400 → ``90m``, 7200 → ``2h``."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None


def read_opml(data: bytes) -> tuple[list[OpmlFeed], list[str]]:
    """The feeds of an OPML document, and one line per outline that was skipped."""
    try:
        root = defusedxml.ElementTree.fromstring(data)
    except defusedxml.DefusedXmlException as error:
        raise InvalidInput(
            Phrase("unsafe XML refused: {kind}", kind=type(error).__name__)
        ) from None
    except ParseError as error:
        raise InvalidInput(
            Phrase("not OPML: malformed XML ({error})", error=xml_problem(error))
        ) from None
    except (LookupError, ValueError) as error:  # an encoding expat cannot read ("bogus", UTF-32)
        raise InvalidInput(Phrase("not OPML: unreadable XML ({error})", error=str(error))) from None
    if root.tag != "opml":
        raise InvalidInput(Phrase("not OPML: the root element is {tag}", tag=f"<{root.tag}>"))
    feeds: list[OpmlFeed] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = canonical_url(outline.get("xmlUrl") or "")
        if not url:
            continue
        problem = fetch_url_problem(url)
        if problem:
            skipped.append(problem)
        elif url not in seen:
            seen.add(url)
            title = outline.get("title") or outline.get("text")
            title = " ".join(title.split())[:MAX_TITLE_CHARS] if title else None
            feeds.append(OpmlFeed(url, title or None))
    return feeds, skipped


def write_opml(feeds: Sequence[OpmlFeed], *, now: dt.datetime | None = None) -> str:
    """An OPML 2.0 document listing ``feeds``."""
    moment = now or dt.datetime.now(dt.UTC)
    opml = Element("opml", version="2.0")
    head = SubElement(opml, "head")
    SubElement(head, "title").text = "briefbot subscriptions"
    SubElement(head, "dateCreated").text = moment.strftime("%a, %d %b %Y %H:%M:%S +0000")
    body = SubElement(opml, "body")
    for feed in feeds:
        name = feed.title or feed.url
        SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    xml = tostring(opml, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n'
