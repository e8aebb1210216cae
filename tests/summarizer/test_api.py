"""The summarizer's public API: bounds, order, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.api import MAX_SENTENCES, SummaryInputError, summarize
from summarizer.registry import algorithm_names

SAMPLE = Path(__file__).parents[2] / "examples" / "india-israel-jwg-2025-11-05.txt"

ARTICLE = (
    "The central bank raised its main interest rate to 5% on Thursday. "
    "Officials said inflation had stayed above target for a year. "
    "Markets had expected a smaller rise of a quarter point. "
    "The bank's governor warned that further rises could follow in the spring. "
    "Shares in banks rose while housebuilders fell sharply after the announcement. "
    "Economists were divided about the effect on the housing market."
)


def test_summary_sentences_are_verbatim_and_in_document_order() -> None:
    text = SAMPLE.read_text()
    summary = summarize(text, sentences=3)
    assert len(summary) == 3
    positions = [text.index(sentence) for sentence in summary]
    assert positions == sorted(positions)


def test_summary_never_holds_the_date_line_or_a_heading() -> None:
    text = "date 2025-11-05\n\n# Rates rise again\n\n" + ARTICLE
    summary = summarize(text, sentences=6)
    assert all("date 2025" not in sentence for sentence in summary)
    assert "Rates rise again" not in summary


def test_sentence_count_bounds_the_summary() -> None:
    assert len(summarize(ARTICLE, sentences=2)) == 2


def test_a_skipped_sentence_is_never_chosen_unless_nothing_else_is_left() -> None:
    first = "The central bank raised its main interest rate to 5% on Thursday."
    assert first in summarize(ARTICLE, sentences=2)
    without = summarize(ARTICLE, sentences=2, skip={first})
    assert len(without) == 2 and first not in without
    lone = "The central bank raised its main interest rate to 5% on Thursday after a long year."
    assert summarize(lone, sentences=1, skip={lone}) == [lone]


def test_ratio_bounds_the_summary_rounding_up() -> None:
    assert len(summarize(ARTICLE, ratio=0.3)) == 2  # ceil(0.3 * 6)


def test_character_budget_bounds_the_joined_summary() -> None:
    summary = summarize(ARTICLE, sentences=6, max_chars=150)
    assert summary
    assert len(" ".join(summary)) <= 150


def test_a_budget_no_sentence_fits_is_a_clear_error() -> None:
    with pytest.raises(SummaryInputError, match="fits in 10 characters"):
        summarize(ARTICLE, max_chars=10)


def test_without_a_bound_the_default_of_three_sentences_applies() -> None:
    assert len(summarize(ARTICLE)) == 3


def test_near_duplicate_sentences_are_not_both_chosen() -> None:
    repeated = "The bank's governor warned that further rises could follow in the spring."
    text = ARTICLE + " " + repeated.replace("warned", "said")
    summary = summarize(text, sentences=6)
    governor = [sentence for sentence in summary if "governor" in sentence]
    assert len(governor) == 1


@pytest.mark.parametrize("algorithm", algorithm_names())
def test_every_registered_algorithm_summarizes_the_sample(algorithm: str) -> None:
    text = SAMPLE.read_text()
    summary = summarize(text, sentences=2, algorithm=algorithm, title="India and Israel sign MoU")
    assert len(summary) == 2
    assert all(sentence in " ".join(text.split()) for sentence in summary)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("Too short.", "too short"),
        ("date 2025-11-05\n\n", "too short"),
        ("abc\x00def " * 20, "not text"),
    ],
)
def test_unsummarizable_input_gets_a_one_line_reason(text: str, reason: str) -> None:
    with pytest.raises(SummaryInputError, match=reason) as caught:
        summarize(text)
    assert "\n" not in str(caught.value)


def test_non_text_input_is_refused_plainly() -> None:
    with pytest.raises(SummaryInputError, match="expected text"):
        summarize(b"bytes are not text")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bounds", "reason"),
    [({"sentences": 0}, "sentences"), ({"ratio": 1.5}, "ratio"), ({"max_chars": 0}, "max_chars")],
)
def test_impossible_bounds_are_refused(bounds: dict[str, float], reason: str) -> None:
    with pytest.raises(SummaryInputError, match=reason):
        summarize(ARTICLE, **bounds)  # type: ignore[arg-type]


def test_a_lone_surrogate_is_refused_as_not_unicode() -> None:
    with pytest.raises(SummaryInputError, match="lone surrogate"):
        summarize("The minister \ud800 said the talks had gone well. " + ARTICLE)


def test_too_many_sentences_are_refused_before_ranking() -> None:
    sentence = "The minister said the talks number {} had gone well. "
    text = "".join(sentence.format(i) for i in range(MAX_SENTENCES + 1))
    with pytest.raises(SummaryInputError, match="too long: 3,001 sentences"):
        summarize(text)


def test_markdown_list_and_quote_marks_never_reach_the_summary() -> None:
    text = "\n".join(f"+ {line}" for line in ARTICLE.split(". ")[:3]) + "\n\n> " + ARTICLE
    summary = summarize(text, sentences=6)
    assert summary
    assert not any(sentence.startswith(("+", ">")) for sentence in summary)
