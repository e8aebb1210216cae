"""Bylines, photo credits and date lines are no headline, summary sentence or topic."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ingest.credits import is_credit, news_text
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


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Defence Correspondent",
        "BY JANE DOE",
        "Von Anna Schmidt",
        "Par Anne Dupont, envoyée spéciale à Kiev",
        "Por Ana García",
        "Автор: Иван Петров",
        "लेखक: राम शर्मा",
        "Фото: Иван Петров / ТАСС",
        "Photo credit: PIB",
        "Quelle: dpa",
        "© Reuters 2026",
        "Published 3 December 2026",
        "Updated: 03.12.2026, 10:05 GMT",
        "Stand: 03.12.2026 12:45 Uhr",
        "Publié le 5 déc. 2026 à 10h05",
        "Publicado el 5 de diciembre de 2026 a las 10:05",
        "Обновлено 5 декабря 2026 г., 10:05 мск",
        "प्रकाशित: 5 दिसंबर 2026, 10:05 बजे",
        "NEW DELHI, 5 November 2026",
        "Berlin, 3. Dezember 2026",
        "नई दिल्ली, 5 दिसंबर 2026 (भाषा)",
        "Tuesday, 1 March",
    ],
)
def test_a_byline_credit_or_date_line_is_a_credit(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "By Land and Sea: Navy Exercises Begin",  # a heading with a colon after the name
        "Von der Leyen in Kiew",  # a name, not "Von" and a name
        "By Tuesday the deal was done.",  # a sentence
        "von Oktober 2012 bis Oktober 2020 war er Bürgermeister",
        "Nach Daten des Statistischen Landesamtes, Stand 2015.",
        "The Ministry of Defence said on 5 December 2026",
        "78,000",  # a figure is no date
        "Monday",  # a weekday without a date
        "Navy gets six new patrol ships",
        "",
    ],
)
def test_news_and_headings_are_not_credits(line: str) -> None:
    assert not is_credit(line)


def test_news_text_drops_the_credits_at_the_top_and_the_wire_credits_at_the_bottom() -> None:
    text = (
        f"By Jane Doe\nPublished 3 December 2026\n\n{ENGLISH}\n\n"
        "(Reporting by Jane Doe; Editing by John Smith)\n"
    )
    assert news_text(text) == ENGLISH


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
