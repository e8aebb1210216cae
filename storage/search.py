"""Full-text search over briefs: query parsing and the per-dialect SQL.

What a query matches (the same on SQLite and PostgreSQL)
--------------------------------------------------------
* The query is split into *terms*: each ``"quoted phrase"`` (also in ``“ ”``, ``„ “``
  or ``« »``) is one term, every
  other run of letters/digits is a one-word term. Everything else (``* : ( ) -
  ' AND OR NOT``, emoji, other punctuation) is a separator, never syntax;
  ``AND``/``OR``/``NOT`` are ordinary words. A query with no letters or digits
  matches nothing (``search`` returns ``[]``).
* A brief matches when it contains **every** term (in its title, topics or text).
* A word matches case-insensitively any word of the brief that *starts with the
  word's light stem*: up to two English suffixes are stripped (plural ``s``/
  ``es``/``ies``, ``ing``, ``ed``, ``er(s)``, ``ly``, and a final ``i``/``y``/``e``),
  keeping at least 3 letters; e.g. ``israel``, ``israeli`` and ``israelis`` all
  become ``israel*`` and so find *Israel*, *Israel's*, *Israeli*, *Israelis*;
  ``economy`` → ``econom*`` finds *economic*, *economies*; ``defences`` →
  ``defenc*`` finds *defence*. So yes: ``israeli`` finds *Israel*.
  The price is some over-matching (``bank`` also finds *bankrupt*); briefs that
  contain the word exactly as typed rank higher. Words shorter than 3
  letters and words containing digits match only exactly (``uk``, ``g20``; a number also
  finds a Hindi brief writing it in Devanagari digits, below).
* A quoted phrase matches those words adjacent and in order, each word by its
  light-stem prefix as above, or by its French, German or Spanish stem where that is a
  shorter prefix of it (a phrase is matched in the text, where no brief's stems are):
  ``"Deutschen Bank"`` is ``deutsch* bank*`` and finds *Deutsche Bank*.
* There are no stop words: ``the`` matches almost everything.
* Words of any script: a Hindi word keeps its vowel signs (SQLite's index since
  migration 0010; PostgreSQL's parser always did), and is matched as typed or as the
  start of a longer word (``मंत्रालय`` finds *मंत्रालयों*). A Devanagari word is
  matched by its Hindi Snowball stem and a Cyrillic one by its Russian stem
  (:func:`script_stem`: ``नीतियों`` finds *नीति*, ``оборону`` finds *обороны*); the
  English suffixes are stripped from Latin-script words only, which also covers the
  French and Spanish plurals in ``s``/``es`` (``villes`` finds *ville*). A word alone
  (not in a phrase) also finds a French, German, Spanish, Hindi or Russian brief holding its
  stem in that brief's language (``Staaten`` finds a German *Staat*, ``Strasse`` *Straße*,
  ``Семин`` a Russian *Сёмин*, ``फौज`` a Hindi *फ़ौज*, ``2024`` a Hindi *२०२४*;
  :mod:`storage.search_stems`).
* A zero-width joiner or non-joiner inside a word (U+200D, U+200C: they choose a
  conjunct's shape in Hindi) separates words on both indexes, so a query word holding one
  is matched as the phrase of its pieces (``सुर‌क्षा`` copied from a brief finds it on
  both). The same word spelt without the joiner is another word to both indexes, but
  for a Hindi brief's stems (:mod:`storage.search_stems`).
* Arabic and Hebrew words are found with or without their vowel marks (``محمد`` finds
  *مُحَمَّد* and back), and Arabic's with or without the hamza on an alef: a brief stores
  the words that folding changes folded and tagged, and a query word matches the tag and a
  plain brief by its folded prefix; an Arabic word is also found after its article and
  particles (``جيش`` finds *الجيش*, ``غزة`` *بغزة*), a Hebrew one after its prefixes (``צבא``
  finds *בצבא*, :mod:`storage.search_hebrew`), and one of four letters or more finds the nouns
  it begins; one of three letters is matched whole (:mod:`storage.search_abjad`). A quoted
  phrase's first such word is matched after them too (``"الجيش الإسرائيلي"`` finds
  *والجيش الإسرائيلي*).
* Chinese and Japanese, written without spaces, are one word per run of Han and kana to
  both indexes; a query word of those scripts also finds a brief holding all of its pairs
  of characters anywhere in its text (a single character: itself), so ``国人`` finds
  *中国人民* (:mod:`storage.search_stems`). Thai, Lao, Khmer and Myanmar likewise, by pairs
  of units read across invisible characters between their letters and with their spellings
  that look alike folded to one (``นํ้า`` finds *น้ำ*; :mod:`storage.search_scripts`).
* Diacritics are folded on both (``cafe`` finds *Café*, ``zürich`` finds *Zurich*):
  SQLite's FTS5 folds them itself, PostgreSQL indexes folded text (migration 0007)
  and every query is folded the same way (:mod:`storage.diacritics`).

Ranking: relevance (SQLite FTS5 ``bm25``, PostgreSQL ``ts_rank``, with the
title weighted above topics above text, and the search stems at a tenth of the text)
divided by ``1 + age_days / RECENCY_HALF_LIFE_DAYS``, where age is measured from
``published_on`` (else ``ingested_at``); ties go to the newer id. Only a window of recent
briefs is ranked, which bounds the cost of very common words; with the recency decay an
older brief would need to be far more relevant to make the top ten anyway:

* The window is the ``SEARCH_WINDOW`` most recently stored briefs (highest ids)
  that contain every term, where a quoted phrase only needs **all of its words,
  anywhere** (not adjacent). The exact phrase condition is then applied to that
  window, so a phrase query returns the briefs of the window that contain the
  phrase. Without quoted phrases this is simply the newest ``SEARCH_WINDOW``
  matches.
* Consequence: a phrase match older than the ``SEARCH_WINDOW`` newest briefs
  that merely contain its words is not found (e.g. ``"world cup"`` over 100,000
  briefs: about half of the newest 1,000 briefs with both words have the
  phrase, so the newest ~540 phrase matches are ranked rather than 1,000). This
  is deliberate: checking word positions for every brief with all the words
  cost PostgreSQL 50-75 ms for common phrases (``"prime minister"``: ~11,000
  rows), while the relaxed window needs no positions, and ``/topic`` wants the
  most recent matches anyway. Both dialects use the same window.
* How PostgreSQL finds the window (same result either way): when a sample of
  the newest briefs shows the words are common, it walks the newest briefs
  backwards and stops at the window's size; otherwise the GIN index of the
  narrow ``brief_search_index`` table (id + lexemes, migration 0003) lists every
  match without touching the wide ``briefs`` rows. See
  :mod:`storage.repositories.brief_search`.

``BriefRepository.matching(query, among_ids)`` (follow alerts) applies the same
matching to the given ids only, with no window: every given id is checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from storage.diacritics import fold_diacritics
from storage.search_abjad import (
    abjad_fold,
    abjad_spellings,
    is_abjad_word,
    query_abjad_prefixes,
)
from storage.search_scripts import join_sea_runs, query_pair_tags
from storage.search_stems import latin_stems, query_stems, stem

MAX_TERMS = 12
MAX_QUERY_CHARS = 500
MIN_PREFIX_LETTERS = 3
RECENCY_HALF_LIFE_DAYS = 14.0
SEARCH_WINDOW = 1000

# Longest first; stripping stops at the first suffix that leaves >= 3 letters.
_SUFFIXES = ("ies", "ing", "ers", "es", "ed", "er", "ly", "s", "i", "y", "e")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|([^"]+)')
# Typographic double quotes, as phones type them and as French and German write them.
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u00ab\u00bb"), '"')
_HEBREW_ACRONYM = re.compile('(?<=[\u05d0-\u05ea])"(?=[\u05d0-\u05ea])')


def _mark_class() -> str:
    """Every combining mark of the Basic Multilingual Plane as a ``[...]`` class body (the
    twin of :mod:`summarizer.marks`, which storage may not import)."""
    marks = {code for code in range(0x10000) if unicodedata.category(chr(code))[0] == "M"}
    starts = sorted(code for code in marks if code - 1 not in marks)
    ends = sorted(code for code in marks if code + 1 not in marks)
    return "".join(
        f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in zip(starts, ends, strict=True)
    )


# A word: letters and digits, and the combining marks inside it. Marks are no \w to re, yet
# every script's vowel signs, viramas and points belong to their word (``मंत्रालय``,
# ``தமிழ்நாடு``, ``مُحَمَّد`` are one word each, not pieces): as the summarizer's tokens and
# both indexes read it (FTS5's categories 'L* N* Co M*', migration 0012; PostgreSQL's parser).
_MARKS = f"{_mark_class()}\u200c\u200d"
WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")
_MARK = re.compile(rf"[{_MARKS}]")
_JOINER = re.compile("[\u200c\u200d]+")
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")

SEARCH_TABLES = frozenset(
    {"briefs_fts", "briefs_fts_data", "briefs_fts_idx", "briefs_fts_docsize",
     "briefs_fts_config", "briefs_fts_content", "brief_search_index"}
)
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_briefs_search_vector"


@dataclass(frozen=True)
class MatchWord:
    """One query word: the exact form (lower case), the prefix to match, if any, and the
    tagged stems of French, German, Spanish, Hindi and Russian briefs it matches alone
    (:mod:`storage.search_stems`)."""

    exact: str
    prefix: str | None
    stems: tuple[str, ...] = ()
    # Chinese and Japanese: tags a brief must hold all of (its pairs of characters), one more
    # way to match besides the others (:mod:`storage.search_stems`).
    all_of: tuple[str, ...] = ()
    # Arabic: more starts of words or tags that match (storage.search_abjad's nouns).
    prefixes: tuple[str, ...] = ()
    # A phrase's first Arabic or Hebrew word: its forms after a particle or prefix, each
    # matched in its place instead ("الجيش": "والجيش"; storage.search_abjad.abjad_spellings).
    spellings: tuple[MatchWord, ...] = ()


@dataclass(frozen=True)
class SearchTerm:
    """A single word, or the words of a quoted phrase (adjacent, in order).

    A word that holds a joiner is the phrase of its pieces (as both indexes split it) or,
    as ``alternative``, the word without its joiners alone: a brief spelling it so, and a
    Hindi brief's stems (which read words without joiners), so either spelling finds both.
    """

    words: tuple[MatchWord, ...]
    alternative: MatchWord | None = None

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


def light_stem(word: str) -> str:
    """Strip up to two common English suffixes, keeping at least three letters."""
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_PREFIX_LETTERS:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def script_stem(word: str) -> str | None:
    """The Snowball stem of a Hindi (Devanagari) or Russian (Cyrillic) word, if it is a prefix
    of the word long enough to match by (two letters, marks aside: ``देशों`` -> ``देश``).

    The script tells the language, so the stem is that language's own: ``नीतियों`` (policies,
    oblique) -> ``नीत``, which finds ``नीति``; ``обороны`` -> ``оборон``. Latin script is
    shared by English, French, German and Spanish, whose stemmers disagree (Spanish stems
    ``soldados`` to ``sold``): those keep :func:`light_stem`, and each brief's own
    language's stems (:mod:`storage.search_stems`).
    """
    if _DEVANAGARI.search(word):
        found, script = stem("hindi", word), _DEVANAGARI
    elif _CYRILLIC.search(word):
        found, script = stem("russian", word), _CYRILLIC
    else:
        return None
    letters = _MARK.sub("", found)
    # Only the script's own letters: a mixed word's stem may be its Latin part alone
    # ("deों" -> "de"), which as a prefix would reach every tagged stem "de0...".
    in_script = len(script.findall(letters)) == len(letters)
    long_enough = len(letters) >= 2 and letters.isalpha()
    return found if word.startswith(found) and long_enough and in_script else None


def _match_word(raw: str, *, in_phrase: bool = False) -> MatchWord:
    word = _plain_match_word(raw, in_phrase=in_phrase)
    if in_phrase:
        return word
    pairs = query_pair_tags(word.exact)
    prefixes = query_abjad_prefixes(word.exact)
    return replace(word, all_of=pairs, prefixes=prefixes) if pairs or prefixes else word


def _plain_match_word(raw: str, *, in_phrase: bool) -> MatchWord:
    exact = raw.lower()
    letters = _MARK.sub("", exact)  # a Hindi word is letters and marks
    if not letters.isalpha():  # a number matches a Hindi brief's in either digits
        return MatchWord(exact=exact, prefix=None, stems=query_stems(exact))
    stem = script_stem(exact)
    if stem is not None:
        return MatchWord(exact=exact, prefix=stem, stems=query_stems(exact))
    abjad = is_abjad_word(exact)
    if len(letters) < MIN_PREFIX_LETTERS or (abjad and len(letters) == MIN_PREFIX_LETTERS):
        # A short Hindi word is no prefix, but its spellings are one tag (storage.search_stems);
        # a short Arabic or Hebrew one is found by its tag, and as written without its marks
        # (three letters are a root: "علي", Ali, began "عليه", on him, and most briefs).
        stems = query_stems(exact) if _DEVANAGARI.search(exact) or abjad else ()
        plain = abjad_fold(exact) if abjad else exact
        if plain != exact:
            stems = (*stems, plain)
        return MatchWord(exact=exact, prefix=None, stems=stems)
    plain = abjad_fold(exact)
    if plain != exact and not in_phrase and len(plain) >= MIN_PREFIX_LETTERS:
        # Arabic or Hebrew typed with its vowel marks (or hamza): a brief writing the word
        # plain by its prefix, one writing it so by the word, any spelling by the tag.
        return MatchWord(exact=exact, prefix=plain, stems=query_stems(exact))
    prefix = light_stem(exact)
    if in_phrase:
        # Alone, a word finds a brief's own-language stems (``stems``); a phrase's words are
        # matched in the text, so a shorter stem that begins the word is their prefix:
        # "deutschen" -> "deutsch". Never for a word alone: "soldados" -> "sold" would find
        # an English *sold*, which a phrase's other words and their order all but rule out.
        begins = [
            s for s in latin_stems(exact) if exact.startswith(s) and len(s) >= MIN_PREFIX_LETTERS
        ]
        prefix = min([prefix, *begins], key=len)
    return MatchWord(exact=exact, prefix=prefix, stems=query_stems(exact))


def parse_query(query: str) -> list[SearchTerm]:
    """The terms of a user query; empty when it has no letters or digits."""
    text = fold_diacritics(unicodedata.normalize("NFC", query[:MAX_QUERY_CHARS]))
    text = text.translate(_QUOTES)  # a phone's smart quotes quote a phrase too
    # A Hebrew keyboard types '"' for gershayim inside an acronym (ארה"ב, צה"ל): no quote.
    text = _HEBREW_ACRONYM.sub("\u05f4", text)
    terms: list[SearchTerm] = []
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, loose = match.groups()
        if phrase is not None:
            words = tuple(_match_word(w, in_phrase=True) for w in _index_words(phrase))
            if len(words) > 1:  # "الجيش الإسرائيلي" finds "والجيش الإسرائيلي" too
                first = words[0]  # each spelling matched whole, or by its start, as it is
                spelt = tuple(
                    MatchWord(exact=w, prefix=w if first.prefix else None)
                    for w in abjad_spellings(first.exact)
                )
                words = (replace(first, spellings=spelt), *words[1:])
            if words:
                terms.append(SearchTerm(words))
        else:
            # An invisible character between two Thai, Lao, Khmer or Myanmar letters (a
            # zero-width space) is read as a joiner is: the word is the phrase of its pieces,
            # as both indexes split it (and a brief ingested with a space there holds it), or
            # the word without it, whose pairs a brief's tags read across such characters.
            for word in WORD.findall(join_sea_runs(loose, "\u200c")):
                pieces = tuple(_match_word(w) for w in _index_words(word))
                joined = _JOINER.sub("", word)
                alternative = _match_word(joined) if len(pieces) > 1 else None
                if pieces:
                    terms.append(SearchTerm(pieces, alternative))
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_TERMS]


def _index_words(text: str) -> list[str]:
    """The words of ``text`` as both indexes split them: at the joiners too."""
    return [piece for word in WORD.findall(text) for piece in _JOINER.split(word) if piece]


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: the search objects live only in migrations, not in the models."""
    if type_ == "table" and name in SEARCH_TABLES:
        return False
    if type_ == "column" and name == SEARCH_COLUMN:
        return False
    return not (type_ == "index" and name == SEARCH_INDEX)
