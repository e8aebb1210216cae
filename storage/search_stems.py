"""Search stems: a French, German, Spanish, Hindi or Russian brief is found by its words'
stems in its language.

Latin script is shared by four languages whose Snowball stemmers disagree (Spanish stems
``soldados`` to ``sold``, which would find English *sold*), so one stemmer cannot serve every
brief. Each brief in a stemmed language therefore stores the Snowball stems of its text *in
its own language*, each tagged with that language (``briefs.search_stems``, migration 0016):
``de0entscheid`` for *Entscheidungen*. Both indexes read the column as words (the tag's digit
keeps a token whole on SQLite's FTS5 and PostgreSQL's parser alike). A Latin query word is
stemmed in each of the three Latin-script languages (and as Hindi in Latin letters, which a
Hindi brief's Latin words are stored as: ``jawanon`` finds *jawan*), a Cyrillic one in Russian
and a Devanagari one in Hindi, and matches a brief holding one of its tagged stems, so
``Entscheidung`` (``de0entscheid``) finds a German brief's *Entscheidungen*, ``Staaten`` finds
*Staat*, ``nationaux`` *national*, ``anunciaron`` *anunció*, ``Семин`` *Сёмин*, ``फौज``
*फ़ौज* and ``2024`` a Hindi brief's *२०२४* (its numbers are tagged in ASCII digits), while
``soldados`` (``es0sold``) finds only Spanish briefs, never an English *sold*. A
tagged stem is never matched by a word's prefix: a prefix is three letters or more and the
tag's third character is a digit.

Other briefs (English, unknown languages) store none: English keeps the light suffixes of
:mod:`storage.search`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from typing import Any, cast

import snowballstemmer

from storage.diacritics import fold_diacritics
from storage.search_abjad import query_abjad_tags
from storage.search_scripts import needs_script_tags, script_tags

# ISO 639-1 code -> Snowball's stemmer: the summarizer's Latin-script languages but English,
# Russian, whose stemmer reads yo (U+0451) as ye (U+0435): Сёмин and its plain spelling are one
# word, and Hindi, whose words are read as Hindi search engines read them (_HINDI_FOLDS).
STEMMED_LANGUAGES = {
    "de": "german", "es": "spanish", "fr": "french", "hi": "hindi", "ru": "russian"
}
_LATIN: tuple[str, ...] = ("de", "es", "fr")
# Shorter words are left out: their stems say little (``les`` -> ``le``).
MIN_STEMMED_LETTERS = 3
# No word is longer (see summarizer.languages.MAX_STEMMED_CHARS): a longer token is kept
# whole, so a hostile brief's huge "words" neither fill the memo nor cost seconds to stem.
MAX_STEMMED_CHARS = 80
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN_WORD = re.compile("[a-z\u00df-\u024f]+")  # lower case, after folding
_CYRILLIC_WORD = re.compile("[\u0430-\u045f]+")
# A Devanagari word: letters with their vowel signs, virama and nasal marks (no digits, no
# danda), and the joiners inside it.
_DEVANAGARI_WORD = re.compile("[\u0900-\u0963\u0971-\u097f\u200c\u200d]+")
# Devanagari's vowel signs, virama and nasal marks: part of their word, never letters of
# their own.
_DEVANAGARI_SIGN = re.compile("[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963]")
# Spellings of one Hindi word (as Lucene's HindiNormalizer folds them): with or without the
# nukta (फ़ौज, फौज; NFC keeps क़ as क + nukta), with or without a zero-width joiner or
# non-joiner (they choose a conjunct's shape), and candrabindu for anusvara.
_HINDI_FOLDS = str.maketrans({"\u093c": None, "\u200c": None, "\u200d": None, "\u0901": "\u0902"})
# Numbers in a Hindi brief are tagged in ASCII digits, whichever digits it writes (२०२४, 2024);
# only whole ones, as the indexes read them: "G20" is a word, not the number 20.
_NUMBER = re.compile(r"(?<!\w)[0-9\u0966-\u096f]+(?!\w)")
# Hindi in Latin letters (Hinglish; summarizer.languages.is_romanised_hindi), which no Snowball
# stemmer reads: a Hindi brief's Latin words are stored with their plural and oblique endings
# cut, and then a final "a" or "e" (a masculine noun's "ilaka", "ilake" and "ilakon" are one,
# as are "kharide" and "kharid"), so "jawanon" finds "jawan", "ladkiyon" "ladki", "rajyon"
# "rajya", "baatein" "baat" (benchmarks/romanised_hindi_stems.py). Longest ending first; a stem
# keeps 4 letters at least ("logon", people, stays whole: "log" is English too; "sena" and
# "kiya" stay as they are).
_ROMANISED_HINDI_ENDINGS = (
    ("iyaan", "i"), ("iyon", "i"), ("iyan", "i"), ("yein", ""), ("aon", ""), ("yen", ""),
    ("ein", ""), ("on", ""), ("en", ""),
)
MIN_ROMANISED_STEM = 4
_ASCII_DIGITS = str.maketrans({0x0966 + digit: str(digit) for digit in range(10)})


# PostgreSQL's tsvector holds at most 1 MB (1,048,575 bytes), the brief's title, topics and
# text with its tags: the tags get what the text leaves (each word's UTF-8 bytes, with its entry
# and position, at most its bytes and 6 more), counted as their bytes and 8 more each, the
# first words' tags first. A hostile 200,000-character Hindi brief of made-up words needed
# 1.2 MB, so PostgreSQL refused it (SQLite stored it) and `refresh-briefs` stopped at it for
# good. News never comes near: NTREX's longest Hindi document has 9 kB of tags.
INDEX_BYTES = 1_000_000  # under the limit by the title's and topics' share
_TAG_OVERHEAD = 8
_WORD_OVERHEAD = 6


# A Snowball stemmer keeps the word it works on in itself, so two threads sharing one (ingest
# stems briefs in worker threads while the event loop parses queries) get each other's stems
# or an IndexError: each thread has its own.
_PER_THREAD = threading.local()


def stem(name: str, word: str) -> str:
    """``word``'s stem by Snowball's stemmer ``name`` (``hindi``, ``german`` ...), memoised;
    a token longer than any word (:data:`MAX_STEMMED_CHARS`) is its own stem."""
    return word if len(word) > MAX_STEMMED_CHARS else _stem(name, word)


@lru_cache(maxsize=1 << 15)  # words of at most MAX_STEMMED_CHARS: at most a few MB
def _stem(name: str, word: str) -> str:
    stemmers: dict[str, Any] = _PER_THREAD.__dict__.setdefault("stemmers", {})
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return cast("str", stemmers[name].stemWord(word))


def _tagged(code: str, words: Iterable[str]) -> Iterator[str]:
    name = STEMMED_LANGUAGES[code]
    if code == "hi":
        folded = (word.translate(_HINDI_FOLDS) for word in words)
        return (f"hi0{_hindi_tag(word)}" for word in folded if len(word) >= MIN_STEMMED_LETTERS)
    return (f"{code}0{stem(name, word)}" for word in words if len(word) >= MIN_STEMMED_LETTERS)


def romanised_hindi_stem(word: str) -> str:
    """A lower-case Latin word read as Hindi, without its plural or oblique ending and then
    its final "a" or "e"."""
    for ending, base in _ROMANISED_HINDI_ENDINGS:
        cut = word[: -len(ending)] + base
        if word.endswith(ending) and len(cut) >= MIN_ROMANISED_STEM:
            word = cut
            break
    if word.endswith(("a", "e")) and len(word) > MIN_ROMANISED_STEM:
        return word[:-1]
    return word


def _romanised_hindi_tags(words: Iterable[str]) -> Iterator[str]:
    return (f"hi0{romanised_hindi_stem(w)}" for w in words if len(w) >= MIN_STEMMED_LETTERS)


def _hindi_tag(word: str) -> str:
    """A folded Hindi word's stem, or the word itself where its stem is a single letter:
    माँ (mother) and में (in) both stem to म, which would make each find the other, so each
    is its own tag, its spellings folded alike (माँ and मां are one)."""
    found = stem("hindi", word)
    return found if len(_DEVANAGARI_SIGN.sub("", found)) >= 2 else word


def brief_stems(text: str, language: str | None, title: str | None = None) -> str | None:
    """The tagged stems of ``text``'s words if ``language`` is stemmed for search, and the
    tags of its (and ``title``'s) scripts that need them whatever its language
    (:mod:`storage.search_scripts`), sorted and space-separated; None when there are none
    (CPU: run it off the event loop).

    Words are read as the indexes read them: lower case, diacritics folded, runs of letters
    (``l'école`` is ``l`` and ``ecole``); a Hindi brief's Devanagari words and its numbers.
    """
    scripts = needs_script_tags(text) or needs_script_tags(title or "")
    if language not in STEMMED_LANGUAGES and not scripts:
        return None  # the common case (an English brief) at the cost of one scan a field
    folded = _folded(text)
    found: list[Iterable[str]] = []
    if scripts:
        found.append(script_tags(f"{_folded(title or '')}\n{folded}"))
    if language == "hi":
        found.append(_tagged("hi", _DEVANAGARI_WORD.findall(folded)))
        found.append(_number_tag(number) for number in _NUMBER.findall(folded))
        found.append(_romanised_hindi_tags(_LATIN_WORD.findall(folded)))
    elif language in STEMMED_LANGUAGES:
        found.append(_tagged(language, _LETTERS.findall(folded)))
    budget = INDEX_BYTES - len(text.encode()) - _WORD_OVERHEAD * len(text.split())
    return " ".join(sorted(_within_budget(chain.from_iterable(found), budget))) or None


def _within_budget(tags: Iterable[str], budget: int) -> set[str]:
    """The distinct ``tags``, in their order, while their bytes fit ``budget``."""
    kept: set[str] = set()
    for tag in tags:
        if tag in kept:
            continue
        budget -= len(tag.encode()) + _TAG_OVERHEAD
        if budget < 0:
            break
        kept.add(tag)
    return kept


def _folded(text: str) -> str:
    """As the indexes read text: composed, lower case, diacritics folded."""
    return fold_diacritics(unicodedata.normalize("NFC", text).lower())


def _number_tag(number: str) -> str:
    return f"hi0{number.translate(_ASCII_DIGITS)}"


def latin_stems(word: str) -> tuple[str, ...]:
    """A Latin-script query word's stems (lower case, folded) in French, German and Spanish,
    untagged; none for another script or a word under three letters."""
    if not _LATIN_WORD.fullmatch(word) or len(word) < MIN_STEMMED_LETTERS:
        return ()
    return tuple(stem(STEMMED_LANGUAGES[code], word) for code in _LATIN)


def query_stems(word: str) -> tuple[str, ...]:
    """The tagged stems a query word (lower case, folded) matches: one per Latin-script
    language and one as Hindi in Latin letters for a Latin word, the Russian one for a
    Cyrillic word, the Hindi one for a Devanagari word or a number, the folded form of an Arabic
    or Hebrew word (:func:`storage.search_scripts.abjad_fold`), none for other scripts."""
    romanised: set[str] = set()
    folded = query_abjad_tags(word)
    if folded is not None:
        return folded
    if _LATIN_WORD.fullmatch(word):
        codes, romanised = _LATIN, set(_romanised_hindi_tags([word]))
    elif _CYRILLIC_WORD.fullmatch(word):
        codes = ("ru",)
    elif _DEVANAGARI_WORD.fullmatch(word):
        codes = ("hi",)
    elif _NUMBER.fullmatch(word):
        return (_number_tag(word),)
    else:
        return ()
    return tuple(sorted({*(tag for code in codes for tag in _tagged(code, [word])), *romanised}))
