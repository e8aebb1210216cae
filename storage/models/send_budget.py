"""The instances sharing one bot token's send budget (PostgreSQL; see outbox.shared_budget)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime

INSTANCE_ID_LENGTH = 36  # a UUID's text
TOKEN_KEY_LENGTH = 64


class SendBudgetMember(Base):
    """One live instance: what it wants and the most it may be sending at, per second."""

    __tablename__ = "send_budget_members"

    instance_id: Mapped[str] = mapped_column(String(INSTANCE_ID_LENGTH), primary_key=True)
    # A hash of the bot token (never the token): instances of one token share a budget.
    token_key: Mapped[str] = mapped_column(String(TOKEN_KEY_LENGTH), index=True)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    demand: Mapped[float] = mapped_column(Float)
    claim: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return (
            f"SendBudgetMember({self.instance_id!r}, demand={self.demand!r}, "
            f"claim={self.claim!r})"
        )
