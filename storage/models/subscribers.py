"""Subscribers (Telegram chats), their follow/mute rules and the delivery outbox."""

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
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, JSONDocument, UTCDateTime, utc_now
from storage.models.enums import (
    ChatType,
    DeliveryKind,
    DeliveryState,
    DigestScope,
    RuleKind,
    SubscriberState,
    string_enum,
)

TOPIC_NAME_LENGTH = 128  # Telegram's longest topic name
RULE_PHRASE_LENGTH = 200  # a follow or mute rule's phrase, stored and as written


class Subscriber(Base):
    """A chat that receives briefs; ``digest_time`` None means the daily digest is off.

    Delivery options (``/previews``, ``/silent``, ``/length``, ``/digest followed|all``):
    ``summary_length`` None means the bot's ``BRIEFBOT_SUMMARY_SENTENCES`` (the stored summary).
    """

    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_type: Mapped[ChatType] = mapped_column(string_enum(ChatType))
    title: Mapped[str | None] = mapped_column(String(500))
    state: Mapped[SubscriberState] = mapped_column(
        string_enum(SubscriberState), default=SubscriberState.ACTIVE
    )
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    digest_time: Mapped[dt.time | None] = mapped_column(Time)
    next_digest_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    last_digest_on: Mapped[dt.date | None] = mapped_column(Date)
    last_digest_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    link_previews: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    silent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    summary_length: Mapped[int | None] = mapped_column(Integer)
    digest_scope: Mapped[DigestScope] = mapped_column(
        string_enum(DigestScope), default=DigestScope.ALL, server_default=DigestScope.ALL.value
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utc_now, onupdate=utc_now
    )
    # The forum topic deliveries go to (bound by /start in it) and its name then; None: the
    # chat itself (a forum's General topic). The outbox reads it at send time.
    message_thread_id: Mapped[int | None] = mapped_column(BigInteger)
    topic_name: Mapped[str | None] = mapped_column(String(TOPIC_NAME_LENGTH))
    # The bot's language here: the chat's /language choice (None: follow Telegram's
    # language_code), and the language_code seen at /start, for digests and alerts.
    language: Mapped[str | None] = mapped_column(String(16))
    seen_language: Mapped[str | None] = mapped_column(String(16))


class TopicRule(Base):
    """A subscriber's follow or mute phrase, stored normalised (lower case, single spaces) to
    match and compare, and as the reader wrote it (case kept) to show."""

    __tablename__ = "topic_rules"
    __table_args__ = (UniqueConstraint("subscriber_id", "kind", "phrase"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RuleKind] = mapped_column(string_enum(RuleKind))
    phrase: Mapped[str] = mapped_column(String(RULE_PHRASE_LENGTH))
    # NULL for a rule stored before migration 0017: it is shown as ``phrase``.
    written: Mapped[str | None] = mapped_column(String(RULE_PHRASE_LENGTH), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)

    @property
    def shown(self) -> str:
        """The phrase as the reader wrote it, or as stored for an older rule."""
        return self.written or self.phrase


class Delivery(Base):
    """An outbox row: one message to send to one subscriber.

    ``dedup_key`` (unique per subscriber) makes enqueueing idempotent, e.g.
    ``digest:2026-11-25`` or ``alert:<brief id>``.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "dedup_key"),
        Index("ix_deliveries_state_due_at", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"))
    kind: Mapped[DeliveryKind] = mapped_column(string_enum(DeliveryKind))
    brief_id: Mapped[int | None] = mapped_column(
        ForeignKey("briefs.id", ondelete="SET NULL"), index=True
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    dedup_key: Mapped[str | None] = mapped_column(String(128))
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    state: Mapped[DeliveryState] = mapped_column(
        string_enum(DeliveryState), default=DeliveryState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
