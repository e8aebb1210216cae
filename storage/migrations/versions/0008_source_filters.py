"""Include and exclude phrases per source, and briefs held back from digests and alerts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

An admin gives a source words or phrases a brief must contain (any one of ``include``) or
must not (none of ``exclude``). A brief from that source failing them is stored (``/latest``,
``/topic`` and search find it) but ``held``: never pushed in a digest or an alert.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): a batch "move and copy" would detach the briefs
    # table's full-text index triggers (see 0002).
    op.add_column(
        "sources", sa.Column("include_phrases", _JSON, nullable=False, server_default="[]")
    )
    op.add_column(
        "sources", sa.Column("exclude_phrases", _JSON, nullable=False, server_default="[]")
    )
    op.add_column(
        "briefs", sa.Column("held", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, without a batch copy.
    op.drop_column("briefs", "held")
    op.drop_column("sources", "exclude_phrases")
    op.drop_column("sources", "include_phrases")
