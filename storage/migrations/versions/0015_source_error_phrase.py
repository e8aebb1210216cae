"""A source's last error as its catalogue message and values (``sources.last_error_phrase``).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04

Beside the English ``last_error``, the Phrase it was made from (``{"message": ..., "values":
{...}}``, storage/phrase_documents.py), so ``/sources`` says it in the admin's language.
NULL for a plain error and for rows written before this revision: those show the English text.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): a batch "move and copy" would detach the briefs
    # table's full-text index triggers (see 0002).
    op.add_column("sources", sa.Column("last_error_phrase", _JSON, nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, without a batch copy.
    op.drop_column("sources", "last_error_phrase")
