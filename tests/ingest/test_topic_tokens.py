"""Topics: how a release's text is read before its names are (:mod:`ingest.topic_tokens`):
initials after a role, links and mail addresses, Indian amounts."""

from __future__ import annotations

import pytest

from ingest.topic_tokens import sentences, without_addresses
from ingest.topics import extract_topics


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Shri B.P. Singh took charge.", "Shri B.P. Singh took charge."),
        ("Lt Gen A. K. Singh spoke.", "Lt Gen A. K. Singh spoke."),
        ("Air Marshal A.K. Dixit spoke.", "Air Marshal A.K. Dixit spoke."),
        ("He met Dr. S. Jaishankar on Monday.", "He met Dr. S. Jaishankar on Monday."),
        ("Gen. M. M. Naravane spoke.", "Gen. M. M. Naravane spoke."),
        ("Prof. A. Kumar said.", "Prof. A. Kumar said."),  # "A." an initial, no article
    ],
)
def test_initials_after_a_role_end_no_sentence(text: str, sentence: str) -> None:
    # Each initial ended a sentence: "B.P." and "Singh" were two names.
    assert sentences(text)[-1] == sentence


@pytest.mark.parametrize(
    ("text", "count"),
    [  # initials after another word, and a role's whole word or abbreviation, still end one
        ("He flew to Washington D.C. Trump said so.", 2),
        ("He met the President. Trump said so.", 2),
        ("Rep. Maxine Waters said so.", 2),  # "Rep Maxine Waters" would be one name
        ("They chose Plan B. Putin signed it.", 2),
    ],
)
def test_initials_after_other_words_still_end_a_sentence(text: str, count: int) -> None:
    assert len(sentences(text)) == count, sentences(text)


def test_a_persons_name_with_initials_is_one_topic_in_either_spelling() -> None:
    # "BP Singh" and "B.P." were two topics, both of one man.
    text = (
        "Shri B.P. Singh took charge as Director General. Shri B.P. Singh served at sea. "
        "Earlier Shri BP Singh led the depot."
    )
    topics = extract_topics(None, [], text, limit=10, language="en")
    assert topics[0] == "B.P. Singh", topics
    assert not {"BP Singh", "B.P.", "Singh"} & set(topics), topics


def test_links_and_mail_addresses_are_no_words_of_a_brief() -> None:
    # A release's list of references made "https", "www" and "pib" its topics.
    links = "\n".join(
        f"https://www.pib.gov.in/PressReleasePage.aspx?PRID={n}&reg=3&lang=2" for n in range(5)
    )
    text = f"The navy trained women officers. Women officers served.\n\nReferences:\n{links}\n"
    text += "Write to press@pib.gov.in or press@pib.gov.in for more."
    topics = extract_topics(None, [], text, limit=10, language="en")
    assert "officers" in topics, topics
    assert not {"https", "www", "pib", "gov", "PRID", "press", "lang"} & set(topics), topics


def test_an_address_ends_a_name() -> None:
    assert without_addresses("Visit www.mod.gov.in Modi said") == "Visit \n Modi said"
    assert without_addresses("Mail a.b@c.org today") == "Mail \n today"
    assert without_addresses("Say awww.ok") == "Say awww.ok"  # no address inside a word


def test_indian_amounts_are_no_topics() -> None:
    # "Rs", "crore" and "lakh" were topics of every contract a release announced.
    text = (
        "The Ministry signed contracts worth Rs 5,083 crore with BEL. Rs 858 crore went to "
        "HAL. The Council cleared Rs 2.38 lakh crore. Rs 975 crores and Rs 3 lakhs followed."
    )
    topics = extract_topics(None, [], text, limit=10, language="en")
    assert {"BEL", "HAL"} <= set(topics), topics
    assert not {t.lower() for t in topics} & {"rs", "crore", "crores", "lakh", "lakhs"}, topics


@pytest.mark.parametrize("quote", ["\u05f4", '"'])
def test_a_hebrew_acronym_is_one_word(quote: str) -> None:
    # "צה״ל" (the IDF) was "צה" and "ל", too short to be topics: the army never was one
    idf = f"צה{quote}ל"
    text = f"{idf} תקף בעזה. לדברי {idf}, המבצע נמשך. {idf} הודיע על הרחבת המבצע."
    assert extract_topics(None, [], text, limit=10, language="he")[0] == idf
