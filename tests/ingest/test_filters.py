"""A source's include/exclude phrases: whole words, any case and diacritics; held, not lost."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from ingest.filters import MAX_PHRASES, FilterError, SourceFilter, parse_phrases
from ingest.items import BriefCandidate
from ingest.pipeline import ingest_items
from storage.models import Brief
from storage.repositories import BriefRepository

NAVY = "The navy commissioned a new frigate at Zürich's lake yard on Monday morning."
ARMY = "The army held a parade with three hundred soldiers in the capital on Monday."


def test_include_needs_one_phrase_as_whole_words() -> None:
    only_navy = SourceFilter(include=["navy", "air force"])
    assert only_navy.passes(None, NAVY)
    assert not only_navy.passes(None, ARMY)
    assert SourceFilter(include=["art"]).passes("Party", "A party.") is False
    assert SourceFilter(include=["Air  Force"]).passes("The AIR force flew.", "x")


def test_exclude_refuses_any_phrase_ignoring_case_and_diacritics() -> None:
    assert not SourceFilter(exclude=["zurich"]).passes(None, NAVY)
    assert SourceFilter(exclude=["zurich"]).passes(None, ARMY)
    assert not SourceFilter(include=["navy"], exclude=["frigate"]).passes(None, NAVY)


def test_a_hindi_phrase_is_whole_words_with_their_vowel_signs() -> None:
    # सेना (army) and सोना (gold) share their consonants: read without the vowel signs, or
    # split at them, "army" held back a brief about the price of gold.
    no_army = SourceFilter(exclude=["सेना"])
    assert no_army.passes("सोने का भाव बढ़ा", "आज बाजार में सोना महंगा हुआ।")
    assert not no_army.passes(None, "सेना ने आज अभ्यास किया।")
    ministry = SourceFilter(include=["रक्षा मंत्रालय"])
    assert ministry.passes(None, "रक्षा मंत्रालय ने बयान जारी किया।")
    assert not ministry.passes(None, "रक्षा बलों के मंत्री ने बयान जारी किया।")


def test_joiners_and_decomposed_accents_do_not_change_a_word() -> None:
    assert not SourceFilter(exclude=["सुरक्षा"]).passes(None, "सुर\u200cक्षा बैठक आज हुई।")
    assert not SourceFilter(exclude=["misión"]).passes(None, "La misio\u0301n comenzó ayer.")
    assert not SourceFilter(exclude=["mision"]).passes(None, "La misión comenzó ayer.")
    assert not SourceFilter(exclude=["αθηνα"]).passes(None, "Σύνοδος στην Αθήνα.")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        (
            "\u0431\u0435\u0441\u043f\u0438\u043b\u043e\u0442\u043d\u0438\u043a",
            "\u0410\u0440\u043c\u0438\u044f \u043f\u043e\u043b\u0443\u0447\u0438\u043b"
            "\u0430 \u043d\u043e\u0432\u044b\u0435 \u0431\u0435\u0441\u043f\u0438\u043b"
            "\u043e\u0442\u043d\u0438\u043a\u0438 \u0432 \u043f\u043e\u043d\u0435\u0434"
            "\u0435\u043b\u044c\u043d\u0438\u043a.",
        ),  # "drone" in "The army received new drones on Monday."
        ("सैनिक", "सीमा पर सैनिकों ने आज अभ्यास किया।"),  # "soldier" in "soldiers (oblique)"
        ("Staat", "Die Staaten der Nato trafen sich am Montag in Berlin."),
    ],
)
def test_a_word_matches_its_inflected_forms_in_the_briefs_language(phrase: str, text: str) -> None:
    # Found by an attack test: /follow and /topic found these briefs, a source's filter did not,
    # so "include" held them back and "exclude" let them through.
    assert SourceFilter(include=[phrase]).passes(None, text)
    assert not SourceFilter(exclude=[phrase]).passes(None, text)
    assert not SourceFilter(include=[phrase]).passes(None, "The navy met in Delhi on Monday.")


def test_no_phrases_pass_everything() -> None:
    assert SourceFilter().passes(None, ARMY) and not SourceFilter().active


def test_phrases_are_parsed_from_commas_without_duplicates() -> None:
    assert parse_phrases(" air  force, Navy ,navy,, ") == ["air force", "Navy"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no phrase given"),
        ("--", "has no word"),
        ("x" * 101, "too long"),
        (",".join(f"w{i}" for i in range(MAX_PHRASES + 1)), "too many phrases"),
    ],
)
def test_unusable_phrases_are_refused_in_one_line(text: str, problem: str) -> None:
    with pytest.raises(FilterError, match=problem) as caught:
        parse_phrases(text)
    assert "\n" not in str(caught.value)


async def test_a_brief_failing_the_filter_is_stored_held_and_never_pushed(
    database: Any, fake_summarize: Any
) -> None:
    filler = " It was a long day with many visitors, officials and reporters present."
    items = [
        BriefCandidate("navy", NAVY + filler, title="Navy"),
        BriefCandidate("army", ARMY + filler, title="Army"),
    ]
    report = await ingest_items(
        items,
        session_factory=database.factory,
        summarize=fake_summarize,
        source_filter=SourceFilter(include=["navy"]),
    )
    assert report.stored == 2
    async with database.factory() as session:
        held = dict((await session.execute(select(Brief.title, Brief.held))).all())
        assert held == {"Navy": False, "Army": True}
        briefs = BriefRepository(session)
        far = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
        pushed = await briefs.arrived_since(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), far)
        assert [b.title for b in pushed] == ["Navy"]
        assert len(await briefs.arrivals_after(0)) == 1
        assert len(await briefs.latest(10)) == 2  # /latest still shows both
