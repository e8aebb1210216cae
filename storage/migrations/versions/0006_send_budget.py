"""The instances of one bot token that share its send budget (``send_budget_members``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

One row per running instance that sends: its demand and claim in messages per second, its
last heartbeat (the database's clock) and a hash of the token. Used on PostgreSQL only
(``BRIEFBOT_SEND_BUDGET=shared``, see ``outbox/shared_budget.py``); created on SQLite too, so
both databases have the same schema.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "send_budget_members",
        sa.Column("instance_id", sa.String(36), nullable=False),
        sa.Column("token_key", sa.String(64), nullable=False),
        sa.Column("heartbeat_at", INSTANT, nullable=False),
        sa.Column("demand", sa.Float(), nullable=False),
        sa.Column("claim", sa.Integer(), nullable=False),
        sa.Column("started_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("instance_id", name="pk_send_budget_members"),
    )
    op.create_index(
        "ix_send_budget_members_token_key", "send_budget_members", ["token_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_send_budget_members_token_key", table_name="send_budget_members")
    op.drop_table("send_budget_members")
