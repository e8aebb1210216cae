"""The language the bot speaks in each chat (issue 13, "The bot's words").

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

``subscribers.language`` is the chat's ``/language`` choice (null: follow Telegram's
``language_code``); ``subscribers.seen_language`` is the ``language_code`` seen at ``/start``
(or ``/channel``), which digests and alerts use when the chat chose none.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): a batch copy of a table near briefs would detach the
    # full-text index triggers (see 0002).
    op.add_column("subscribers", sa.Column("language", sa.String(16), nullable=True))
    op.add_column("subscribers", sa.Column("seen_language", sa.String(16), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, without a batch copy.
    op.drop_column("subscribers", "seen_language")
    op.drop_column("subscribers", "language")
