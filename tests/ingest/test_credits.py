"""Bylines, photo credits and date lines are no headline, summary sentence or topic."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ingest.credits import news_text
from ingest.items import BriefCandidate
from ingest.pipeline import ingest_items, pool_summarizer
from ingest.topics import extract_topics
from ingest.validation import validate_candidate
from storage.models import Brief
from summarizer.pool import SummaryPool

GERMAN = (
    "Die Bundesregierung hat am Dienstag ein neues Gesetz zur Cybersicherheit beschlossen. "
    "Das Gesetz verpflichtet Betreiber kritischer Infrastrukturen, Angriffe binnen 24 Stunden "
    "zu melden. Verstöße sollen mit Bußgeldern bis zu zehn Millionen Euro geahndet werden."
)
RUSSIAN = (
    "Министерство обороны России сообщило во вторник о завершении учений в Арктике. "
    "В маневрах участвовали более двух тысяч военнослужащих. Учения проходили на протяжении "
    "двух недель."
)
ENGLISH = (
    "The Ministry of Defence announced on Tuesday a new contract for patrol vessels. The "
    "deal is worth 1.2 billion pounds and will support 900 jobs. The first ship is due in 2029."
)


def test_news_text_drops_the_credits_at_the_top_and_the_wire_credits_at_the_bottom() -> None:
    text = (
        f"By Jane Doe\nPublished 3 December 2026\n\n{ENGLISH}\n\n"
        "(Reporting by Jane Doe; Editing by John Smith)\n"
    )
    assert news_text(text) == ENGLISH


def test_the_credits_under_a_headline_go_and_the_headline_stays() -> None:
    # Found by an attack test: the commonest copied layout kept its byline, a topic.
    text = f"Navy gets six new patrol ships\nBy Jane Doe\nPublished 3 December 2026\n\n{ENGLISH}"
    assert news_text(text) == f"Navy gets six new patrol ships\n\n{ENGLISH}"
    topics = extract_topics(None, [], text)
    assert "Ministry of Defence" in topics and "Jane Doe" not in topics, topics


@pytest.mark.parametrize("separator", ["\u2028", "\r", "\r\n", "\x0c", "\x85"])
def test_any_line_break_ends_a_credit_line(separator: str) -> None:
    # Found by an attack test: only "\n" did, and ingest keeps U+2028 and the form feed.
    assert news_text(f"By Jane Doe{separator}{ENGLISH}") == ENGLISH
    text = f"{ENGLISH}{separator}(Reporting by Jane Doe){separator}"
    assert news_text(text) == ENGLISH


def test_a_last_paragraph_like_a_wire_credit_stays_and_at_most_three_credits_go() -> None:
    last = "Reporting by the Financial Times last month revealed the ministry's delays."
    assert news_text(f"{ENGLISH}\n{last}") == f"{ENGLISH}\n{last}"
    wire = "\n".join(["(Reporting by Ann Lee)", "(Editing by Bo Kim)", "(Writing by Cy Roe)"])
    kept = f"{ENGLISH}\n(Compiled by Di Fox)"
    assert news_text(f"{kept}\n{wire}") == kept


def test_news_text_keeps_a_text_that_is_only_credits_and_one_with_none() -> None:
    assert news_text("By Jane Doe\nPublished 3 December 2026") == (
        "By Jane Doe\nPublished 3 December 2026"
    )
    assert news_text(ENGLISH) == ENGLISH


def test_a_credit_below_the_news_stays_and_so_does_a_fifth_credit_line() -> None:
    inside = f"{ENGLISH}\nPhoto: PIB\n{ENGLISH}"
    assert news_text(inside) == inside
    five = "\n".join(["By A B", "Photo: C", "Source: D", "Published 3 December 2026"])
    assert news_text(f"{five}\nBy E F\n{ENGLISH}") == f"By E F\n{ENGLISH}"


@pytest.mark.parametrize(
    ("credits", "news"),
    [
        ("Von Anna Schmidt\n\n", GERMAN),
        ("Фото: Иван Петров / ТАСС\n\n", RUSSIAN),
        ("By Jane Doe, Defence Correspondent\nPublished 3 December 2026\n\n", ENGLISH),
        ("Berlin. ", GERMAN),  # a German dateline sentence before the news
        # Found by an attack test: datelines written as sentences became the title.
        ("Frankfurt am Main. ", GERMAN),
        ("МОСКВА, 5 декабря. /ТАСС/. ", RUSSIAN),
        ("МОСКВА, 5 дек — РИА Новости. ", RUSSIAN),
    ],
)
def test_the_title_of_an_untitled_brief_is_its_news_not_its_byline(
    credits: str, news: str
) -> None:
    text = credits + news
    valid = validate_candidate(BriefCandidate("a.txt", text))
    assert isinstance(valid, BriefCandidate)
    assert valid.title == news.split(". ")[0] + "."
    assert valid.text == text  # the stored text keeps its byline: search finds the author


def test_the_author_and_the_credit_are_no_topic() -> None:
    topics = extract_topics(None, [], f"By Jane Doe, Defence Correspondent\n\n{ENGLISH}")
    assert "Ministry of Defence" in topics
    assert not {"Jane Doe", "Defence Correspondent"} & set(topics)
    russian = extract_topics(None, [], f"Фото: Иван Петров / ТАСС\n\n{RUSSIAN}", language="ru")
    assert "Министерство обороны" in russian
    assert not {"Фото", "Иван Петров ТАСС", "ТАСС"} & set(russian)


async def test_a_dated_credit_line_is_no_summary_sentence() -> None:
    text = f"Photo: Jane Doe for the Ministry of Defence, 3 December 2026.\n\n{ENGLISH}"
    with SummaryPool(workers=0) as pool:
        summary = await pool_summarizer(pool, algorithm="briefrank", sentences=3)(text, None)
    assert list(summary) == [
        "The Ministry of Defence announced on Tuesday a new contract for patrol vessels.",
        "The deal is worth 1.2 billion pounds and will support 900 jobs.",
        "The first ship is due in 2029.",
    ]


async def test_an_ingested_brief_keeps_its_byline_in_its_text_only(
    database: Any, fake_summarize: Any
) -> None:
    text = f"By Jane Doe, Defence Correspondent\n\n{ENGLISH}"
    report = await ingest_items(
        [BriefCandidate("a.txt", text)], session_factory=database.factory, summarize=fake_summarize
    )
    assert report.stored == 1
    async with database.factory() as session:
        brief = (await session.scalars(select(Brief))).one()
    assert brief.text == text
    assert brief.title.startswith("The Ministry of Defence announced")
    assert "Jane Doe" not in brief.topics and "Ministry of Defence" in brief.topics


@pytest.mark.parametrize("dateline", ["नई दिल्ली। ", "नई दिल्ली, जागरण संवाददाता। "])
def test_a_hindi_dateline_ending_in_a_danda_is_no_title(dateline: str) -> None:
    news = "रक्षा मंत्री ने आज नई योजना की घोषणा की। योजना अगले साल शुरू होगी।"
    valid = validate_candidate(BriefCandidate("a.txt", dateline + news))
    assert isinstance(valid, BriefCandidate)
    assert valid.title == "रक्षा मंत्री ने आज नई योजना की घोषणा की।"
    short = validate_candidate(BriefCandidate("b.txt", "यह सच है। " + news))
    assert isinstance(short, BriefCandidate) and short.title == "यह सच है।"  # a sentence


@pytest.mark.parametrize(
    "text",
    [  # found by a second attack test: two-word sentences in scripts without capitals
        "सरकार गिरी। प्रधानमंत्री ने इस्तीफा दिया।",
        "استقالت الحكومة. وقال الرئيس إن الانتخابات ستجرى.",
        "הממשלה התפטרה. ראש הממשלה הודיע על בחירות.",
    ],
)
def test_a_short_first_sentence_without_capitals_is_no_dateline(text: str) -> None:
    valid = validate_candidate(BriefCandidate("a.txt", text))
    assert isinstance(valid, BriefCandidate)
    assert valid.title == text.split(" ")[0] + " " + text.split(" ")[1]


def test_at_most_three_dateline_sentences_are_skipped_for_the_title() -> None:
    # Skipping them one by one, a text of 99,500 "क।" took 23.6 s to get its title.
    text = "Berlin. Bonn. Köln. Essen. Die Regierung hat am Dienstag etwas beschlossen."
    valid = validate_candidate(BriefCandidate("a.txt", text))
    assert isinstance(valid, BriefCandidate) and valid.title == "Essen."
