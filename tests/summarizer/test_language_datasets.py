"""The summarizer on the German Wikipedia, French Wikinews, NTREX and PUD sets kept here."""

from __future__ import annotations

import pytest

from summarizer.api import parse_summarizable, summarize
from summarizer.coherence import leans_back
from summarizer.languages import detect_language
from summarizer.segmentation import split_sentences
from tests.support.datasets import BENCHMARK_DATA, benchmark_dataset, read_jsonl

FIELDS = {"id", "language", "title", "text", "summary"}
# Every *_summaries.jsonl set kept here (benchmarks/language_summaries.py scores them all):
# its language and row count (benchmarks/data/README.md says why rows were left out).
# NTREX's languages split with rules of their own (their line starts are kept), and those
# ranked with sumy's (or Snowball's) stop words and Snowball's stemmer alone.
NTREX_SPLIT_LANGUAGES = ("en", "es", "hi", "fr", "de", "ru")
NTREX_LANGUAGES = (*NTREX_SPLIT_LANGUAGES, "it", "pt", "nl", "pl", "da", "fi", "hu", "no", "tr")
SUMMARY_SETS = {
    "wikinews_fr_summaries.jsonl": ("fr", 82),
    "wikipedia_de_summaries.jsonl": ("de", 268),
    **{f"ntrex_{language}_summaries.jsonl": (language, 123) for language in NTREX_LANGUAGES},
}


def test_every_summary_set_kept_here_is_checked_below() -> None:
    assert sorted(path.name for path in BENCHMARK_DATA.glob("*_summaries.jsonl")) == sorted(
        SUMMARY_SETS
    )


@pytest.mark.parametrize(("name", "language", "count"), [(n, *v) for n, v in SUMMARY_SETS.items()])
def test_a_summary_sets_rows_are_in_its_language_and_summarised_from_their_own_sentences(
    name: str, language: str, count: int
) -> None:
    rows = read_jsonl(benchmark_dataset(name))
    assert len(rows) == count
    for row in rows[:20]:
        assert set(row) == FIELDS and row["language"] == language
        assert detect_language(row["text"]) == language
        if len(row["summary"].split()) >= 20:  # not a headline: too short to tell reliably
            assert detect_language(row["summary"]) == language
        k = len(split_sentences(row["summary"], language))
        chosen = summarize(row["text"], sentences=k, language=language)
        # A short Wikinews text may have fewer sentences than its lede: all of them, then.
        candidates = parse_summarizable(row["text"], language).sentences
        assert len(chosen) == min(k, len(candidates)) and all(s in row["text"] for s in chosen)
        # The text starts where the lede was cut off, so its first sentence may lean on the lede
        # ("Cette exposition ..."); the summarizer takes a text's first sentence as its opening.
        assert chosen[0] == candidates[0] or not leans_back(chosen[0], language), row["id"]


def test_the_wikinews_ledes_are_summaries_without_their_dateline() -> None:
    rows = read_jsonl(benchmark_dataset("wikinews_fr_summaries.jsonl"))
    assert len(rows) == 82
    # "22 mai 2012. - ..." would be a sentence of its own in every reference.
    assert [row["id"] for row in rows if row["summary"][:1].isdigit()] == []
    assert all(len(row["summary"].split()) >= 20 for row in rows)


def test_the_ntrex_sets_are_one_documents_headline_and_text_in_each_language() -> None:
    sets = {
        language: read_jsonl(benchmark_dataset(f"ntrex_{language}_summaries.jsonl"))
        for language in NTREX_LANGUAGES
    }
    english = sets["en"]
    assert english[0]["summary"] == "Welsh AMs worried about 'looking like muppets'"
    assert english[0]["text"].startswith("There is consternation among some AMs")
    for rows in sets.values():
        assert [row["id"] for row in rows] == [row["id"] for row in english]
        # The headline is the reference and the title; the text starts after it (above).
        assert all(row["summary"] == row["title"] and row["summary"] for row in rows)
    assert sets["hi"][0]["text"].count("\u0964") >= 10  # Hindi's own sentences, danda-ended


def test_the_ntrex_line_starts_are_where_each_translators_line_begins() -> None:
    starts = read_jsonl(benchmark_dataset("ntrex_line_starts.jsonl"))
    texts = {
        (row["language"], row["id"]): row["text"]
        for language in NTREX_SPLIT_LANGUAGES
        for row in read_jsonl(benchmark_dataset(f"ntrex_{language}_summaries.jsonl"))
    }
    assert {(row["language"], row["id"]) for row in starts} == set(texts)
    first = starts[0]
    text = texts[(first["language"], first["id"])]
    assert text[first["starts"][0] :].startswith("It has arisen because of plans")
    for row in starts:
        text = texts[(row["language"], row["id"])]
        assert all(text[start - 1] == " " != text[start] for start in row["starts"]), row["id"]


def _pud(document_id: str) -> list[str]:
    rows = read_jsonl(benchmark_dataset("ud_pud_sentences.jsonl"))
    (sentences,) = [row["sentences"] for row in rows if row["id"] == document_id]
    return list(sentences)


def test_a_hindi_pud_document_with_devanagari_initials_splits_as_labelled() -> None:
    sentences = _pud("hi_pud/n01035")  # "बी. सी." and "बी.सी." (British Columbia)
    assert any("बी.सी." in sentence for sentence in sentences)
    assert split_sentences(" ".join(sentences), "hi") == sentences


def test_a_german_pud_document_with_mrd_before_a_currency_splits_as_labelled() -> None:
    sentences = _pud("de_pud/n01111")  # "2 Mrd. GBP bzw. 1,4 Mrd. GBP"
    text = " ".join(sentences)
    assert split_sentences(text, "de") == sentences
    assert len(split_sentences(text)) > len(sentences)  # English rules break it at "Mrd."
