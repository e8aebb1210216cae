"""Topics: a person's role before their name (:mod:`ingest.topic_titles`)."""

from __future__ import annotations

import pytest

from ingest.topics import extract_topics


@pytest.mark.parametrize(
    ("language", "sentence", "name"),
    [
        ("en", "Defence Secretary John Healey visited Estonia.", "John Healey"),
        ("en", "Prime Minister Keir Starmer spoke.", "Keir Starmer"),
        ("en", "The Secretary of State Marco Rubio spoke.", "Marco Rubio"),
        ("en", "NATO Secretary General Mark Rutte spoke.", "Mark Rutte"),
        ("en", "The Chief of the General Staff Valery Gerasimov spoke.", "Valery Gerasimov"),
        (
            "en",
            "European Commission President Ursula von der Leyen spoke.",
            "Ursula von der Leyen",
        ),
        ("en", "President Lula da Silva spoke.", "Lula da Silva"),  # a particle after a role
        ("en", "Then President Trump spoke.", "Trump"),  # a role that names by surname
        ("de", "Verteidigungsminister Boris Pistorius reiste ab.", "Boris Pistorius"),
        ("de", "Dann sprach Kanzler Merz.", "Merz"),
        ("pt", "Presidente Lula da Silva falou.", "Lula da Silva"),
        # found by an attack test
        ("en", "Chief Justice John Roberts swore in the president.", "John Roberts"),
        ("en", "National Security Adviser Jake Sullivan spoke.", "Jake Sullivan"),
        ("en", "Foreign Minister Julie Bishop met Prime Minister Hun Sen.", "Julie Bishop"),
        ("en", "Foreign Minister Julie Bishop met Prime Minister Hun Sen.", "Hun Sen"),
        ("en", "Chancellor of the Exchequer Rachel Reeves delivered the budget.", "Rachel Reeves"),
        ("de", "Generalinspekteur Carsten Breuer warnte vor Russland.", "Carsten Breuer"),
        # a role in lower case, then its portfolio: the portfolio was glued to the person
        ("fr", "Le ministre des Armées Sébastien Lecornu a parlé.", "Sébastien Lecornu"),
        ("es", "El secretario de Estado Marco Rubio habló en Panamá.", "Marco Rubio"),
        ("it", "Il ministro della Difesa Guido Crosetto ha parlato.", "Guido Crosetto"),
        # a middle initial ended the sentence: "Donald J" and "Trump"
        ("en", "President Donald J. Trump signed the order.", "Donald J Trump"),
    ],
)
def test_a_role_before_a_persons_name_is_no_part_of_the_name(
    language: str, sentence: str, name: str
) -> None:
    # Each was one topic with its role ("Defence Secretary John Healey", "President Lula").
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language=language)
    assert name in topics, topics


@pytest.mark.parametrize(
    "name",
    [
        "General Motors",  # a role's word opening a firm's or a place's name
        "Premier League",
        "Minister of Defence",  # a role and its portfolio, no person after them
        "Secretary of Homeland Security",
        "Transport and General Workers Union",  # a head closes an institution's name
        "Queen Mary University",
        "Major League Baseball",
        "Secretary General",
        "CPL World Tour",  # initials, not a corporal's "Cpl"
        # found by an attack test: a role's word opening a firm's, a programme's or a place's
        "General Dynamics Land Systems",
        "Executive Order Protecting American Sovereignty",
        "General Purpose Frigate",
        "Sheikh Zayed Grand Mosque",
        "Representative Office of Taiwan",
    ],
)
def test_a_roles_word_in_a_name_that_is_no_persons_keeps_it_whole(name: str) -> None:
    text = f"The {name} spoke today. Later the {name} said more."
    topics = extract_topics(None, [], text, limit=10, language="en")
    assert name in topics, topics


@pytest.mark.parametrize(
    ("language", "sentence", "name"),
    [
        ("fr", "Le ministre de la Défense nationale a parlé.", "Défense nationale"),
        ("it", "Il ministro della Difesa ha parlato.", "Difesa"),
    ],
)
def test_a_portfolio_after_a_role_in_lower_case_names_no_person(
    language: str, sentence: str, name: str
) -> None:
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language=language)
    assert name in topics, topics


@pytest.mark.parametrize(
    ("text", "name"),
    [  # from India's Press Information Bureau's defence releases
        ("Raksha Mantri Shri Rajnath Singh spoke. Shri Rajnath Singh said more.", "Rajnath Singh"),
        (  # a role and its portfolio, then a bracket: no person, the role stays whole
            "The Chief of Integrated Defence Staff (CISC) Air Marshal Ashutosh Dixit spoke.",
            "Chief of Integrated Defence Staff",
        ),
    ],
)
def test_an_indian_defence_releases_roles_and_honorifics(text: str, name: str) -> None:
    # "Shri" (Mr) stayed in the name, and "Chief of Integrated Defence Staff" was read as a
    # role and its portfolio before a person named "Defence Staff".
    topics = extract_topics(None, [], f"{text} {text}", limit=10, language="en")
    assert name in topics, topics


@pytest.mark.parametrize(
    ("sentence", "institution"),
    [
        ("Bank of England Governor Andrew Bailey spoke.", "Bank of England"),
        ("European Commission President Ursula von der Leyen spoke.", "European Commission"),
        (
            "Democratic Republic of the Congo President Felix Tshisekedi spoke.",
            "Democratic Republic of the Congo",
        ),
    ],
)
def test_an_institution_before_a_persons_role_is_a_name_of_its_own(
    sentence: str, institution: str
) -> None:
    # It went with the role: only the person was left.
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language="en")
    assert institution in topics, topics


@pytest.mark.parametrize(
    "sentence",
    ["Defence Secretary John Healey spoke.", "Shadow Home Secretary Chris Philp spoke."],
)
def test_a_portfolio_before_a_role_is_no_name(sentence: str) -> None:
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language="en")
    assert topics == [" ".join(sentence.split()[-3:-1]), "spoke"], topics


@pytest.mark.parametrize(
    ("language", "sentence", "name"),
    [
        # a person of three names after a portfolio's last word kept two ("Manuel Albares")
        (
            "es",
            "El ministro de Asuntos Exteriores José Manuel Albares habló.",
            "José Manuel Albares",
        ),
        ("pt", "O ministro da Defesa José Mucio Monteiro falou.", "José Mucio Monteiro"),
        # a portfolio's own word before two names stays the portfolio's
        ("es", "El ministro de Defensa Nacional Juan Pérez habló.", "Juan Pérez"),
        ("en", "Secretary of State for Defence John Healey spoke.", "John Healey"),
    ],
)
def test_a_person_after_a_portfolio_keeps_three_names_after_its_last_word(
    language: str, sentence: str, name: str
) -> None:
    topics = extract_topics(None, [], f"{sentence} {sentence}", limit=10, language=language)
    assert topics[0] == name, topics
