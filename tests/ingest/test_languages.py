"""Briefs in other languages at ingest: accepted, summarised in their language, stored with it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ingest.items import BriefCandidate
from ingest.pipeline import ingest_items, pool_summarizer
from ingest.validation import article_problem
from storage.models import Brief
from storage.repositories import BriefRepository
from summarizer.pool import SummaryPool
from tests.support.languages import (
    FRENCH_BRIEF,
    FRENCH_FILLER,
    GERMAN_BRIEF,
    HINDI_BRIEF,
    HINDI_TITLE,
)


async def _ingest(database: Any, items: list[BriefCandidate], language: str | None) -> list[Brief]:
    with SummaryPool(workers=0) as pool:
        summarize = pool_summarizer(pool, algorithm="briefrank", sentences=2, language=language)
        report = await ingest_items(items, session_factory=database.factory, summarize=summarize)
    assert (report.stored, report.rejected) == (len(items), 0), report.problems
    async with database.factory() as session:
        return list((await session.scalars(select(Brief).order_by(Brief.id))).all())


async def test_a_one_paragraph_hindi_brief_is_stored_with_danda_ended_sentences(
    database: Any,
) -> None:
    [brief] = await _ingest(database, [BriefCandidate("hi.txt", HINDI_BRIEF, HINDI_TITLE)], None)
    assert brief.language == "hi"
    assert len(brief.summary) == 2
    assert all(s.endswith("।") and s.count("।") == 1 and s in HINDI_BRIEF for s in brief.summary)


async def test_each_briefs_detected_language_is_stored(database: Any) -> None:
    items = [BriefCandidate("hi.txt", HINDI_BRIEF), BriefCandidate("fr.txt", FRENCH_BRIEF)]
    briefs = await _ingest(database, items, None)
    assert [brief.language for brief in briefs] == ["hi", "fr"]
    assert not FRENCH_FILLER & set(briefs[1].summary)


@pytest.mark.parametrize(("pinned", "found"), [(None, 1), ("en", 0)])
async def test_a_german_brief_is_found_by_its_german_stems_unless_pinned_to_english(
    database: Any, pinned: str | None, found: int
) -> None:
    # "Bahnen" (railways) and the brief's "Bahn" share German's stem, not an English prefix.
    [brief] = await _ingest(database, [BriefCandidate("de.txt", GERMAN_BRIEF)], pinned)
    async with database.factory() as session:
        hits = await BriefRepository(session).search("Bahnen", now=brief.ingested_at)
    assert (brief.language, [hit.id for hit in hits]) == (pinned or "de", [brief.id] * found)


async def test_a_pinned_language_is_stored_and_ranks_the_brief(database: Any) -> None:
    [brief] = await _ingest(database, [BriefCandidate("fr.txt", FRENCH_BRIEF)], "en")
    assert brief.language == "en"
    assert FRENCH_FILLER & set(brief.summary)  # ranked with English stop words, as pinned


def test_a_page_of_hindi_sentences_ended_by_dandas_is_an_article() -> None:
    assert article_problem(HINDI_BRIEF) is None
    problem = article_problem(HINDI_BRIEF.replace("।", ""))
    assert problem is not None and "no full sentence" in problem
