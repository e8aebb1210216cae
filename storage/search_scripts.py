"""Scripts a word index misreads: Arabic and Hebrew with or without vowel marks
(:mod:`storage.search_abjad`), and Chinese, Japanese, Thai, Lao, Khmer and Myanmar, written
without spaces. Each brief stores tags for them beside its stems (``briefs.search_stems``,
:mod:`storage.search_stems`), and a query word of those scripts looks for the tags.

Chinese and Japanese write no spaces between words, so both indexes read a run of Han and kana
as one word, found before only by the run's opening characters. With no segmenter at hand, any
brief's runs of them are also stored as tagged characters and pairs of characters
(``cj0中国``, ``cj0国人``, ``cj0中``), the way bigram search engines index such text, and a
query word of those scripts matches a brief holding all of its pairs (a single character: the
character), wherever they stand: ``国人`` finds *中国人民*. Pairs are read from the first
:data:`MAX_CJK_CHARS` such characters of a brief. Thai, Lao, Khmer and Myanmar, also written
without spaces between words, are stored and looked up the same way by units, a letter with
the vowel signs and tone marks written after it (``se0นโย``): ``นโยบาย`` finds
*รัฐบาลไทยประกาศนโยบายใหม่*. Their runs are read across the invisible characters typed between
their letters (a zero-width space between Khmer words), and their spellings that look alike
folded to one (:func:`sea_fold`: ``นํ้า`` and ``น้ำ``), on both sides, so a word typed either
way finds a brief written either way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from storage.search_abjad import ABJAD_FOLDED, ABJAD_READ_LETTERS, abjad_tags

# Han (extensions A to H, compatibility ideographs, the iteration and closing marks U+3005-3007),
# hiragana and katakana (halfwidth too), without the middle dot, the double hyphen and the
# voicing marks written alone, which separate or decorate rather than spell.
_CJK = (
    "\u3005-\u3007\u3040-\u309a\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
CJK_TAG = "cj0"
# A brief's pairs are read from this many such characters: a 200,000-character hostile brief
# would otherwise store 200,000 tags.
MAX_CJK_CHARS = 20_000
# Thai, Lao, Khmer and Myanmar: their letters and the signs and marks written around them.
_SEA = (
    "\u0e01-\u0e3a\u0e40-\u0e4e\u0e81-\u0ecd\u0edc-\u0edf\u1000-\u103f\u1050-\u108f"
    "\u109a-\u109d\u1780-\u17d3\u17d7\u17dc\u17dd"
)
# Invisible characters (Unicode's Default_Ignorable_Code_Point) found between these scripts'
# letters: the zero-width space Khmer, Myanmar and Thai editors put between words, the joiners,
# word joiner, soft hyphen, byte-order mark and grapheme joiner. Between two letters of these
# scripts they part no run: a word typed without them, spanning one, is still found, and back.
# Elsewhere they stay separators (ZWNJ means something in Persian; Hindi's joiners are folded
# in storage.search_stems).
_SEA_INVISIBLE = "\u00ad\u034f\u200b-\u200d\u2060\ufeff"
_SEA_RUN = re.compile(f"[{_SEA}]+(?:[{_SEA_INVISIBLE}]+[{_SEA}]+)*")
_SEA_GAP = re.compile(f"(?<=[{_SEA}])[{_SEA_INVISIBLE}]+(?=[{_SEA}])")
_THAI_TONES = "\u0e48-\u0e4b"
_LAO_TONES = "\u0ec8-\u0ecb"
# Spellings of these scripts that render alike, each rewritten to one, each run of marks
# read at most two long (a hostile brief of 30,000 tone marks took 9.4 s unbounded, as every
# start scanned the whole run; a letter never carries more) (NFC, which both sides
# apply first, already orders a below vowel before a tone mark, Myanmar's dot below before its
# asat, and composes Myanmar's ဦ): in order,
_SEA_REORDERS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # Thai's and Lao's AM is NIKHAHIT (NIGGAHITA) and AA (their compatibility
        # decompositions), and typists put a tone mark before or after the NIKHAHIT, or after AM:
        # น้ำ, นํ้า, น้ํา and นำ้ are one word, written as Thai keyboards type it, น้ำ.
        (f"([{_THAI_TONES}]{{0,2}})\u0e4d([{_THAI_TONES}]{{0,2}})\u0e32", "\\1\\2\u0e33"),
        (f"\u0e33([{_THAI_TONES}]{{1,2}})", "\\1\u0e33"),
        (f"([{_LAO_TONES}]{{0,2}})\u0ecd([{_LAO_TONES}]{{0,2}})\u0eb2", "\\1\\2\u0eb3"),
        (f"\u0eb3([{_LAO_TONES}]{{1,2}})", "\\1\u0eb3"),
        # A tone mark (or Thai's THANTHAKHAT) typed before an above or below vowel, which NFC
        # leaves so (the vowels are starters): after it, as it is stored (ที่, not ท่ี).
        (f"([{_THAI_TONES}\u0e4c]{{1,2}})([\u0e31\u0e34-\u0e39]{{1,2}})", "\\2\\1"),
        (f"([{_LAO_TONES}]{{1,2}})([\u0eb1\u0eb4-\u0eb7\u0ebb]{{1,2}})", "\\2\\1"),
        # Thai's SARA AE typed as two SARA E (เเ for แ), a common slip no reader sees.
        ("\u0e40\u0e40", "\u0e41"),
        # Khmer (as SIL's khnormal reads it): a two-part vowel typed as its parts (េ and ី for
        # ើ, េ and ា for ោ), subscript RO typed before the other subscript (it is stored
        # after it), and subscript DA, drawn as subscript TA, as TA (ស្ដី, ស្តី).
        ("\u17c1([\u17bb-\u17bd]?)\u17b8", "\u17be\\1"),
        ("\u17c1([\u17bb-\u17bd]?)\u17b6", "\u17c4\\1"),
        ("(\u17d2\u179a)(\u17d2[\u1780-\u17b3])", "\\2\\1"),
        ("\u17d2\u178a", "\u17d2\u178f"),
    )
)
# Letters with another spelling: Lao's HO NO and HO MO ligatures as their letters (their
# compatibility decompositions, ໜ and ຫນ both written), Khmer's deprecated QAQ and QAA as
# Unicode says to write them, and its inherent vowels, invisible and default-ignorable, dropped.
_SEA_LETTER_FOLDS = str.maketrans(
    {"\u0edc": "\u0eab\u0e99", "\u0edd": "\u0eab\u0ea1", "\u17a3": "\u17a2",
     "\u17a4": "\u17a2\u17b6", "\u17b4": None, "\u17b5": None}
)
_SEA_LETTER_VARIANT = re.compile("[\u0edc\u0edd\u17a3-\u17a4\u17b4\u17b5]")
SEA_TAG = "se0"
# The most marks a unit keeps (Myanmar's "ကြွေး" has four): a hostile brief's 200,000 tone
# marks on one letter took 0.9 s, each appended to a longer string, and made a tag as long.
MAX_UNIT_MARKS = 6
MAX_SEA_UNITS = 20_000
# Any character that needs a tag: one scan tells an English brief needs none.
# (Arabic's lam, particles and Hebrew's prefix letters: an article, particle or prefix to strip.)
_NEEDS_TAGS = re.compile(f"[{_CJK}{_SEA}{ABJAD_FOLDED}{ABJAD_READ_LETTERS}]")


def needs_script_tags(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese, Thai, Lao, Khmer or Myanmar run, or an
    Arabic or Hebrew word that folding changes or that may open with an article, particle or
    prefix: one scan, so an English brief costs little."""
    return _NEEDS_TAGS.search(text) is not None


def script_tags(folded: str) -> Iterator[str]:
    """The tags of ``folded`` (lower case, diacritics folded as the indexes read it): its
    Chinese and Japanese runs' characters and pairs, its Thai, Lao, Khmer and Myanmar runs'
    units and pairs, its changed Arabic and Hebrew words."""
    yield from _cjk_tags(folded)
    yield from _sea_tags(folded)
    yield from abjad_tags(folded)


def _cjk_tags(folded: str) -> Iterator[str]:
    """The tagged characters and character pairs of ``folded``'s Chinese and Japanese runs."""
    budget = MAX_CJK_CHARS
    for run in _CJK_RUN.findall(folded):
        run = run[:budget]
        budget -= len(run)
        yield from (CJK_TAG + character for character in run)
        yield from (CJK_TAG + run[i : i + 2] for i in range(len(run) - 1))
        if budget <= 0:
            break


def _sea_tags(folded: str) -> Iterator[str]:
    """The tagged units (a letter and its marks) and pairs of units of ``folded``'s Thai,
    Lao, Khmer and Myanmar runs, from the first MAX_SEA_UNITS units."""
    budget = MAX_SEA_UNITS
    # Folded whole, not run by run: a Thai brief's spaces part it into hundreds of runs.
    for run in _SEA_RUN.findall(sea_fold(folded)):
        units = _units(run)[:budget]
        budget -= len(units)
        yield from (SEA_TAG + unit for unit in units)
        yield from (SEA_TAG + units[i] + units[i + 1] for i in range(len(units) - 1))
        if budget <= 0:
            break


def _units(run: str) -> list[str]:
    """A run's letters, each with the combining marks written after it ("ที่" is one; at most
    MAX_UNIT_MARKS): a pair of bare characters would part a vowel sign or tone mark from its
    letter."""
    units: list[str] = []
    for character in run:
        if not units or not unicodedata.category(character).startswith("M"):
            units.append(character)
        elif len(units[-1]) <= MAX_UNIT_MARKS:  # marks past those no letter carries: dropped
            units[-1] += character
    return units


def sea_fold(text: str) -> str:
    """``text`` without the invisible characters between its Thai, Lao, Khmer or Myanmar
    letters, and those scripts' spellings that look alike made one (``นํ้า`` -> ``น้ำ``): what
    their tags are made of, on the brief's side and the query's alike. Other text is left as
    it is."""
    text = join_sea_runs(text)
    if _SEA_LETTER_VARIANT.search(text):
        text = text.translate(_SEA_LETTER_FOLDS)
    for pattern, replacement in _SEA_REORDERS:
        text = pattern.sub(replacement, text)
    return text


def join_sea_runs(text: str, joiner: str = "") -> str:
    """``text`` with ``joiner`` for the invisible characters between two Thai, Lao, Khmer or
    Myanmar letters (none: the run as its tags read it)."""
    return _SEA_GAP.sub(joiner, text)


def query_pair_tags(word: str) -> tuple[str, ...]:
    """The tags a brief must all hold to match a query word of a script written without
    spaces: Chinese and Japanese (:func:`query_cjk_tags`), Thai, Lao, Khmer and Myanmar (its
    pairs of units, a lone unit itself); none for any other word."""
    if _SEA_RUN.fullmatch(word):
        units = _units(sea_fold(word))
        pairs = [units[i] + units[i + 1] for i in range(len(units) - 1)] or units
        return tuple(dict.fromkeys(SEA_TAG + pair for pair in pairs))
    return query_cjk_tags(word)


def query_cjk_tags(word: str) -> tuple[str, ...]:
    """The tags a brief must all hold to match a query word of Chinese or Japanese alone: its
    character pairs, a lone character itself; none for any other word. A word mixing them
    with digits or Latin letters (``2024年``, ``G20峰会``) is matched as written only: its
    pairs alone (``年``) would find nearly every such brief."""
    if not _CJK_RUN.fullmatch(word):
        return ()
    pairs = [word[i : i + 2] for i in range(len(word) - 1)] or [word]
    return tuple(dict.fromkeys(CJK_TAG + pair for pair in pairs))
