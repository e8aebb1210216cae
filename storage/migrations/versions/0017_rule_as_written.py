"""A follow or mute rule as the reader wrote it (``topic_rules.written``).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04

Rules are matched and kept unique by ``phrase``, lower-cased; ``written`` keeps the reader's
case (``NATO``, ``Курск``), so ``/following``, ``/settings`` and alerts name a rule as it was
given. NULL for rules stored before this revision: those are shown as stored.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, as 0015: a batch copy would detach the full-text triggers (see 0002).
    op.add_column("topic_rules", sa.Column("written", sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column("topic_rules", "written")
