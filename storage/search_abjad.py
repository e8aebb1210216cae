"""Arabic and Hebrew words for search, with or without their vowel marks (their tags are
stored and looked up with the other scripts' in :mod:`storage.search_scripts`).

Arabic and Hebrew are written with or without their vowel marks (harakat, niqqud) and
Arabic with or without the hamza on its alef, so ``محمد`` and ``مُحَمَّد``, ``احمد`` and
``أحمد``, ``שלום`` and ``שָׁלוֹם`` are one word to a reader but not to either index. A word of
those scripts that its folding changes (:func:`abjad_fold`: the marks and the stretching
tatweel dropped, and Arabic's letters as Lucene's ArabicNormalizer reads them) is also stored
folded and tagged (``ab0محمد``), in a brief of any language, and a query word of those scripts
matches that tag as well as, by its folded form's prefix, a brief writing it plain: so each
spelling finds both. A quoted phrase is matched as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Arabic and Hebrew letters and the marks inside their words: Hebrew's points and cantillation,
# Arabic's harakat, Quranic marks and the tatweel (a letter to Python, a stretch to a reader).
_ABJAD_LETTERS = (
    "\u05d0-\u05ea\u05ef-\u05f2\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\ufb1d-\ufb4f\ufb50-\ufdfb\ufe70-\ufefc"
)
# Presentation forms (a glyph's shape, "ﻗﺎﻝ", the ligatures "ﷲ" and "ﻻ"): read as letters.
_PRESENTATION = re.compile("[\ufb1d-\ufdfb\ufe70-\ufefc]")
_ABJAD_MARKS = (
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)
_ABJAD_WORD = re.compile(f"[{_ABJAD_MARKS}]*[{_ABJAD_LETTERS}][{_ABJAD_LETTERS}{_ABJAD_MARKS}]*")
_ABJAD_MARK = re.compile(f"[{_ABJAD_MARKS}]")
# Lucene's ArabicNormalizer: alef with madda or hamza is alef, teh marbuta heh, alef maksura yeh;
# and alef wasla is alef, Persian's and Urdu's yeh and keheh Arabic's yeh and kaf.
_ARABIC_FOLDS = str.maketrans(
    {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0629": "\u0647",
     "\u0649": "\u064a", "\u0671": "\u0627", "\u06cc": "\u064a", "\u06a9": "\u0643"}
)
ABJAD_FOLDED = (
    f"{_ABJAD_MARKS}\u0622\u0623\u0625\u0629\u0649\u0671\u06cc\u06a9\ufb1d-\ufdfb\ufe70-\ufefc"
)
ABJAD_TAG = "ab0"
MIN_ABJAD_LETTERS = 2
# Arabic's particles ending in alef maksura, which folding turns into the yeh of other words:
# "على" (on) into the name "علي" (Ali), "إلى" (to) into "آلي" (automatic). A brief's particles
# store no folded tag, so those queries do not find every Arabic brief (the particles are
# never searched for). Written with a plain alef: hamzas are read as it first.
_MAKSURA_PARTICLES = frozenset(["على", "الى", "حتى", "متى", "لدى", "سوى", "مدى"])
_HAMZA_ALEFS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627"})
# Arabic writes its article, and "and", "with", "like", "so" or "for" before it, as one word
# with the noun: "الجيش", "والجيش", "للجيش" (the army). Lucene's ArabicStemmer strips these
# prefixes (not "و" alone, which begins many words: "وزير", minister); a word keeps three
# letters at least ("الله" stays).
_ARTICLE = re.compile(
    "^(?:\u0648\u0627\u0644|\u0628\u0627\u0644|\u0643\u0627\u0644|\u0641\u0627\u0644"
    "|\u0644\u0644|\u0627\u0644)(?=.{3})"
)


def abjad_fold(word: str) -> str:
    """An Arabic or Hebrew word without its vowel marks and tatweel, in its letters' plain forms
    (presentation forms undone), its alef, teh marbuta and alef maksura as Lucene's
    ArabicNormalizer reads them (``أَحْمَد`` -> ``احمد``), Persian's yeh and keheh as Arabic's."""
    if _PRESENTATION.search(word):
        word = unicodedata.normalize("NFKC", word)
    return _ABJAD_MARK.sub("", word).translate(_ARABIC_FOLDS)


def query_abjad_tags(word: str) -> tuple[str, ...] | None:
    """The tag an Arabic or Hebrew query word matches (its folded form's), none for a folded
    form of a single letter; None for a word of any other script."""
    if not _ABJAD_WORD.fullmatch(word):
        return None
    plain = abjad_fold(word)
    if len(plain) < MIN_ABJAD_LETTERS:
        return ()
    noun = _ARTICLE.sub("", plain)  # "الجيش" finds "والجيش" too
    return (ABJAD_TAG + plain,) if noun == plain else (ABJAD_TAG + plain, ABJAD_TAG + noun)


def abjad_tags(folded: str) -> Iterator[str]:
    """The tagged folded forms of the Arabic and Hebrew words that folding changes, but for
    the particles that folding would make other words."""
    for word in _ABJAD_WORD.findall(folded):
        plain = abjad_fold(word)
        if len(plain) < MIN_ABJAD_LETTERS:
            continue
        particle = _ABJAD_MARK.sub("", word).translate(_HAMZA_ALEFS) in _MAKSURA_PARTICLES
        if plain != word and not particle:
            yield ABJAD_TAG + plain
        if (noun := _ARTICLE.sub("", plain)) != plain:
            yield ABJAD_TAG + noun  # "الجيش" is found by "جيش"
