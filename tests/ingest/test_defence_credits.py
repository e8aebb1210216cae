"""The credits defence and policy releases carry are no news (ingest.credits, caption_credits).

DVIDS, defense.gov and the UK's MOD credit every picture with a rank, a service or a record
number, bylines name where the reporter was, and agencies' pictures name the institution alone.
"""

from __future__ import annotations

import pytest

from ingest import caption_credits
from ingest.credit_lines import is_credit
from ingest.credits import news_text
from ingest.items import BriefCandidate
from ingest.validation import validate_candidate
from tests.support.credit_news import ENGLISH, GERMAN, RUSSIAN

ITALIAN = (
    "Il governo ha approvato martedì un nuovo decreto sulla sicurezza informatica. Il testo "
    "obbliga gli operatori a segnalare gli attacchi entro ventiquattro ore."
)
FRENCH = (
    "Le gouvernement a présenté mardi un nouveau projet de loi sur la cybersécurité. Le texte "
    "oblige les opérateurs à signaler les attaques en vingt-quatre heures."
)

NEWS = {"en": ENGLISH, "de": GERMAN, "ru": RUSSIAN, "it": ITALIAN, "fr": FRENCH}


@pytest.mark.parametrize(
    ("credit", "language"),
    [
        # the US forces' picture credits (DVIDS, defense.gov)
        ("U.S. Navy photo by Mass Communication Specialist 2nd Class John Doe", "en"),
        ("(U.S. Army photo by Sgt. Jane Roe)", "en"),
        ("U.S. Air Force photo by Airman 1st Class Jane Roe", "en"),
        ("U.S. Marine Corps photo by Lance Cpl. Jane Roe", "en"),
        ("(U.S. Navy photo by Mass Communication Specialist 3rd Class Jo Doe/Released)", "en"),
        ("(U.S. Army photo by Sgt. Jane Roe, 1st Armored Division)", "en"),
        ("(U.S. Air Force photo illustration by Senior Airman Jane Roe)", "en"),
        ("(Photo by Staff Sgt. Jane Roe)", "en"),
        ("Photo By: Sgt. Jane Roe | VIRIN: 230101-A-AB123-001", "en"),
        ("Photo By: Army Staff Sgt. Jane Roe", "en"),
        ("Story by Petty Officer 2nd Class Jane Roe", "en"),
        ("VIRIN: 230101-F-AB123-1001.JPG", "en"),
        ("(Courtesy photo)", "en"),
        ("(U.S. Navy photo)", "en"),
        ("(DoD photo by EJ Hersom)", "en"),
        ("(Photo courtesy of the Estonian Defence Forces)", "en"),
        # the UK's MOD
        ("Crown copyright", "en"),
        ("© Crown copyright 2026", "en"),
        ("Photo: Cpl Jane Roe, RAF", "en"),
        ("Image: Crown copyright", "en"),
        # bylines with a place, correspondents
        ("By Jane Doe in Kyiv", "en"),
        ("By Jane Doe and John Roe in Brussels", "en"),
        ("By Jane Doe in Kyiv and John Roe in Brussels", "en"),
        ("From our correspondent in Kyiv", "en"),
        ("From our correspondent Jane Doe in Kyiv", "en"),
        ("dal nostro inviato Mario Rossi", "it"),
        ("Dalla nostra inviata a Kiev, Maria Rossi", "it"),
        ("De notre envoyée spéciale à Kiev, Anne Dupont", "fr"),
        # an institution alone after a label
        ("Foto: Bundeswehr", "de"),
        ("Фото: Минобороны", "ru"),
        ("Фото: mil.ru", "ru"),
        ("Photo: Pentagon", "en"),
    ],
)
def test_these_credits_at_the_top_go(credit: str, language: str) -> None:
    news = NEWS[language]
    assert news_text(f"{credit}\n\n{news}", language) == news
    assert news_text(f"Navy gets six ships\n{credit}\n\n{news}", language) == (
        f"Navy gets six ships\n\n{news}"
    )


DVIDS = """Destroyer returns from Pacific patrol
Story by Petty Officer 2nd Class Jane Roe

SAN DIEGO - The destroyer USS Example returned to San Diego on Jan. 5 after seven months.

PACIFIC OCEAN (Jan. 1, 2026) Sailors man the rails as the ship departs. (U.S. Navy photo by \
Mass Communication Specialist 2nd Class John Doe/Released)

The crew trained with allied navies. The ship enters maintenance next year.
Photo By: Petty Officer 2nd Class Jane Roe | VIRIN: 260101-N-AB123-001

Sailors train on deck. U.S. Navy photo by Mass Communication Specialist 2nd Class John Doe
A Typhoon taxis at RAF Lossiemouth. Crown copyright
Picture: MOD
The Navy said the deployment had been a success."""


def test_the_forces_credits_go_from_between_the_paragraphs_and_their_captions_stay() -> None:
    assert news_text(DVIDS, "en") == (
        "Destroyer returns from Pacific patrol\n\n"
        "SAN DIEGO - The destroyer USS Example returned to San Diego on Jan. 5 after seven "
        "months.\n\n"
        "PACIFIC OCEAN (Jan. 1, 2026) Sailors man the rails as the ship departs.\n\n"
        "The crew trained with allied navies. The ship enters maintenance next year.\n\n"
        "Sailors train on deck.\n"
        "A Typhoon taxis at RAF Lossiemouth.\n"
        "The Navy said the deployment had been a success."
    )


def test_a_caption_credit_and_a_desk_line_at_the_bottom_both_go() -> None:
    text = (
        f"{ENGLISH}\n(U.S. Navy photo by Seaman Jane Roe)\n"
        "Reporting by Jane Doe; Editing by John Roe\n"
    )
    assert news_text(text, "en") == ENGLISH


def test_a_text_of_credits_only_is_kept() -> None:
    # a guard (as the near-misses below): the old code kept it too
    text = "(U.S. Navy photo by Seaman Jane Roe)\nVIRIN: 260101-N-AB123-001"
    assert news_text(text, "en") == text


def test_the_title_of_an_untitled_release_is_its_news_not_its_photo_credit() -> None:
    text = f"(U.S. Army photo by Sgt. Jane Roe)\n\n{ENGLISH}"
    valid = validate_candidate(BriefCandidate("a.txt", text))
    assert isinstance(valid, BriefCandidate)
    assert valid.title == ENGLISH.split(". ")[0] + "."
    assert valid.text == text


@pytest.mark.parametrize(
    "line",
    [
        "U.S. Navy photo by Mass Communication Specialist 2nd Class John Doe",
        "Photo By: Sgt. Jane Roe | VIRIN: 230101-A-AB123-001",
        "(Photo by Staff Sgt. Lance Roe)",  # a name that is a rank's word too
        "Picture: LPhot Jane Roe, Royal Navy",
        "By Jane Doe in New York",
    ],
)
def test_these_lines_are_credits(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [  # news and headlines that open like these credits: kept at the top, between
        # paragraphs and closing one
        "The photo by Jane Doe won a prize.",
        "Reporting by the BBC revealed abuses.",
        "By Monday, talks resume.",
        "Iconic Photo by Nick Ut",
        "Army Photo Contest Winners Announced",
        "U.S. Army photo shows soldiers",
        "Courtesy photos show the damage",
        "Photo: Navy Sinks Drone",  # a service is no rank
        "Photo: Air Force One",
        "Photo: Major Storm Hits",  # nor is "Major" alone
        "Image: Pentagon Reviews Budget",
        "Picture: Royal Navy Ship Sinks",
        "Foto: Bundeswehr rüstet auf",
        "Фото: Минобороны опровергло слухи",
        "Crown copyright reform bill passes",
        "VIRIN numbers explained",
        "Lance Cpl. Jane Roe, 1st Marine Division, was killed on Tuesday.",
        "Staff Sgt. Jane Roe",
        "By Train in Europe",
        "By Air and Sea in the Baltic",
        "By Jane Doe in the field",
        "From our correspondents' notebooks",
        "Dal nostro inviato, la guerra vista da vicino",
        # headlines in Title Case that end on a picture's kind, a service's word before it
        "Pentagon Releases UFO Video",
        "Pentagon Releases Video by Navy SEALs",
        "Air Force Shares Photos",
        "New Army Video",
        "Watch: U.S. Navy Video",
        "Air Force One photo",
        "Photo: Gen Z Protesters",  # "Gen" and a letter: a generation, no general
    ],
)
def test_news_that_reads_like_these_credits_stays(line: str) -> None:
    for text in (
        f"{line}\n\n{ENGLISH}",
        f"{ENGLISH}\n{line}\n{ENGLISH}",
        f"{ENGLISH} {line}",
        f"{ENGLISH} ({line})",
    ):
        assert news_text(text, "en") == text


@pytest.mark.parametrize(
    ("credit", "language"),
    [
        ("(Photo illustration by Staff Sgt. Jane Roe)", "en"),
        ("(U.S. Army Corps of Engineers photo by Jane Roe)", "en"),
        ("(Ministry of Defence photo)", "en"),
        ("(U.S. Navy photo by Chief Mass Communication Specialist Jane Roe)", "en"),
        ("(U.S. Air Force photo/Senior Airman Jane Roe)", "en"),
        ("Image: MOD Crown Copyright", "en"),
        ("(Photo: Indian Navy)", "en"),
        ("Фото: Минобороны России", "ru"),
        ("Photo : ministère des Armées", "fr"),
    ],
)
def test_these_credits_go_wherever_they_stand(credit: str, language: str) -> None:
    news = NEWS[language]
    assert news_text(f"{credit}\n\n{news}", language) == news
    # (under a first line as short as a headline, a credit is the headline's: a new paragraph)
    between = f"{news}\n{news}\n{credit}\n{news}"
    assert news_text(between, language) == f"{news}\n{news}\n{news}"
    assert news_text(f"{news} {credit}\n\n{news}", language) == f"{news}\n\n{news}"


def test_a_bracket_on_a_line_of_its_own_goes_with_its_line_break() -> None:
    # no blank line (a new paragraph) where the credit stood, nor a CR LF's half
    text = f"{ENGLISH}\n(U.S. Navy photo by Seaman Jane Roe)\n{ENGLISH}"
    assert news_text(text, "en") == f"{ENGLISH}\n{ENGLISH}"
    text = f"{ENGLISH}\r\nVIRIN: 260101-N-AB123-001\r\n{ENGLISH}"
    assert news_text(text, "en") == f"{ENGLISH}\r\n{ENGLISH}"


@pytest.mark.parametrize(
    "line",
    [
        # a stop of "U.S." starts no credit: that cut kept "The caption read \u201cU.S."
        "The caption read \u201cU.S. Navy photo by Sgt. Jane Roe\u201d",
        "PACIFIC OCEAN (Jan. 1, 2026) U.S. Navy photo by Sgt. Jane Roe",
        # a quoted credit is news about it
        'The caption read "(U.S. Army photo by Sgt. Jane Roe)" before it was withdrawn.',
    ],
)
def test_a_credit_is_not_cut_out_of_a_quote_or_an_abbreviation(line: str) -> None:
    text = f"{ENGLISH}\n{line}\n{ENGLISH}"
    assert news_text(text, "en") == text


def test_a_line_of_stops_is_read_a_few_times_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # each stop before a mark was a try reading to the line's end: a hostile text of stops
    # (200,000 characters of "a. a. … photo") took a second
    calls: list[str] = []

    def counted(line: str) -> bool:
        calls.append(line)
        return False

    monkeypatch.setattr(caption_credits, "is_caption_credit", counted)
    text = "a. " * 60 + "Navy photo\n" + ENGLISH
    assert news_text(text, "en") == text
    assert len(calls) <= 8
