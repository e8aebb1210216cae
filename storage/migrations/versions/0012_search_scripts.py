"""SQLite's full-text index keeps Devanagari words whole (vowel signs are part of a word).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

FTS5's ``unicode61`` tokenizer takes letters and digits (categories ``L* N* Co``) as word
characters by default, so the vowel signs, virama and nasal marks of Devanagari (category
``M``) cut a Hindi word into pieces: ``मंत्रालय`` was indexed as ``म``, ``त``, ``र``, ``लय``.
With ``categories 'L* N* Co M*'`` marks are word characters; ``remove_diacritics 2`` still
drops the combining accents of Latin letters (``e`` + U+0301 is still ``e``). PostgreSQL's
parser already keeps these words whole. The index is rebuilt once, as in 0007.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHOLE_WORDS = "unicode61 remove_diacritics 2 categories ''L* N* Co M*''"
LETTERS_ONLY = "unicode61 remove_diacritics 2"
# The topics' strings, space-separated (JSON escapes decoded), as 0007 indexes them.
TOPICS = "(SELECT group_concat(value, ' ') FROM json_each({row}.topics))"


def _sqlite_index(tokenizer: str) -> list[str]:
    """Drop the FTS5 table and its triggers, create them with ``tokenizer``, fill the index."""
    new, old = TOPICS.format(row="new"), TOPICS.format(row="old")
    return [
        "DROP TRIGGER IF EXISTS briefs_fts_after_insert",
        "DROP TRIGGER IF EXISTS briefs_fts_after_delete",
        "DROP TRIGGER IF EXISTS briefs_fts_after_update",
        "DROP TABLE IF EXISTS briefs_fts",
        f"""CREATE VIRTUAL TABLE briefs_fts USING fts5(
            title, topics, text, content='briefs', content_rowid='id',
            tokenize='{tokenizer}', prefix='3')""",
        f"""CREATE TRIGGER briefs_fts_after_insert AFTER INSERT ON briefs BEGIN
            INSERT INTO briefs_fts(rowid, title, topics, text)
            VALUES (new.id, new.title, {new}, new.text);
        END""",
        f"""CREATE TRIGGER briefs_fts_after_delete AFTER DELETE ON briefs BEGIN
            INSERT INTO briefs_fts(briefs_fts, rowid, title, topics, text)
            VALUES ('delete', old.id, old.title, {old}, old.text);
        END""",
        f"""CREATE TRIGGER briefs_fts_after_update AFTER UPDATE OF title, topics, text ON briefs
        BEGIN
            INSERT INTO briefs_fts(briefs_fts, rowid, title, topics, text)
            VALUES ('delete', old.id, old.title, {old}, old.text);
            INSERT INTO briefs_fts(rowid, title, topics, text)
            VALUES (new.id, new.title, {new}, new.text);
        END""",
        f"""INSERT INTO briefs_fts(rowid, title, topics, text)
            SELECT id, title, {TOPICS.format(row="briefs")}, text FROM briefs ORDER BY id""",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for statement in _sqlite_index(WHOLE_WORDS):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for statement in _sqlite_index(LETTERS_ONLY):
        op.execute(statement)
