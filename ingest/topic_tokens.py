"""How :mod:`ingest.topics` reads a text: its sentences, words and initialisms, and where
punctuation parts two names."""

from __future__ import annotations

import re

from ingest.topic_titles import is_title
from summarizer.marks import WORD_MARKS
from summarizer.segmentation import WIDE_STOPS

# Every script's vowel signs and viramas are no \w to re, yet part of their word.
WORDS = re.compile(rf"[^\W\d_][\w'\u2019&{WORD_MARKS}-]*[\w{WORD_MARKS}]|[^\W\d_]")
# An initialism is one token ("U.S.", "EE.UU."), kept only in capitals: "a.m." is two words.
# A Hebrew acronym is one word with its gershayim (or the quote typed for them): "צה״ל", the
# IDF, was "צה" and "ל", too short to be topics, so the army was never one.
_HEBREW_ACRONYM = "[\u05d0-\u05ea]+[\"\u05f4\u201d][\u05d0-\u05ea]"
_TOKEN = re.compile(rf"(?:[^\W\d_]{{1,2}}\.){{2,}}|{_HEBREW_ACRONYM}|{WORDS.pattern}|&(?=\s)")
# Spanish's doubled-capital pairs ("EE. UU.", "FF. AA.") are read without their space, as
# "EE.UU." (a spelling the Spanish press also uses), so they are one initialism.
_DOUBLED_PAIR = re.compile(r"\b([^\W\d_])\1\.\s([^\W\d_])\2\.")
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?:;\u0964\u0965])\s+|(?<=[{WIDE_STOPS}])\s*|\n+")
# A middle initial ends no sentence: "President Donald J. Trump" was "Donald J" and "Trump".
# It follows a capitalised name and comes before one; not before a word that opens sentences
# ("World War I. The ..."), nor after a word that names things by a letter ("Area C. Israel
# said", "Plan B. Putin signed", "Gebiet C. Israel").
_INITIAL_END = re.compile(r"(?:^|\s)([A-Z][^\W\d_]*)\s[A-Z]\.$")
# Initials after a role or an honorific ("Shri B.P. Singh", "Lt Gen A. K. Singh", "Dr. S.
# Jaishankar", as Indian releases name people) end no sentence; after any other word they are
# as often a place's ("Washington D.C. Trump said ...").
_ROLE_INITIALS_END = re.compile(r"(?:^|\s)([A-Z][^\W\d_]*)\.?\s(?:[A-Z]\.\s?){0,2}[A-Z]\.$")
# A role's or an honorific's abbreviation before an initial ("Dr. S. Jaishankar", "Gen. M. M.
# Naravane"): its stop ends no sentence either.
_ABBREVIATION_END = re.compile(r"(?:^|\s)([A-Z][a-z]{0,3})\.$")
_INITIAL_NEXT = re.compile(r"[A-Z]\.(?:\s|$)")
_HONORIFIC_WORDS = "shri smt sri mr mrs ms dr prof sir dame"
_HONORIFICS = frozenset(_HONORIFIC_WORDS.split())
_NAME_NEXT = re.compile(r"[A-Z][^\W\d_]*\b")
_OPENING_WORD_LIST = "The A An In On At It He She They We This But And"
_OPENING_WORDS = frozenset(_OPENING_WORD_LIST.split())
_LETTERED_WORDS = """
    area zone plan annex appendix group phase sector section article part category class level
    type option stage tier point block gate line schedule exhibit figure table vitamin hepatitis
    área zona anexo grupo fase sección parte gebiet sektor anhang abschnitt teil paragraf stufe
"""
_LETTERED = frozenset(_LETTERED_WORDS.split())
# A hyphen between words is a dash ("Die Lage ist ernst - Der Kanzler schweigt"), as are an
# ellipsis, a bullet or a bar (a slash joins: "HIV/Aids", "Blue Gene/L").
_NAME_BREAK = re.compile("[,;:()\\[\\]\"\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026\u2022|-]")
# A web or mail address is no word of the brief's ("https", "www", "pib", "gov" of a release's
# list of references were topics).
# (A mail address is looked for from a word's start only: from every letter of a hostile
# 100,000-letter word, the search took a minute.)
_ADDRESS = re.compile(
    r"(?:https?://|(?<![\w.])www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE
)


def sentences(text: str) -> list[str]:
    """``text``'s sentences, as names read them (a middle initial ends none, nor a role's
    initials)."""
    found: list[list[str]] = []  # each sentence's pieces: joined once, a hostile chain too
    pieces = _SENTENCE_BREAK.split(text)
    for index, piece in enumerate(pieces):
        # the last pieces: initials are pieces of their own ("Dr.", "S.", "Jaishankar ...")
        if found and _after_initial(" ".join(pieces[max(0, index - 3) : index]), piece):
            found[-1].append(piece)
        else:
            found.append([piece])
    return [" ".join(pieces) for pieces in found]


def _after_initial(before: str, piece: str) -> bool:
    """Whether ``before`` ends in a name's middle initial, initials after a role, or a role's
    abbreviation before an initial, that ``piece`` goes on from."""
    name = _NAME_NEXT.match(piece)
    initial_next = _INITIAL_NEXT.match(piece) is not None  # "A." is an initial, no article
    if name is None or (name[0] in _OPENING_WORDS and not initial_next):
        return False
    tail = before[-60:]
    initial = _INITIAL_END.search(tail)
    if initial is not None and initial[1].lower() not in _LETTERED:
        return True
    role = _ROLE_INITIALS_END.search(tail)
    if role is None and initial_next:
        role = _ABBREVIATION_END.search(tail)
    return role is not None and (role[1].lower() in _HONORIFICS or is_title(role[1]))



def without_addresses(text: str) -> str:
    """``text`` with a line break for each web or mail address (it ends a name too)."""
    return _ADDRESS.sub("\n", text)


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
