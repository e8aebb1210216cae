from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from summarizer.document import ParsedBrief, parse_brief

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "india-israel-jwg-2025-11-05.txt"


def test_sample_brief_date_and_candidates() -> None:
    brief = parse_brief(SAMPLE.read_text(encoding="utf-8"))
    assert brief.date == datetime.date(2025, 11, 5)
    assert brief.headings == ()
    assert len(brief.sentences) == 13
    assert brief.sentences[0].startswith("A high-level Indian delegation led by Defence Secretary")
    assert brief.sentences[-1].startswith("With a shared vision of technological self-reliance")
    assert not any("2025-11-05" in s for s in brief.sentences)


def test_sample_brief_candidates_are_verbatim() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    squashed = "".join(text.split())
    sentences = parse_brief(text).sentences
    assert sentences and all(sentence.strip() for sentence in sentences)
    for sentence in sentences:
        assert "".join(sentence.split()) in squashed


def test_date_line_with_stray_spaces_and_blank_lines_is_parsed() -> None:
    brief = parse_brief("\n\n   date   2025-03-01   \n\n\nThe ship was commissioned today.")
    assert brief.date == datetime.date(2025, 3, 1)
    assert brief.sentences == ("The ship was commissioned today.",)


def test_date_line_with_colon_is_parsed() -> None:
    assert parse_brief("Date: 2024-02-29\nThe ship sailed at noon.").date == datetime.date(
        2024, 2, 29
    )


@pytest.mark.parametrize("line", ["date 2025-13-45", "date 2025-02-30", "date 2025-1-5"])
def test_malformed_date_line_raises_value_error(line: str) -> None:
    with pytest.raises(ValueError, match="malformed date line"):
        parse_brief(f"{line}\nThe ship sailed at noon.")


def test_brief_without_date_line_has_no_date() -> None:
    brief = parse_brief("The ship sailed at noon. It reached port by dusk.")
    assert brief.date is None
    assert brief.sentences == ("The ship sailed at noon.", "It reached port by dusk.")


def test_word_date_at_start_of_prose_is_not_a_date_line() -> None:
    brief = parse_brief("Date night\nThe ship sailed at noon.")
    assert brief.date is None
    assert brief.headings == ("Date night",)


def test_markdown_and_short_standalone_headings_are_collected_not_candidates() -> None:
    text = "# India-Israel JWG #\n\nKey Outcomes\nThe talks went well.\n\n**Way Forward**\n"
    brief = parse_brief(text)
    assert brief.headings == ("India-Israel JWG", "Key Outcomes", "Way Forward")
    assert brief.sentences == ("The talks went well.",)


def test_list_markers_are_stripped_from_candidates() -> None:
    text = (
        "The outcomes were:\n"
        "- Signed an MoU on defence cooperation.\n"
        "* Agreed on joint production\n"
        "\u2022 Launched a start-up fund.\n"
        "1. Reviewed the supply chain.\n"
        "2) Set up a working group.\n"
        "(a) Planned a naval exercise."
    )
    assert parse_brief(text).sentences == (
        "The outcomes were:",
        "Signed an MoU on defence cooperation.",
        "Agreed on joint production",
        "Launched a start-up fund.",
        "Reviewed the supply chain.",
        "Set up a working group.",
        "Planned a naval exercise.",
    )


def test_list_item_with_two_sentences_yields_both() -> None:
    brief = parse_brief("- Signed an MoU. It covers joint production.")
    assert brief.sentences == ("Signed an MoU.", "It covers joint production.")


def test_bare_markers_rules_and_short_fragments_are_dropped() -> None:
    text = (
        "-\n\n1.\n\n***\n\n[12]\n\nhttps://www.pib.gov.in/PressReleasePage.aspx?PRID=2210154"
        "\n\nYes indeed.\n\nThe ship sailed at noon."
    )
    brief = parse_brief(text)
    assert brief.sentences == ("The ship sailed at noon.",)
    assert brief.headings == ()


def test_markdown_emphasis_stays_in_candidates() -> None:
    brief = parse_brief("The **new** frigate sailed at noon.")
    assert brief.sentences == ("The **new** frigate sailed at noon.",)


def test_ranks_and_abbreviations_in_defence_prose_stay_in_one_candidate() -> None:
    text = (
        "Lt Gen A.K. Singh and Lt. Col. R. Rao met Shri Rajnath Singh. "
        "Dr. Samir V. Kamat signed contracts worth Rs. 2,000.5 crore under No. 7 scheme."
    )
    assert parse_brief(text).sentences == (
        "Lt Gen A.K. Singh and Lt. Col. R. Rao met Shri Rajnath Singh.",
        "Dr. Samir V. Kamat signed contracts worth Rs. 2,000.5 crore under No. 7 scheme.",
    )


def test_parsed_brief_is_frozen() -> None:
    brief = parse_brief("The ship sailed at noon.")
    assert isinstance(brief, ParsedBrief)
    with pytest.raises(dataclasses.FrozenInstanceError):
        brief.date = None  # type: ignore[misc]


def test_empty_text_parses_to_empty_brief() -> None:
    assert parse_brief("") == ParsedBrief(date=None, headings=(), sentences=())


def test_plus_list_markers_are_stripped_from_candidates() -> None:
    text = "+ Signed an MoU on defence cooperation.\n+ Launched a start-up fund today.\n+"
    assert parse_brief(text).sentences == (
        "Signed an MoU on defence cooperation.",
        "Launched a start-up fund today.",
    )


def test_blockquote_marks_are_not_part_of_candidates() -> None:
    text = (
        "> The minister said the talks\n"
        "> had gone well for both sides.\n"
        ">> Officials agreed to meet again.\n"
    )
    assert parse_brief(text).sentences == (
        "The minister said the talks had gone well for both sides.",
        "Officials agreed to meet again.",
    )


def test_a_bare_bracketed_marker_is_not_a_heading() -> None:
    brief = parse_brief("(a)\n\nThe minister said the talks had gone well for both sides.")
    assert brief.headings == ()
