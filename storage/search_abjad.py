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

Arabic writes its article and the particles before it as one word with the noun
(``الجيش``, ``والجيش``, ``للجيش``: the army). A brief also stores each such noun tagged
(``ab0جيش``), and a query word matches the nouns so tagged, by their start when it has four
letters or more (``اسرائيل`` finds *الإسرائيلي*), and after its own article the bare noun
(``الجيش`` finds *جيش الاحتلال*). An Arabic or Hebrew query word of three letters is matched
whole: Arabic's roots have three, and ``علي`` (Ali) began ``عليه`` (on him) and most briefs.
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
_ARABIC_LETTER = re.compile("[\u0620-\u06ff]")
# Alef with madda, hamza above, hamza below.
_HAMZA_ALEF_LETTERS = "\u0622\u0623\u0625"
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
_HAMZA_ALEFS = str.maketrans(dict.fromkeys(_HAMZA_ALEF_LETTERS, "\u0627"))
# Arabic writes its article, and "and", "with", "like", "so" or "for" before it, as one word
# with the noun: "الجيش", "والجيش", "للجيش" (the army). Lucene's ArabicStemmer strips these
# prefixes (not "و" alone, which begins many words: "وزير", minister); a word keeps three
# letters at least ("الله" stays).
_ARTICLE = re.compile(
    "^(?:\u0648\u0627\u0644|\u0628\u0627\u0644|\u0643\u0627\u0644|\u0641\u0627\u0644"
    "|\u0644\u0644|\u0627\u0644)(?=.{3})"
)
# "و", "ب", "ل", "ف" or "ك" before a name that opens with a hamza's alef ("وإسرائيل",
# "لإيران", "بأوكرانيا"): the article's alef never bears one, so the letter is a particle.
_PARTICLE_BEFORE_HAMZA = re.compile(
    f"^[\u0648\u0628\u0644\u0641\u0643](?=[{_HAMZA_ALEF_LETTERS}].{{2}})"
)
# A word that opens with a hamza's alef has no article ("ألماني", German; "إلهام"), a word
# with Persian's or Urdu's own letters none either ("والدین", parents), nor "والد" (father),
# whose "وال" is its own.
_HAMZA_FIRST = re.compile(f"^[{_HAMZA_ALEF_LETTERS}]")
_PERSIAN_LETTERS = re.compile(
    "[\u067e\u0686\u0698\u06a9\u06af\u06ba\u06be\u06c1\u06cc\u06d2\u0679\u0688\u0691]"
)
_OWN_PREFIXES = ("\u0648\u0627\u0644\u062f",)
# A query word's folded noun this long or longer is also a prefix of tagged nouns
# ("اسرائيل" finds the tag of "الإسرائيلي"); shorter ones find too much ("مدى", "المدينة").
MIN_NOUN_PREFIX_LETTERS = 4
# Longer words are no Arabic or Hebrew words (a hostile brief's): no tag.
MAX_TAGGED_LETTERS = 80


def abjad_fold(word: str) -> str:
    """An Arabic or Hebrew word without its vowel marks and tatweel, in its letters' plain forms
    (presentation forms undone), its alef, teh marbuta and alef maksura as Lucene's
    ArabicNormalizer reads them (``أَحْمَد`` -> ``احمد``), Persian's yeh and keheh as Arabic's."""
    if _PRESENTATION.search(word):
        word = unicodedata.normalize("NFKC", word)
    return _ABJAD_MARK.sub("", word).translate(_ARABIC_FOLDS)


def is_abjad_word(word: str) -> bool:
    """Whether ``word`` is one Arabic or Hebrew word (with its marks)."""
    return _ABJAD_WORD.fullmatch(word) is not None


def query_abjad_tags(word: str) -> tuple[str, ...] | None:
    """The tags an Arabic or Hebrew query word matches (its folded form's, and its noun's
    after its article), none for a folded form of a single letter; None for a word of any
    other script."""
    if not is_abjad_word(word):
        return None
    plain = abjad_fold(word)
    if len(plain) < MIN_ABJAD_LETTERS:
        return ()
    nouns = _nouns(_ABJAD_MARK.sub("", word), plain)  # "الجيش" finds "والجيش" too
    return tuple(dict.fromkeys(ABJAD_TAG + form for form in (plain, *nouns)))


def query_abjad_prefixes(word: str) -> tuple[str, ...]:
    """What an Arabic query word also matches by its start: its noun's tag, when long enough
    ("اسرائيل" finds *الإسرائيلي*, "حوثي" *للحوثيين*), and after its article the bare noun in
    the text ("الجيش" finds *جيش الاحتلال*)."""
    if not is_abjad_word(word) or not _ARABIC_LETTER.search(word):
        return ()
    plain = abjad_fold(word)
    nouns = _nouns(_ABJAD_MARK.sub("", word), plain)
    tags = [ABJAD_TAG + noun for noun in (*nouns, plain) if len(noun) >= MIN_NOUN_PREFIX_LETTERS]
    bare = [noun for noun in nouns if len(noun) >= MIN_NOUN_PREFIX_LETTERS - 1]
    return tuple(dict.fromkeys([*tags, *bare]))


def abjad_tags(folded: str) -> Iterator[str]:
    """The tagged folded forms of the Arabic and Hebrew words that folding changes, but for
    the particles that folding would make other words, and the nouns after their articles."""
    for word in _ABJAD_WORD.findall(folded):
        if len(word) > MAX_TAGGED_LETTERS:
            continue
        plain = abjad_fold(word)
        if len(plain) < MIN_ABJAD_LETTERS:
            continue
        unmarked = _ABJAD_MARK.sub("", word)
        if plain != word and unmarked.translate(_HAMZA_ALEFS) not in _MAKSURA_PARTICLES:
            yield ABJAD_TAG + plain
        yield from (ABJAD_TAG + noun for noun in _nouns(unmarked, plain))  # "الجيش": "جيش"


def _nouns(unmarked: str, plain: str) -> list[str]:
    """The noun (folded) of an Arabic word (``unmarked``: without its vowel marks; ``plain``:
    folded) after its article and the particle before it, and after a particle before a
    hamza's alef; for "لل" before a lam, both readings ("للجنة" is "لجنة", committee). None
    for a word without."""
    if _PERSIAN_LETTERS.search(unmarked) or unmarked.startswith(_OWN_PREFIXES):
        return []
    if (particle := _PARTICLE_BEFORE_HAMZA.match(unmarked)) is not None:
        return [plain[particle.end() :]]
    if _HAMZA_FIRST.match(unmarked) or (article := _ARTICLE.match(plain)) is None:
        return []
    noun = plain[article.end() :]
    return [noun, "\u0644" + noun] if article.group() == "\u0644\u0644" else [noun]
