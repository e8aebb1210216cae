"""When the next message to a chat may start, shared by instances (PostgreSQL; outbox.chat_pace)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, DateTime
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime

# Start times of a group's last messages; a JSON list on SQLite, where the table is unused.
InstantList = ARRAY(DateTime(timezone=True)).with_variant(JSON(), "sqlite")


class ChatPace(Base):
    """One chat's next allowed start and, for groups and channels, its last starts."""

    __tablename__ = "chat_pace"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    next_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    recent: Mapped[list[dt.datetime]] = mapped_column(InstantList)

    def __repr__(self) -> str:
        return f"ChatPace({self.chat_id!r}, next_at={self.next_at!r})"
