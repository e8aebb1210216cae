"""Arabic and Hebrew words for search, with or without their vowel marks (their tags are
stored and looked up with the other scripts' in :mod:`storage.search_scripts`).

Arabic and Hebrew are written with or without their vowel marks (harakat, niqqud) and
Arabic with or without the hamza on its alef, so ``محمد`` and ``مُحَمَّد``, ``احمد`` and
``أحمد``, ``שלום`` and ``שָׁלוֹם`` are one word to a reader but not to either index. A word of
those scripts that its folding changes (:func:`abjad_fold`: the marks and the stretching
tatweel dropped, and Arabic's letters as Lucene's ArabicNormalizer reads them) is also stored
folded and tagged (``ab0محمد``), in a brief of any language, and a query word of those scripts
matches that tag as well as, by its folded form's prefix, a brief writing it plain: so each
spelling finds both.

Arabic writes its article and the particles before it as one word with the noun
(``الجيش``, ``والجيش``, ``للجيش``: the army). A brief also stores each such noun tagged
(``ab0جيش``), and a query word matches the nouns so tagged, by their start when it has four
letters or more (``اسرائيل`` finds *الإسرائيلي*), and after its own article the bare noun
(``الجيش`` finds *جيش الاحتلال*). An Arabic or Hebrew query word of three letters is matched
whole: Arabic's roots have three, and ``علي`` (Ali) began ``عليه`` (on him) and most briefs.

A brief also stores an Arabic word after a particle written before it without the article
(``بغزة``, in Gaza; ``وحماس``, and Hamas; ``فقال``, so he said: :func:`_after_particles`), and a
Hebrew word after its prefixes (``בצבא``, in the army: :mod:`storage.search_hebrew`). Those are
readings of the brief's words only: a query word is not cut so (its first letter may be its
own: ``بيان``, statement, and ``كيان``, entity, would both be ``يان``), but for a Hebrew
article, read as ``ב``, ``ל`` and ``כ`` swallow it (``הממשלה`` finds *בממשלה*). A quoted
phrase's first word is also matched after those particles and prefixes
(:func:`abjad_spellings`); the rest of a phrase as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from storage.search_hebrew import (
    HEBREW_PREFIX_LETTERS,
    MIN_READING_LETTERS,
    hebrew_readings,
    hebrew_spellings,
    is_hebrew,
    own_starts,
    without_article,
)

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
# Letters a word holding no folded one needs a tag for: Arabic's lam (an article's),
# particles, and the letters Hebrew's prefixes open with.
ABJAD_READ_LETTERS = f"\u0644\u0648\u0628\u0641\u0643{HEBREW_PREFIX_LETTERS}"
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
# "و", "ب", "ل", "ف" or "ك" (and, in, to, so, like), or "و" or "ف" before one of the last
# three ("ول", "فب" ...), before a name that opens with a hamza's alef ("وإسرائيل", "لإيران",
# "بأوكرانيا", "ولإسرائيل"): the article's alef never bears one, so the letters are particles.
_PARTICLE_BEFORE_HAMZA = re.compile(
    "^(?:[\u0648\u0641][\u0628\u0644\u0643]|[\u0648\u0628\u0644\u0641\u0643])"
    f"(?=[{_HAMZA_ALEF_LETTERS}].{{2}})"
)
# The same particles before a word without the article or a hamza ("بغزة", in Gaza; "وحماس",
# and Hamas; "فقال", so he said; "لاسرائيل" is left out, below), one reading after each that
# the word opens with ("وبغزة": "بغزة" and "غزة"); a brief's only (the module's docstring).
_PARTICLES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
# Where the first letter is the word's own, the reading may be another word, which would then
# find it. So a reading keeps three letters (MIN_READING_LETTERS, a root: "بيت", house,
# "ولد", boy, "كتب", books, "لحم", meat, keep theirs), and none is read before a bare alef:
# "وافق" (agreed), "واحد" (one), "واصل" (went on) are no "أفق" (horizon), "أحد" (someone),
# "أصل" (origin); the cost: "لاسرائيل", typed without its hamza, is not found by "اسرائيل".
# Frequent words whose rest is another common word keep their first letter: "وزير" (minister)
# is no "زير", "بطاقة" (card) no "طاقة" (energy), "فكرة" (idea) no "كرة" (ball), "كمال" (Kamal)
# no "مال" (money): read from storage/data/arabic_own_starts.txt (folded, matched whole; derived
# from wordfreq's frequencies by benchmarks/data/build_own_starts.py: a word written after the
# article or a particle that could not stand before its first letter, were that letter a
# particle, "الوزير", "لوزير"). Others are a cost accepted: "فيلم" (film) stores "يلم", which no
# one searches.
_OWN_STARTS_FILE = Path(__file__).with_name("data") / "arabic_own_starts.txt"
# Names that news types without their hamza after a particle ("لايران", "واسرائيل", "وامريكا"):
# read after it all the same (folded; any other bare alef after a particle is the word's own).
_BARE_ALEF_NAMES = (
    "ايران", "اسرائيل", "امريك", "اميرك", "اوكراني", "اوروب", "اردن", "افغانستان", "انقره",
    "اثيوبي", "اندونيسي", "استراليا",
)  # fmt: skip
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
# Gershayim after a Hebrew word: an acronym's head ("צה״ל"), typed as Hebrew's own or as a
# quotation mark (ASCII or typographic, as pages write it).
_GERSHAYIM_NEXT = re.compile('["\u05f4\u201d][\u05d0-\u05ea]')


def abjad_fold(word: str) -> str:
    """An Arabic or Hebrew word without its vowel marks and tatweel, in its letters' plain forms
    (presentation forms undone), its alef, teh marbuta and alef maksura as Lucene's
    ArabicNormalizer reads them (``أَحْمَد`` -> ``احمد``), Persian's yeh and keheh as Arabic's."""
    return _unmarked(word).translate(_ARABIC_FOLDS)


def _unmarked(word: str) -> str:
    """A word without its vowel marks and tatweel, presentation forms undone: its folded form
    letter for letter, but with its hamzas (``أحمد``)."""
    if _PRESENTATION.search(word):
        word = unicodedata.normalize("NFKC", word)
    return _ABJAD_MARK.sub("", word)


def is_abjad_word(word: str) -> bool:
    """Whether ``word`` is one Arabic or Hebrew word (with its marks)."""
    return _ABJAD_WORD.fullmatch(word) is not None


def query_abjad_tags(word: str) -> tuple[str, ...] | None:
    """The tags an Arabic or Hebrew query word matches (its folded form's, and its noun's
    after its article: Hebrew's after ב, ל or כ, which write the article's ה no more), none
    for a folded form of a single letter; None for a word of any other script."""
    if not is_abjad_word(word):
        return None
    plain = abjad_fold(word)
    if len(plain) < MIN_ABJAD_LETTERS:
        return ()
    if is_hebrew(plain):  # "הממשלה" finds "בממשלה", whose ב swallowed the article's ה
        swallowed = without_article(plain)
        nouns = [] if swallowed is None else [swallowed]
    else:
        nouns = _nouns(_unmarked(word), plain)  # "الجيش" finds "والجيش" too
    return tuple(dict.fromkeys(ABJAD_TAG + form for form in (plain, *nouns)))


def query_abjad_prefixes(word: str) -> tuple[str, ...]:
    """What an Arabic query word also matches by its start: its noun's tag, when long enough
    ("اسرائيل" finds *الإسرائيلي*, "حوثي" *للحوثيين*), and after its article the bare noun in
    the text ("الجيش" finds *جيش الاحتلال*); a Hebrew word's tag likewise ("ישראל" finds the
    reading of *הישראלי*)."""
    if not is_abjad_word(word):
        return ()
    plain = abjad_fold(word)
    if is_hebrew(plain):
        return (ABJAD_TAG + plain,) if len(plain) >= MIN_NOUN_PREFIX_LETTERS else ()
    if not _ARABIC_LETTER.search(word):
        return ()
    nouns = _nouns(_unmarked(word), plain)
    tags = [ABJAD_TAG + noun for noun in (*nouns, plain) if len(noun) >= MIN_NOUN_PREFIX_LETTERS]
    bare = [noun for noun in nouns if len(noun) >= MIN_NOUN_PREFIX_LETTERS - 1]
    return tuple(dict.fromkeys([*tags, *bare]))


def abjad_tags(folded: str) -> Iterator[str]:
    """The tagged folded forms of the Arabic and Hebrew words that folding changes, but for
    the particles that folding would make other words, and the nouns after their articles and
    particles, Hebrew's words after their prefixes."""
    read: set[tuple[str, bool]] = set()  # a word read once: a brief repeats its words
    for found in _ABJAD_WORD.finditer(folded):
        word = found.group()
        if len(word) > MAX_TAGGED_LETTERS:
            continue
        acronym = _GERSHAYIM_NEXT.match(folded, found.end()) is not None
        if (word, acronym) in read:
            continue
        read.add((word, acronym))
        unmarked = _unmarked(word)
        plain = unmarked.translate(_ARABIC_FOLDS)
        if len(plain) < MIN_ABJAD_LETTERS:
            continue
        if plain != word and unmarked.translate(_HAMZA_ALEFS) not in _MAKSURA_PARTICLES:
            yield ABJAD_TAG + plain
        if is_hebrew(plain):  # "בצבא": "צבא"; "בצה״ל": "צה"
            readings = hebrew_readings(plain, acronym=acronym)
        else:  # "الجيش", "بغزة": "جيش", "غزه"
            readings = _nouns(unmarked, plain, bare_particles=True)
        yield from (ABJAD_TAG + reading for reading in readings)


def abjad_spellings(word: str) -> list[str]:
    """A quoted phrase's first Arabic or Hebrew word (lower case, as typed) after the particles
    or prefixes written before it ("الجيش": "والجيش", "للجيش" ...), to match in the text."""
    if not is_abjad_word(word):
        return []
    if not _ARABIC_LETTER.search(word):
        return hebrew_spellings(word)
    article = word.startswith("\u0627\u0644")  # "ل" before the article: "للجيش"
    return [p + (word[1:] if article and p.endswith("\u0644") else word) for p in _PARTICLES]


def _nouns(unmarked: str, plain: str, *, bare_particles: bool = False) -> list[str]:
    """The noun (folded) of an Arabic word (``unmarked``: without its vowel marks; ``plain``:
    folded) after its article and the particle before it, and after a particle before a
    hamza's alef; for "لل" before a lam, both readings ("للجنة" is "لجنة", committee);
    ``bare_particles``: after a particle before a word without either too. None for a word
    without."""
    if _PERSIAN_LETTERS.search(unmarked) or unmarked.startswith(_OWN_PREFIXES):
        return []
    if (particle := _PARTICLE_BEFORE_HAMZA.match(unmarked)) is not None:
        return [plain[particle.end() :]]
    if _HAMZA_FIRST.match(unmarked):
        return []
    if (article := _ARTICLE.match(plain)) is not None:
        return _after_article(plain, article)
    return _after_particles(plain) if bare_particles else []


def _after_article(plain: str, article: re.Match[str]) -> list[str]:
    noun = plain[article.end() :]
    return [noun, "\u0644" + noun] if article.group() == "\u0644\u0644" else [noun]


def _after_particles(plain: str) -> list[str]:
    """A folded Arabic word without the article (nor a hamza after a particle) read after each
    particle it opens with (_PARTICLES), the article after the particle too ("وللجيش":
    "جيش")."""
    own = own_starts(_OWN_STARTS_FILE)
    readings = []
    for particle in _PARTICLES:
        rest = plain[len(particle) :]
        if not plain.startswith(particle) or len(rest) < MIN_READING_LETTERS:
            continue
        if plain[len(particle) - 1 :] in own:  # "وزير" is no "زير"
            continue
        if (article := _ARTICLE.match(rest)) is not None:
            readings.extend(_after_article(rest, article))
        elif not rest.startswith("\u0627") or rest.startswith(_BARE_ALEF_NAMES):
            readings.append(rest)  # "وافق" (agreed) is no "أفق" (horizon); "لايران" is "ايران"
    return readings
