"""The lines around a brief's news that credit or date it: bylines, photo credits, date lines.

Text copied from a news site often opens with lines of their own such as ``By Jane Doe,
Defence Correspondent``, ``Фото: Иван Петров / ТАСС``, ``Published 3 December 2026, 10:05``
or ``NEW DELHI, 5 November 2026``, often under the headline, and wire copy ends with
``(Reporting by …; Editing by …)``. None of them is a headline, a summary sentence or a topic:
the author of a brief is not what it is about. So :func:`news_text` drops them before the
title, the summary and the topics are made. The stored text keeps them, and search still
finds a brief by its author.

Only whole short lines are dropped (:mod:`ingest.credit_lines` says which are credits): at
most :data:`MAX_CREDIT_LINES` at the top or right under a first line (the headline, which
stays), at most :data:`MAX_WIRE_LINES` wire credits and a list of references
(:mod:`ingest.reference_lists`) at the bottom, and never all of a text.
Lines end where :meth:`str.splitlines` ends them. The forces' picture credits (``(U.S. Army
photo by Sgt. Jane Roe)``, ``VIRIN: …``, ``Crown copyright``) go wherever they stand, as lines,
brackets or a caption's last words, and so do other pictures' and sources' credits (``Photo:
PIB``, ``Quelle: Bundeswehr``) as lines of their own or a caption's last words
(:mod:`ingest.caption_credits`).

Two credits need the rest of the text: a reporter's name alone on a line is one only right
above the outlet's or role's line (``Jane Doe`` / ``BBC News, Kyiv``; a profile titled ``Angela
Merkel`` stays), and only if none of its words comes again below (a headline's do: ``Trump
Fires Comey`` / ``Washington Post``), at the top with a place or a role beside the outlet or a
credit after it; and a byline is one only if its marker is the brief's language's (given,
or detected when a byline is found: ``Von Miller Retires`` in English is news) and the text's
opening writes at least one of its name's words nowhere in lower case: a person's name is
capitalised wherever it is written, so ``By Popular Demand`` over a text that says "popular"
and "demand" is a headline (and so, the cost, is ``By Will Young`` over one that says "will"
and "young"). A byline's place on the line after it (``By Jane Doe`` / ``Kyiv``) goes with it.
"""

from __future__ import annotations

import re
from functools import cached_property

from ingest.caption_credits import LINE_BREAK, without_caption_credits
from ingest.credit_lines import (
    MAX_CREDIT_CHARS,
    byline_name,
    is_affiliation,
    is_credit,
    is_names,
    is_role,
)
from ingest.reference_lists import references_start
from ingest.wire_credits import is_wire_credit
from summarizer.languages import detect_language

__all__ = ["MAX_CREDIT_LINES", "MAX_WIRE_LINES", "news_text"]

MAX_CREDIT_LINES = 4
MAX_WIRE_LINES = 3
MAX_HEADING_WORDS = 20
_TEXT = re.compile(r"\S")
# How much of the text is read for the words it writes in lower case (the lede's paragraphs).
LOWER_CASE_WINDOW = 5_000
MAX_PLACE_CHARS = 40
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def news_text(text: str, language: str | None = None) -> str:
    """``text`` (in ``language``, ISO 639-1; None: detected if a byline needs it) without the
    credit and date lines at its top (or under its first line), the wire credits and a list
    of references at its bottom and pictures' credits anywhere; ``text`` itself when nothing
    else would be left. Reads only the lines it drops and one more at each end (and the
    opening's words for a byline), and scans the rest once for the words of pictures' credits
    and its last MAX_REFERENCE_CHARS for a list of references."""
    lines = _head_lines(text, MAX_CREDIT_LINES + 2)
    brief = _Brief(text, language)
    credits = [brief.is_credit(text[start:end]) for start, end in lines]
    for index in range(len(lines) - 1):
        # "By Jane Doe" / "Kyiv": a byline's place on a line of its own
        line, after = (text[start:end] for start, end in lines[index : index + 2])
        if credits[index] and byline_name(line) is not None and _is_place(after):
            credits[index + 1] = True
    for index in range(min(2, len(lines) - 1)):
        # "Jane Doe" / "BBC News, Kyiv", at the top or under the headline
        (name_start, name_end), (outlet_start, outlet_end) = lines[index : index + 2]
        outlet = text[outlet_start:outlet_end]
        name = text[name_start:name_end]
        if (
            credits[index]
            or outlet_end - outlet_start > MAX_CREDIT_CHARS
            or not _is_reporter(name)
            or not is_affiliation(outlet)
            or _named_below(name, text, outlet_end)
        ):
            continue
        # At the top, an outlet alone ("Washington Post") under a headline in Title Case
        # ("Trump Fires Comey") is the headline's source: a reporter's only with a place or
        # role beside it, or a credit after it.
        alone = "," not in outlet and not is_role(outlet.strip())
        if index == 0 and alone and not (len(lines) > 2 and credits[2]):
            continue
        credits[index] = credits[index + 1] = True
    heading = ""
    start = _after_credits(lines, credits, 0)
    first = text[lines[0][0] : lines[0][1]] if lines else ""
    if start == 0 and len(lines) > 2 and not credits[0] and credits[1] and _is_heading(first):
        # "Navy gets six ships\nBy Jane Doe\nPublished …": the headline stays, its credits go
        start = _after_credits(lines, credits, 1)
        heading = text[: lines[0][1]] if start else ""
    end = references_start(text, start, _news_end(text, start))
    body = without_caption_credits(text[start:end])  # the credits under pictures
    if start == 0 and end == len(text) and body == text:
        return text
    news = body.strip()
    if not news:
        return text
    return f"{heading.strip()}\n\n{news}" if heading else news


class _Brief:
    """A text whose language and lower-case words are found only if a byline needs them."""

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.given = language

    @cached_property
    def language(self) -> str | None:
        return self.given or detect_language(self.text)

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        found = _WORD.findall(self.text[:LOWER_CASE_WINDOW])
        return frozenset(word.casefold() for word in found if word[:1].islower())

    def is_credit(self, line: str) -> bool:
        if not is_credit(line):
            return False
        name = byline_name(line)
        if name is None:
            return True  # no byline: the text cannot tell more
        if byline_name(line, self.language) is None:
            return False  # "Von Miller Retires" in English
        # "By Popular Demand" over a text that says "popular" and "demand": no one's name
        capitalised = [w for w in name.split() if w[:1].isupper() and not w.isupper()]
        return not capitalised or not all(
            w.casefold() in self.lower_case_words for w in capitalised
        )


def _named_below(name: str, text: str, start: int) -> bool:
    """Whether a word of ``name`` comes again in the text below it: a headline's do ("Trump
    Fires Comey" over a story about Trump and Comey), a reporter's seldom."""
    below = {word.casefold() for word in _WORD.findall(text[start : start + LOWER_CASE_WINDOW])}
    return any(word.casefold() in below for word in _WORD.findall(name))


def _is_place(line: str) -> bool:
    """A place's name alone: one or two capitalised words, no figure, no stop ("Kyiv", "New
    Delhi"; three are a headline as often: "Ukraine Falls Back")."""
    if len(line) > MAX_PLACE_CHARS:
        return False
    split = line.split()
    return 0 < len(split) <= 2 and all(word[:1].isupper() and word.isalpha() for word in split)


def _is_reporter(line: str) -> bool:
    """People's names alone on their line: two words or more, no figure."""
    if len(line) > MAX_CREDIT_CHARS:
        return False
    split = line.split()
    return 2 <= len(split) <= 7 and not any(c.isdigit() for c in line) and is_names(line)


def _is_heading(line: str) -> bool:
    """A line short enough to be a headline (a paragraph's credit below it stays)."""
    return len(line.split(maxsplit=MAX_HEADING_WORDS)) <= MAX_HEADING_WORDS


def _head_lines(text: str, count: int) -> list[tuple[int, int]]:
    """The spans of ``text``'s first ``count`` lines that are not blank."""
    spans: list[tuple[int, int]] = []
    visible = _TEXT.search(text)
    while visible is not None and len(spans) < count:
        found = LINE_BREAK.search(text, visible.start())
        stop = len(text) if found is None else found.start()
        spans.append((visible.start(), stop))
        visible = _TEXT.search(text, stop)
    return spans


def _after_credits(lines: list[tuple[int, int]], credits: list[bool], first: int) -> int:
    """Where the news starts after the run of credits from line ``first``: the next line's
    start, after at most MAX_CREDIT_LINES of them; 0 when there is none or nothing follows."""
    index = first
    while index < len(lines) and credits[index] and index - first < MAX_CREDIT_LINES:
        index += 1
    if index == first or index == len(lines):
        return 0
    return lines[index][0]


def _news_end(text: str, start: int) -> int:
    """Where the text ends without its closing blank lines and wire credits (after ``start``)."""
    end = len(text.rstrip())
    for _ in range(MAX_WIRE_LINES):
        window = max(start, end - 3 * MAX_CREDIT_CHARS - 1)
        breaks = list(LINE_BREAK.finditer(text, window, end))
        line_start = breaks[-1].end() if breaks else window
        if line_start == window and window > start:
            return end  # a line longer than any credit
        if line_start <= start or not is_wire_credit(text[line_start:end]):
            return end
        end = len(text[:line_start].rstrip())
    return end
