"""The language each brief was summarized in (ISO 639-1), detected or pinned at ingest.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

Briefs stored before this revision keep ``NULL``: "not known". Nothing reads the column in a
way that needs a value (search and the bot treat ``NULL`` like any language); detecting
the language of old rows here would make storage import the summarizer.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): a batch "move and copy" would detach the briefs
    # table's full-text index triggers (see 0002).
    op.add_column("briefs", sa.Column("language", sa.String(2), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, without a batch copy.
    op.drop_column("briefs", "language")
