"""Whether a line of a brief dates it rather than tells news (:mod:`ingest.credit_lines`).

A date line holds a date and perhaps a time, nothing else but words such as ``Published``,
``Stand``, ``Обновлено``, ``प्रकाशित``, month and weekday names (Babel's, in the languages of
:data:`DATE_LOCALES`), a place before a comma, an agency after a dash or in brackets, and a
byline after ``by`` (``Posted On: 05 DEC 2026 10:05AM by PIB Delhi``).
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_day_names, get_month_names

from ingest.credit_names import is_names, words

__all__ = ["DATE_LOCALES", "is_date_line", "is_weekday"]

# The languages whose month and weekday names a date line may hold.
DATE_LOCALES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "hi", "pl", "sv")
# A date line's pieces: numbers, and words (Devanagari's vowel signs inside them; "॰" is
# Hindi's abbreviation stop) that must all be dates' own.
_DATE_WORDS = re.compile(
    r"\d+|[^\s\d.,:;/|()\[\]'\"+\u00ab\u00bb\u2013\u2014\u2019\u0970\u00b7-]+"
)
# Words a date line may hold besides the names of months and days, in DATE_LOCALES' languages.
_DATE_MARKER_WORDS = """
    published publish updated posted last modified on at am pm a m p utc gmt ist cet cest bst
    est edt msk et date dated time
    veröffentlicht aktualisiert zuletzt stand um uhr
    publié modifié mis à jour le h aujourd hui hier
    publicado actualizado el a las de horas hrs em às atualizado
    pubblicato aggiornato il alle ore
    gepubliceerd bijgewerkt op om
    опубликовано обновлено дата в г года мск
    प्रकाशित अपडेट अपडेटेड तिथि दिनांक बजे
"""
_DATE_MARKERS = words(_DATE_MARKER_WORDS)
# "NEW DELHI, 5 Nov 2026" or "Berlin, 3. Dezember 2026": a place of up to three words before
# the date (not lower-case: "nach Daten des Landesamtes, Stand 2015" is a sentence).
_PLACE = re.compile(r"^[^\d\s,:]+(?:\s[^\d\s,:]+){0,2}(?:,|\s[\u2013\u2014-])\s*(?=\S)")
# "(PTI)", "(dpa)", "(भाषा)": an agency's name in brackets after a dateline; "— РИА Новости"
# after a dash; "by PIB Delhi" after the date.
_AGENCY = re.compile(r"\s*\([^()\d]{2,20}\)$")
_AGENCY_AFTER_DASH = re.compile(r"\s+[\u2013\u2014-]\s+(?P<agency>[^\d\u2013\u2014-]{2,30})$")
_BY_TAIL = re.compile(r"\s+(?:by|von|par|por)\s+(?P<name>[^\d]{2,40})$", re.IGNORECASE)
# A date in figures ("03.12.2026", "2026-12-03", "5/12/26") or a year.
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}[:h.]\d\d\b")
# A web page's relative time or reading time, alone or after a date and a "·": "5 hours ago",
# "3 min read", "vor 2 Stunden", "hace 3 horas", "il y a 2 heures", "2 ore fa", "3 часа назад".
_RELATIVE = re.compile(
    r"(?:\d+\s+(?:(?:hours?|hrs?|minutes?|mins?|days?|weeks?)\s+ago|min(?:ute)?s?\s+read"
    r"|ore\s+fa|minuti\s+fa|час(?:а|ов)?\s+назад|минут[аы]?\s+назад)"
    r"|vor\s+\d+\s+(?:Stunden?|Minuten?|Tagen?)|hace\s+\d+\s+(?:horas?|minutos?|días?)"
    r"|il\s+y\s+a\s+\d+\s+(?:heures?|minutes?|jours?)|há\s+\d+\s+(?:horas?|minutos?|dias?))",
    re.IGNORECASE,
)


def is_date_line(line: str) -> bool:
    """Only a date (and a time, a place before a comma, an agency in brackets or after a dash,
    a byline after "by"), no news; or a page's relative or reading time ("5 hours ago",
    "December 5, 2026 · 3 min read")."""
    pieces = [piece.strip() for piece in line.split("\u00b7")]
    if any(_RELATIVE.fullmatch(piece) for piece in pieces):
        return all(_RELATIVE.fullmatch(piece) or _is_date(piece) for piece in pieces)
    return _is_date(line)


def _is_date(line: str) -> bool:
    place = _PLACE.match(line)
    body = line if place is None or line[0].islower() else line[place.end() :]
    body = _AGENCY.sub("", body.removesuffix("."))
    for tail in (_AGENCY_AFTER_DASH, _BY_TAIL):
        found = tail.search(body)
        if found is not None and is_names(found.group(found.lastgroup or 0)):
            body = body[: found.start()]
    words = _DATE_WORDS.findall(body.casefold())
    names = _date_names()
    if not all(word.isdigit() or word in names or word in _DATE_MARKERS for word in words):
        return False
    # Figures alone ("78,000") are no date: a month or weekday, a date in figures, or a year
    # or a time after a marker ("Stand: 2017", "Publié aujourd'hui à 10h05") is.
    marked = any(word in _DATE_MARKERS for word in words)
    return any(word.isdigit() for word in words) and (
        any(word in names for word in words)
        or bool(_NUMERIC_DATE.search(body))
        or (marked and bool(_YEAR.search(body) or _TIME.search(body)))
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


def is_weekday(word: str) -> bool:
    """Whether ``word`` is a weekday's full name in one of :data:`DATE_LOCALES` ("Monday",
    "Montag", "понедельник"): months are first names too ("April", "May")."""
    return word.casefold() in _weekdays()


@cache
def _weekdays() -> frozenset[str]:
    return frozenset(
        name.casefold()
        for locale in DATE_LOCALES
        for context in ("format", "stand-alone")
        for name in get_day_names("wide", context, locale).values()
    )
