"""A follow or mute rule as the reader wrote it (``topic_rules.written``).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04

Rules are matched and kept unique by ``phrase``, lower-cased; ``written`` keeps the reader's
case (``NATO``, ``Курск``), so ``/following``, ``/settings`` and alerts name a rule as it was
given. NULL for rules stored before this revision: those are shown as stored.

Stored phrases are also normalised as rules are from now on: without zero-width joiners
(U+200C, U+200D) and compatibility-composed (NFKC). ``nato`` and ``nato`` followed by a joiner,
or NATO in fullwidth letters, were two rules matching the same briefs, and ``/unfollow nato``
left the other. Where both exist, the one already in the normal form is kept and the other
dropped; a phrase whose normal form would not fit the column (a compatibility character may
stand for 18) is left as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JOINERS = ("\u200c", "\u200d")
BATCH = 1000
PHRASE_LENGTH = 200  # topic_rules.phrase


def _normalised(phrase: str) -> str:
    """``phrase`` as storage.repositories.subscribers.normalise_phrase stores it since (its
    words were lower-cased and single-spaced already, NFC)."""
    for joiner in JOINERS:
        phrase = phrase.replace(joiner, "")
    return " ".join(unicodedata.normalize("NFKC", phrase).lower().split())


def _renormalise() -> None:
    """Store every phrase as rules are normalised now, or drop it if that rule exists."""
    rules = sa.table(
        "topic_rules", sa.column("id", sa.Integer), sa.column("subscriber_id", sa.Integer),
        sa.column("kind", sa.String), sa.column("phrase", sa.String),
    )
    connection = op.get_bind()
    after = 0
    while True:
        rows = connection.execute(
            sa.select(rules.c.id, rules.c.subscriber_id, rules.c.kind, rules.c.phrase)
            .where(rules.c.id > after)
            .order_by(rules.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for ident, subscriber_id, kind, phrase in rows:
            plain = _normalised(phrase)
            if plain == phrase or len(plain) > PHRASE_LENGTH:
                continue
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
        after = rows[-1][0]


def upgrade() -> None:
    # Plain ADD COLUMN, as 0015: a batch copy would detach the full-text triggers (see 0002).
    op.add_column("topic_rules", sa.Column("written", sa.String(200), nullable=True))
    _renormalise()


def downgrade() -> None:
    op.drop_column("topic_rules", "written")
