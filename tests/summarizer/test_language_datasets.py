"""The summarizer on the German Wikipedia and UD PUD sets kept in benchmarks/data."""

from __future__ import annotations

from summarizer.api import summarize
from summarizer.coherence import leans_back
from summarizer.languages import detect_language
from summarizer.segmentation import split_sentences
from tests.support.datasets import benchmark_dataset, read_jsonl

FIELDS = {"id", "language", "title", "text", "summary"}


def test_the_german_wikipedia_rows_are_german_and_summarised_from_their_own_sentences() -> None:
    rows = read_jsonl(benchmark_dataset("wikipedia_de_summaries.jsonl"))
    assert len(rows) == 268
    for row in rows[:20]:
        assert set(row) == FIELDS and row["language"] == "de"
        assert detect_language(row["text"]) == "de" == detect_language(row["summary"])
        k = len(split_sentences(row["summary"], "de"))
        chosen = summarize(row["text"], sentences=k, language="de")
        assert len(chosen) == k and all(sentence in row["text"] for sentence in chosen)
        assert not leans_back(chosen[0], "de"), row["id"]


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
