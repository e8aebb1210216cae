"""Factories for test objects; each call gives unique values unless overridden."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

from storage.models import Brief, ChatType, Source, SourceKind, Subscriber

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
