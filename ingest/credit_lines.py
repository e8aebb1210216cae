"""Whether one line of a brief credits or dates it rather than tells news (:mod:`ingest.credits`).

A line is a credit when it is

* a byline: ``By``, ``Von``, ``Par``, ``Por``, ``Door``, ``Av``, ``Af``, ``di``, ``Written
  by``, ``Photo by``, ``By:``, ``Автор:``, ``Текст:``, ``लेखक:`` or ``रिपोर्ट:`` before a
  name: up to four capitalised words and the particles of names (``de la``, ``van``), two or
  more names joined by ``and``, ``und``, ``et`` ..., then perhaps a role, place or date after a
  comma, ``|``, ``/`` or a dash. ``By 2030, India aims …``, ``Von Montag an gilt …``, ``Von der
  Leyen in Kiew``, ``By Land and Sea: Navy Exercises Begin`` and ``Von Schulden und Schuldigen``
  are headings;
* a credit: ``Photo:``, ``Foto:``, ``Фото:``, ``फोटो:``, ``Image source,`` ... before a name or
  agency (no lower-case word but those of names and credits: ``Photo: Jane Doe for the
  Ministry``, not ``Photos: Massive fire engulfs …``), ``Source:``, ``Quelle:``, ``Источник:``
  ... before at most four such words (``Источник: Кремль готовит перестановки`` is a
  headline), ``©`` before one, or ``File photo``, ``फाइल फोटो``, ``Symbolbild`` alone;
* a date line: a date and perhaps a time, nothing else but words such as ``Published``,
  ``Stand``, ``Обновлено``, ``प्रकाशित``, month and weekday names (Babel's, in the languages
  of :data:`DATE_LOCALES`), a place before a comma, an agency after a dash or in brackets, and
  a byline after ``by`` (``Posted On: 05 DEC 2026 10:05AM by PIB Delhi``).

Lines of several such pieces between ``|`` (``TNN | Updated: Dec 5, 2026, 10:05 IST``, a site's
breadcrumbs) are credits when every piece is one or a name. Wire credits closing a text are
:mod:`ingest.wire_credits`'.
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_day_names, get_month_names

__all__ = [
    "DATE_LOCALES",
    "MAX_CREDIT_CHARS",
    "MAX_CREDIT_WORDS",
    "is_agency",
    "is_credit",
    "is_names",
]

MAX_CREDIT_WORDS = 16
MAX_CREDIT_CHARS = 200
# The languages whose month and weekday names a date line may hold.
DATE_LOCALES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "hi", "pl", "sv")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Direction marks a right-to-left page leaves before a line ("\u200fBy Jane Doe").
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BYLINE = re.compile(
    r"^(?:(?:(?:written|edited|reported|text|words|story|photos?|pictures?)\s+)?"
    r"(?:by|von|par|por|door|av|af|di)\s*:?\s+"
    r"|(?:автор|текст|लेखक|रिपोर्ट|रिपोर्टर)\s*:\s*)(?P<name>\S.*)$",
    re.IGNORECASE,
)
# Where a byline's name ends and its role, place or date begins.
_NAME_END = re.compile(r"\s*[,;|/\u2013\u2014]\s*|\s+-\s+")
_CONJUNCTIONS = _words("and und et y e en och og и і और &")
_NAME_PARTICLES = _words(
    "de da di du del della dos das der den des van von la le al bin ibn ter ten of"
)
MAX_NAME_WORDS = 3  # capitalised words of one name: "Anne-Marie de la Cruz Gómez"
MIN_CLAUSE_WORDS = 3  # lower-case words after a byline's name that make it a sentence
# "Jr.", "Sr.", an initial ("J."): a byline may end on one.
_NAME_ABBREVIATION = re.compile(r"(?:jr|sr|[^\W\d_])\.$", re.IGNORECASE)
_LABEL = (
    r"(?:file\s+)?photo(?:graph)?s?(?:\s+credits?)?|pictures?|images?(?:\s+source)?|credits?"
    r"|illustration|foto(?:s|grafie)?|bild(?:er)?|crédits?(?:\s+photo)?|фото(?:графия)?"
    r"|снимок|кадр|(?:फ़ाइल\s+|फाइल\s+)?(?:फ़ोटो|फोटो)|तस्वीर"
)
_CREDIT = re.compile(rf"^\(?\s*(?:{_LABEL})\s*[:/|\u00a9,]\s*(?P<rest>.*?)\s*\)?$", re.IGNORECASE)
_SOURCE = re.compile(
    r"^\(?\s*(?:sources?|quelle|fuente|источник|स्रोत)\s*:\s*(?P<rest>.*?)\s*\)?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:^|\s)\u00a9\s*(?=[\w(])")
_CREDIT_ALONE = frozenset(
    ["file photo", "photo", "archivbild", "symbolbild", "symbolfoto", "फाइल फोटो", "फ़ाइल फ़ोटो"]
)
# News agencies, which a credit may name alone and some write in lower case ("dpa").
_AGENCIES = _words(
    "dpa afp ap epa pti ani ians ria tass reuters bloomberg efe kyodo xinhua ansa apa sda "
    "belga anp interfax kna"
)
# Lower-case words a credit may hold: names' particles, and those of credits and agencies.
_CREDIT_WORDS = (
    _NAME_PARTICLES
    | _AGENCIES
    | _words("for the of via by courtesy with to and und et y e")
    | _words("file archive archiv picture alliance images")
)
_GERMAN_ARTICLES = _words("der den des das")
# Words that part a credit's names or tie them to an agency ("Jane Doe for the Ministry", "Anna
# Schmidt und Peter Müller"); names' particles do not ("Eröffnung des Flughafens").
_SEPARATING = _AGENCIES | _words("for via by courtesy with and und et y")
MAX_CREDIT_REST_WORDS = 12
# Postpositions and auxiliaries a Hindi name never holds ("मुंबई में बारिश", rain in Mumbai).
_HINDI_FUNCTION_WORDS = _words("का की के में से ने पर को और है हैं था थी थे किया")
MAX_SOURCE_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?\u0964\u2026]$")
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
_DATE_MARKERS = _words(_DATE_MARKER_WORDS)
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


def is_credit(line: str) -> bool:
    """Does this line (one line of a text) credit or date the brief rather than tell news?"""
    if len(line) > MAX_CREDIT_CHARS:
        return False
    squashed = " ".join(_BIDI.sub("", line).split())
    if not squashed or len(squashed.split()) > MAX_CREDIT_WORDS:
        return False
    if " | " in squashed:
        # Every piece a credit or a name, and one a credit: "Opinion | Biden Must Go" and
        # "Trump | Putin" are headlines.
        pieces = squashed.split(" | ")
        credits = [_is_credit_piece(piece) for piece in pieces]
        return any(credits) and all(c or is_names(p) for c, p in zip(credits, pieces, strict=True))
    return _is_credit_piece(squashed)


def _is_credit_piece(text: str) -> bool:
    return (
        _is_byline(text)
        or _is_credit_label(text)
        or text.casefold() in _CREDIT_ALONE
        or _is_date_line(text)
    )


def _is_byline(line: str) -> bool:
    match = _BYLINE.match(line)
    if match is None:
        return False
    marker = line[: match.start("name")].strip(" :")
    name, *after = _NAME_END.split(match.group("name"), maxsplit=1)
    rest = after[0] if after else ""
    if marker.isupper() and len(marker) > 1 and not name.isupper():
        return False  # "PAR Technology Beats Estimates", "AV Jennings Reports Profit"
    if len(name.split()) == 1 and len(rest.split()) > 2:
        return False  # "By Friday, the ministry must publish its plan."
    # A role or place after the name, not a clause: "envoyée spéciale à Kiev" is one, "the
    # ministry must publish its plan." is not.
    if _SENTENCE_END.search(rest) and _lower_words(rest) >= MIN_CLAUSE_WORDS:
        return False
    return is_names(name)


def _lower_words(text: str) -> int:
    """How many of ``text``'s words are lower-case words but those of names and credits."""
    return sum(
        1 for word in text.split() if word[:1].islower() and word.casefold() not in _CREDIT_WORDS
    )


def is_names(text: str) -> bool:
    """A person's or agency's name, or several joined by a conjunction: capitalised words and
    names' particles, no colon, no sentence stop but an initial's or "Jr."'s."""
    words = text.split()
    if not words or ":" in text or any(word in _HINDI_FUNCTION_WORDS for word in words):
        return False
    if _SENTENCE_END.search(text) and not _NAME_ABBREVIATION.search(words[-1]):
        return False
    names: list[list[str]] = [[]]
    for word in text.replace(",", " , ").split():
        if word.casefold() in _CONJUNCTIONS or word == ",":
            names.append([])
        else:
            names[-1].append(word)
    return all(_is_name(name, alone=len(names) == 1) for name in names)


def _is_name(words: list[str], *, alone: bool) -> bool:
    """One name: at most MAX_NAME_WORDS capitalised words (not a number first) and particles;
    one word is a name only when no other is joined to it ("By Reuters", not "Von Schulden
    und Schuldigen")."""
    if not words or words[0].casefold() in _NAME_PARTICLES or not _named(words[0]):
        return False
    capitalised = [word for word in words if word.casefold() not in _NAME_PARTICLES]
    return (
        all(_named(word) for word in capitalised)
        and len(capitalised) <= MAX_NAME_WORDS
        and (alone or len(capitalised) >= 2 or words[0].isupper() or is_agency(words[0]))
    )


def _named(word: str) -> bool:
    """A word that opens with a capital, or with a letter of a script without case (Hindi),
    or an agency that writes itself in lower case ("dpa")."""
    first = word[:1]
    return (first.isalpha() and not first.islower()) or is_agency(word)


def is_agency(word: str) -> bool:
    """A news agency's name ("dpa", "Reuters", "PTI")."""
    return word.casefold() in _AGENCIES


def _is_credit_label(line: str) -> bool:
    """``Photo: Jane Doe / AFP``, ``Quelle: dpa``, ``© Reuters 2026``."""
    if (match := _CREDIT.match(line)) is not None:
        return _is_credited(match.group("rest"), MAX_CREDIT_REST_WORDS, stop=True, names=2)
    if (match := _SOURCE.match(line)) is not None:
        return _is_credited(match.group("rest"), MAX_SOURCE_WORDS, stop=False, names=2)
    if (match := _COPYRIGHT.search(line)) is not None:
        rest = f"{line[: match.start()]} {line[match.end() :]}"
        return _is_credited(rest, MAX_CREDIT_REST_WORDS, stop=True)
    return False


def _is_credited(rest: str, most: int, *, stop: bool, names: int = MAX_NAME_WORDS) -> bool:
    """Names, agencies or a date after a credit's label: at most ``most`` words, none of them
    a lower-case word but those of names and credits, and no more than ``names`` capitalised
    ones unless a "/", a "|" or a credit's word parts them (a headline in Title Case); a
    final stop only where ``stop``."""
    if _SENTENCE_END.search(rest) and not (stop and rest.endswith(".")):
        return False
    words = [word.strip(".,;:()[]/|\u00a9") for word in rest.split()]
    words = [word for word in words if word]
    capitalised = [word for word in words if word[:1].isupper()]
    separated = any(mark in rest for mark in "/|") or any(
        word.casefold() in _SEPARATING for word in words
    )
    if len(capitalised) > names and not separated:
        return False  # "Photos: Massive Fire Engulfs Mumbai Building", in Title Case
    if len(words) == 1 and not (separated or words[0].isupper() or is_agency(words[0])):
        return False  # "Bilder: Großbrand": a person is two names, an agency known or capitals
    uncased = [word for word in words if word[:1].isalpha() and not _cased(word[0])]
    if uncased and (len(words) > 2 or any(w in _HINDI_FUNCTION_WORDS for w in words)):
        return False  # "फोटो: पीएम मोदी ने किया उद्घाटन": no case to tell a name, so two words
    return len(words) <= most and all(_credit_word(words, n) for n in range(len(words)))


def _credit_word(words: list[str], index: int) -> bool:
    """A word a credit may hold: not lower-case, or a word of names and credits ("der" only
    in "von der", "van der": "Eröffnung des Flughafens" is a headline)."""
    word = words[index]
    if not word[:1].islower() or "/" in word:
        return True
    if word in _GERMAN_ARTICLES:
        return index > 0 and words[index - 1].casefold() in {"von", "van"}
    return word.casefold() in _CREDIT_WORDS


def _cased(character: str) -> bool:
    return character.isupper() or character.islower()


def _is_date_line(line: str) -> bool:
    """Only a date (and a time, a place before a comma, an agency in brackets or after a dash,
    a byline after "by"), no news."""
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
