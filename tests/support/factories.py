"""Factories for test objects (rows and brief candidates); unique values unless overridden."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

from ingest.items import BriefCandidate
from outbox.outcomes import Claim
from storage.models import (
    Brief,
    ChatType,
    Source,
    SourceKind,
    Subscriber,
    SubscriberState,
)
from storage.search_stems import brief_stems

_sequence = itertools.count(1)


def make_brief(**overrides: Any) -> Brief:
    """An unsaved Brief with a unique title, text, URL and content hash."""
    n = next(_sequence)
    text = overrides.get("text", f"Brief number {n} reports on ordinary matters of the day.")
    values: dict[str, Any] = {
        "title": f"Brief {n}",
        "text": text,
        "url": f"https://example.org/briefs/{n}",
        "external_id": None,
        "published_on": dt.date(2026, 11, 20),
        "ingested_at": dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC),
        "content_hash": hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
        "summary": [text],
        "topics": [],
    }
    values.update(overrides)
    if "search_stems" not in overrides:  # as ingest stores them (ingest.pipeline)
        values["search_stems"] = brief_stems(
            values["text"], values.get("language"), values.get("title")
        )
    return Brief(**values)


def make_source(**overrides: Any) -> Source:
    """An unsaved feed Source with a unique URL."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "kind": SourceKind.FEED,
        "url": f"https://example.org/feeds/{n}.xml",
        "title": f"Feed {n}",
        "poll_interval_seconds": 900,
        "consecutive_failures": 0,
    }
    values.update(overrides)
    return Source(**values)


def make_subscriber(**overrides: Any) -> Subscriber:
    """An unsaved private-chat Subscriber with a unique chat id."""
    n = next(_sequence)
    values: dict[str, Any] = {"chat_id": 10_000 + n, "chat_type": ChatType.PRIVATE}
    values.update(overrides)
    return Subscriber(**values)


def make_claim(
    delivery_id: int, *, chat_id: int = 1, subscriber_id: int = 1, at: dt.datetime
) -> Claim:
    """A worker's claim on row ``delivery_id`` made at ``at``: an active private chat's first
    attempt, nothing sent yet."""
    return Claim(delivery_id, chat_id, subscriber_id, SubscriberState.ACTIVE, {}, 1, at)


_WORDS = (
    "harbour", "council", "budget", "river", "museum", "school", "bridge", "orchard",
    "festival", "railway", "clinic", "library", "market", "tunnel", "airport", "garden",
    "factory", "stadium", "theatre", "forest", "valley", "island", "canal", "village",
    "highway", "college", "reservoir", "lighthouse", "vineyard", "quarry", "meadow", "glacier",
)


def filler(seed: str, words: int = 24) -> str:
    """Distinct filler sentences (seeded), so short test briefs are long enough and unique."""
    digest = hashlib.sha256(seed.encode()).digest()
    picks = [_WORDS[digest[i % len(digest)] % len(_WORDS)] for i in range(words)]
    picks = [f"{word}{i}" if i % 3 == 0 else word for i, word in enumerate(picks)]
    return " ".join(picks).capitalize() + "."


def brief(title: str, text: str, **overrides: Any) -> BriefCandidate:
    """A brief candidate with a plausible URL and date, its text padded with unique filler."""
    slug = "-".join(title.lower().split())[:40]
    values: dict[str, Any] = {
        "origin": "test",
        "title": title,
        "text": f"{text} {filler(title)}",
        "url": f"https://news.example.org/{slug}",
        "published_on": dt.date(2026, 11, 24),
    }
    values.update(overrides)
    return BriefCandidate(**values)


# A news article page: a paragraph, the same again a day later, and one more sentence.
PARAGRAPH = (
    "The defence ministry on Monday signed a contract with a domestic shipyard for six new "
    "offshore patrol vessels, officials said. The ships will be delivered over five years."
)
ARTICLE_HTML = f"""<!doctype html><html><head><title>Six patrol vessels ordered</title>
<meta property="article:published_time" content="2025-11-05"></head><body>
<nav>Home | World | Sport</nav><article><h1>Six patrol vessels ordered</h1>
<p>{PARAGRAPH}</p><p>{PARAGRAPH.replace("Monday", "Tuesday")}</p>
<p>The coast guard has asked for more ships for years, citing the long coastline.</p>
</article><footer>Copyright</footer></body></html>"""
