"""Topics: where names begin and end, the words that join them, the articles that open them
(:mod:`ingest.topic_names`)."""

from __future__ import annotations

import pytest

from ingest.topics import extract_topics


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("France and Germany signed. France and Germany agreed.", "en", {"France", "Germany"}),
        (
            "Tony Blair and Gordon Brown met. Tony Blair and Gordon Brown left.",
            "en",
            {"Tony Blair", "Gordon Brown"},
        ),
    ],
)
def test_and_between_two_names_parts_them(text: str, language: str, names: set[str]) -> None:
    # They were one topic, "France and Germany".
    topics = extract_topics(None, [], text, limit=10, language=language)
    assert names <= set(topics), topics


@pytest.mark.parametrize(
    "name",
    [
        "Securities and Exchange Commission",  # an institution's head closes it
        "Department of Trade and Industry",  # another connector before the "and"
        "Transport and General Workers Union",
        "Sex And The City",  # a title's capital "And"
    ],
)
def test_and_inside_a_name_keeps_it_whole(name: str) -> None:
    text = f"The {name} spoke today. Later the {name} said more."
    topics = extract_topics(None, [], text, limit=10, language="en")
    assert name in topics, topics


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Ursula von der Leyen spoke. Ursula von der Leyen left.", "en", "Ursula von der Leyen"),
        ("Corea del Norte lanzó un misil. Corea del Norte calla.", "es", "Corea del Norte"),
        ("El Banco de la Nación subió. El Banco de la Nación bajó.", "es", "Banco de la Nación"),
        ("La Corée du Nord a tiré. La Corée du Nord se tait.", "fr", "Corée du Nord"),
        (
            "O Ministério da Defesa falou. O Ministério da Defesa calou.",
            "pt",
            "Ministério da Defesa",
        ),
        (
            "Il Ministero della Difesa parla. Il Ministero della Difesa tace.",
            "it",
            "Ministero della Difesa",
        ),
        (  # an adjective after the noun a connector joined
            "Le Ministère de la Défense nationale parle. Le Ministère de la Défense nationale se "
            "tait.",
            "fr",
            "Ministère de la Défense nationale",
        ),
        (  # a name word and its connector cut from the front, the pair's article too
            "La Semana de la Moda de París abrió. La Semana de la Moda de París cerró.",
            "es",
            "Moda de París",
        ),
    ],
)
def test_a_names_connectors_in_its_language_join_it(text: str, language: str, name: str) -> None:
    # Each came in pieces ("Corea", "Norte"), or with a leading "la" ("la Moda de París").
    topics = extract_topics(None, [], text, limit=10, language=language)
    assert name in topics, topics


def test_german_articles_and_von_join_no_common_nouns() -> None:
    # German capitalises every noun: "des" or "von" between two would make them one name.
    text = (
        "Die Aufgabe des Staates ist klar. Die Aufgabe des Staates bleibt. Millionen von "
        "Menschen warten. Millionen von Menschen hoffen."
    )
    topics = extract_topics(None, [], text, limit=10, language="de")
    assert {"Aufgabe", "Staates"} <= set(topics), topics
    assert not any(" " in topic for topic in topics), topics


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_may_after_a_first_name_is_a_surname_not_the_month(language: str) -> None:
    text = "Theresa May spoke. Theresa May left. In May it rained, and it may rain."
    topics = extract_topics(None, [], text, limit=10, language=language)
    assert "Theresa May" in topics and "May" not in topics, topics


@pytest.mark.parametrize(
    ("language", "sentence", "names"),
    [  # found by an attack test, each one topic or none after the connectors came
        ("it", "Matteo Salvini della Lega ha attaccato.", {"Matteo Salvini", "Lega"}),
        ("es", "Pedro Sánchez del PSOE ganó.", {"Pedro Sánchez", "PSOE"}),
        ("fr", "Marine Le Pen du Rassemblement national a réagi.", {"Marine Le Pen"}),
        ("pt", "Jair Bolsonaro do PL foi condenado.", {"Jair Bolsonaro", "PL"}),
        ("it", "Zelensky da Trump per la pace.", {"Zelensky", "Trump"}),
        ("es", "Hamás de la Franja de Gaza atacó.", {"Hamás", "Franja de Gaza"}),
        (
            "es",
            "El Banco Central de la República Argentina subió la tasa.",
            {"Banco Central", "República Argentina"},
        ),
        (
            "en",
            "Ursula von der Leyen and Donald Trump agreed.",
            {"Ursula von der Leyen", "Donald Trump"},
        ),
        ("en", "Zelensky on Monday and Putin talked.", {"Zelensky", "Putin"}),
        ("it", "La Lega di Salvini vince.", {"Lega", "Salvini"}),  # a second attack test
        ("de", "Wenn Putin da Erfolg hat, ist es schlimm.", {"Putin", "Erfolg"}),
        ("ru", "Главнокомандующий ВСУ Александр Сырский заявил.", {"ВСУ", "Александр Сырский"}),
        ("nl", "Hij zei dat Rutte de Verenigde Staten bezoekt.", {"Rutte", "Verenigde Staten"}),
        ("es", "El PSOE de Sánchez ganó.", {"PSOE", "Sánchez"}),  # initials join no name either
        ("en", "The CEO of Apple spoke.", {"CEO", "Apple"}),
    ],
)
def test_a_connector_joins_no_two_names(language: str, sentence: str, names: set[str]) -> None:
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language=language)
    assert names <= set(topics), topics


@pytest.mark.parametrize(
    ("language", "sentence", "name"),
    [
        ("en", "Customs and Border Protection agents came.", "Customs and Border Protection"),
        ("en", "Bosnia and Herzegovina voted.", "Bosnia and Herzegovina"),
        ("en", "Johnson and Johnson sold more.", "Johnson and Johnson"),
        (  # a date after the head: it was two names, "Securities", "Exchange Commission"
            "en",
            "The Securities and Exchange Commission on Friday sued the firm.",
            "Securities and Exchange Commission",
        ),
        ("en", "Marks & Spencer sold more.", "Marks & Spencer"),
        ("en", "Lake Van froze.", "Lake Van"),  # a capital "Van" is no connector
        ("ru", "Урсула фон дер Ляйен заявила.", "Урсула фон дер Ляйен"),
        # found by a second attack test
        ("nl", "Hugo de Jonge trad af.", "Hugo de Jonge"),
        ("nl", "Joost van de Berg won.", "Joost van de Berg"),
        ("en", "The Duke and Duchess of Sussex visited.", "Duke and Duchess of Sussex"),
        ("en", "Turks and Caicos Islands voted.", "Turks and Caicos Islands"),
        ("it", "Gli Stati Uniti hanno imposto dazi.", "Stati Uniti"),  # "stati" opens it
        ("es", "El Estado Islámico atacó.", "Estado Islámico"),
    ],
)
def test_a_name_with_an_and_or_a_particle_inside_stays_whole(
    language: str, sentence: str, name: str
) -> None:
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language=language)
    assert name in topics, topics


@pytest.mark.parametrize(
    ("language", "sentence", "name"),
    [
        ("fr", "Selon Marine Le Pen, non. Il a parlé avec Le Pen hier.", "Le Pen"),
        ("es", "Viajó a El Salvador y a Las Vegas.", "El Salvador"),
        ("es", "Viajó a El Salvador y a Las Vegas.", "Las Vegas"),
        ("fr", "Il vit à La Paz depuis mai.", "La Paz"),
        ("it", "Lo ha scritto La Repubblica ieri.", "La Repubblica"),
    ],
)
def test_an_article_capitalised_inside_a_sentence_opens_a_name(
    language: str, sentence: str, name: str
) -> None:
    # They were cut at the article: "Pen", "Salvador", "Vegas", "Paz", "Repubblica".
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language=language)
    assert name in topics, topics


@pytest.mark.parametrize(
    "name", ["Luiz Inácio Lula da Silva", "Banco Central do Brasil", "Rio Grande do Sul"]
)
def test_a_portuguese_contraction_joins_a_longer_name_to_its_last_word(name: str) -> None:
    # They came in pieces: "Luiz Inácio Lula" and "Silva", "Banco Central" and "Brasil".
    text = f"Segundo o relatório, {name} cresceu. Depois, {name} caiu."
    topics = extract_topics(None, [], text, limit=10, language="pt")
    assert name in topics, topics


@pytest.mark.parametrize(
    ("sentence", "names"),
    [  # found by an attack test: a person, then a ministry or a place; a long institution
        ("O ministro Fernando Haddad da Fazenda falou.", {"Fernando Haddad", "Fazenda"}),
        ("O senador Flávio Bolsonaro do Rio falou.", {"Flávio Bolsonaro", "Rio"}),
        (
            "O Ministério das Relações Exteriores do Brasil divulgou nota.",
            {"Ministério das Relações Exteriores", "Brasil"},
        ),
    ],
)
def test_a_portuguese_contraction_joins_no_person_to_a_ministry_or_place(
    sentence: str, names: set[str]
) -> None:
    text = f"{sentence} {sentence}"
    assert names <= set(extract_topics(None, [], text, limit=10, language="pt"))


@pytest.mark.parametrize(
    "text",
    [
        "In Brüssel sprach Ursula von der Leyen über Zölle.",
        "Kommissionspräsidentin Ursula von der Leyen reiste ab. Von der Leyen sagte nichts.",
    ],
)
def test_von_der_leyen_is_one_name_in_german_where_von_and_der_join_nothing(text: str) -> None:
    # She was "Ursula" and "Leyen": German's "von" and "der" join no nouns ("Hilfe von der
    # Regierung"), and her name was no exception.
    topics = extract_topics(None, [], f"{text} {text}", limit=10, language="de")
    assert "Ursula von der Leyen" in topics, topics


def test_von_der_still_joins_no_german_nouns() -> None:
    text = "Die Hilfe von der Regierung kam spät. Die Hilfe von der Regierung blieb aus."
    topics = extract_topics(None, [], text, limit=10, language="de")
    assert {"Hilfe", "Regierung"} <= set(topics) and not any(" " in t for t in topics), topics


@pytest.mark.parametrize(
    "name",
    [
        "Democratic Republic of the Congo",
        "Supreme Court of the United States",
        "Federal Ministry of the Interior",
    ],
)
def test_a_pair_after_a_two_word_institutions_head_keeps_the_name_whole(name: str) -> None:
    # "of the" joined a one-word name only, and six words were too many for a name: they were
    # "Democratic Republic" and "Congo".
    text = f"Fighting in the {name} grew. Aid reached the {name} late."
    topics = extract_topics(None, [], text, limit=10, language="en")
    assert name in topics, topics


@pytest.mark.parametrize(
    ("sentence", "names"),
    [  # a pair after a two-word name that ends in no head, or a longer run, still parts it
        ("The Prime Minister of the United Kingdom spoke.", {"Prime Minister", "United Kingdom"}),
        ("Joe Biden of the Democratic Party spoke.", {"Joe Biden", "Democratic Party"}),
        (
            "The Democratic Republic of the Congo and Rwanda signed.",
            {"Democratic Republic of the Congo", "Rwanda"},
        ),
    ],
)
def test_a_pair_after_a_two_word_name_without_a_head_still_parts_it(
    sentence: str, names: set[str]
) -> None:
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language="en")
    assert names <= set(topics), topics
