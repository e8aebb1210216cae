"""One chat's pace shared by the instances of one bot token (``chat_pace``).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

One row per chat sent to lately: ``next_at``, the earliest instant (the database's clock) the
next message to the chat may start, and for groups and channels ``recent``, the start times of
their last messages (Telegram's per-minute limit). Used on PostgreSQL only
(``BRIEFBOT_SEND_BUDGET=shared``, see ``outbox/chat_pace.py``); created on SQLite too, so both
databases have the same tables (there ``recent`` is a JSON list, never written).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chat_pace",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("next_at", INSTANT, nullable=False),
        sa.Column(
            "recent",
            postgresql.ARRAY(INSTANT).with_variant(sa.JSON(), "sqlite"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("chat_id", name="pk_chat_pace"),
    )
    op.create_index("ix_chat_pace_next_at", "chat_pace", ["next_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_pace_next_at", table_name="chat_pace")
    op.drop_table("chat_pace")
