"""A follow or mute rule as the reader wrote it (``topic_rules.written``).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04

Rules are matched and kept unique by ``phrase``, lower-cased; ``written`` keeps the reader's
case (``NATO``, ``Курск``), so ``/following``, ``/settings`` and alerts name a rule as it was
given. NULL for rules stored before this revision: those are shown as stored.

Stored phrases also lose their zero-width joiners (U+200C, U+200D), as rules are normalised
from now on: ``nato`` and ``nato`` followed by a joiner were two rules matching the same
briefs, and ``/unfollow nato`` left the other. Where both exist, the newer one is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


JOINERS = ("\u200c", "\u200d")


def _without_joiners(phrase: str) -> str:
    """``phrase`` as storage.repositories.subscribers.normalise_phrase stores it since (its
    words were already lower-cased and single-spaced)."""
    for joiner in JOINERS:
        phrase = phrase.replace(joiner, "")
    return " ".join(phrase.split())


def _drop_joiners() -> None:
    """Store every phrase holding a joiner without it, or drop it if that rule exists."""
    rules = sa.table(
        "topic_rules", sa.column("id", sa.Integer), sa.column("subscriber_id", sa.Integer),
        sa.column("kind", sa.String), sa.column("phrase", sa.String),
    )
    connection = op.get_bind()
    holding = sa.or_(*(rules.c.phrase.contains(joiner) for joiner in JOINERS))
    found = connection.execute(
        sa.select(rules.c.id, rules.c.subscriber_id, rules.c.kind, rules.c.phrase)
        .where(holding)
        .order_by(rules.c.id)
    ).all()
    for ident, subscriber_id, kind, phrase in found:
        plain = _without_joiners(phrase)
        taken = connection.scalar(
            sa.select(rules.c.id).where(
                rules.c.subscriber_id == subscriber_id,
                rules.c.kind == kind,
                rules.c.phrase == plain,
            )
        )
        if taken is not None or not plain:
            connection.execute(rules.delete().where(rules.c.id == ident))
        else:
            connection.execute(rules.update().where(rules.c.id == ident).values(phrase=plain))


def upgrade() -> None:
    # Plain ADD COLUMN, as 0015: a batch copy would detach the full-text triggers (see 0002).
    op.add_column("topic_rules", sa.Column("written", sa.String(200), nullable=True))
    _drop_joiners()


def downgrade() -> None:
    op.drop_column("topic_rules", "written")
