"""The tags a brief stores for the scripts a word index misreads (storage.search_scripts)."""

from __future__ import annotations

import random

from storage.search_scripts import MAX_CJK_CHARS, query_cjk_tags, query_pair_tags
from storage.search_stems import brief_stems, query_stems


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


def test_thai_and_khmer_runs_are_stored_as_units_and_pairs_of_units() -> None:
    # A unit is a letter with the marks after it: "ที่" is one, so no pair parts its marks.
    assert brief_stems("ที่นี่", None) == "se0ที่ se0ที่นี่ se0นี่"
    assert query_pair_tags("นโยบาย") == ("se0นโ", "se0โย", "se0ยบ", "se0บา", "se0าย")
    assert query_pair_tags("កម្ពុជា") == ("se0កម្", "se0ម្ពុ", "se0ពុជា")
    assert query_pair_tags("ที่") == ("se0ที่",)  # one unit: itself
    assert query_pair_tags("thai") == ()
