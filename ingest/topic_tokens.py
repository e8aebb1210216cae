"""How :mod:`ingest.topics` reads a text: its sentences, words and initialisms, and where
punctuation parts two names."""

from __future__ import annotations

import re

from summarizer.marks import WORD_MARKS
from summarizer.segmentation import WIDE_STOPS

# Every script's vowel signs and viramas are no \w to re, yet part of their word.
WORDS = re.compile(rf"[^\W\d_][\w'\u2019&{WORD_MARKS}-]*[\w{WORD_MARKS}]|[^\W\d_]")
# An initialism is one token ("U.S.", "EE.UU."), kept only in capitals: "a.m." is two words.
_TOKEN = re.compile(rf"(?:[^\W\d_]{{1,2}}\.){{2,}}|{WORDS.pattern}|&(?=\s)")
# Spanish's doubled-capital pairs ("EE. UU.", "FF. AA.") are read without their space, as
# "EE.UU." (a spelling the Spanish press also uses), so they are one initialism.
_DOUBLED_PAIR = re.compile(r"\b([^\W\d_])\1\.\s([^\W\d_])\2\.")
# A middle initial ends no sentence: "President Donald J. Trump" was "Donald J" and "Trump".
# (Not before a word that opens sentences: "World War I. The ...", "Plan B. It ...".)
_OPENING_WORDS = "The|A|An|In|On|At|It|He|She|They|We|This|But|And"
_INITIAL = rf"(?<!\s[A-Z]\.)|(?<=\s[A-Z]\.)(?=\s+(?:{_OPENING_WORDS})\b)"
SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?:;\u0964\u0965])(?:{_INITIAL})\s+|(?<=[{WIDE_STOPS}])\s*|\n+"
)
# A hyphen between words is a dash ("Die Lage ist ernst - Der Kanzler schweigt"), as are an
# ellipsis, a bullet or a bar (a slash joins: "HIV/Aids", "Blue Gene/L").
_NAME_BREAK = re.compile("[,;:()\\[\\]\"\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026\u2022|-]")


def join_pairs(text: str) -> str:
    """``text`` with its doubled-capital pairs written without their space ("EE.UU.")."""
    return _DOUBLED_PAIR.sub(lambda p: "".join(p[0].split()) if p[0].isupper() else p[0], text)


def text_tokens(text: str) -> list[str]:
    """Words and initialisms; dotted lower-case pieces ("a.m.") are words each."""
    return [token for token, _ in tokens_and_breaks(text)]


def tokens_and_breaks(text: str) -> list[tuple[str, bool]]:
    """:func:`text_tokens`, each with whether punctuation no name spans comes before it (a comma,
    a bracket, a quote, a dash: "Britain, France and Germany" is three names, not one)."""
    found: list[tuple[str, bool]] = []
    end = 0
    for match in _TOKEN.finditer(text):
        token = match[0]
        pieces = WORDS.findall(token) if "." in token and not token.isupper() else [token]
        breaks = _NAME_BREAK.search(text, end, match.start()) is not None
        found += [(piece, breaks and n == 0) for n, piece in enumerate(pieces)]
        end = match.end()
    return found


def shout_to_lower(title: str) -> str:
    letters = [c for c in title if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if not letters or upper <= 0.6 * len(letters):
        return title
    # Initialisms stay as they are written in the text: "U.S. SENDS" is "U.S. sends".
    return _TOKEN.sub(lambda token: token[0] if "." in token[0] else token[0].lower(), title)
