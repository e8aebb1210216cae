"""The tagged stems a brief stores and a query word looks for (storage.search_stems)."""

from __future__ import annotations

import snowballstemmer

from storage.search_stems import (
    MAX_STEMMED_CHARS,
    _stem,
    brief_stems,
    query_stems,
    stem,
)
from tests.support.threads import made_up_words, results_in_threads


def test_only_a_brief_in_a_stemmed_language_has_stems() -> None:
    assert brief_stems("Die Staaten trafen Entscheidungen.", "de") == (
        "de0die de0entscheid de0staat de0traf"
    )
    assert brief_stems("The states made decisions.", "en") is None
    assert brief_stems("Die Staaten trafen Entscheidungen.", None) is None
    assert brief_stems("2026 — 14:30", "de") is None  # no word of three letters
    # A Hindi brief's numbers are tagged whole, never the digits of a word such as G20.
    assert brief_stems("G20 बैठक 2024, २०२४ और 20th", "hi") == "hi02024 hi0बैठक"


def test_a_query_word_is_stemmed_in_the_languages_of_its_script() -> None:
    # ... and as Hindi in Latin letters, whose "-en" is a plural ending too.
    assert query_stems("staaten") == ("de0staat", "es0staat", "fr0staaten", "hi0staat")
    assert query_stems("оборону") == ("ru0" + "оборон",)  # the tag apart: one script a string
    assert query_stems("फ़ौज") == ("hi0फौज",)
    assert query_stems("२०२४") == query_stems("2024") == ("hi02024",)
    assert query_stems("g20") == query_stems("λόγος") == ()


def test_a_hindi_briefs_latin_words_are_stored_without_their_plural_and_oblique_endings() -> None:
    hinglish = "Sena ke jawanon ne ladkiyon aur logon se baatein ki"
    assert brief_stems(hinglish, "hi") == (
        "hi0aur hi0baat hi0jawan hi0ladki hi0logon hi0sena"  # "logon": "log" is English too
    )
    assert brief_stems(hinglish, None) is None  # taken for no language: no stems
    assert "hi0jawan" in query_stems("jawanon") and "hi0jawan" in query_stems("jawan")
    assert "hi0ladki" in query_stems("ladkiyan")


def test_stemming_from_several_threads_at_once_gives_each_words_own_stem() -> None:
    # One shared Snowball stemmer gave threads each other's stems and IndexErrors.
    words = made_up_words(12_000)
    expected = {word: snowballstemmer.stemmer("german").stemWord(word) for word in words}
    _stem.cache_clear()
    assert results_in_threads(lambda word: stem("german", word), words) == expected


def test_a_token_longer_than_any_word_is_its_own_stem_and_never_memoised() -> None:
    # A hostile brief's 100,000-letter "words" would fill the memo and cost a second each.
    huge = "x" * MAX_STEMMED_CHARS + "ungen"
    _stem.cache_clear()
    assert stem("german", huge) == huge
    assert stem("german", "entscheidungen") == "entscheid"
    assert _stem.cache_info().currsize == 1  # the real word alone
    assert brief_stems(f"Die {huge} Entscheidungen", "de") == f"de0die de0entscheid de0{huge}"
