"""PostgreSQL search splits words at punctuation, as SQLite's FTS5 does (SQLite: nothing changes).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

PostgreSQL's text parser keeps ``a.b@example.org``, ``x.org/a-b`` and ``x.org`` as single
tokens and indexes ``well-known`` both whole and as ``well`` and ``known``; SQLite's
``unicode61`` tokenizer, and the query parser of ``storage/search.py`` on both databases,
split all of them into plain words. So ``/topic example`` found an email on SQLite and not
on PostgreSQL. Every ASCII punctuation mark now becomes a space before ``to_tsvector``
sees the text (``translate``: immutable and independent of the database's locale), so both
databases index the same words; the topics list is indexed as its JSON text, as SQLite's
FTS5 indexes its ``topics`` column. Diacritics still differ: FTS5 folds them
(``remove_diacritics 2``), PostgreSQL keeps them (folding needs the ``unaccent`` extension).

The generated column is dropped and added again (a table rewrite), then the narrow
``brief_search_index`` copy (migration 0003) is refreshed from it, since adding a column
fires no trigger.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The 32 ASCII punctuation marks and as many spaces (a quote doubled for SQL).
PUNCTUATION = "!\"#$%&''()*+,-./:;<=>?@[\\]^_`{|}~"
SPACES = " " * 32


def _words(column: str) -> str:
    """SQL for ``column`` with every ASCII punctuation mark turned into a space."""
    return f"translate({column}, '{PUNCTUATION}', '{SPACES}')"


SPLIT_VECTOR = f"""(
    setweight(to_tsvector('simple'::regconfig, {_words("coalesce(title, '')")}), 'A')
    || setweight(to_tsvector('simple'::regconfig,
                             {_words("CAST(coalesce(topics, '[]'::jsonb) AS text)")}), 'B')
    || setweight(to_tsvector('simple'::regconfig, {_words("coalesce(text, '')")}), 'C')
)"""
# Migration 0001's expression, for the downgrade.
PARSER_VECTOR = """(
    setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(jsonb_to_tsvector('simple'::regconfig, coalesce(topics, '[]'::jsonb),
                                   '["string"]'::jsonb), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(text, '')), 'C')
)"""


def _rebuild(expression: str) -> list[str]:
    """Statements replacing the generated search column by ``expression`` and its copy."""
    return [
        "ALTER TABLE briefs DROP COLUMN search_vector",
        f"ALTER TABLE briefs ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS {expression} STORED",
        # As in 0001: in the heap row, compressed (ranking reads it for every candidate).
        "ALTER TABLE briefs ALTER COLUMN search_vector SET STORAGE MAIN",
        """UPDATE brief_search_index AS i SET document = strip(b.search_vector)
            FROM briefs AS b WHERE b.id = i.brief_id""",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _rebuild(SPLIT_VECTOR):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _rebuild(PARSER_VECTOR):
            op.execute(statement)
