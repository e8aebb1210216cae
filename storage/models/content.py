"""Where briefs come from and the briefs themselves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, JSONDocument, OptionalJSONDocument, UTCDateTime, utc_now
from storage.models.enums import SourceKind, string_enum

ORIGIN_LENGTH = 300

URL_LENGTH = 2048


class Source(Base):
    """A feed, page or file that briefs are ingested from, with its polling state."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[SourceKind] = mapped_column(string_enum(SourceKind))
    url: Mapped[str | None] = mapped_column(String(URL_LENGTH), unique=True)
    title: Mapped[str | None] = mapped_column(String(500))
    poll_interval_seconds: Mapped[int] = mapped_column(Integer, default=3600)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    next_poll_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The last error's catalogue message and values when ingest made it a Phrase, so /sources
    # says it in the admin's language (storage/phrase_documents.py); None beside a plain one.
    last_error_phrase: Mapped[dict[str, Any] | None] = mapped_column(OptionalJSONDocument)
    last_error_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Words or phrases a brief of this source must hold (any one) or must not (none); one
    # failing them is stored but held back from digests and alerts (ingest.filters).
    include_phrases: Mapped[list[str]] = mapped_column(
        JSONDocument, default=list, server_default="[]"
    )
    exclude_phrases: Mapped[list[str]] = mapped_column(
        JSONDocument, default=list, server_default="[]"
    )

    def __repr__(self) -> str:
        return f"Source(id={self.id!r}, kind={self.kind!r}, url={self.url!r})"


class Brief(Base):
    """One news brief: its text, extractive summary and topics.

    ``content_hash`` is the ingest layer's hash of the normalised content; it is
    unique, as are ``url`` and ``external_id`` when present (NULLs never clash).
    """

    __tablename__ = "briefs"
    __table_args__ = (
        Index("ix_briefs_ingested_at", "ingested_at"),
        Index("ix_briefs_published_on", "published_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    external_id: Mapped[str | None] = mapped_column(String(500), unique=True)
    url: Mapped[str | None] = mapped_column(String(URL_LENGTH), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(128), unique=True)
    summary: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    topics: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    # How many other sources carried the same story (exactly or nearly): an importance
    # signal. Each origin counts once (``brief_origins``), so re-polling never raises it.
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Failed its source's include/exclude phrases: stored and searchable, never pushed.
    held: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # ISO 639-1 code the brief was summarized in (migration 0009); None: stored before it.
    language: Mapped[str | None] = mapped_column(String(2))
    # A French, German, Spanish, Hindi or Russian brief's word stems in its language, tagged
    # (``de0staat``), for search only (storage.search_stems, migration 0016); None for other
    # languages. Deferred: nothing but the indexes reads it.
    search_stems: Mapped[str | None] = mapped_column(Text, deferred=True)

    def __repr__(self) -> str:
        return f"Brief(id={self.id!r}, title={self.title!r})"


class BriefFingerprint(Base):
    """One MinHash-LSH band bucket of a brief, for near-duplicate candidate lookup.

    Buckets are signed 64-bit; the repository maps unsigned 64-bit hashes onto
    that range, so callers may pass either.
    """

    __tablename__ = "brief_fingerprints"
    __table_args__ = (Index("ix_brief_fingerprints_band_bucket", "band", "bucket"),)

    brief_id: Mapped[int] = mapped_column(
        ForeignKey("briefs.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger)


class BriefOrigin(Base):
    """One origin that carried a brief (its own first, then each other one, counted once).

    An origin is ``source:<id>`` for a polled source, else ``host:<host>`` of the item's
    URL, else ``file:<path>`` (see :func:`ingest.store.origin_key`).
    """

    __tablename__ = "brief_origins"

    brief_id: Mapped[int] = mapped_column(
        ForeignKey("briefs.id", ondelete="CASCADE"), primary_key=True
    )
    origin: Mapped[str] = mapped_column(String(ORIGIN_LENGTH), primary_key=True)
