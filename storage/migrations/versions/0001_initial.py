"""Initial schema: sources, briefs (+ full-text search), fingerprints, readers, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Search objects are dialect-specific and deliberately not in the models:
SQLite gets an external-content FTS5 table kept in sync by triggers;
PostgreSQL gets a generated ``tsvector`` column with a GIN index. Both index
lower-cased, unstemmed words (stemming happens on the query side, see
``storage/search.py``), so matching behaves the same on both.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
INSTANT = sa.DateTime(timezone=True)
ENUM = sa.String(16)

SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE briefs_fts USING fts5(
        title, topics, text, content='briefs', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='3')""",
    """CREATE TRIGGER briefs_fts_after_insert AFTER INSERT ON briefs BEGIN
        INSERT INTO briefs_fts(rowid, title, topics, text)
        VALUES (new.id, new.title, new.topics, new.text);
    END""",
    """CREATE TRIGGER briefs_fts_after_delete AFTER DELETE ON briefs BEGIN
        INSERT INTO briefs_fts(briefs_fts, rowid, title, topics, text)
        VALUES ('delete', old.id, old.title, old.topics, old.text);
    END""",
    """CREATE TRIGGER briefs_fts_after_update AFTER UPDATE OF title, topics, text ON briefs
    BEGIN
        INSERT INTO briefs_fts(briefs_fts, rowid, title, topics, text)
        VALUES ('delete', old.id, old.title, old.topics, old.text);
        INSERT INTO briefs_fts(rowid, title, topics, text)
        VALUES (new.id, new.title, new.topics, new.text);
    END""",
]
SQLITE_SEARCH_DROP = [
    "DROP TRIGGER IF EXISTS briefs_fts_after_update",
    "DROP TRIGGER IF EXISTS briefs_fts_after_delete",
    "DROP TRIGGER IF EXISTS briefs_fts_after_insert",
    "DROP TABLE IF EXISTS briefs_fts",
]
POSTGRES_SEARCH = [
    """ALTER TABLE briefs ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || setweight(jsonb_to_tsvector('simple'::regconfig, coalesce(topics, '[]'::jsonb),
                                       '["string"]'::jsonb), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(text, '')), 'C')
    ) STORED""",
    # Keep the vector in the heap row (compressed, not TOASTed): ranking reads it for
    # every candidate, and the planner then costs a sequential scan realistically.
    "ALTER TABLE briefs ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX ix_briefs_search_vector ON briefs USING gin (search_vector)",
]


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        _id(),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("url", sa.String(2048), nullable=True),
        sa.Column("title", sa.String(500), nullable=True),
        sa.Column("poll_interval_seconds", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(500), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("last_polled_at", INSTANT, nullable=True),
        sa.Column("next_poll_at", INSTANT, nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", INSTANT, nullable=True),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("url", name="uq_sources_url"),
    )
    op.create_index("ix_sources_next_poll_at", "sources", ["next_poll_at"])

    op.create_table(
        "briefs",
        _id(),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(500), nullable=True),
        sa.Column("url", sa.String(2048), nullable=True),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("ingested_at", INSTANT, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("summary", JSON_DOCUMENT, nullable=False),
        sa.Column("topics", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_briefs"),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_briefs_source_id_sources",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("external_id", name="uq_briefs_external_id"),
        sa.UniqueConstraint("url", name="uq_briefs_url"),
        sa.UniqueConstraint("content_hash", name="uq_briefs_content_hash"),
    )
    op.create_index("ix_briefs_source_id", "briefs", ["source_id"])
    op.create_index("ix_briefs_ingested_at", "briefs", ["ingested_at"])
    op.create_index("ix_briefs_published_on", "briefs", ["published_on"])

    op.create_table(
        "brief_fingerprints",
        sa.Column("brief_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("brief_id", "band", name="pk_brief_fingerprints"),
        sa.ForeignKeyConstraint(
            ["brief_id"], ["briefs.id"], name="fk_brief_fingerprints_brief_id_briefs",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_brief_fingerprints_band_bucket", "brief_fingerprints", ["band", "bucket"]
    )

    op.create_table(
        "subscribers",
        _id(),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_type", ENUM, nullable=False),
        sa.Column("title", sa.String(500), nullable=True),
        sa.Column("state", ENUM, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("digest_time", sa.Time(), nullable=True),
        sa.Column("next_digest_at", INSTANT, nullable=True),
        sa.Column("last_digest_on", sa.Date(), nullable=True),
        sa.Column("last_digest_at", INSTANT, nullable=True),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("updated_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subscribers"),
        sa.UniqueConstraint("chat_id", name="uq_subscribers_chat_id"),
    )
    op.create_index("ix_subscribers_next_digest_at", "subscribers", ["next_digest_at"])

    op.create_table(
        "topic_rules",
        _id(),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("phrase", sa.String(200), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_topic_rules"),
        sa.ForeignKeyConstraint(
            ["subscriber_id"], ["subscribers.id"],
            name="fk_topic_rules_subscriber_id_subscribers", ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "subscriber_id", "kind", "phrase", name="uq_topic_rules_subscriber_id_kind_phrase"
        ),
    )
    op.create_index("ix_topic_rules_subscriber_id", "topic_rules", ["subscriber_id"])

    op.create_table(
        "deliveries",
        _id(),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("brief_id", sa.Integer(), nullable=True),
        sa.Column("payload", JSON_DOCUMENT, nullable=False),
        sa.Column("dedup_key", sa.String(128), nullable=True),
        sa.Column("due_at", INSTANT, nullable=False),
        sa.Column("state", ENUM, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", INSTANT, nullable=True),
        sa.Column("sent_at", INSTANT, nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.ForeignKeyConstraint(
            ["subscriber_id"], ["subscribers.id"],
            name="fk_deliveries_subscriber_id_subscribers", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["brief_id"], ["briefs.id"], name="fk_deliveries_brief_id_briefs",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint(
            "subscriber_id", "dedup_key", name="uq_deliveries_subscriber_id_dedup_key"
        ),
    )
    op.create_index("ix_deliveries_state_due_at", "deliveries", ["state", "due_at"])
    op.create_index("ix_deliveries_brief_id", "deliveries", ["brief_id"])

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_SEARCH_DROP:
            op.execute(statement)
    for table in (
        "deliveries", "topic_rules", "subscribers", "brief_fingerprints", "briefs", "sources"
    ):
        op.drop_table(table)
