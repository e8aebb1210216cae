"""The bot: briefs.duplicate_count (an importance signal) and named cursors.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

The column is added with plain ``ALTER TABLE ... ADD COLUMN`` (no batch copy on
SQLite): recreating ``briefs`` would detach its FTS5 table and triggers. The FTS5
update trigger fires only on title/topics/text, so counting duplicates never
touches the search index.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "briefs",
        sa.Column("duplicate_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.create_table(
        "cursors",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_cursors"),
    )


def downgrade() -> None:
    op.drop_table("cursors")
    op.drop_column("briefs", "duplicate_count")
