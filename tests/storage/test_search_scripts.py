"""The tags a brief stores for the scripts a word index misreads (storage.search_scripts)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from storage.search_scripts import (
    MAX_CJK_CHARS,
    MAX_SEA_UNITS,
    join_sea_runs,
    query_cjk_tags,
    query_pair_tags,
)
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
    # (and the Hebrew words' readings after a prefix: "לכולם" is "כולם", "שלום" "לום")
    assert brief_stems("قال مُحَمَّد إن أحمد وصل. שָׁלוֹם לכולם", None) == (
        "ab0כולם ab0לום ab0שלום ab0احمد ab0ان ab0محمد"
    )
    assert brief_stems("قال محمد وصل. תודה רבה", None) is None  # nothing to fold or read
    assert query_stems("مُحَمَّد") == query_stems("محمد") == ("ab0محمد",)
    assert query_stems("שָׁלוֹם") == ("ab0שלום",)


def test_thai_and_khmer_runs_are_stored_as_units_and_pairs_of_units() -> None:
    # A unit is a letter with the marks after it: "ที่" is one, so no pair parts its marks.
    assert brief_stems("ที่นี่", None) == "se0ที่ se0ที่นี่ se0นี่"
    assert query_pair_tags("นโยบาย") == ("se0นโ", "se0โย", "se0ยบ", "se0บา", "se0าย")
    assert query_pair_tags("កម្ពុជា") == ("se0កម្", "se0ម្ពុ", "se0ពុជា")
    assert query_pair_tags("ที่") == ("se0ที่",)  # one unit: itself
    assert query_pair_tags("thai") == ()


def test_thai_and_lao_am_is_one_unit_however_its_nikhahit_and_tone_mark_are_typed() -> None:
    # น้ำ (water) as Thai keyboards type it, with NIKHAHIT + SARA AA for SARA AM (its
    # compatibility decomposition), the tone mark before or after the NIKHAHIT, or after AM.
    water = ("se0น้ำ",)
    for spelling in ("น้ำ", "นํ้า", "น้ํา", "นำ้"):
        assert query_pair_tags(spelling) == water, spelling
    assert brief_stems("นํ้าท่วม", None) == brief_stems("น้ำท่วม", None)
    assert query_pair_tags("ทําไม") == query_pair_tags("ทำไม")  # no tone mark: ํ + า is ำ
    # Lao's AM likewise (ນ້ຳ, water).
    assert query_pair_tags("ນໍ້າ") == query_pair_tags("ນ້ຳ") == ("se0ນ້ຳ",)


def test_thai_lao_and_khmer_spellings_that_render_alike_have_the_same_tags() -> None:
    same = [
        ("ท่ี", "ที่"),  # Thai: tone mark typed before the above vowel
        ("เเม่น้ำ", "แม่น้ำ"),  # Thai: two SARA E for SARA AE
        ("ໜ້າທີ່", "ຫນ້າທີ່"),  # Lao: the HO NO ligature or its two letters
        ("ທ່ີ", "ທີ່"),  # Lao: tone mark typed before the above vowel
        ("ស្ដេច", "ស្តេច"),  # Khmer: subscript DA and TA look alike
        ("ស្រ្តី", "ស្ត្រី"),  # Khmer: subscript RO typed first
        ("ដេីម", "ដើម"),  # Khmer: a two-part vowel typed as its parts
        ("គេាល", "គោល"),
        ("ឣង្គរ", "អង្គរ"),  # Khmer: deprecated QAQ
        ("ក឴ម", "កម"),  # Khmer: an inherent vowel, invisible
    ]
    for variant, usual in same:
        assert query_pair_tags(variant) == query_pair_tags(usual), (variant, usual)
        assert brief_stems(variant, None) == brief_stems(usual, None), (variant, usual)
    # Different words stay different: tone marks and vowels are not dropped.
    assert query_pair_tags("ไม่") != query_pair_tags("ไม้")
    assert query_pair_tags("ស្តេច") != query_pair_tags("ស្ទេច")


def test_invisible_characters_between_thai_lao_khmer_or_myanmar_letters_part_no_run() -> None:
    kingdom = "ព្រះរាជាណាចក្រកម្ពុជា"  # the Kingdom of Cambodia
    for invisible in ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"):
        split = f"ព្រះរាជាណាចក្រ{invisible}កម្ពុជា"
        assert brief_stems(split, None) == brief_stems(kingdom, None), hex(ord(invisible))
        assert query_pair_tags(split) == query_pair_tags(kingdom), hex(ord(invisible))
        assert join_sea_runs(split) == kingdom
    assert "se0រក" in query_pair_tags(kingdom)  # the pair across the zero-width space
    thai = brief_stems("กรุง\u200bเทพ", None)
    assert thai is not None and "se0งเ" in thai.split()
    myanmar = brief_stems("မြန်\u200cမာ", None)
    assert myanmar is not None and "se0န်မာ" in myanmar.split()
    # Only between two letters of those scripts: Persian's non-joiner, a Hindi joiner, a space
    # after a Thai word and Chinese runs are left as they were.
    for other in ("می\u200cخواهم", "सुर\u200cक्षा", "ไทย\u200b Thai", "中\u200b国"):
        assert join_sea_runs(other) == other
    assert brief_stems("中\u200b国", None) == "cj0中 cj0国"  # no pair across it


def test_a_huge_khmer_brief_with_zero_width_spaces_stores_pairs_of_its_first_units_only() -> None:
    # Every word parted by a zero-width space: the runs now span them, and the pairs are still
    # read from the first MAX_SEA_UNITS units only (a unit: a consonant and a vowel sign).
    pick = random.Random(11).randrange
    signs = ["", *(chr(code) for code in range(0x17B6, 0x17C6))]
    words = [[chr(0x1780 + pick(33)) + signs[pick(len(signs))] for _ in range(4)]
             for _ in range(30_000)]
    units = [unit for word in words for unit in word]
    distinct_pairs = len({(units[i], units[i + 1]) for i in range(len(units) - 1)})
    assert distinct_pairs > 3 * MAX_SEA_UNITS  # so the cap is what keeps the count down
    tags = brief_stems("\u200b".join("".join(word) for word in words), "km")
    assert tags is not None
    assert f"se0{words[0][-1]}{words[1][0]}" in tags.split()  # across the first space
    assert len(tags.split()) <= 2 * MAX_SEA_UNITS


# A hostile brief: one letter and 200,000 marks. Run alone with a generous limit: unbounded, the
# folds' patterns rescanned the run from every mark (436 s) and each mark was appended to a
# longer string (0.9 s); bounded, it takes a tenth of a second.
_MARKS_ALONE = """
import sys
from storage.search_stems import brief_stems
for mark in ("\\u0e48", "\\u0ec8", "\\u0e4c", "\\u17d2"):
    tags = brief_stems("\\u0e01" + mark * 200_000, "th")
    assert tags is not None and max(map(len, tags.split())) <= 10, tags[:80]
print("ok")
"""


def test_a_letter_with_200000_marks_makes_short_tags_in_bounded_time() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _MARKS_ALONE], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).parents[2], check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
