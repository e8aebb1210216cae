"""SQLite and PostgreSQL find the same briefs for words inside emails, URLs, markup and hyphens,
and for words written with or without their diacritics.

Each case runs on both databases (the ``session`` fixture is parametrized over them), so
one expected set per query pins that they agree. Before migration 0005 PostgreSQL kept
``press.office@mod.example.org`` or ``https://pib.gov.in/release-notes`` as one token and
found nothing for ``mod`` or ``release``, while SQLite's FTS5 split them into words. Before
migration 0007 PostgreSQL kept diacritics (``cafe`` did not find *Café*), while FTS5 folds them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import BriefRepository
from tests.support.factories import make_brief

NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)

BRIEFS = {
    "Contact": ("Write to press.office@mod.example.org for details.", []),
    "Link": ("Read it at https://pib.gov.in/release-notes/2026 today.", []),
    "Markup": ("The <b>sanctions</b> list went to a&b traders.", []),
    "Hyphen": ("A well-known state-owned shipyard.", []),
    "Topical": ("Talks resumed.", ["north-korea"]),
    "Café society": ("The café reopened.", []),
    "Banking hub": ("Zürich banks kept rates.", []),
    "Flat": ("The cafe near the Zurich station closed.", []),
    "Essay": ("A naïve plan for São Paulo.", []),
    "Topics folded": ("Elections held.", ["Bogotá"]),
}


@pytest.fixture
async def corpus(session: AsyncSession) -> AsyncSession:
    repository = BriefRepository(session)
    for title, (text, topics) in BRIEFS.items():
        await repository.add(make_brief(title=title, text=text, topics=topics))
    return session


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mod", {"Contact"}),
        ("example", {"Contact"}),
        ('"press office"', {"Contact"}),
        ("pib", {"Link"}),
        ('"release notes"', {"Link"}),
        ("https", {"Link"}),
        ("sanctions", {"Markup"}),
        ("traders", {"Markup"}),
        ('"state owned"', {"Hyphen"}),
        ("shipyard known", {"Hyphen"}),
        ("korea", {"Topical"}),
        ('"north korea"', {"Topical"}),
    ],
)
async def test_words_inside_emails_urls_markup_and_hyphens_match_on_both_databases(
    corpus: AsyncSession, query: str, expected: set[str]
) -> None:
    found = await BriefRepository(corpus).search(query, limit=10, now=NOW)
    assert {brief.title for brief in found} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("café", {"Café society", "Flat"}),
        ("cafe", {"Café society", "Flat"}),
        ("CAFÉ", {"Café society", "Flat"}),
        ("zurich", {"Banking hub", "Flat"}),
        ("Zürich", {"Banking hub", "Flat"}),
        ("naive", {"Essay"}),
        ("naïve", {"Essay"}),
        ('"sao paulo"', {"Essay"}),
        ('"São Paulo"', {"Essay"}),
        ("bogota", {"Topics folded"}),
        ("Bogotá", {"Topics folded"}),
        # Decomposed input (e + U+0301) folds as the composed letter does.
        ("cafe\u0301", {"Café society", "Flat"}),
    ],
)
async def test_words_with_or_without_diacritics_match_on_both_databases(
    corpus: AsyncSession, query: str, expected: set[str]
) -> None:
    found = await BriefRepository(corpus).search(query, limit=10, now=NOW)
    assert {brief.title for brief in found} == expected


async def test_follow_matching_folds_diacritics_on_both_databases(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    accented = await repository.add(make_brief(title="Banking hub", text="Zürich banks."))
    plain = await repository.add(make_brief(title="Station", text="Zurich station closed."))
    other = await repository.add(make_brief(title="Elsewhere", text="Geneva banks."))
    ids = [accented.id, plain.id, other.id]
    assert await repository.matching("zurich", ids) == {accented.id, plain.id}
    assert await repository.matching("Zürich", ids) == {accented.id, plain.id}
