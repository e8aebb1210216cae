"""A closing list of references goes from a brief's news (:mod:`ingest.reference_lists`)."""

from __future__ import annotations

import pytest

from ingest.credits import news_text
from ingest.reference_lists import MAX_REFERENCE_CHARS, references_start
from ingest.topics import extract_topics

NEWS = (
    "The Indian Navy inducted women officers in 1992. Women officers now fly fighters.\n\n"
    "The Army opened more branches to women officers this year."
)
PIB_REFERENCES = """References:

Press Information Bureau

https://www.pib.gov.in/PressReleasePage.aspx?PRID=2210154&reg=3&lang=2

Ministry of Defence

https://mod.gov.in/sites/default/files/MOD-English2004.pdf

DD News

https://ddnews.gov.in/en/from-barriers-to-battalions/

Indian Navy

https://x.com/indiannavy/status/1928108530210320829?s=20

Women in Indian Armed Forces \u2013 Expanding Roles and Opportunities"""


@pytest.mark.parametrize(
    "references",
    [
        PIB_REFERENCES,
        "Sources:\nhttps://example.org/a\nhttps://example.org/b",
        "Quellen\n\nBundeswehr\nhttps://www.bundeswehr.de/de/aktuelles",
        "स्रोत:\nपत्र सूचना कार्यालय\nhttps://www.pib.gov.in/PressReleasePage.aspx?PRID=1",
        "Источники:\n(https://mil.ru/news/1)",
    ],
)
def test_a_closing_list_of_references_goes(references: str) -> None:
    # Its links and publishers stayed in the news: "https", "Ministry of Defence" and "DD
    # News" were counted as topics.
    assert news_text(f"{NEWS}\n\n{references}\n") == NEWS


def test_a_list_of_references_is_no_topic() -> None:
    topics = extract_topics(None, [], f"{NEWS}\n\n{PIB_REFERENCES}", limit=10, language="en")
    assert "officers" in topics, topics
    assert not {"https", "Ministry of Defence", "DD News", "Press Information Bureau"} & set(
        topics
    ), topics


@pytest.mark.parametrize(
    "tail",
    [
        # a heading over prose: a fact box, not a list
        "Sources:\nOfficials said the strike was planned for weeks.\nhttps://example.org/a",
        # no link: a list of names may be the news's own (a fact box of units)
        "Sources:\nIndian Navy\nIndian Army",
        # the heading opens a sentence of the news
        "Sources say the ship will sail in May. https://example.org/a is the notice.",
    ],
)
def test_a_heading_over_sentences_or_without_a_link_stays(tail: str) -> None:
    text = f"{NEWS}\n\n{tail}"
    assert news_text(text) == text


def test_a_text_that_is_only_a_list_stays() -> None:
    text = "References:\nhttps://example.org/a\nhttps://example.org/b"
    assert news_text(text) == text


def test_a_list_longer_than_any_briefs_is_not_read() -> None:
    # Only the text's last MAX_REFERENCE_CHARS are read for a list: a hostile one of 40,000
    # links is no brief's, and stays.
    links = "\n".join(["References:", *["https://example.org/x"] * 40_000])
    assert len(links) > MAX_REFERENCE_CHARS
    text = f"{NEWS}\n\n{links}"
    assert news_text(text) == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_a_list_goes_whatever_breaks_its_lines(newline: str) -> None:
    # the heading was looked for between "\n"s only: a list copied with CR LF stayed
    references = "References:\nPress Information Bureau\nhttps://www.pib.gov.in/x?PRID=1"
    text = f"{NEWS}\n\n{references}\n".replace("\n", newline)
    assert news_text(text) == NEWS.replace("\n", newline)


def test_the_news_never_ends_before_it_starts() -> None:
    # only blank space between the news's start and the heading: the end fell before the start
    text = "Head line\n   \nReferences:\nhttps://example.org/a\n"
    assert references_start(text, 10, len(text)) == len(text)
