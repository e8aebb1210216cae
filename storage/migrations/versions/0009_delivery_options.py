"""Delivery options per chat: link previews, silent sends, summary length, digest scope.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

``/previews on|off``, ``/silent on|off``, ``/length N`` and ``/digest followed|all``. The
defaults keep what every chat had before: no link previews, notifications on, the stored
summary (``summary_length`` NULL: the bot's ``BRIEFBOT_SUMMARY_SENTENCES``) and every new
brief in the digest.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): no batch copy of a table near the briefs (see 0008).
    op.add_column(
        "subscribers",
        sa.Column("link_previews", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "subscribers",
        sa.Column("silent", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("subscribers", sa.Column("summary_length", sa.Integer(), nullable=True))
    op.add_column(
        "subscribers",
        sa.Column("digest_scope", sa.String(length=16), nullable=False, server_default="all"),
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, without a batch copy.
    op.drop_column("subscribers", "digest_scope")
    op.drop_column("subscribers", "summary_length")
    op.drop_column("subscribers", "silent")
    op.drop_column("subscribers", "link_previews")
