"""Summaries of briefs in Hindi and French: split, ranked and pinned per language."""

from __future__ import annotations

from summarizer.api import SummaryRequest, summarize, summarize_request
from tests.support.languages import FRENCH_BRIEF, FRENCH_FILLER, HINDI_BRIEF


def test_a_one_paragraph_hindi_brief_is_summarised_into_danda_ended_sentences() -> None:
    summary = summarize(HINDI_BRIEF, sentences=2)
    assert len(summary) == 2
    assert all(sentence.endswith("।") and sentence in HINDI_BRIEF for sentence in summary)
    assert all(sentence.count("।") == 1 for sentence in summary)


def test_a_french_brief_is_ranked_with_french_stop_words() -> None:
    detected = summarize(FRENCH_BRIEF, sentences=2)
    assert len(detected) == 2 and not FRENCH_FILLER & set(detected)
    assert detected == summarize(FRENCH_BRIEF, sentences=2, language="fr")


def test_with_english_stop_words_the_french_filler_would_be_chosen() -> None:
    # The same brief ranked as English: its function words look like shared content words.
    assert FRENCH_FILLER & set(summarize(FRENCH_BRIEF, sentences=2, language="en"))


def test_a_pinned_language_is_honoured_over_the_detected_one() -> None:
    pinned = summarize_request(SummaryRequest(FRENCH_BRIEF, sentences=2, language="en"))
    assert pinned == summarize(FRENCH_BRIEF, sentences=2, language="en")
    assert pinned != summarize(FRENCH_BRIEF, sentences=2)
