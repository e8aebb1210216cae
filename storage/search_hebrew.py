# ruff: noqa: RUF002, RUF003  (Hebrew letters in comments: no look-alikes of Latin ones)
"""Hebrew words for search after the one-letter prefixes written joined to them.

Hebrew writes "the", "and", "in", "to", "from", "that" and "as" (ה ו ב ל מ ש כ) as one word
with the word after them, and strings them together (והצבא, and the army; כשהצבא, when the
army; ומהצבא, and from the army), so ``צבא`` (army) found none of ``הצבא``, ``בצבא``,
``לצבא``, ``והצבא``. With no dictionary to say where a word begins, a brief also stores every
reading of a word after a prefix that the grammar allows (:func:`hebrew_readings`), tagged as
:mod:`storage.search_abjad` tags Arabic's nouns after their article (``ab0צבא``): a query word
matches those tags, and so finds the word after any prefix. A reading is only a reading: a word
whose first letter is its own (``מלחמה``, war; ``בית``, house) is still stored as written and
found as typed, and its readings (``לחמה``) are one more tag, found only by a query for them.

The costs, and what keeps them small:
* a reading keeps three letters at least (:data:`MIN_READING_LETTERS`): Hebrew's roots have
  three, and a two-letter reading would make ``לחם`` (bread) ``חם`` (hot), ``בית`` (house)
  ``ית``, ``מלך`` (king) ``לך`` (go); ``ליל`` (night) keeps its ``ל``;
* where a frequent word's first letter is its own and the rest is another common word
  (``מדינה``, state, is not ``מ`` + ``דינה``, Dina), that reading is not stored
  (:func:`own_starts`: the 400 whose false matches weigh most by wordfreq's frequencies, and
  a few by hand); others remain, rarer (``שמירה``, guarding, is found by ``מירה``, a name);
* only the prefixes the grammar strings together: an optional ``ו``, then ``ש`` or ``כש``, then
  one of ``ה ב כ ל מ`` or ``מה`` (not ``בה``: ``ב``, ``ל`` and ``כ`` swallow the article's ``ה``,
  so ``בצבא`` is both "in an army" and "in the army").
A query word is not cut: its own first letter may be a prefix's or its own, and the word as
typed is what the reader asked for; but its article's ``ה`` is also read as ``ב``, ``ל`` and
``כ`` swallow it (``הצבא`` finds ``והצבא`` and ``בצבא``;
:func:`storage.search_abjad.query_abjad_tags`).

A quoted phrase is matched in the text, where no reading is stored: its first word is also
matched after a prefix (:func:`hebrew_spellings`: ``"צבא ההגנה"`` finds ``בצבא ההגנה``).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import product
from pathlib import Path

# The prefixes, as the grammar strings them: [ו] [ש|כש] [ה|ב|כ|ל|מ|מה], at least one.
_AND = ("", "\u05d5")
_THAT = ("", "\u05e9", "\u05db\u05e9")
_LAST = ("", "\u05d4", "\u05d1", "\u05db", "\u05dc", "\u05de", "\u05de\u05d4")
HEBREW_PREFIXES = frozenset(filter(None, map("".join, product(_AND, _THAT, _LAST))))
_LONGEST_PREFIX = max(map(len, HEBREW_PREFIXES))
# The letters a prefix opens with: a brief holding none needs no readings.
HEBREW_PREFIX_LETTERS = "\u05d1\u05d4\u05d5\u05db\u05dc\u05de\u05e9"
# Three letters, a root: "לחם" (bread) is no "חם" (hot), see the module's docstring.
MIN_READING_LETTERS = 3
# A word written just before gershayim is an acronym's head ("צה" of "צה״ל", the IDF): its
# reading after a prefix ("בצה״ל", in the IDF) may have two letters, as the query "צה״ל" does.
MIN_ACRONYM_READING_LETTERS = 2
# A phrase's first word is tried after the prefixes of one or two letters only: each is one
# more phrase to look up, and longer ones are rare before a phrase.
MAX_PHRASE_PREFIX_LETTERS = 2
# Frequent words whose first letter is their own while the rest is another common word that
# would find them ("מדינה", state, is no "דינה", Dina; "מספר", number, no "ספר", book): read
# from storage/data/hebrew_own_starts.txt (derived from wordfreq's frequencies by
# benchmarks/data/build_own_starts.py: a word written after a prefix that could not stand before
# its first letter, were that letter a prefix's, "המדינה", "במספר"), matched whole.
OWN_STARTS_FILE = Path(__file__).with_name("data") / "hebrew_own_starts.txt"
_HEBREW_LETTER = re.compile("[\u05d0-\u05ea]")
# ב, כ and ל: before them a phrase's word drops its article's ה ("הצבא": "בצבא").
_SWALLOW_ARTICLE = ("\u05d1", "\u05db", "\u05dc")


def is_hebrew(plain: str) -> bool:
    """Whether a folded word opens with a Hebrew letter."""
    return _HEBREW_LETTER.match(plain) is not None


def hebrew_readings(plain: str, *, acronym: bool = False) -> list[str]:
    """A folded Hebrew word after each prefix it may open with, longest word first
    (``והצבא`` -> ``הצבא``, ``צבא``); none for a word too short or whose first letter is its
    own (:func:`own_starts`). ``acronym``: the word is an acronym's head (two letters do)."""
    shortest = MIN_ACRONYM_READING_LETTERS if acronym else MIN_READING_LETTERS
    own = own_starts(OWN_STARTS_FILE)
    readings = []
    for cut in range(1, min(_LONGEST_PREFIX, len(plain) - shortest) + 1):
        if plain[:cut] not in HEBREW_PREFIXES:
            continue
        # The reading's word one letter longer: "ומדינה" read "ו" + "מדינה", not "ומ" + "דינה".
        if plain[cut - 1 :] not in own:
            readings.append(plain[cut:])
    return readings


def hebrew_spellings(word: str) -> list[str]:
    """A phrase's first Hebrew word after the prefixes of one or two letters (``צבא``:
    ``בצבא``, ``והצבא`` ...), and without its article after ``ב``, ``כ`` and ``ל``
    (``הצבא``: ``בצבא``)."""
    if not is_hebrew(word):
        return []
    article = word.startswith("\u05d4")  # the article's, or the word's own ("הודעה")
    swallowed = without_article(word)
    spellings = []
    for prefix in sorted(HEBREW_PREFIXES, key=lambda p: (len(p), p)):
        if len(prefix) > MAX_PHRASE_PREFIX_LETTERS:
            break
        if not (article and prefix.endswith("\u05d4")):  # no second article: "ההצבא"
            spellings.append(prefix + word)
        if swallowed is not None and prefix.endswith(_SWALLOW_ARTICLE):
            spellings.append(prefix + swallowed)
    return spellings


def without_article(word: str) -> str | None:
    """A folded Hebrew word as ``ב``, ``כ`` and ``ל`` write it after them, its article's ``ה``
    swallowed (``הצבא``: ``צבא`` of ``בצבא``), where it keeps a root's letters; None for a
    word without (its ``ה`` may be its own, as in ``הודעה``: both are read)."""
    if word.startswith("\u05d4") and len(word) > MIN_READING_LETTERS:
        return word[1:]
    return None


@cache
def own_starts(path: Path) -> frozenset[str]:
    """The words (folded) of a file of words whose first letter is their own: one a line,
    ``#`` comments; read once."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in map(str.strip, lines) if line and not line.startswith("#"))
