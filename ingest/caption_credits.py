"""Pictures' credits wherever they stand in a brief (:mod:`ingest.credits`).

A defence release copied from DVIDS, defense.gov or the UK's MOD carries a credit under every
picture, between its paragraphs or closing a caption: ``(U.S. Army photo by Sgt. Jane Roe)``,
``Photo By: Sgt. Jane Roe | VIRIN: 230101-A-AB123-001``, ``Crown copyright``. Their forms
(:func:`ingest.service_credits.is_caption_credit`: a service's photo, a rank, a record number)
are no news, so they go from anywhere in the text, as

* a line of its own;
* a bracket's content (``… on Jan. 1, 2023. (U.S. Navy photo by …/Released)``);
* a line's last piece after a sentence's stop (``… on Jan. 1, 2023. U.S. Navy photo by …``).

The caption it closes stays: it tells what the picture shows. A news site's picture and source
credits (:func:`ingest.photo_credits.is_labelled_credit` and ``is_agency_credit``: ``Photo:
PIB``, ``Bild: dpa``, ``Quelle: Bundeswehr``, ``Video: Pentagon``, ``Photo
illustration by Jane Doe``, ``AP Photo/Evan Vucci``, ``REUTERS/Jane Doe``) go so too, but not
from brackets, and only as a line of its own that no sentence runs through (the line above ends
on no comma, colon or dash, nor on an article, a preposition or a conjunction, and leaves no
quotation open; the line below opens with no lower-case letter, after a dash or a quote too) or
a line's last piece after a caption's words with no such line below: a label before names,
an agency or an institution, no lower-case words but a credit's (``Video: the strike hit a
depot …`` is news), not in quotes. Bylines and date lines go only at the top or the bottom,
where :mod:`ingest.credits` reads them.

Only the words that mark such a credit are looked at, at most :data:`MAX_CAPTION_MARKS` of
them, each with no more than a credit's length around it, so a long text costs one scan.
"""

from __future__ import annotations

import itertools
import re

from ingest.credit_lines import MAX_CREDIT_CHARS  # the longest credit looked for around a mark
from ingest.credit_names import words
from ingest.photo_credits import is_agency_credit, is_labelled_credit
from ingest.service_credits import is_caption_credit

__all__ = ["LINE_BREAK", "MAX_CAPTION_MARKS", "without_caption_credits"]

LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A release has dozens of pictures at most: a text of more marks keeps the credits past them.
MAX_CAPTION_MARKS = 2_000
# Words every such credit holds, the commonest labels of other pictures' and sources'
# credits (each word costs a scan of the text; "Crédit photo:" holds "photo") and the agencies
# that credit with no label ("REUTERS/Jane Doe", "Jane Doe/AFP", "EPA-EFE/Clemens Bilan").
_MARKS = (
    "photo", "picture", "image", "foto", "фото", "graphic", "illustration", "video", "virin",
    "copyright", "bild", "credit", "source", "quelle", "\u00a9", "источник", "फोटो", "फ़ोटो",
    "reuters", "afp", "epa",
)  # fmt: skip
_WORD_MARK = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(_MARKS)})", re.IGNORECASE)
# A sentence's end before a caption's credit: its stop, perhaps a closing quote or bracket.
_STOP = re.compile(r"[.!?]['\"\u2019\u201d)]?[ \t]+")
# A stop that ends an abbreviation's last letter ("U.S.", "J."), no sentence: the credit would
# lose its start ("… (Jan. 1, 2026) U.S. Navy photo by …" keeping "U.S.").
_ABBREVIATION = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.)+$")
# Quotes around a credit quote it: 'The caption read "(U.S. Army photo by …)"' is news.
_QUOTES = "\"'\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019"
# The stops a credit's start is looked for after, the last before its mark: a credit holds a
# few before its mark ("U.S. Navy photo"), and each try reads up to a line's end, so a text of
# stops ("a. a. a. … photo") costs no more than these.
MAX_CAPTION_STOPS = 4
_SPACE = " \t"
# A line's last character that leaves its sentence open for the next line.
_CONTINUING = ",;:-\u2013\u2014(/&"
# A line's last word that leaves its sentence open: an article, a preposition, a conjunction
# ("The footage was released by the\nVideo: Pentagon"); a caption ends on no such word.
_OPEN_WORDS = (
    words(
        """
        a an the to of by for from with in on at into onto via and or but as than that about
        including per between against among under over through
        der die das den dem des ein eine einen einem einer eines von vom mit zu zum zur für bei
        auf im am aus nach über unter durch gegen ohne um als und oder dass laut
        de la le les des du et ou en au aux par pour avec sur dans el los las y con por para del
        al
        """
    )
    | words("в во на с со и по для от к из о об у за при что как а но или")  # noqa: RUF001
)
# The characters a line below may open with before its sentence's words ("— and then …").
_OPENING = " \t\"'\u201c\u201e\u2018\u00ab\u00bb([\u2014\u2013-\u2026"
# The quotes whose count tells whether a line leaves a quotation open.
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
# How far back a line above is read for its quotes: a paragraph's length.
MAX_QUOTE_CHARS = 2_000


def without_caption_credits(text: str) -> str:
    """``text`` without its pictures' credits (and the line breaks of those on a line of
    their own); ``text`` itself when it has none."""
    cuts: list[tuple[int, int]] = []
    done = 0
    for mark in _marks(text):
        if mark < done:
            continue  # inside a credit already cut
        cut = _bracket_cut(text, mark) or _line_cut(text, mark)
        if cut is not None:
            cuts.append((max(cut[0], done), cut[1]))
            done = cut[1]
    if not cuts:
        return text
    kept, start = [], 0
    for cut_start, cut_end in cuts:
        kept.append(text[start:cut_start])
        start = cut_end
    kept.append(text[start:])
    return "".join(kept)


def _marks(text: str) -> list[int]:
    """Where the first MAX_CAPTION_MARKS marks start, each at a word's start ("epa" inside
    "department", "bild" inside "building" used the marks up), found in lower case (a regex
    ignoring case is several times slower) unless lower case changes the text's length
    ("İ")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        marks = itertools.islice(_WORD_MARK.finditer(text), MAX_CAPTION_MARKS)
        return [mark.start() for mark in marks]
    found: list[int] = []
    for word in _MARKS:  # each word's first marks, so the first of all are among them
        at, count = lowered.find(word), 0
        while at >= 0 and count < MAX_CAPTION_MARKS:
            if at == 0 or not lowered[at - 1].isalpha():
                found.append(at)
                count += 1
            at = lowered.find(word, at + len(word))
    return sorted(found)[:MAX_CAPTION_MARKS]


def _bracket_cut(text: str, mark: int) -> tuple[int, int] | None:
    """The span of the bracket around ``mark`` (and the spaces before it) if it holds a
    credit: ``(U.S. Army photo by Sgt. Jane Roe)``."""
    opening = text.rfind("(", max(0, mark - MAX_CREDIT_CHARS), mark)
    closing = text.find(")", mark, mark + MAX_CREDIT_CHARS)
    if opening < 0 or closing < 0:
        return None
    inside = text[opening + 1 : closing]
    if ")" in inside or LINE_BREAK.search(inside) or not is_caption_credit(inside.strip()):
        return None
    quoted = text[opening - 1 : opening], text[closing + 1 : closing + 2]
    if all(quote and quote in _QUOTES for quote in quoted):
        return None  # 'The caption read "(U.S. Army photo by …)"'
    before = text[max(0, opening - MAX_CREDIT_CHARS) : opening]
    start = opening - (len(before) - len(before.rstrip(_SPACE)))
    after = text[closing + 1 : closing + 1 + MAX_CREDIT_CHARS]
    end = closing + 1 + len(after) - len(after.lstrip(_SPACE))
    if (start == 0 or LINE_BREAK.match(text, start - 1)) and (
        end == len(text) or LINE_BREAK.match(text, end)
    ):
        return start, _past_line(text, start, end)  # a line of its own: its break goes too
    return start, closing + 1


def _past_line(text: str, start: int, end: int) -> int:
    """Where the cut of the line from ``start`` to ``end`` ends: past its break, and past the
    blank line below it too when one is above it (or it opens the text), so that one blank
    line parts the paragraphs around it."""
    cut = _past_break(text, end)
    if _last_above(text, start):
        return cut
    below = text[cut : cut + MAX_CREDIT_CHARS]
    at = cut + len(below) - len(below.lstrip(_SPACE))
    return _past_break(text, at) if LINE_BREAK.match(text, at) else cut


def _last_above(text: str, start: int) -> str:
    """The last character of the line above the line at ``start``, "" when that line is blank
    or there is none."""
    return _line_above(text, start).rstrip(_SPACE)[-1:]


def _past_break(text: str, at: int) -> int:
    """After the line break at ``at`` (CR LF is one), or ``at`` at the text's end."""
    if at == len(text):
        return at
    return at + (2 if text.startswith("\r\n", at) else 1)


def _line_cut(text: str, mark: int) -> tuple[int, int] | None:
    """The span of the line around ``mark`` (and its break) if the line is a credit, or of
    its last piece after a sentence's stop if that is one."""
    window = max(0, mark - MAX_CREDIT_CHARS)
    breaks = list(LINE_BREAK.finditer(text, window, mark))
    after = LINE_BREAK.search(text, mark, mark + MAX_CREDIT_CHARS)
    if after is None and len(text) - mark > MAX_CREDIT_CHARS:
        return None  # a line longer than any credit
    end = len(text) if after is None else after.start()
    start = breaks[-1].end() if breaks else 0
    line = text[start:end].strip()
    if (breaks or window == 0) and (
        is_caption_credit(line)
        or (_is_picture_credit(line) and _opens_no_sentence(text, start) and _ends_one(text, end))
    ):
        return start, _past_line(text, start, end)
    stops = list(_STOP.finditer(text, max(start, window), mark))[-MAX_CAPTION_STOPS:]
    for stop in stops:
        # the first stop after which all is a credit: "U.S." and "Sgt." hold stops too
        if _ABBREVIATION.search(text, max(start, stop.start() - 20), stop.start() + 1):
            continue
        if not any(character.isalpha() for character in text[start : stop.start()]):
            continue  # a list's number ("1. Photo: PIB") or a year: no caption before it
        tail = text[stop.end() : end].strip()
        if is_caption_credit(tail) or (_is_picture_credit(tail) and _ends_one(text, end)):
            return stop.start() + len(stop.group().rstrip(_SPACE)), end
    return None


def _is_picture_credit(piece: str) -> bool:
    """A picture's or a source's credit (``Photo: PIB``, ``Quelle: dpa``, ``AP Photo/Evan
    Vucci``) not in quotes (``"Photo: PIB"`` is news about it), nor a label alone (``Source:``
    over a list)."""
    if piece[:1] in _QUOTES or piece[-1:] in _QUOTES or piece.rstrip(" )").endswith(":"):
        return False
    if any(quote in piece for quote in _DOUBLE_QUOTES):
        return False  # 'He wrote: "It ended. Photo: PIB".': no credit holds a quote
    return is_labelled_credit(piece) or is_agency_credit(piece)


def _opens_no_sentence(text: str, start: int) -> bool:
    """Whether the line at ``start`` continues no sentence of the line above it: that one is
    blank or missing, or ends on none of :data:`_CONTINUING` (a comma, a colon, a dash ...:
    "… came from two agencies,\nSource: PIB" runs on), nor on an article, a preposition or a
    conjunction ("… released by the\nVideo: Pentagon"), and leaves no quotation open ("“We
    have the evidence.\nVideo: Pentagon\nWe will publish it,” she said."). Another word
    ending it tells nothing: captions above their credits end so."""
    above = _line_above(text, start)
    last = above.rstrip(_SPACE)[-1:]
    if not last:
        return True
    split = above.split()
    return (
        last not in _CONTINUING
        and not (split and split[-1] in _OPEN_WORDS)
        and not _opens_quote(above)
    )


def _line_above(text: str, start: int) -> str:
    """The line above the line at ``start`` (its last MAX_QUOTE_CHARS characters), without
    its break."""
    window = max(0, start - MAX_QUOTE_CHARS)
    above = text[window:start]
    above = above[:-2] if above.endswith("\r\n") else above[:-1]
    breaks = list(LINE_BREAK.finditer(above))
    return above[breaks[-1].end() :] if breaks else above


def _opens_quote(line: str) -> bool:
    """Whether ``line`` leaves a quotation open: an odd count of straight quotes, more of one
    guillemet than the other, or more opening curly quotes than closing (German opens „ and
    closes “)."""
    if not any(quote in line for quote in _DOUBLE_QUOTES):
        return False
    closing = "\u201c" if "\u201e" in line else "\u201d"
    opening = "\u201e" if "\u201e" in line else "\u201c"
    return (
        line.count('"') % 2 == 1
        or line.count("\u00ab") != line.count("\u00bb")
        or line.count(opening) > line.count(closing)
    )


def _ends_one(text: str, end: int) -> bool:
    """Whether the line ending at ``end`` ends its sentence: the text or a paragraph ends
    there, or the next line opens with no lower-case letter, after a dash or a quote too ("Photo:
    PIB\nand ANI said …" and "Photo: PIB\n— and ANI said …" are wrapped sentences)."""
    below = text[_past_break(text, end) : end + MAX_CREDIT_CHARS].lstrip(_OPENING)
    return not below[:1].islower()
