"""Search over briefs in Hindi and French, on both dialects."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import BriefRepository
from storage.search import parse_query
from tests.support.factories import make_brief
from tests.support.languages import HINDI_BRIEF

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


async def titles(session: AsyncSession, query: str) -> list[str]:
    found = await BriefRepository(session).search(query, limit=10, now=NOW)
    return [brief.title for brief in found]


@pytest.fixture
async def corpus(session: AsyncSession) -> AsyncSession:
    repository = BriefRepository(session)
    await repository.add(make_brief(title="रक्षा बैठक", text=HINDI_BRIEF))
    await repository.add(
        make_brief(title="Tramways à Lyon", text="La ville de Lyon construit trois lignes.")
    )
    await repository.add(
        make_brief(title="Mantras", text="A yoga teacher chanted mantras in the park.")
    )
    return session


def test_a_hindi_query_word_keeps_its_vowel_signs() -> None:
    [term] = parse_query("संयुक्त")
    assert [word.exact for word in term.words] == ["संयुक्त"]


async def test_a_hindi_brief_is_found_by_a_hindi_word(corpus: AsyncSession) -> None:
    assert await titles(corpus, "संयुक्त") == ["रक्षा बैठक"]
    assert await titles(corpus, "इज़राइल") == ["रक्षा बैठक"]


async def test_a_hindi_word_is_not_found_through_its_consonants_alone(
    corpus: AsyncSession,
) -> None:
    # Split at its vowel signs "मंत्रालय" would be म, त, र, लय: words of other briefs.
    await BriefRepository(corpus).add(
        make_brief(title="अन्य", text="राम ने तय किया कि वह रात में लय के साथ गाएगा।")
    )
    assert await titles(corpus, "मंत्रालय") == []


async def test_a_hindi_word_finds_its_longer_inflected_form(corpus: AsyncSession) -> None:
    assert await titles(corpus, "परियोजना") == ["रक्षा बैठक"]  # the text has परियोजनाओं


async def test_a_french_plural_finds_the_singular_and_back(corpus: AsyncSession) -> None:
    assert await titles(corpus, "villes") == ["Tramways à Lyon"]
    assert await titles(corpus, "ligne") == ["Tramways à Lyon"]
