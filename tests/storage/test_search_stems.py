"""The tagged stems a brief stores and a query word looks for (storage.search_stems)."""

from __future__ import annotations

import random

import snowballstemmer

from storage.search_stems import (
    MAX_CJK_CHARS,
    MAX_STEMMED_CHARS,
    _stem,
    brief_stems,
    query_cjk_tags,
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


def test_chinese_and_japanese_runs_are_stored_as_characters_and_pairs_in_any_brief() -> None:
    # A full-width colon between two runs: no pair across it.
    assert brief_stems("国防部\uff1a演习", None) == (
        "cj0习 cj0国 cj0国防 cj0演 cj0演习 cj0部 cj0防 cj0防部"  # sorted by code point
    )
    german = brief_stems("Die Staaten und 国防 heute.", "de")
    assert german is not None and {"cj0国防", "de0staat"} <= set(german.split())
    assert query_cjk_tags("解放军") == ("cj0解放", "cj0放军")
    assert query_cjk_tags("演") == ("cj0演",)
    assert query_cjk_tags("army") == ()
    assert query_cjk_tags("2024年") == ()  # mixed: matched as written (年 alone is everywhere)
    assert query_cjk_tags("佐々木") == ("cj0佐々", "cj0々木")  # the iteration mark is a letter
    titled = brief_stems("No such characters in the text.", None, title="国防部")
    assert titled == "cj0国 cj0国防 cj0部 cj0防 cj0防部"  # a title's runs are tagged too


def test_a_huge_chinese_brief_stores_pairs_of_its_first_characters_only() -> None:
    # Pairs are read from the first MAX_CJK_CHARS characters, or this brief would store some
    # 100,000 distinct pairs.
    pick = random.Random(7).randrange
    huge = "".join(chr(0x4E00 + pick(20_000)) for _ in range(100_000))
    distinct_pairs = len({huge[i : i + 2] for i in range(len(huge) - 1)})
    assert distinct_pairs > 3 * MAX_CJK_CHARS  # so the cap is what keeps the count down
    tags = brief_stems(huge, "zh")
    assert tags is not None
    assert len(tags.split()) <= 2 * MAX_CJK_CHARS


def test_an_arabic_or_hebrew_word_that_folding_changes_is_stored_folded_in_any_language() -> None:
    assert brief_stems("قال مُحَمَّد إن أحمد وصل. שָׁלוֹם לכולם", None) == (
        "ab0שלום ab0احمد ab0ان ab0محمد"
    )
    assert brief_stems("قال محمد وصل. שלום לכולם", None) is None  # nothing to fold
    assert query_stems("مُحَمَّد") == query_stems("محمد") == ("ab0محمد",)
    assert query_stems("שָׁלוֹם") == ("ab0שלום",)
