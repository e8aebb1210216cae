"""The per-dialect full-text SQL behind ``BriefRepository.search`` and ``matching``.

See :mod:`storage.search` for what a query matches; the expressions given here
come from :func:`~storage.search_expressions.fts5_match_expression` and
:func:`~storage.search_expressions.tsquery_expression`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Integer,
    Select,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Brief
from storage.search import RECENCY_HALF_LIFE_DAYS, SEARCH_WINDOW

# Title, topics, text, search stems: a hit in the title counts most. A brief's stems count a
# tenth of its text: they repeat its text's words, and at the text's weight a brief in a
# stemmed language counted a word twice and outranked an equal brief in another language.
# (Not nothing: a brief found by its stems alone still needs a relevance for age to rank it,
# and PostgreSQL's ts_rank scores several words by pairs, so a stem at 0 zeroes a pair.)
_FTS5_WEIGHTS = "10.0, 4.0, 1.0, 0.1"
# ts_rank's weights of D (stems), C (text), B (topics), A (title): PostgreSQL's defaults but D,
# a tenth of C as on SQLite.
_POSTGRES_WEIGHTS = "'{0.02, 0.2, 0.4, 1.0}'::real[]"
# The widest id range one FTS5 matching query scans (wanted ids are grouped into such ranges).
MATCHING_SPAN = 2000
# PostgreSQL looks at the newest briefs first when a sample of the newest
# RECENT_SAMPLE shows at least one match in RECENT_SAMPLE_RATIO (see _POSTGRES_WINDOW).
RECENT_SAMPLE = 500
RECENT_SAMPLE_RATIO = 5
RECENT_PROBE = 8000

# The PostgreSQL window: the ``:window`` newest briefs matching ``:window_tsquery``.
# * Common words: if at least one in ``:ratio`` of the newest ``:sample`` briefs
#   matches, the newest ``:probe`` briefs are walked backwards on the primary key
#   (their pages are hot) until ``:window`` matches are found; if they are, they
#   *are* the window (no newer brief was skipped).
# * Otherwise (fewer matches) the GIN index of the narrow ``brief_search_index``
#   table (migration 0003) answers: collecting every match there costs no visits
#   to the wide briefs rows. ``brief_search_window`` pins that plan.
# Either way the result is exactly the newest ``:window`` matches.
_POSTGRES_WINDOW = """
WITH sample AS MATERIALIZED (
    SELECT count(*) FILTER (WHERE search_vector @@ to_tsquery('simple', :window_tsquery))
        * :ratio >= count(*) AS common
    FROM (SELECT search_vector FROM briefs ORDER BY id DESC LIMIT :sample) AS newest
), recent AS MATERIALIZED (
    SELECT id FROM (
        SELECT id, search_vector FROM briefs ORDER BY id DESC LIMIT :probe
    ) AS newest
    WHERE search_vector @@ to_tsquery('simple', :window_tsquery)
        AND (SELECT common FROM sample)
    ORDER BY id DESC LIMIT :window
)
SELECT id FROM recent WHERE (SELECT count(*) FROM recent) = :window
UNION ALL
SELECT id FROM brief_search_window(to_tsquery('simple', :window_tsquery), :window)
WHERE (SELECT count(*) FROM recent) < :window
"""


def sqlite_matching(match: str, low: int, high: int) -> Select[int]:
    """The ids in ``[low, high]`` whose brief matches ``match`` (one pass over the range)."""
    # A rowid range is cheap for FTS5; ``rowid IN (...)`` would re-run the query once
    # per id (seconds for a phrase over a thousand ids).
    sql = text(
        "SELECT rowid AS id FROM briefs_fts WHERE briefs_fts MATCH :match "
        "AND rowid >= :low AND rowid <= :high"
    ).bindparams(match=match, low=low, high=high)
    return select(sql.columns(id=Integer).subquery("hits").c.id)


def postgres_matching(tsquery: str, ids: Sequence[int]) -> Select[int]:
    """The ids among ``ids`` whose brief matches ``tsquery`` (one array parameter)."""
    query = func.to_tsquery(
        bindparam("config", "simple", type_=REGCONFIG), bindparam("tsquery", tsquery)
    )
    vector: ColumnElement[Any] = literal_column("briefs.search_vector")
    wanted = any_(bindparam("ids", list(ids), type_=ARRAY(Integer)))
    return select(Brief.id).where(Brief.id == wanted, vector.op("@@")(query))


def sqlite_search(
    match: str, window_match: str | None, now: dt.datetime, limit: int
) -> Select[Brief]:
    """``window_match`` (phrases relaxed to their words) picks the window, if given."""
    relevance = (
        f"SELECT rowid AS id, -bm25(briefs_fts, {_FTS5_WEIGHTS}) AS relevance FROM briefs_fts "
    )
    if window_match is None:
        sql = relevance + "WHERE briefs_fts MATCH :match ORDER BY rowid DESC LIMIT :window"
        params: dict[str, Any] = {"match": match, "window": SEARCH_WINDOW}
    else:
        # Every phrase match is a window match, so the phrase matches from the
        # window's oldest id on are exactly those in the window (a rowid range is
        # cheap for FTS5; ``rowid IN (...)`` re-runs the phrase query per id).
        sql = relevance + (
            "WHERE briefs_fts MATCH :match AND rowid >= (SELECT min(rowid) FROM ("
            "SELECT rowid FROM briefs_fts WHERE briefs_fts MATCH :window_match "
            "ORDER BY rowid DESC LIMIT :window))"
        )
        params = {"match": match, "window_match": window_match, "window": SEARCH_WINDOW}
    hits = text(sql).bindparams(**params).columns(id=Integer, relevance=Float).subquery("hits")
    reference = func.coalesce(Brief.published_on, Brief.ingested_at)
    now_text = now.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    age_days = func.max(0.0, func.julianday(now_text) - func.julianday(reference))
    score = hits.c.relevance / (1.0 + age_days / RECENCY_HALF_LIFE_DAYS)
    return (
        select(Brief)
        .join(hits, hits.c.id == Brief.id)
        .order_by(score.desc(), Brief.id.desc())
        .limit(limit)
    )


def postgres_search(
    tsquery: str, window_tsquery: str | None, now: dt.datetime, limit: int
) -> Select[Brief]:
    """``window_tsquery`` (phrases relaxed to ``&``) picks the window, if given.

    The window is found in one of two ways (the same ids either way, see
    ``_POSTGRES_WINDOW``); the exact phrase check and the ranking then read
    ``briefs.search_vector`` for the window's rows only, by primary key.
    """
    config = bindparam("config", "simple", type_=REGCONFIG)
    query = func.to_tsquery(config, bindparam("tsquery", tsquery))
    window = (
        text(_POSTGRES_WINDOW)
        .bindparams(
            window_tsquery=window_tsquery or tsquery, window=SEARCH_WINDOW,
            sample=RECENT_SAMPLE, ratio=RECENT_SAMPLE_RATIO, probe=RECENT_PROBE,
        )
        .columns(id=Integer)
        .subquery("window")
    )
    vector: ColumnElement[Any] = literal_column("briefs.search_vector")
    # asyncpg stores date.max/min as +-infinity, which cannot be subtracted: use ingested_at
    published = case((func.isfinite(Brief.published_on), cast(Brief.published_on, Date)))
    reference = func.coalesce(published, func.date(Brief.ingested_at))
    age_days = func.greatest(0, cast(func.date(bindparam("now", now)), Date) - reference)
    weights: ColumnElement[Any] = literal_column(_POSTGRES_WEIGHTS)
    score = func.ts_rank(weights, vector, query) / (1.0 + age_days / RECENCY_HALF_LIFE_DAYS)
    statement = select(Brief).join(window, window.c.id == Brief.id)
    if window_tsquery is not None:
        statement = statement.where(vector.op("@@")(query))
    return statement.order_by(score.desc(), Brief.id.desc()).limit(limit)
