"""Topics: which names are people's, a surname counted with the name given in full
(:mod:`ingest.topic_persons`)."""

from __future__ import annotations

import pytest

from ingest.topics import extract_topics


@pytest.mark.parametrize(
    ("language", "text", "name", "surname"),
    [
        (
            "en",
            "Kamala Harris met the leaders in Paris. Later, Harris said the talks went well. "
            "Paris was calm. The talks in Paris ended, and Harris left.",
            "Kamala Harris",
            "Harris",
        ),
        (  # three words with an initial
            "en",
            "George W. Bush visited Texas. Crowds in Texas cheered, and Bush spoke. Texas "
            "voted, then Bush left.",
            "George W Bush",
            "Bush",
        ),
        (
            "es",
            "Pedro Sánchez viajó a Bruselas. Allí, Sánchez habló con la prensa de Bruselas. "
            "En Bruselas llovía y Sánchez se fue.",
            "Pedro Sánchez",
            "Sánchez",
        ),
        (
            "fr",
            "Emmanuel Macron a rencontré les syndicats. Selon Macron, la réforme avance. Les "
            "syndicats ont refusé, et Macron est parti.",
            "Emmanuel Macron",
            "Macron",
        ),
        (
            "it",
            "Giorgia Meloni ha incontrato i sindacati a Roma. Secondo Meloni, la riforma va "
            "avanti. A Roma i sindacati hanno detto no, e Meloni è partita.",
            "Giorgia Meloni",
            "Meloni",
        ),
        (  # a nationality before the surname opens no second name that would share it
            "en",
            "Claudio Ranieri was sacked by Valencia. Italian Ranieri had won the cup at "
            "Valencia. Fans of Valencia said Ranieri was unlucky, and Ranieri left.",
            "Claudio Ranieri",
            "Ranieri",
        ),
    ],
)
def test_a_name_opening_a_sentence_counts_its_surname_written_alone(
    language: str, text: str, name: str, surname: str
) -> None:
    # The first name was capitalised only opening a sentence, so the name was no person's:
    # "Harris" and "Kamala Harris" were counted apart, the surname ranked first.
    topics = extract_topics(None, [], text, limit=10, language=language)
    assert topics[0] == name and surname not in topics, topics


@pytest.mark.parametrize(
    ("language", "opening", "word"),
    [  # the word alone is an institution's, another place's or a role's, or the name's first
        # word opens sentences before names ("Meanwhile", "Injured", "Yesterday")
        ("en", "Defence Ministry officials met.", "Ministry"),  # "the Ministry"
        ("en", "Indian Navy ships sailed.", "Navy"),
        ("en", "Home Office staff left.", "Office"),
        ("en", "Prime Minister spoke to MPs.", "Minister"),
        ("en", "South Africa won the match.", "Africa"),
        ("en", "Meanwhile Ford cut jobs.", "Ford"),
        ("en", "Yesterday Biden met them.", "Biden"),
        ("en", "Injured Chelsea lost.", "Chelsea"),
        ("en", "Separately Fujitsu cut jobs.", "Fujitsu"),
        ("en", "State-owned Rosneft bid.", "Rosneft"),
        ("en", "Top TV shows ended.", "TV"),
        ("en", "Miss Kidman smiled.", "Kidman"),
        ("en", "Cuts Britain made hurt. The cuts were deep.", "Britain"),  # "cuts" in lower case
        # a nationality opens no first name: the name is an organisation's, alone
        ("en", "Lebanese Hezbollah fired rockets.", "Hezbollah"),
        ("en", "Swedish Saab won an order.", "Saab"),
        ("en", "Yemeni Houthis attacked a ship.", "Houthis"),
        # a place's part, or a country's name ending another name, is the place's
        ("en", "Southeast Asia braced for storms.", "Asia"),
        ("en", "Mainland China held drills.", "China"),
        ("en", "Air India cancelled flights.", "India"),
        ("en", "Team India won the series.", "India"),
        ("es", "Air Europa canceló vuelos.", "Europa"),
        ("es", "Aunque Ri habló, nada cambió.", "Ri"),
        ("nl", "Hoewel Indonesië hulp vroeg, bleef het stil.", "Indonesië"),  # no listed openers
    ],
)
def test_a_name_opening_a_sentence_does_not_take_a_word_that_is_no_surname(
    language: str, opening: str, word: str
) -> None:
    # The word stands alone inside two sentences: counted with the name opening the first, the
    # name would come first and hide it.
    article = "the " if word in {"Ministry", "Navy", "Office"} else ""
    text = f"{opening} Later, {article}{word} spoke. So {article}{word} left."
    topics = extract_topics(None, [], f"{text} {text}", limit=10, language=language)
    assert topics[0] == word, topics
