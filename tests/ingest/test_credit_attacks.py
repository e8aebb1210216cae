"""A hostile reader's cases for pictures' credits between paragraphs (ingest.caption_credits).

News that only looks like a credit stays: a sentence wrapped at a credit's words, a credit in
quotes, a headline with an emoji after it. Credits a page copies under its pictures in forms
the first rules missed go: ``REUTERS/Jane Doe``, ``Credit...Jane Doe for The New York Times``,
``Bildquelle: Bundeswehr``, ``📸 Photo: PIB``.
"""

from __future__ import annotations

import pytest

from ingest.credit_lines import is_credit
from ingest.credits import news_text
from tests.support.credit_news import ENGLISH, GERMAN


@pytest.mark.parametrize(
    "text",
    [
        # a quoted credit with the sentence's stop after the closing quote
        f'{ENGLISH}\n\nHe wrote: "It ended. Photo: PIB".\n\n{ENGLISH}',
        f"{ENGLISH}\n\nHe wrote: \u201cIt ended. Photo: PIB\u201d.\n\n{ENGLISH}",
        # a sentence hard-wrapped after a word that cannot end it
        f"{ENGLISH}\n{ENGLISH}\nThe picture on the front page was credited to\n"
        f"AP Photo/Evan Vucci.\n\n{ENGLISH}",
        f"{ENGLISH}\n{ENGLISH}\nThe footage was released by the\nVideo: Pentagon\n\n{ENGLISH}",
        f"{GERMAN}\n{GERMAN}\nDas Bild stammt laut Ministerium von der\nQuelle: Bundeswehr\n\n"
        f"{GERMAN}",
        # the sentence goes on below after a dash or a quote
        f"{ENGLISH}\n{ENGLISH}\nThe caption credited\nPhoto: PIB\n\u2014 and the ministry "
        "denied it.",
        f'{ENGLISH}\n{ENGLISH}\nHe read out\nSource: PIB\n"and nothing else," he said.',
        # a line of quoted speech that runs over several lines
        f"{ENGLISH}\n{ENGLISH}\n\u201cThe pictures are clear. We have the evidence.\n"
        f"Video: Pentagon\nWe will publish it,\u201d she said.\n\n{ENGLISH}",
    ],
)
def test_a_credit_a_sentence_or_a_quote_runs_through_stays(text: str) -> None:
    assert news_text(text, "en") == text


@pytest.mark.parametrize(
    ("line", "language"),
    [
        # headlines and captions with an emoji after them: the emoji is no name
        ("Bilder: Großbrand \U0001f525", "de"),
        ("Quelle: Kreml \U0001f6a8", "de"),
        ("Photo: Zelensky \U0001f447", "en"),
        ("Video: Zelensky \U0001f1fa\U0001f1e6", "en"),
        ("Фото: Зеленский \U0001f1fa\U0001f1e6", "ru"),
    ],
)
def test_an_emoji_makes_no_headline_a_credit(line: str, language: str) -> None:
    news = GERMAN if language == "de" else ENGLISH
    text = f"{news}\n\n{news}\n\n{line}\n\n{news}"
    assert news_text(text, language) == text
    assert not is_credit(line)


@pytest.mark.parametrize(
    ("credit", "language"),
    [
        ("REUTERS/Jane Doe", "en"),
        ("Jane Doe/AFP", "en"),
        ("EPA-EFE/Clemens Bilan", "de"),
        ("Credit...Jane Doe for The New York Times", "en"),
        ("Credit\u2026Jane Doe/Reuters", "en"),
        ("Bildquelle: Bundeswehr", "de"),
        ("Bildnachweis: dpa", "de"),
        ("\U0001f4f8 Photo: PIB", "en"),
        ("Photo: PIB \U0001f4f8", "en"),
    ],
)
def test_these_credits_between_paragraphs_go_too(credit: str, language: str) -> None:
    news = GERMAN if language == "de" else ENGLISH
    text = f"{news}\n\n{news}\n\n{credit}\n\n{news}"
    assert news_text(text, language) == f"{news}\n\n{news}\n\n{news}"
    caption = "Sailors man the rails as the ship departs."
    text = f"{news}\n\n{caption} {credit}\n\n{news}"
    assert news_text(text, language) == f"{news}\n\n{caption}\n\n{news}"


def test_a_numbered_line_keeps_its_number_and_its_credit() -> None:
    # no caption before the credit, only a list's number: nothing is left to read but "1."
    text = f"{ENGLISH}\n\n{ENGLISH}\n1. Photo: PIB\n2. Photo: ANI\n\n{ENGLISH}"
    assert news_text(text, "en") == text


@pytest.mark.parametrize("credit", ["REUTERS/Stringer", "STR/AFP"])
def test_an_agency_s_unnamed_photographer_is_a_credit(credit: str) -> None:
    assert is_credit(credit)
    text = f"{ENGLISH}\n\nSailors man the rails. {credit}\n\n{ENGLISH}"
    assert news_text(text, "en") == f"{ENGLISH}\n\nSailors man the rails.\n\n{ENGLISH}"


@pytest.mark.parametrize(
    "caption",
    [
        "Prime Minister Narendra Modi with President Emmanuel Macron in New Delhi",
        'Sailors said "we are ready".',
        "\u201eWir sind bereit\u201c, sagte der Kommandant.",
        "\u00abNous sommes pr\u00eats\u00bb, a dit le commandant.",
    ],
)
def test_a_caption_s_credit_below_it_still_goes(caption: str) -> None:
    # a caption ends on a noun or closes its quotes: nothing runs on into its credit
    text = f"{ENGLISH}\n\n{caption}\nPhoto: PIB\n\n{ENGLISH}"
    assert news_text(text, "en") == f"{ENGLISH}\n\n{caption}\n\n{ENGLISH}"
