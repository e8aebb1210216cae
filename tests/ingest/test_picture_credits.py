"""Pictures' and sources' credits between a brief's paragraphs are no news (ingest.credits).

A news page copied whole holds a credit under each picture, chart or video: ``Photo: PIB``,
``Quelle: Bundeswehr``, ``Video: Pentagon``. They go as lines of their own or a caption's last
words (ingest.caption_credits); sentences and headlines that open with such a label stay.
"""

from __future__ import annotations

import pytest

from ingest import caption_credits
from ingest.caption_credits import MAX_CAPTION_MARKS, MAX_CAPTION_STOPS
from ingest.credit_lines import is_credit
from ingest.credits import news_text
from tests.support.credit_news import ENGLISH, GERMAN, RUSSIAN

NEWS = {"en": ENGLISH, "de": GERMAN, "ru": RUSSIAN}

CREDITS = [
    ("Photo: PIB", "en"),
    ("Photo: Reuters", "en"),
    ("Photo illustration by Jane Doe", "en"),
    ("Graphic by Jane Doe/AFP", "en"),
    ("Video: Pentagon", "en"),
    ("Video: Jane Doe/Reuters", "en"),
    ("Source: PIB", "en"),
    ("(Photo: PTI)", "en"),
    ("AP Photo/Evan Vucci", "en"),
    ("© Reuters 2026", "en"),
    ("Bild: dpa", "de"),
    ("Quelle: Bundeswehr", "de"),
    ("Quelle: UN", "de"),  # under a chart (German Wikipedia)
    ("Фото: пресс-служба Кремля", "ru"),
]


@pytest.mark.parametrize(("credit", "language"), CREDITS)
def test_a_picture_credit_between_paragraphs_goes(credit: str, language: str) -> None:
    news = NEWS[language]
    # a line of its own between lines, between paragraphs (one blank line stays) and at the end
    assert news_text(f"{news}\n{news}\n{credit}\n{news}", language) == f"{news}\n{news}\n{news}"
    assert news_text(f"{news}\n\n{news}\n\n{credit}\n\n{news}", language) == (
        f"{news}\n\n{news}\n\n{news}"
    )
    assert news_text(f"{news}\r\n{news}\r\n{credit}\r\n{news}", language) == (
        f"{news}\r\n{news}\r\n{news}"
    )
    assert news_text(f"{news}\n\n{news}\n\n{credit}", language) == f"{news}\n\n{news}"


@pytest.mark.parametrize(
    "credit",
    [
        "Image: Ministry of Defence",  # the forces' credits went before: no second blank line
        "(U.S. Navy photo by Seaman Jane Roe)",
        "Foto: Bundeswehr/Jane Doe",
    ],
)
def test_one_blank_line_parts_the_paragraphs_around_a_cut_credit(credit: str) -> None:
    text = f"{ENGLISH}\n\n{ENGLISH}\n\n{credit}\n\n{ENGLISH}"
    assert news_text(text, "en") == f"{ENGLISH}\n\n{ENGLISH}\n\n{ENGLISH}"


@pytest.mark.parametrize(("credit", "language"), CREDITS)
def test_a_picture_credit_closing_a_caption_goes_and_the_caption_stays(
    credit: str, language: str
) -> None:
    news = NEWS[language]
    caption = "Sailors man the rails as the ship departs."
    text = f"{news}\n\n{caption} {credit}\n\n{news}"
    assert news_text(text, language) == f"{news}\n\n{caption}\n\n{news}"


@pytest.mark.parametrize(
    "credit",
    [
        "Photo illustration by Jane Doe",
        "Video: Pentagon",
        "Quelle: Bundeswehr",
        "Source: Pentagon",
        "Graphic by Jane Doe/AFP",
    ],
)
def test_these_new_forms_are_credits_at_the_top_too(credit: str) -> None:
    assert is_credit(credit)
    assert news_text(f"{credit}\n\n{ENGLISH}", "en") == ENGLISH


@pytest.mark.parametrize(
    "line",
    [
        # sentences that open with a label and tell news
        "Video: the strike hit a depot at dawn and killed two.",
        "Source: officials said the strike was planned",
        "Photo: the destroyer leaves port on Monday.",
        "Quelle: Die Bundeswehr hat am Dienstag bestätigt, dass zwei Drohnen abgestürzt sind.",
        "Quelle: UN, Zahlen für 2030 und 2050 sind Prognosen",
        "Photos: Massive fire engulfs Mumbai building",
        # headlines
        "Pentagon Releases UFO Video",
        "Video: Trump Speaks",  # a video's headline: two names after "Video:" are no credit
        "Video: Pentagon Releases UFO Footage",
        "Photo: Navy Sinks Drone",
        "Quelle: Bundeswehr rüstet auf",
        "Images by Webb Telescope",
        "Pictures by Children Go on Show",
        # quoted credits are news about them
        '"Photo: PIB"',
        "\u201cSource: PIB\u201d",
    ],
)
def test_news_that_opens_like_a_picture_credit_stays(line: str) -> None:
    for text in (
        f"{ENGLISH}\n{ENGLISH}\n{line}\n{ENGLISH}",
        f"{ENGLISH}\n\n{ENGLISH}\n\n{line}\n\n{ENGLISH}",
        f"{ENGLISH}\n\n{ENGLISH} {line}\n\n{ENGLISH}",
    ):
        assert news_text(text, "en") == text


@pytest.mark.parametrize(
    "text",
    [
        # a sentence wrapped at a credit's words: the line above ends on a comma, colon or
        # dash, or the line below goes on in lower case
        f"{ENGLISH}\n{ENGLISH}\nThe figures, the ministry said, came from one\nSource: PIB\n"
        "and the army.",
        f"{ENGLISH}\n{ENGLISH}\nThe figures came from two agencies,\nSource: PIB\n{ENGLISH}",
        f"{ENGLISH}\n{ENGLISH}\nThe caption read:\nPhoto: Reuters\n{ENGLISH}",
        f"{ENGLISH}\n{ENGLISH}\nIt ended. Photo: Reuters\nand AP ran it the next day.",
        # a credit quoted in a sentence that runs on
        f'{ENGLISH}\n{ENGLISH}\nHe wrote: "It ended. Photo: PIB"\n{ENGLISH}',
        # a label alone over what it labels
        f"{ENGLISH}\n{ENGLISH}\nSource:\nHandelsblatt - Die Welt in Zahlen (2005)\n{ENGLISH}",
    ],
)
def test_a_credit_inside_a_wrapped_or_quoted_sentence_stays(text: str) -> None:
    assert news_text(text, "en") == text


@pytest.mark.parametrize(
    "unit",
    ["Photo: PIB\n", "Sailors train. Source: PIB\n", "a. " * 60 + "Quelle: dpa\n"],
)
def test_a_long_text_of_credits_is_read_at_its_first_marks_only(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 200,000 characters of credits: each mark is read once, a few stops before it at most,
    # and no more marks than MAX_CAPTION_MARKS, so the text costs one scan.
    calls: list[str] = []
    judge = caption_credits._is_picture_credit

    def counted(piece: str) -> bool:
        calls.append(piece)
        return judge(piece)

    monkeypatch.setattr(caption_credits, "_is_picture_credit", counted)
    news_text(f"{ENGLISH}\n" + unit * (200_000 // len(unit)), "en")
    assert calls and len(calls) <= MAX_CAPTION_MARKS * (MAX_CAPTION_STOPS + 1)


def test_marks_inside_words_do_not_use_up_the_marks() -> None:
    # "epa" of "department" counted as a mark: 2,100 lines of them left the credit below
    text = f"{ENGLISH}\n" + "The department said so.\n" * 2_100 + f"\nPhoto: PIB\n\n{ENGLISH}"
    assert "Photo: PIB" not in news_text(text, "en")
