"""Which origins carried each brief, so ``duplicate_count`` counts other sources once each.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Before, every arrival of a stored story raised ``duplicate_count``: every poll of a feed
without a 304 did, and one feed of near-identical items could push a brief to the top of
every digest. ``brief_origins`` holds one row per (brief, origin); a duplicate raises the
count only when its origin is new. Briefs from a polled source get their own origin
(``source:<id>``) here; for the others the first arrival from elsewhere records it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "brief_origins",
        sa.Column("brief_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["brief_id"], ["briefs.id"], ondelete="CASCADE",
            name="fk_brief_origins_brief_id_briefs",
        ),
        sa.PrimaryKeyConstraint("brief_id", "origin", name="pk_brief_origins"),
    )
    op.execute(
        "INSERT INTO brief_origins (brief_id, origin) "
        "SELECT id, 'source:' || CAST(source_id AS VARCHAR) FROM briefs "
        "WHERE source_id IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("brief_origins")
