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
   with it; so does a closing guillemet or bracket after a space (French's ``le cas. »
   Quant``), unless a comma, ``;``, ``:`` or a dash follows it.  A dash and a lower-case
   word after a terminator (a quote's attribution, ``!» — dit-il``) is no boundary.
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
from summarizer.marks import WORD_MARKS
from summarizer.splitting_rules import DATED_OPENING_WORDS, SplitRules, split_rules

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
_OPENERS = "\"'\u201c\u2018\u201e\u00ab\u2039\u203a\u00bf\u00a1(["
# \u201c opens a quote in English and closes one in German („so“), and so do \u00ab and the
# single guillemets \u2039 \u203a, which open in French and close in German (\u00bbso\u00ab,
# \u203aso\u2039): right after a terminator, with no space between, each closes.
_CLOSERS = "\"'\u201d\u2019\u00bb\u201c\u00ab\u2039\u203a)]"
# A terminator before these, even after a space, is inside the quote or bracket they close;
# but a \u00bb a letter or digit follows opens a quote, as German and Danish write them
# ("entschieden. \u00bbWir ..."): French puts a space inside its guillemets.
_ONLY_CLOSING = "\u00bb\u201d)]"
# Dashes that introduce a quote's attribution in French, Spanish and Russian ("\u2014 dijo").
_DASHES = "-\u2013\u2014"
_OPEN = re.escape(_OPENERS)
_CLOSE = re.escape(_CLOSERS)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LIST_MARKER = re.compile(
    r"(?:[-*+\u2022\u2023\u25e6\u2013\u2014]|\d{1,3}[.)]|\(?[a-zA-Z0-9]{1,3}\))(?=\s|$)"
)
_HEADING_MARK = re.compile(r"#{1,6}\s")
# Full stops of other scripts, never inside a word or number: the danda and double danda of
# Devanagari (Hindi, Marathi, Nepali, Sanskrit), the Arabic script's full stop (Urdu) and
# question mark (Arabic, Persian, Urdu), and the ideographic full stop and the full-width
# marks of Chinese and Japanese.
WIDE_STOPS = "\u3002\uff01\uff1f"  # Chinese and Japanese: no space follows them
_SCRIPT_STOPS = "\u0964\u0965\u06d4\u061f" + WIDE_STOPS
_TERMINAL_END = re.compile(rf"[.!?\u2026:;,{_SCRIPT_STOPS}][{_CLOSE}*_]*$")
_SENTENCE_END = re.compile(rf"[.!?\u2026:{_SCRIPT_STOPS}][{_CLOSE}*_]*$")
_CANDIDATE = re.compile(rf"(?:\.{{2,}}|\u2026|[.!?]+|[{_SCRIPT_STOPS}]+)[{_CLOSE}]*")
_NEXT_WORD = re.compile(rf"[{_OPEN}\u00bb]*([^\s{_CLOSE}.,;:!?]*)(\.?)")
_SHORT_NUMBER = re.compile(r"[-\u2013]?\d{1,2}")
# Initials in any alphabet, hyphenated too: "J. R.", "É. Philippe", "J.-P. Martin", "Д. Ж.".
_INITIALISM = re.compile(r"(?:[^\W\d_]\.-?)+[^\W\d_]?\.?$")
_QUOTES = frozenset("\"'\u201d\u2019")
# Devanagari initials ("बी.सी.", "जी.डी.पी.", "बी. सी.": B.C., GDP): pieces of at most three
# code points (a letter, its vowel sign, or a letter's name such as "एम") joined by periods.
# Hindi ends its sentences with the danda, so a period inside or after such a chain is never
# taken for a boundary. The dandas themselves (U+0964, U+0965) are no part of a piece.
_DEVANAGARI_LETTER = "[\u0900-\u0963\u0966-\u097f]"  # letters and signs, the dandas aside
_DEVANAGARI_PIECE = f"{_DEVANAGARI_LETTER}{{1,3}}"
_DEVANAGARI_CHAIN = re.compile(rf"{_DEVANAGARI_PIECE}(?:\.{_DEVANAGARI_PIECE})*")
_DEVANAGARI_INITIAL_AHEAD = re.compile(rf"{_DEVANAGARI_PIECE}\.")
_DEVANAGARI_INITIAL_BEHIND = re.compile(rf"(?:^|[\s.]){_DEVANAGARI_PIECE}\.\s*$")
# A piece of one or two code points alone before a Devanagari word (a letter and its vowel
# sign, or two letters: "पी. चिदंबरम", "वी. कामत", "आर. हरि", "ले. जन."; P., V., R., Lt. Gen.)
# is an initial or a title's abbreviation too, unless it is one of the short verbs and
# auxiliaries that end a sentence written with a period for the danda ("यह सही है. अब ...").
# Longer words ("कहा", "आया") are no initials: before them a period ends the sentence.
_DEVANAGARI_WORD_AHEAD = re.compile(_DEVANAGARI_LETTER)
_DEVANAGARI_SHORT_ENDINGS = frozenset(["है", "था", "थी", "थे", "हो", "गई", "गए", "की", "दी", "ली"])
_NUMBERISH = re.compile(r"[(\[]?(?:\d|[IVXLC]+\b)")
# Tokens are ``(?:[A-Za-z]\.){2,}|[^\W_]+(?:['\u2019\-][^\W_]+|(?<=\d)[.,](?=\d)[^\W_]+)*``,
# spelled so that re runs faster: the first branch unrolled, and possessive quantifiers
# where backtracking can never find another match (nothing follows them). On ASCII text the
# ASCII-only classes are faster.
_ASCII_TOKEN = re.compile(
    r"[A-Za-z]\.(?:[A-Za-z]\.)+|[^\W_]++(?:['\u2019\-][^\W_]+|(?<=\d)[.,](?=\d)[^\W_]+)*+",
    re.ASCII,
)
# Combining marks are no ``\w`` to re, yet they are part of a word: the vowel signs, virama
# and nasal marks of Devanagari (``हिन्दी`` is one word, not ``ह न द``) and of every other
# script (:mod:`summarizer.marks`), the joiners that shape conjuncts, and the combining
# accents of decomposed Latin text.
_MARKS = f"{WORD_MARKS}\u200c\u200d"
# Chinese and Japanese write no spaces between words and no segmenter is at hand: each Han
# or kana character that starts a token is a token of its own (character statistics are what
# ranking has for them). A Latin word written against them may run on into them: rare.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTERS = rf"[^\W_](?:[^\W_]|[{_MARKS}])*+"
_TOKEN = re.compile(
    rf"[{CJK}]|[A-Za-z]\.(?:[A-Za-z]\.)+"
    rf"|{_LETTERS}(?:['\u2019\-]{_LETTERS}|(?<=\d)[.,](?=\d){_LETTERS})*+"
)

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
    block: str,
    match: re.Match[str],
    next_start: int,
    lookback: TokenLookback,
    rules: SplitRules,
    sentence_start: int,
) -> bool:
    nxt = block[next_start]
    if nxt.islower() or (nxt in _ONLY_CLOSING and not _opens_quote(block, next_start)):
        return False
    if nxt in _DASHES and _lower_after_dash(block, next_start):
        return False  # a quote's attribution: "\u00abNous gagnerons !\u00bb \u2014 a-t-il dit."
    term = match.group()
    if term[0] != "." or term.startswith(".."):
        return True
    token = block[lookback.start(match.start()) : match.start()]  # tokens never overlap here
    word = token.lower()
    if rules.doubled_initials and _is_doubled_capital(token):
        # "EE. UU.": inside the pair, never a boundary; after it, as after any acronym.
        next_match = _NEXT_WORD.match(block, next_start)
        return not (next_match and next_match.group(2) and _is_doubled_capital(next_match[1]))
    dated = rules.dated_pattern
    date = (
        dated.search(block, max(0, match.start() - 16), match.start())
        if dated is not None and nxt.isupper()
        else None
    )
    # A year's abbreviation (Russian "1916 g.") ends a sentence before a capital; after a
    # short opening phrase ("In 2024 g. the ministry ...") the sentence goes on, unless a
    # starter follows (the ambiguous words' rule, below).
    if date is not None and len(block[sentence_start : date.start()].split()) > DATED_OPENING_WORDS:
        return True
    closing = rules.closing_pattern
    if (
        closing is not None
        and nxt.isupper()
        and closing.search(block, max(0, match.start() - 8), match.start())
    ):
        # "... и т. д. Министерство": "etc." closes its sentence ("долл. США" goes on)
        following = _NEXT_WORD.match(block, next_start)
        return following is None or following[1].lower() not in rules.closing_continued
    if len(token) > 1 and token.isupper():
        word = ""  # "MS.", "FT.", "SEC." are acronyms, not "Ms.", "Ft.", "Sec."
    if word in rules.prefixes or (".-" in word and word.rsplit("-", 1)[1] in rules.prefixes):
        return False  # "Dr.", and joined to another abbreviation: "Dipl.-Ing.", "Lt.-Col."
    if word in rules.before_numbers or (word and word.endswith(rules.before_numbers_endings)):
        return _NUMBERISH.match(block, next_start) is None
    if _is_devanagari_initial(block, token, match.start() - len(token), next_start):
        return False
    initialism = ("." in token or (len(token) == 1 and token.isalpha())) and (
        _INITIALISM.match(token + ".") is not None
    )
    ordinal = rules.ordinal_numbers and _SHORT_NUMBER.fullmatch(token) is not None
    ambiguous = word in rules.ambiguous or initialism or ordinal
    if not ambiguous:
        return True
    next_match = _NEXT_WORD.match(block, next_start)
    if next_match is None or next_match.group(2):
        return False
    return next_match.group(1).lower() in rules.starters


def _opens_quote(block: str, index: int) -> bool:
    """Does the closing-shaped quote at ``index`` open one, a letter or digit right after it?
    German's \u00bb opens ("\u00bbWir"), and so does Swedish's and Finnish's \u201d ("\u201dVi")."""
    return (
        block[index] in "\u00bb\u201d" and index + 1 < len(block) and block[index + 1].isalnum()
    )


def _is_doubled_capital(token: str) -> bool:
    """A doubled capital, Spanish's plural abbreviation: ``EE`` (Estados), ``FF``, ``AA``."""
    return len(token) == 2 and token[0] == token[1] and token.isupper()


def _is_devanagari_initial(block: str, token: str, start: int, next_start: int) -> bool:
    """Is ``token`` (at ``start``, before a period) a Devanagari initial or initialism?"""
    if _DEVANAGARI_CHAIN.fullmatch(token) is None:
        return False
    if "." in token or _DEVANAGARI_INITIAL_AHEAD.match(block, next_start) is not None:
        return True
    if (
        len(token) <= 2
        and token not in _DEVANAGARI_SHORT_ENDINGS
        and _DEVANAGARI_WORD_AHEAD.match(block, next_start)
    ):
        return True
    # The token before it is an initial too: "बी. सी." (a window, never the whole block).
    return _DEVANAGARI_INITIAL_BEHIND.search(block, max(0, start - 8), start) is not None


def _is_boundary_no_space(
    block: str, match: re.Match[str], lookback: TokenLookback, rules: SplitRules
) -> bool:
    end = match.end()
    if block[match.start()] in _SCRIPT_STOPS:
        return block[end].isalpha()  # never inside a word or number
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
    word = block[start:pos].lower() if pos - start <= rules.longest else ""
    if word in rules.prefixes or word in rules.ambiguous:
        return False
    # "U.S.A" is an initialism and "1.2.Beta" a version, not "1.2. Beta"
    return not lookback.has_dotted_letters(start, pos) and not lookback.ends_in_dotted_number(
        start, pos
    )


def _lower_after_dash(block: str, dash: int) -> bool:
    """Does a lower-case word follow the dash at ``dash`` (after spaces)?"""
    following = _skip_spaces(block, dash + 1)
    return following < len(block) and block[following].islower()


def _skip_spaces(block: str, index: int) -> int:
    """The index of the first character at or after ``index`` that is not whitespace."""
    while index < len(block) and block[index].isspace():
        index += 1
    return index


def split_block(block: str, language: str | None = None) -> list[str]:
    """Split one block (no paragraph or list boundaries inside) into sentences.

    ``language`` (ISO 639-1) adds that language's abbreviations and sentence starters to
    English's (:mod:`summarizer.splitting_rules`); the danda ends a sentence in any language.
    """
    rules = split_rules(language)
    sentences: list[str] = []
    start = 0
    n = len(block)
    lookback = TokenLookback(block, _OPENERS)
    for match in _CANDIDATE.finditer(block, list_marker_end(block)):
        end = match.end()
        if end >= n:
            break
        if block[end].isspace():
            next_start = _skip_spaces(block, end + 1)
            if (
                next_start < n
                and block[next_start] in _ONLY_CLOSING
                and not _opens_quote(block, next_start)
            ):
                # French spacing, "le cas.\u00a0\u00bb Quant": the closer after the space is
                # the sentence's own; the boundary, if any, is after it. Not before a comma:
                # "\u00ab Pourquoi ? \u00bb, railla-t-il".
                closed = next_start
                while closed < n and block[closed] in _ONLY_CLOSING:
                    closed += 1
                if closed >= n or not block[closed].isspace():
                    continue
                end, next_start = closed, _skip_spaces(block, closed)
                # Nor before French's spaced "; : ? !" or anything but a word or an opener:
                # "\u00ab Non ! \u00bb ; le ministre".
                if next_start < n and not (
                    block[next_start].isalnum() or block[next_start] in _OPENERS
                ):
                    continue
            if next_start >= n or not _is_boundary_with_space(
                block, match, next_start, lookback, rules, start
            ):
                continue
            after = block[next_start + 1 : next_start + 2]
            if block[next_start] in _QUOTES and (not after or after.isspace()):
                end = next_start + 1  # a quote followed by a space closes, not opens
        elif not _is_boundary_no_space(block, match, lookback, rules):
            continue
        sentence = block[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = block[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Return every sentence of ``text``, verbatim apart from joined line breaks."""
    return [sentence for block in iter_blocks(text) for sentence in split_block(block, language)]


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
