"""PostgreSQL search: a narrow side table for the search window (SQLite: nothing changes).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Picking the search window (the newest ``SEARCH_WINDOW`` briefs that contain
every word, see ``storage/search.py``) only needs brief ids. With the GIN index
on ``briefs.search_vector`` every match cost a visit to its ~4-6 KB briefs row
(the table is larger than a default ``shared_buffers``), so common phrases such
as ``"prime minister"`` (~11,000 matches in 100,000 briefs) read ~11,000 heap
pages. ``brief_search_index`` holds one short row per brief: the id and the
*stripped* vector (lexemes only; the window never needs positions or weights),
always moved out of line (``toast_tuple_target = 128``), so its heap stays a few
MB and stays cached; the GIN index moves here. ``briefs.search_vector`` stays
(ranking, exact phrase checks and ``matching`` read it by primary key).

A trigger keeps the side table in step with inserts and with updates of the
indexed columns; the foreign key removes rows with their brief (and
``TRUNCATE briefs CASCADE`` empties it). ``brief_search_window(query, size)`` is
the GIN-only window query: its planner settings forbid sequential and plain
index scans, which would detoast every row's vector (the planner does not cost
detoasting and would otherwise pick them on over-estimates).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRES_UPGRADE = [
    """CREATE TABLE brief_search_index (
        brief_id integer NOT NULL,
        document tsvector NOT NULL,
        CONSTRAINT pk_brief_search_index PRIMARY KEY (brief_id),
        CONSTRAINT fk_brief_search_index_brief_id_briefs FOREIGN KEY (brief_id)
            REFERENCES briefs (id) ON DELETE CASCADE
    ) WITH (toast_tuple_target = 128)""",
    """CREATE FUNCTION brief_search_index_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO brief_search_index (brief_id, document)
            VALUES (NEW.id, strip(NEW.search_vector));
        ELSE
            UPDATE brief_search_index SET document = strip(NEW.search_vector)
            WHERE brief_id = NEW.id;
        END IF;
        RETURN NULL;
    END
    $$""",
    # Created before the copy below: it locks briefs against writers until commit.
    """CREATE TRIGGER briefs_search_index_sync
        AFTER INSERT OR UPDATE OF title, topics, text ON briefs
        FOR EACH ROW EXECUTE FUNCTION brief_search_index_sync()""",
    """INSERT INTO brief_search_index (brief_id, document)
        SELECT id, strip(search_vector) FROM briefs ORDER BY id""",
    "CREATE INDEX ix_brief_search_index_document ON brief_search_index USING gin (document)",
    "DROP INDEX ix_briefs_search_vector",
    """CREATE FUNCTION brief_search_window(query tsquery, size integer)
        RETURNS TABLE (id integer) LANGUAGE sql STABLE
        SET enable_seqscan = off SET enable_indexscan = off
        SET max_parallel_workers_per_gather = 0
    AS $$
        SELECT brief_id FROM brief_search_index WHERE document @@ query
        ORDER BY brief_id DESC LIMIT size
    $$""",
]
POSTGRES_DOWNGRADE = [
    "DROP FUNCTION brief_search_window(tsquery, integer)",
    "CREATE INDEX ix_briefs_search_vector ON briefs USING gin (search_vector)",
    "DROP TRIGGER briefs_search_index_sync ON briefs",
    "DROP FUNCTION brief_search_index_sync()",
    "DROP TABLE brief_search_index",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWNGRADE:
            op.execute(statement)
