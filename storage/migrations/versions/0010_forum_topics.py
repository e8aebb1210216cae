"""The forum topic a subscribed supergroup's digests, alerts and notices go to.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

``/start`` sent inside a topic of a forum supergroup binds that topic: the outbox sends to
``subscribers.message_thread_id`` (read at send time, so a re-bound topic takes effect for
queued messages too). ``topic_name`` is the topic's name when it was bound, for ``/settings``.
Both NULL: the chat itself (the General topic of a forum).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): no batch copy of a table near briefs (see 0008).
    op.add_column("subscribers", sa.Column("message_thread_id", sa.BigInteger(), nullable=True))
    op.add_column("subscribers", sa.Column("topic_name", sa.String(128), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, without a batch copy.
    op.drop_column("subscribers", "topic_name")
    op.drop_column("subscribers", "message_thread_id")
