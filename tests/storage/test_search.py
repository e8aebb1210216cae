"""BriefRepository.search on both dialects: matching, ranking, hostile input."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Brief
from storage.repositories import BriefRepository
from tests.support.factories import make_brief

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


async def add(session: AsyncSession, title: str, text: str, **overrides: object) -> Brief:
    return await BriefRepository(session).add(make_brief(title=title, text=text, **overrides))


async def titles(session: AsyncSession, query: str, limit: int = 10) -> list[str]:
    found = await BriefRepository(session).search(query, limit=limit, now=NOW)
    return [brief.title for brief in found]


@pytest.fixture
async def corpus(session: AsyncSession) -> AsyncSession:
    await add(session, "Israel holds election", "Voters in Israel went to the polls.")
    await add(session, "Army statement", "The Israeli defence forces said the drill ended.")
    await add(session, "Markets", "The economic outlook for Europe brightened.")
    await add(session, "Minister visits", "The minister of defence met troops; budgets rose.")
    await add(session, "Budget talks", "Defence spending and the minister's plans were debated.")
    await add(session, "Café society", "A café opened in Paris.")
    return session


async def test_search_is_case_insensitive(corpus: AsyncSession) -> None:
    assert await titles(corpus, "ISRAEL") == await titles(corpus, "israel")
    assert "Israel holds election" in await titles(corpus, "IsRaEl")


async def test_israel_finds_israeli_and_israeli_finds_israel(corpus: AsyncSession) -> None:
    expected = {"Israel holds election", "Army statement"}
    assert set(await titles(corpus, "israel")) == expected
    assert set(await titles(corpus, "israeli")) == expected
    assert set(await titles(corpus, "Israelis")) == expected


async def test_search_matches_inflected_forms(corpus: AsyncSession) -> None:
    assert await titles(corpus, "economy") == ["Markets"]
    assert set(await titles(corpus, "defences")) == {
        "Army statement", "Minister visits", "Budget talks"
    }


async def test_quoted_phrase_requires_adjacent_words_in_order(corpus: AsyncSession) -> None:
    assert await titles(corpus, '"defence forces"') == ["Army statement"]
    assert await titles(corpus, '"forces defence"') == []
    assert await titles(corpus, '"minister of defence"') == ["Minister visits"]


async def test_unquoted_words_must_all_appear_in_any_order(corpus: AsyncSession) -> None:
    assert set(await titles(corpus, "defence minister")) == {"Minister visits", "Budget talks"}
    assert set(await titles(corpus, "minister defence")) == {"Minister visits", "Budget talks"}
    assert await titles(corpus, "defence paris") == []


async def test_title_match_outranks_text_match(session: AsyncSession) -> None:
    await add(session, "Weather report", "Rain later; the drought in Spain continues.")
    await add(session, "Drought grips Spain", "Reservoirs are low this autumn.")
    assert await titles(session, "drought") == ["Drought grips Spain", "Weather report"]


async def test_newer_brief_outranks_equally_relevant_older_one(session: AsyncSession) -> None:
    text = "Floods hit the coast."
    await add(session, "Old floods", text, published_on=dt.date(2026, 9, 1))
    await add(session, "New floods", text, published_on=dt.date(2026, 11, 24))
    await add(session, "Undated floods", text, published_on=None,
              ingested_at=NOW - dt.timedelta(days=30))
    assert await titles(session, "floods") == ["New floods", "Undated floods", "Old floods"]


async def test_search_respects_limit(session: AsyncSession) -> None:
    for n in range(5):
        await add(session, f"Storm {n}", "A storm passed.")
    assert len(await titles(session, "storm", limit=3)) == 3
    assert await titles(session, "storm", limit=0) == []


async def test_search_index_follows_updates_and_deletes(session: AsyncSession) -> None:
    brief = await add(session, "Volcano erupts", "Ash clouds rose.")
    brief.title = "Earthquake strikes"
    await session.flush()
    assert await titles(session, "volcano") == []
    assert await titles(session, "earthquake") == ["Earthquake strikes"]
    await session.delete(brief)
    await session.flush()
    assert await titles(session, "earthquake") == []


async def test_topics_are_searchable(session: AsyncSession) -> None:
    await add(session, "Untitled", "Nothing to see.", topics=["semiconductors"])
    assert await titles(session, "semiconductor") == ["Untitled"]


ISRAEL = {"Israel holds election", "Army statement"}
# Words only: punctuation and operator syntax are separators, operator names plain words.
ISRAEL_ONLY = ["israel*", "(israel", "israel)", "-israel", "israel 🙂🇮🇱", "^israel"]
NOTHING = [
    "", "   ", "???", "!!! ... ---", '"', '""', '"unclosed phrase', "*", "a:b",
    "title:israel", "israel AND", "OR NOT", "NEAR(israel army)", "it's",
    "'; DROP TABLE briefs; --", "🙂", "israel & army | !x", "<->", "x:*", "\\", "\x00",
    "a" * 5000, " ".join(["w"] * 100),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [(query, ISRAEL) for query in ISRAEL_ONLY]
    + [(query, set()) for query in NOTHING]
    + [("AND", {"Budget talks"})],
)
async def test_hostile_queries_never_raise_and_find_their_plain_words(
    corpus: AsyncSession, query: str, expected: set[str]
) -> None:
    assert set(await titles(corpus, query)) == expected


@pytest.mark.parametrize("query", ["", "   ", "???", "🙂", '""', "*:()-'"])
async def test_queries_without_letters_or_digits_return_nothing(
    corpus: AsyncSession, query: str
) -> None:
    assert await titles(corpus, query) == []


async def test_operator_words_are_plain_words(session: AsyncSession) -> None:
    await add(session, "Logic", "This AND that, OR the other; NOT here.")
    assert await titles(session, "AND") == ["Logic"]
    assert await titles(session, "not") == ["Logic"]


async def test_diacritics_fold_on_both_databases(corpus: AsyncSession) -> None:
    assert await titles(corpus, "cafe") == ["Café society"]


async def test_phrase_window_is_the_most_recent_briefs_with_all_the_words(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Phrases are looked for among the SEARCH_WINDOW newest briefs containing all their words."""
    monkeypatch.setattr("storage.repositories.brief_search.SEARCH_WINDOW", 2)
    await add(session, "Oldest", "The prime minister spoke.")
    await add(session, "Older", "The prime minister resigned.")
    await add(session, "Newer", "A minister praised prime beef.")
    await add(session, "Newest", "The prime minister returned.")
    # Window: Newest and Newer (both words); Newer is not the phrase.
    assert await titles(session, '"prime minister"') == ["Newest"]
    # Without a phrase the window holds matches only: the two newest.
    assert set(await titles(session, "prime minister")) == {"Newest", "Newer"}
    monkeypatch.setattr("storage.repositories.brief_search.SEARCH_WINDOW", 3)
    assert set(await titles(session, '"prime minister"')) == {"Newest", "Older"}


@pytest.mark.parametrize("path", ["newest_first", "index"])
async def test_both_postgres_window_paths_find_the_same_window(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """PostgreSQL walks the newest briefs first or asks the side table's index; same window."""
    if path == "index":  # the sample never counts as common: always the GIN side table
        monkeypatch.setattr("storage.repositories.brief_search.RECENT_SAMPLE_RATIO", 0)
    else:  # the sample always counts as common, and the probe reaches every brief
        monkeypatch.setattr("storage.repositories.brief_search.RECENT_SAMPLE_RATIO", 10_000)
    monkeypatch.setattr("storage.repositories.brief_search.SEARCH_WINDOW", 3)
    for n in range(6):
        await add(session, f"Harbour {n}", "The prime minister visited the harbour.")
        await add(session, f"Other {n}", "A minister praised prime beef at the harbour.")
    await add(session, "Unrelated", "Nothing here.")
    # Window: the three newest with both words (Other 5, Harbour 5, Other 4).
    assert await titles(session, '"prime minister"') == ["Harbour 5"]
    assert set(await titles(session, "harbour minister")) == {"Other 5", "Harbour 5", "Other 4"}
    assert await titles(session, "unrelated") == ["Unrelated"]
    assert await titles(session, "absent") == []


async def test_search_index_follows_updates_and_deletes_in_either_window_path(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    for ratio in (0, 10_000):
        monkeypatch.setattr("storage.repositories.brief_search.RECENT_SAMPLE_RATIO", ratio)
        brief = await add(session, f"Lighthouse {ratio}", "A lighthouse keeper retired.")
        assert await titles(session, "keeper") == [f"Lighthouse {ratio}"]
        brief.text = "A lighthouse was automated."
        await session.flush()
        assert await titles(session, "keeper") == []
        assert await titles(session, "automated") == [f"Lighthouse {ratio}"]
        await session.delete(brief)
        await session.flush()
        assert await titles(session, "lighthouse") == []


async def test_a_word_with_a_zero_width_joiner_finds_its_brief_on_both_databases(
    session: AsyncSession,
) -> None:
    # Both indexes split a word at U+200C/U+200D; the query word holding one was one lexeme
    # to PostgreSQL (nothing found) and a phrase to SQLite's FTS5 (found).
    await add(session, "बैठक", "मंत्री ने आज सुर\u200cक्षा बैठक की और रक्\u200dषा पर बात की।")
    await add(session, "Other", "मंत्री ने आज बजट पर बात की।")
    assert await titles(session, "सुर\u200cक्षा") == ["बैठक"]
    assert await titles(session, '"रक्\u200dषा पर"') == ["बैठक"]


async def test_hindi_and_russian_words_match_by_their_own_stem_on_both_databases(
    session: AsyncSession,
) -> None:
    # The script tells the language: नीतियों (policies, oblique plural) is stemmed by Hindi's
    # Snowball to नीत and finds नीति; обороны by Russian's to оборон and finds оборона.
    await add(session, "नीति", "सरकार ने नई रक्षा नीति जारी की। सैनिक अभ्यास जारी है।")
    await add(session, "Оборона", "Министерство обороны сообщило, что оборона усилена.")
    await add(session, "Other", "The soldiers sold their old kit.")
    assert await titles(session, "नीतियों") == ["नीति"]
    assert await titles(session, "सैनिकों") == ["नीति"]
    assert await titles(session, "оборону") == ["Оборона"]
    assert await titles(session, "soldados") == []  # Latin script keeps the light stem


async def test_a_phrase_finds_a_german_inflection_by_its_stem_on_both_databases(
    session: AsyncSession,
) -> None:
    # "Deutschen" is matched as deutsch*: the light stem kept "deutschen", which no
    # "Deutsche" begins with.
    await add(session, "Bank", "Die Deutsche Bank meldet einen Gewinn.", language="de")
    await add(session, "Apart", "Die Deutsche Telekom und eine Bank melden Gewinne.", language="de")
    assert await titles(session, '"Deutschen Bank"') == ["Bank"]
    assert await titles(session, '"Bank Deutschen"') == []


@pytest.mark.parametrize(
    "quoted",
    ["“defence minister”", "„defence minister“", "«defence minister»", '"defence minister"'],
)
async def test_typographic_quotes_quote_a_phrase(session: AsyncSession, quoted: str) -> None:
    # A phone's smart quotes were separators: the words matched anywhere, in any order.
    await add(session, "Phrase", "The defence minister spoke on Monday.")
    await add(session, "Words", "The minister spoke about defence on Monday.")
    assert await titles(session, quoted) == ["Phrase"]
