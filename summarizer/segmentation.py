"""Data-free English sentence and word segmentation (no NLTK data, no network).

The splitter is a small rule-based scanner, built from general English news rules:

1. Blocks.  Text is cut into paragraphs on blank lines; a line's blockquote
   marks (``>``) are dropped.  Inside a paragraph a line break is a boundary
   before a list item (``-``, ``*``, ``+``, ``•``, ``1.``, ``2)``, ``(a)``) or a
   markdown heading (``#``), after a markdown heading, and around a heading-like
   line (at most 12 words, no terminal punctuation) unless the text continues in
   lowercase or the line ends in a function word (``the``, ``of``, ...).  Other
   line breaks (hard-wrapped prose) are joined with a space.
2. Candidates.  Inside a block every run of ``.``, ``!``, ``?`` or ``…``
   plus any closing quotes/brackets is a candidate.  Followed by whitespace it
   is a boundary when the next character is not lowercase (so ``"Why?" he
   asked`` and ``approx. five`` stay whole) and, for a single period, the word
   before it is

   * not a title or prefix that always precedes a name (``Mr.``, ``Dr.``,
     ``Gen.``, ``Lt.``, ``Col.``, ``St.``, ``Rs.``, ``Shri``, ...);
     all-caps words (``MS.``, ``SEC.``) are acronyms, not titles;
   * not ``No.``, ``Vol.``, ``pp.`` ... when a number follows (``No. 5``);
   * for an abbreviation that may also end a sentence (``Inc.``, ``Co.``,
     ``Ltd.``, ``Jan.``) or an initial or initialism (``J.``, ``U.S.``,
     ``A.P.J.``): a boundary only if the next word is a common sentence starter
     (``The``, ``He``, ``But``, ...), as in Punkt's orthographic heuristic.

   A quote followed by a space after a boundary closes the sentence, so it stays
   with it.
3. Missing space.  A terminator directly followed by a capitalised word
   (``$10.9bn.For``) is a boundary only when the character before it is a
   lowercase letter, digit, ``%`` or ``)``, the next word has a lowercase second
   letter, and the word before is not an abbreviation, initialism (``U.S.A``),
   URL, e-mail address, domain (``example.Com``) or dotted number (``1.2.Beta``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.lookback import TokenLookback

__all__ = [
    "SHORT_HEADING_WORDS",
    "BriefTokenizer",
    "is_heading_like",
    "is_marked_line",
    "iter_blocks",
    "list_marker_end",
    "split_block",
    "split_sentences",
    "tokenize_words",
]

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Typographic quotes and dashes are written as escapes to keep the source ASCII-clean.
_OPENERS = "\"'\u201c\u2018(["
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_OPEN = re.escape(_OPENERS)
_CLOSE = re.escape(_CLOSERS)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LIST_MARKER = re.compile(
    r"(?:[-*+\u2022\u2023\u25e6\u2013\u2014]|\d{1,3}[.)]|\(?[a-zA-Z0-9]{1,3}\))(?=\s|$)"
)
_HEADING_MARK = re.compile(r"#{1,6}\s")
_TERMINAL_END = re.compile(rf"[.!?\u2026:;,][{_CLOSE}*_]*$")
_SENTENCE_END = re.compile(rf"[.!?\u2026:][{_CLOSE}*_]*$")
_CANDIDATE = re.compile(rf"(?:\.{{2,}}|\u2026|[.!?]+)[{_CLOSE}]*")
_NEXT_WORD = re.compile(rf"[{_OPEN}]*([^\s{_CLOSE}.,;:!?]*)(\.?)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?$")
_QUOTES = frozenset("\"'\u201d\u2019")
_NUMBERISH = re.compile(r"[(\[]?(?:\d|[IVXLC]+\b)")
# Tokens are ``(?:[A-Za-z]\.){2,}|[^\W_]+(?:['\u2019\-][^\W_]+|(?<=\d)[.,](?=\d)[^\W_]+)*``,
# spelled so that re runs faster: the first branch unrolled, and possessive quantifiers
# where backtracking can never find another match (nothing follows them).
_TOKEN = re.compile(
    r"[A-Za-z]\.(?:[A-Za-z]\.)+|[^\W_]++(?:['\u2019\-][^\W_]+|(?<=\d)[.,](?=\d)[^\W_]+)*+"
)
# On ASCII text the ASCII-only classes match exactly the same, and faster.
_ASCII_TOKEN = re.compile(_TOKEN.pattern, re.ASCII)

# Always followed by a name or number, never the last word of a sentence.
_PREFIX_ABBREVIATIONS = _words(
    """
    mr mrs ms mx dr prof gen lt col maj capt cpt cmdr cdr adm brig sgt cpl pvt
    rev fr hon sen rep gov pres supt insp det st mt ft rs sh shri smt vs v cf viz
    approx dept
    """
)
# Abbreviations that precede a number: "No. 5", "Vol. II", "pp. 3-7".
_NUMBER_ABBREVIATIONS = _words("no nos nr art sec fig figs vol vols ch chap pp para paras")
# Abbreviations that may also end a sentence.
_AMBIGUOUS_ABBREVIATIONS = _words(
    """
    inc co corp ltd plc llc bros jr sr esq al jan feb apr jun jul aug sep sept
    oct nov dec tue tues thu thur thurs ave blvd rd govt
    """
)
# Closed-class words that commonly open a sentence (Punkt-style heuristic).
_SENTENCE_STARTERS = _words(
    """
    the a an this that these those it its he she they we i you his her their
    our my your there here but and or so yet however meanwhile also in on at
    for from with by after before as if when while since although though
    during under what who why how where which some many most all both each
    one two three no not nor then thus still now today yesterday tomorrow
    last next other another such mr mrs ms dr according despite instead
    """
)
_LONGEST_ABBREVIATION = max(map(len, _PREFIX_ABBREVIATIONS | _AMBIGUOUS_ABBREVIATIONS))
SHORT_HEADING_WORDS = 12
# A line ending in one of these continues on the next line even if it is short.
_CONTINUATION_WORDS = _words(
    "a an the of to in on at by for from with and or but as that is was are were be"
)


def is_marked_line(line: str) -> bool:
    """A markdown heading or a list item: always a block of its own."""
    return _HEADING_MARK.match(line) is not None or _LIST_MARKER.match(line) is not None


def list_marker_end(block: str) -> int:
    """Where the text of a list item starts after its marker; 0 if ``block`` is no list item."""
    marker = _LIST_MARKER.match(block)
    return marker.end() if marker else 0


def is_heading_like(line: str) -> bool:
    """A short line without terminal punctuation (a title or section heading)."""
    return _TERMINAL_END.search(line) is None and len(line.split()) <= SHORT_HEADING_WORDS


def _starts_block(prev: str, line: str, following: str | None) -> bool:
    """Is the line break between ``prev`` and ``line`` a block boundary?"""
    if is_marked_line(line) or _HEADING_MARK.match(prev):
        return True
    if line[0].islower():
        return False  # hard-wrapped prose or a wrapped list item
    if is_heading_like(prev) and prev.rsplit(None, 1)[-1].lower() not in _CONTINUATION_WORDS:
        return True
    return (
        is_heading_like(line)
        and _SENTENCE_END.search(prev) is not None
        and (following is None or not following[0].islower())
    )


def _drop_blockquote_marks(line: str) -> str:
    """Drop the run of ``>`` marks that opens a line (after its indent), in linear time.

    What ``re.sub(r"^\\s*(?:>[ \\t]?)+", "", line)`` would do; a ``>`` inside the text
    (``Price > 5``) is the text's own.
    """
    first = line.find(">")
    if first < 0 or (first > 0 and not line[:first].isspace()):
        return line
    end = first
    while end < len(line) and line[end] == ">":
        end += 1
        if end < len(line) and line[end] in " \t":
            end += 1
    return line[: len(line[:first].rstrip())] + line[end:]


def iter_blocks(text: str) -> Iterator[str]:
    """Yield stripped paragraph/line blocks; no sentence spans two blocks."""
    for paragraph in _PARAGRAPH_BREAK.split(text):
        lines = [
            stripped
            for line in paragraph.splitlines()
            if (stripped := _drop_blockquote_marks(line).strip())
        ]
        current: list[str] = []
        for i, line in enumerate(lines):
            following = lines[i + 1] if i + 1 < len(lines) else None
            if current and _starts_block(current[-1], line, following):
                yield " ".join(current)
                current = []
            current.append(line)
        if current:
            yield " ".join(current)


def _is_boundary_with_space(
    block: str, match: re.Match[str], next_start: int, lookback: TokenLookback
) -> bool:
    nxt = block[next_start]
    if nxt.islower():
        return False
    term = match.group()
    if term[0] != "." or term.startswith(".."):
        return True
    token = block[lookback.start(match.start()) : match.start()]  # tokens never overlap here
    word = token.lower()
    if len(token) > 1 and token.isupper():
        word = ""  # "MS.", "FT.", "SEC." are acronyms, not "Ms.", "Ft.", "Sec."
    if word in _PREFIX_ABBREVIATIONS:
        return False
    if word in _NUMBER_ABBREVIATIONS:
        return _NUMBERISH.match(block, next_start) is None
    initialism = ("." in token or (len(token) == 1 and token.isalpha())) and (
        _INITIALISM.match(token + ".") is not None
    )
    ambiguous = word in _AMBIGUOUS_ABBREVIATIONS or initialism
    if not ambiguous:
        return True
    next_match = _NEXT_WORD.match(block, next_start)
    if next_match is None or next_match.group(2):
        return False
    return next_match.group(1).lower() in _SENTENCE_STARTERS


def _is_boundary_no_space(block: str, match: re.Match[str], lookback: TokenLookback) -> bool:
    end = match.end()
    if not (block[end].isupper() and end + 1 < len(block) and block[end + 1].islower()):
        return False
    before = block[match.start() - 1] if match.start() > 0 else " "
    if not (before.islower() or before.isdigit() or before in "%)"):
        return False
    # Without a space the token may be the whole block: ask the index, never rescan it.
    pos = match.start()
    start = lookback.start(pos)
    if lookback.has_url_mark(start, pos) or block[start : min(pos, start + 3)].lower() == "www":
        return False
    word = block[start:pos].lower() if pos - start <= _LONGEST_ABBREVIATION else ""
    if word in _PREFIX_ABBREVIATIONS or word in _AMBIGUOUS_ABBREVIATIONS:
        return False
    # "U.S.A" is an initialism and "1.2.Beta" a version, not "1.2. Beta"
    return not lookback.has_dotted_letters(start, pos) and not lookback.ends_in_dotted_number(
        start, pos
    )


def split_block(block: str) -> list[str]:
    """Split one block (no paragraph or list boundaries inside) into sentences."""
    sentences: list[str] = []
    start = 0
    n = len(block)
    lookback = TokenLookback(block, _OPENERS)
    for match in _CANDIDATE.finditer(block, list_marker_end(block)):
        end = match.end()
        if end >= n:
            break
        if block[end].isspace():
            next_start = end + 1
            while next_start < n and block[next_start].isspace():
                next_start += 1
            if next_start >= n or not _is_boundary_with_space(
                block, match, next_start, lookback
            ):
                continue
            after = block[next_start + 1 : next_start + 2]
            if block[next_start] in _QUOTES and (not after or after.isspace()):
                end = next_start + 1  # a quote followed by a space closes, not opens
        elif not _is_boundary_no_space(block, match, lookback):
            continue
        sentence = block[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = block[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """Return every sentence of ``text``, verbatim apart from joined line breaks."""
    return [sentence for block in iter_blocks(text) for sentence in split_block(block)]


def tokenize_words(sentence: str) -> list[str]:
    """Word tokens: ``1.13bn``, ``2,000.5``, ``don't``, ``U.S.`` stay whole; punctuation dropped."""
    return (_ASCII_TOKEN if sentence.isascii() else _TOKEN).findall(sentence)


class BriefTokenizer:
    """A sumy-compatible tokenizer that needs no NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokenize_words(sentence))
