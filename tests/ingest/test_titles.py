"""Headlines for briefs without a title, and summaries that do not repeat their title."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.titles import HEADLINE_CHARS, headline, repeats_title, without_title

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "india-israel-jwg-2025-11-05.txt"


def test_the_seed_sample_gets_a_headline_that_ends_on_a_phrase_not_an_ellipsis() -> None:
    text = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]  # after the "date" line
    assert headline(text) == (
        "A high-level Indian delegation led by Defence Secretary Rajesh Kumar Singh "
        "participated in the 17th Joint Working Group"
    )


def test_a_short_first_sentence_is_the_headline_whole() -> None:
    assert headline("India and France signed a pact.\nMore text follows.") == (
        "India and France signed a pact."
    )


def test_initials_do_not_end_the_first_sentence() -> None:
    text = "Shri B.P. Singh took charge as the new Director General of the agency today."
    assert headline(text) == text


def test_acronyms_in_brackets_and_the_dateline_go_first() -> None:
    text = (
        "NEW DELHI, Nov 5: The Defence Research and Development Organisation (DRDO) and the "
        "Indian Navy (IN) tested a new anti-ship missile on Monday."
    )
    assert len(text) > HEADLINE_CHARS
    assert headline(text) == (
        "The Defence Research and Development Organisation and the Indian Navy tested a new "
        "anti-ship missile on Monday"
    )


def test_a_clause_after_the_news_is_dropped() -> None:
    text = (
        "The Chief of Naval Staff commissioned the fourth survey vessel at Kolkata yesterday, "
        "which will map the sea bed of the Bay of Bengal for the next twenty years and more."
    )
    assert headline(text) == (
        "The Chief of Naval Staff commissioned the fourth survey vessel at Kolkata yesterday"
    )


def test_a_headline_never_ends_on_an_auxiliary_or_a_verb_awaiting_its_preposition() -> None:
    text = (
        "The fourth meeting of the Joint Defence Cooperation Committee between the two nations "
        "was held in Nairobi on a warm and sunny Tuesday afternoon in the last week of March."
    )
    title = headline(text)
    assert len(title) <= HEADLINE_CHARS and not title.endswith(("was", "held", "…"))
    assert title.startswith("The fourth meeting of the Joint Defence Cooperation Committee")


def test_with_no_boundary_the_cut_is_at_a_word_with_an_ellipsis() -> None:
    title = headline("Word " * 60 + "end.")
    assert title.endswith("…") and len(title) <= HEADLINE_CHARS + 1
    assert not title[:-1].endswith(" ")


def test_a_long_capitals_line_without_a_colon_is_handled_in_linear_time() -> None:
    title = headline("A" + " B" * 50_000 + ".")  # would backtrack without the dateline's bound
    assert len(title) <= HEADLINE_CHARS + 1


LEDE = "The ministry signed a contract for six patrol vessels with a domestic shipyard today."


@pytest.mark.parametrize("title", [headline(LEDE), LEDE, "The ministry signed a contract"])
def test_a_sentence_the_title_was_made_from_repeats_it(title: str) -> None:
    assert repeats_title(LEDE, title)


def test_other_sentences_do_not_repeat_the_title() -> None:
    assert not repeats_title("Officials said the yard would hire 3,000 people.", headline(LEDE))
    assert not repeats_title(LEDE, "")


def test_without_title_drops_repeats_but_keeps_one_sentence() -> None:
    other = "Officials said the yard would hire 3,000 people."
    assert without_title([LEDE, other], headline(LEDE)) == [other]
    assert without_title([LEDE], headline(LEDE)) == [LEDE]


async def test_the_pool_summary_of_an_untitled_brief_keeps_its_length_without_the_lede() -> None:
    from ingest.pipeline import pool_summarizer
    from summarizer.api import summarize as plain_summarize
    from summarizer.pool import SummaryPool

    text = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    title = headline(text)
    lede = plain_summarize(text, title=title, sentences=2)
    assert any(repeats_title(sentence, title) for sentence in lede)  # the case to handle
    with SummaryPool(workers=0) as pool:
        summary = await pool_summarizer(pool, algorithm="briefrank", sentences=2)(text, title)
    assert len(summary) == 2
    assert not any(repeats_title(sentence, title) for sentence in summary)


async def test_a_summary_without_the_title_repeat_never_opens_with_a_leaning_sentence() -> None:
    # The summary chosen with the repeat ([repeat, "Sin embargo, ..."]) opened, once the
    # repeat was cut, with a sentence leaning on one the reader never sees.
    from ingest.pipeline import pool_summarizer
    from summarizer.coherence import leans_back
    from summarizer.pool import SummaryPool

    title = "¿Qué hará el Ministerio de Defensa con la nueva misión?"
    text = (
        f"{title} El Gobierno anunció el martes una misión de paz en el Líbano. ¡Es una "
        "decisión histórica!, dijo la ministra. La Sra. García explicó que el aliado apoyará "
        "la operación con logística. Las defensas aéreas del país serán reforzadas durante el "
        "año. Sin embargo, la oposición criticó el coste de la misión. Por otra parte, los "
        "militares recibirán un aumento salarial."
    )
    assert leans_back("Sin embargo, la oposición criticó el coste de la misión.", "es")
    with SummaryPool(workers=0) as pool:
        summarize = pool_summarizer(pool, algorithm="briefrank", sentences=1, language="es")
        [only] = await summarize(text, title)
    assert only == "El Gobierno anunció el martes una misión de paz en el Líbano."


def test_a_short_title_case_sentence_of_function_words_is_no_dateline() -> None:
    # NTREX's "It Is Very Bad." was taken for a place ("Berlin.") and skipped.
    assert headline("It Is Very Bad. The rest of the story follows here.", language="en") == (
        "It Is Very Bad."
    )
    # A Title Case kicker is no dateline but in German, which dates its news so ("Berlin.").
    assert headline("Trump Wins. He beat his rival on Tuesday night.", language="en") == (
        "Trump Wins."
    )
    assert headline("BERLIN. The minister spoke today.", language="en") == (
        "The minister spoke today."
    )


@pytest.mark.parametrize(
    "kicker",
    [  # found by a review: a German kicker of a name and a participle is no dateline
        "Scholz Gescheitert.",
        "SCHOLZ GESCHEITERT.",
        "Ampel Geplatzt.",
        "Merkel Zurückgetreten.",
        "Minister Verhaftet.",
        "Scholz Kritisiert.",
        "Haushalt Abgesegnet.",
        "Koalition Zerbrochen.",  # found by an attack test: strong participles
        "Lindner Entlassen.",
        "AMPEL ZERBROCHEN.",
    ],
)
def test_a_german_kicker_with_a_participle_is_the_headline(kicker: str) -> None:
    text = f"{kicker} Die Koalition hat sich am Dienstag nicht auf einen Haushalt geeinigt."
    assert headline(text, language="de") == kicker


@pytest.mark.parametrize(
    "dateline",
    [
        "Berlin.",
        "BERLIN.",
        "Frankfurt am Main.",
        "Bad Homburg.",
        "Gelsenkirchen.",  # "ge…en" as a first word is a place
        "Erfurt.",
        "Bad Bevensen.",
        "Mülheim an der Ruhr.",
        "Frankfurt (dpa).",
        "Sankt Georgen.",  # found by an attack test: a place of a participle's shape
        "Bad Segeberg.",
        "Lutherstadt Wittenberg.",
    ],
)
def test_a_german_dateline_is_still_skipped(dateline: str) -> None:
    text = f"{dateline} Die Koalition hat sich am Dienstag nicht auf einen Haushalt geeinigt."
    assert headline(text, language="de") == (
        "Die Koalition hat sich am Dienstag nicht auf einen Haushalt geeinigt."
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [  # found by a review: a lede opening like another language's byline is the headline
        ("Von Miller Retires. The linebacker said on Tuesday he would not play again.", "en"),
        ("Di Maria Joins Benfica. The winger signed a one-year deal on Tuesday.", "en"),
        ("Door County Wins. The county won the state title on Tuesday night.", "en"),
        ("Von Miller Dice Adiós. El jugador anunció el martes su retirada.", "es"),
    ],
)
def test_a_lede_like_a_foreign_byline_is_the_headline(text: str, language: str) -> None:
    assert headline(text, language=language) == text.split(". ")[0] + "."
