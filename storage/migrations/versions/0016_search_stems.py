"""French, German, Spanish, Hindi and Russian briefs are searched by their words' stems in
their own language.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04

``briefs.search_stems`` holds a brief's Snowball stems tagged with its language
(``de0entscheid``; see :mod:`storage.search_stems`), and both indexes read it as a fourth
field: SQLite's FTS5 table gains a ``search_stems`` column (rebuilt once, as in 0012), and
PostgreSQL's generated ``search_vector`` gains it with weight D, below title, topics and text
(the column is rebuilt once, as in 0007, and the sync trigger of 0003 now fires on it too).
Briefs already stored in one of these languages get their stems here, computed by
``storage.search_stems`` as it is today, a batch at a time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

from storage.search_stems import STEMMED_LANGUAGES, brief_stems

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZER = "unicode61 remove_diacritics 2 categories ''L* N* Co M*''"  # as 0012
TOPICS = "(SELECT group_concat(value, ' ') FROM json_each({row}.topics))"  # as 0007
STEMS_WEIGHT = "setweight(to_tsvector('simple'::regconfig, coalesce(search_stems, '')), 'D')"
BATCH = 500


def _sqlite_index(columns: Sequence[str]) -> list[str]:
    """Drop the FTS5 table and its triggers, create them over ``columns``, fill the index.

    ``columns`` are briefs' columns but ``topics``, which is indexed as its decoded strings.
    """
    names = ", ".join(columns)

    def values(row: str) -> str:
        return ", ".join(TOPICS.format(row=row) if c == "topics" else f"{row}.{c}" for c in columns)

    return [
        "DROP TRIGGER IF EXISTS briefs_fts_after_insert",
        "DROP TRIGGER IF EXISTS briefs_fts_after_delete",
        "DROP TRIGGER IF EXISTS briefs_fts_after_update",
        "DROP TABLE IF EXISTS briefs_fts",
        f"""CREATE VIRTUAL TABLE briefs_fts USING fts5(
            {names}, content='briefs', content_rowid='id', tokenize='{TOKENIZER}', prefix='3')""",
        f"""CREATE TRIGGER briefs_fts_after_insert AFTER INSERT ON briefs BEGIN
            INSERT INTO briefs_fts(rowid, {names}) VALUES (new.id, {values("new")});
        END""",
        f"""CREATE TRIGGER briefs_fts_after_delete AFTER DELETE ON briefs BEGIN
            INSERT INTO briefs_fts(briefs_fts, rowid, {names})
            VALUES ('delete', old.id, {values("old")});
        END""",
        f"""CREATE TRIGGER briefs_fts_after_update AFTER UPDATE OF {names} ON briefs
        BEGIN
            INSERT INTO briefs_fts(briefs_fts, rowid, {names})
            VALUES ('delete', old.id, {values("old")});
            INSERT INTO briefs_fts(rowid, {names}) VALUES (new.id, {values("new")});
        END""",
        f"""INSERT INTO briefs_fts(rowid, {names})
            SELECT id, {values("briefs")} FROM briefs ORDER BY id""",
    ]


def _migration_0007() -> ModuleType:
    """Migration 0007, whose folded search vector this one extends (it never changes)."""
    path = Path(__file__).with_name("0007_search_diacritics.py")
    spec = importlib.util.spec_from_file_location("briefbot_migration_0007", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _postgres(*, stems: bool) -> list[str]:
    """Rebuild ``search_vector`` (with the stems or without) and the trigger keeping its copy."""
    migration = _migration_0007()
    vector: str = migration._vector(fold=True)
    if stems:
        vector = f"({vector} || {STEMS_WEIGHT})"
    columns = "title, topics, text, search_stems" if stems else "title, topics, text"
    statements: list[str] = migration._rebuild_postgres(vector)
    return [
        *statements,
        "DROP TRIGGER briefs_search_index_sync ON briefs",
        f"""CREATE TRIGGER briefs_search_index_sync
            AFTER INSERT OR UPDATE OF {columns} ON briefs
            FOR EACH ROW EXECUTE FUNCTION brief_search_index_sync()""",
    ]


def _fill_stems() -> None:
    """Store the stems of every brief already stored in a stemmed language."""
    briefs = sa.table(
        "briefs", sa.column("id", sa.Integer), sa.column("text", sa.Text),
        sa.column("language", sa.String), sa.column("search_stems", sa.Text),
    )
    connection = op.get_bind()
    after = 0
    while True:
        rows = connection.execute(
            sa.select(briefs.c.id, briefs.c.text, briefs.c.language)
            .where(briefs.c.language.in_(sorted(STEMMED_LANGUAGES)), briefs.c.id > after)
            .order_by(briefs.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            briefs.update().where(briefs.c.id == sa.bindparam("brief_id")),
            [
                {"brief_id": ident, "search_stems": brief_stems(text, language)}
                for ident, text, language in rows
            ],
        )
        after = rows[-1][0]


def upgrade() -> None:
    op.add_column("briefs", sa.Column("search_stems", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        statements = _postgres(stems=True)
    else:
        statements = _sqlite_index(["title", "topics", "text", "search_stems"])
    for statement in statements:
        op.execute(statement)
    _fill_stems()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # The generated column reads search_stems: rebuild it without before dropping.
        for statement in _postgres(stems=False):
            op.execute(statement)
    else:
        for statement in _sqlite_index(["title", "topics", "text"]):
            op.execute(statement)
    op.drop_column("briefs", "search_stems")
