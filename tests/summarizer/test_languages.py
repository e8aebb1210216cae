"""Detecting a brief's language and the stop words and stemmer each language ranks with."""

from __future__ import annotations

import pytest
import snowballstemmer

from summarizer.algorithms.briefrank import content_words
from summarizer.languages import MAX_STEMMED_CHARS, SUMMARY_LANGUAGES, detect_language, lexicon
from tests.support.languages import FRENCH_BRIEF, GERMAN_BRIEF, HINDI_BRIEF, SPANISH_BRIEF
from tests.support.threads import made_up_words, results_in_threads

ENGLISH_BRIEF = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (HINDI_BRIEF, "hi"),
        (FRENCH_BRIEF, "fr"),
        (GERMAN_BRIEF, "de"),
        (SPANISH_BRIEF, "es"),
        (ENGLISH_BRIEF, "en"),
    ],
)
def test_each_briefs_language_is_detected(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_text_without_letters_has_no_language() -> None:
    assert detect_language("12 345 — 6.7 %") is None
    assert detect_language("") is None


def test_french_function_words_are_stop_words_in_french_only() -> None:
    sentence = "Le budget de la ville finance une ligne de tramway."
    assert content_words(sentence, "fr") == ["budget", "ville", "finance", "ligne", "tramway"]
    assert {"le", "de", "la", "une"} <= set(content_words(sentence, "en"))


def test_french_elided_articles_are_cut_off_their_word() -> None:
    assert content_words("L'école d'ingénieurs ouvre.", "fr") == ["école", "ingénieurs", "ouvre"]


def test_hindi_postpositions_are_stop_words_and_hindi_words_are_stemmed() -> None:
    words = content_words("भारत की सरकार ने रक्षा मंत्रालय को बजट दिया।", "hi")
    assert words == ["भारत", "सरकार", "रक्षा", "मंत्रालय", "बजट", "दिया"]
    stem = lexicon("hi").stem
    assert stem("लड़कियों") == stem("लड़कियां") != "लड़कियों"


@pytest.mark.parametrize("code", sorted(set(SUMMARY_LANGUAGES) - {"en"}))
def test_every_summary_language_has_stop_words_and_a_stemmer(code: str) -> None:
    words = lexicon(code)
    assert len(words.stop_words) >= 50
    plural = {"fr": "villes", "de": "Städten", "es": "ciudades", "hi": "शहरों", "ru": "городах"}
    assert words.stem(plural[code]) != plural[code].lower()


def test_russian_function_words_are_stop_words_and_russian_words_are_stemmed() -> None:
    # sumy ships no Russian list: before, Russian was ranked on word statistics alone.
    sentence = "Министерство обороны заявило, что учения в Мурманске уже начались."
    words = content_words(sentence, "ru")
    assert words == ["министерство", "обороны", "заявило", "учения", "мурманске", "начались"]
    stem = lexicon("ru").stem
    assert stem("учениях") == stem("учения") != "учениях"


def test_a_language_without_a_lexicon_ranks_with_word_statistics_alone() -> None:
    words = lexicon("sw")  # Swahili: neither sumy nor Snowball knows it
    assert words.stop_words == frozenset()
    assert words.stem("Wizara") == "wizara"


@pytest.mark.parametrize(
    ("code", "stop_word", "forms"),
    [
        ("it", "della", ("ministero", "ministeri")),  # sumy's list, Snowball's stemmer
        ("pl", "jest", ("ministerstwo", "ministerstwa")),
        ("pt", "para", ("ministério", "ministérios")),
        ("nl", "het", ("ministeries", "ministerie")),  # Snowball's list and stemmer
        ("da", "og", ("ministerier", "ministeriet")),
        ("tr", "için", ("bakanlığı", "bakanlığın")),
    ],
)
def test_a_language_sumy_or_snowball_knows_is_ranked_with_what_they_have(
    code: str, stop_word: str, forms: tuple[str, str]
) -> None:
    # The rule: a language's stop words and stemmer where sumy or Snowball has them;
    # before 2026-12-04, later, Italian, Polish, Portuguese and Dutch had neither, and until
    # a later session that day Dutch, Danish and Turkish only the stemmer (Snowball's lists ship).
    words = lexicon(code)
    assert stop_word in words.stop_words
    first, second = forms
    assert words.stem(first) == words.stem(second) != first


def test_a_language_without_an_iso_639_1_code_gives_way_to_the_likeliest_with_one() -> None:
    # py3langid's first guess for this Spanish line is "ext" (Extremaduran, ISO 639-3 only).
    assert detect_language("Bogotá, D.C. 6 de noviembre de 2014.") == "es"


def test_a_languages_stemmer_gives_each_word_its_own_stem_from_several_threads_at_once() -> None:
    # In-process summaries run in worker threads; one shared Snowball stemmer gave threads
    # each other's stems and IndexErrors. Words of five syllables: in no other test's cache.
    words = made_up_words(12_000, length=5)
    expected = {word: snowballstemmer.stemmer("german").stemWord(word) for word in words}
    assert results_in_threads(lexicon("de").stem, words) == expected



@pytest.mark.parametrize(("code", "ending"), [("en", "ings"), ("de", "ungen"), ("fr", "ements")])
def test_a_token_longer_than_any_word_is_ranked_as_itself(code: str, ending: str) -> None:
    # Snowball would cut the ending of a 100,000-letter "word" after a second's work.
    longest = "X" * (MAX_STEMMED_CHARS - len(ending)) + ending
    assert lexicon(code).stem(longest) != longest.lower()  # a word: stemmed
    assert lexicon(code).stem("X" + longest) == "x" + longest.lower()  # longer: itself
