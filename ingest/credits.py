"""The lines around a brief's news that credit or date it: bylines, photo credits, date lines.

Text copied from a news site often opens with lines of their own such as ``By Jane Doe,
Defence Correspondent``, ``Фото: Иван Петров / ТАСС``, ``Published 3 December 2026, 10:05``
or ``NEW DELHI, 5 November 2026``, and wire copy ends with ``(Reporting by …; Editing by …)``.
None of them is a headline, a summary sentence or a topic: the author of a brief is not what
it is about. So :func:`news_text` drops them before the title, the summary and the topics are
made. The stored text keeps them, and search still finds a brief by its author.

Only whole short lines are dropped (at most :data:`MAX_CREDIT_WORDS` words), only at the top
(at most :data:`MAX_CREDIT_LINES` of them) and, for wire credits, at the bottom, and never
all of a text. A line is a credit when it is

* a byline: ``By``, ``Von``, ``Par``, ``Por``, ``Door``, ``Av``, ``Af``, ``Автор:``,
  ``Текст:``, ``लेखक:`` or ``रिपोर्ट:`` before a capitalised name, with no colon after the name
  (``By Land and Sea: …`` is a heading) and no sentence stop at its end;
* a credit: ``Photo:``, ``Foto:``, ``Фото:``, ``फोटो:``, ``Source:``, ``Quelle:`` … or a
  line holding ``©``;
* a date line: a date and perhaps a time, nothing else but words such as ``Published``,
  ``Stand``, ``Обновлено``, ``प्रकाशित``, month and weekday names (Babel's, in the
  languages of :data:`DATE_LOCALES`) and perhaps a place before a comma.
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_day_names, get_month_names

__all__ = [
    "DATE_LOCALES",
    "MAX_CREDIT_CHARS",
    "MAX_CREDIT_LINES",
    "MAX_CREDIT_WORDS",
    "is_credit",
    "news_text",
]

MAX_CREDIT_LINES = 4
MAX_CREDIT_WORDS = 12
MAX_CREDIT_CHARS = 160
# The languages whose month and weekday names a date line may hold.
DATE_LOCALES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "hi", "pl", "sv")

_BYLINE = re.compile(
    r"^(?:(?:by|von|par|por|door|av|af)\s+|(?:автор|текст|लेखक|रिपोर्ट)\s*:\s*)(?P<name>.+)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|images?|credits?|illustration|sources?|foto(?:s|grafie)?"
    r"|bild(?:er)?|quelle|crédits?(?: photo)?|fuente|фото(?:графия)?|снимок|кадр|источник"
    r"|फ़ोटो|फोटो|तस्वीर|स्रोत)(?:\s+credits?)?\s*[:/|©]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\u0964\u2026]$")
_WIRE_CREDIT = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|graphics?)"
    r"(?:\s+and\s+\w+)?\s+by\b",
    re.IGNORECASE,
)
# A date line's pieces: numbers, and words (Devanagari's vowel signs inside them; "॰" is
# Hindi's abbreviation stop) that must all be dates' own.
_DATE_WORDS = re.compile(r"\d+|[^\s\d.,:;/|()\[\]'\"\u00ab\u00bb\u2013\u2014\u0970-]+")
# Words a date line may hold besides the names of months and days, in DATE_LOCALES' languages.
_DATE_MARKER_WORDS = """
    published updated posted last modified on at am pm a m p utc gmt ist cet cest bst est
    edt msk et date dated
    veröffentlicht aktualisiert zuletzt stand um uhr
    publié mis à jour le h
    publicado actualizado el a las de horas hrs
    опубликовано обновлено дата в г года мск
    प्रकाशित अपडेट तिथि दिनांक बजे
"""
_DATE_MARKERS = frozenset(_DATE_MARKER_WORDS.split())
# "NEW DELHI, 5 Nov 2026" or "Berlin, 3. Dezember 2026": a place of up to three words before
# the date (not lower-case: "nach Daten des Landesamtes, Stand 2015" is a sentence).
_PLACE = re.compile(r"^[^\d\s,:]+(?:\s[^\d\s,:]+){0,2},\s*(?=\S)")
# A date in figures ("03.12.2026", "2026-12-03", "5/12/26") or a year.
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "(PTI)", "(dpa)", "(भाषा)": an agency's name in brackets after a dateline.
_AGENCY = re.compile(r"\s*\([^()\d]{2,20}\)$")


def news_text(text: str) -> str:
    """``text`` without the credit and date lines at its top and the wire credits at its
    bottom; ``text`` itself when nothing else would be left. Reads only the lines it drops
    and one more at each end, so a long text costs no more than a short one."""
    start = _news_start(text)
    end = _news_end(text, start)
    if start == 0 and end == len(text):
        return text
    return text[start:end].strip() or text


def is_credit(line: str) -> bool:
    """Does this line (one line of a text) credit or date the brief rather than tell news?"""
    if len(line) > MAX_CREDIT_CHARS:
        return False
    squashed = " ".join(line.split())
    if not squashed or len(squashed.split()) > MAX_CREDIT_WORDS:
        return False
    return (
        _is_byline(squashed)
        or bool(_CREDIT.match(squashed))
        or "\u00a9" in squashed
        or _is_date_line(squashed)
    )


def _news_start(text: str) -> int:
    """Where the first line that is neither blank nor, among the first few, a credit starts."""
    offset = credits = 0
    while offset < len(text):
        newline = text.find("\n", offset)
        stop = len(text) if newline < 0 else newline
        line = text[offset:stop]
        if line.strip():
            if credits == MAX_CREDIT_LINES or not is_credit(line):
                return offset if credits else 0
            credits += 1
        offset = stop + 1
    return 0


def _news_end(text: str, start: int) -> int:
    """Where the text ends without its closing blank lines and wire credits (after ``start``)."""
    end = len(text)
    while end > start:
        newline = text.rfind("\n", start, end)
        line = text[newline + 1 if newline >= 0 else start : end]
        if line.strip() and not _is_wire_credit(line):
            return end
        end = max(newline, start)
    return end


def _is_byline(line: str) -> bool:
    match = _BYLINE.match(line)
    if match is None:
        return False
    name = match.group("name")
    # Not lower-case ("von Oktober …" is a sentence's middle); Devanagari has no case.
    return (
        not line[0].islower()
        and not name[0].islower()
        and ":" not in name
        and not _SENTENCE_END.search(name)
    )


def _is_wire_credit(line: str) -> bool:
    if len(line) > 3 * MAX_CREDIT_CHARS:
        return False
    squashed = " ".join(line.split())
    return len(squashed.split()) <= 3 * MAX_CREDIT_WORDS and bool(_WIRE_CREDIT.match(squashed))


def _is_date_line(line: str) -> bool:
    """Only a date (and a time, a place before a comma, an agency in brackets), no news."""
    place = _PLACE.match(line)
    body = line if place is None or line[0].islower() else line[place.end() :]
    body = _AGENCY.sub("", body)
    words = _DATE_WORDS.findall(body.casefold())
    names = _date_names()
    if not all(word.isdigit() or word in names or word in _DATE_MARKERS for word in words):
        return False
    # Figures alone ("78,000") are no date: a month or weekday, a date in figures, or a year
    # after a marker ("Stand: 2017") is.
    return any(word.isdigit() for word in words) and (
        any(word in names for word in words)
        or bool(_NUMERIC_DATE.search(body))
        or (bool(_YEAR.search(body)) and any(word in _DATE_MARKERS for word in words))
    )


@cache
def _date_names() -> frozenset[str]:
    """Month and weekday names (full and abbreviated, as written in a date and alone) in
    :data:`DATE_LOCALES`, case-folded and without an abbreviation's stop."""
    names: set[str] = set()
    for locale in DATE_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(get_month_names(width, context, locale).values())
                names.update(get_day_names(width, context, locale).values())
    words = (word for name in names for word in _DATE_WORDS.findall(name.casefold()))
    return frozenset(word for word in words if not word.isdigit())
