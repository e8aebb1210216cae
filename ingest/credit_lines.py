"""Whether one line of a brief credits or dates it rather than tells news (:mod:`ingest.credits`).

A line is a credit when it is

* a byline: ``By``, ``Von``, ``Par``, ``Por``, ``Door``, ``Av``, ``Af``, ``di``, ``Written
  by``, ``Photo by``, ``By:``, ``Автор:``, ``Текст:``, ``लेखक:`` or ``रिपोर्ट:`` before a
  name (:func:`ingest.credit_names.is_names`) or a rank and a name (``Photo by Staff Sgt.
  Jane Roe``, :mod:`ingest.service_credits`), then perhaps a role, place or date after a
  comma, ``|``, ``/`` or a dash, or, after an English marker, where each reporter was (``By
  Jane Doe and John Roe in Brussels``: capitalised places, ``By Train in Europe`` stays). ``By
  2030, India aims …``, ``Von Montag an gilt …``, ``Von der Leyen in Kiew``, ``By Land and Sea:
  Navy Exercises Begin`` and ``Von Schulden und Schuldigen`` are headings. A marker of one
  language is no byline in a brief known to be in another of those whose bylines this knows,
  or English: ``Von Miller Retires`` in English is news about Von Miller;
* a photo or source credit (:mod:`ingest.photo_credits`): ``Photo: Jane Doe / AFP``, ``Фото:
  пресс-служба Кремля``, ``AP Photo/Evan Vucci``, or ``File photo``, ``फाइल फोटो``,
  ``Symbolbild`` alone;
* a correspondent's line, named or not: ``From our correspondent in Kyiv``, ``dal nostro
  inviato Mario Rossi``, ``De notre envoyée spéciale à Kiev``;
* the forces' picture credits (:mod:`ingest.service_credits`): ``U.S. Navy photo by …``,
  ``(Courtesy photo)``, ``VIRIN: …``, ``Crown copyright``;
* a date line (:mod:`ingest.date_lines`).

Lines of several such pieces between ``|`` (``TNN | Updated: Dec 5, 2026, 10:05 IST``, a site's
breadcrumbs) are credits when every piece is one or a name. A line naming a reporter's outlet
(``BBC News, Kyiv``) is one only under the reporter's name (:func:`is_affiliation`, used by
:mod:`ingest.credits`). Wire credits closing a text are :mod:`ingest.wire_credits`'.
"""

from __future__ import annotations

import re

from ingest.credit_names import CREDIT_WORDS, SENTENCE_END, is_agency, is_names, words
from ingest.date_lines import DATE_LOCALES, is_date_line, is_weekday
from ingest.photo_credits import is_agency_credit, is_labelled_credit
from ingest.service_credits import is_ranked_name, is_service_credit

__all__ = [
    "DATE_LOCALES",
    "MAX_CREDIT_CHARS",
    "MAX_CREDIT_WORDS",
    "byline_name",
    "is_affiliation",
    "is_agency",
    "is_credit",
    "is_names",
]

MAX_CREDIT_WORDS = 16
MAX_CREDIT_CHARS = 200

# Direction marks a right-to-left page leaves before a line ("\u200fBy Jane Doe").
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BYLINE = re.compile(
    r"^(?:(?:(?:written|edited|reported|text|words|story|photos?|pictures?)\s+)?"
    r"(?:by|von|par|por|door|av|af|di)\s*:?\s+"
    r"|(?:автор|текст|लेखक|रिपोर्ट|रिपोर्टर)\s*:\s*)(?P<name>\S.*)$",
    re.IGNORECASE,
)
# The languages whose bylines open with a marker that is a name or a word in others ("Von
# Miller", "Par Pacific", "Di Maria"). English's "By" is left to all: Indian and other sites
# in other languages credit in English.
_MARKER_LANGUAGES = {
    "von": frozenset({"de"}),
    "par": frozenset({"fr"}),
    "por": frozenset({"es", "pt", "gl"}),
    "door": frozenset({"nl"}),
    "av": frozenset({"sv", "no", "nb", "nn"}),
    "af": frozenset({"da"}),
    "di": frozenset({"it"}),
}
# The languages a brief's language is believed in: py3langid takes a short French or German
# text for Luxembourgish or Latin now and then, and then the marker's language is not ruled out.
_TOLD_LANGUAGES = frozenset({"en"}).union(*_MARKER_LANGUAGES.values())
# Words of a time, never of a person's name after "By" (nor are weekdays' names).
_TIME_WORDS = words(
    "christmas easter diwali eid ramadan thanksgiving hanukkah day night morning afternoon "
    "evening noon midnight weekend week month year"
)
# Where a byline's name ends and its role, place or date begins.
_NAME_END = re.compile(r"\s*[,;|/\u2013\u2014]\s*|\s+-\s+")
# Where an English byline's reporter was: "By Jane Doe in Kyiv and John Roe in Brussels".
_IN_PLACE = re.compile(r"\s+in\s+(?P<place>\S+(?:\s+\S+)?)(?=\s+and\s|$)")
# "From our correspondent", "dal nostro inviato", "de notre envoyée spéciale": a reporter, by
# name or not, perhaps with a place ("From our correspondent in Kyiv").
_CORRESPONDENT = re.compile(
    r"^(?:from\s+our\s+(?:own\s+)?(?:special\s+)?(?:correspondent|reporter)s?"
    r"|dall?a?\s+nostr[oa]\s+(?:inviat[oa]|corrispondente)(?:\s+special[ei])?"
    r"|de\s+not(?:re)?\s+(?:envoy[ée]e?\s+spéciale?|correspondante?)"
    r"|de\s+nuestr[oa]\s+(?:enviad[oa]\s+especial|corresponsal))"
    r"(?P<rest>(?:\s|,).*)?$",
    re.IGNORECASE,
)
_PLACE_PREPOSITIONS = words("in a à en")
MAX_PLACE_WORDS = 3
MIN_CLAUSE_WORDS = 3  # lower-case words after a byline's name that make it a sentence
_CREDIT_ALONE = frozenset(
    ["file photo", "photo", "archivbild", "symbolbild", "symbolfoto", "फाइल फोटो", "फ़ाइल फ़ोटो"]
)
# A picture's caption copied with a page ("Image caption, Rescue workers search …"): no news.
_CAPTION = re.compile(r"^(?:image|media|video)\s+caption\s*[,:]\s*\S", re.IGNORECASE)
# An outlet: capitalised words ending in a word of the press ("BBC News", "The Times"), an
# agency, or a broadcaster's capitals and perhaps a word ("BBC", "BBC Ukrainian").
_PRESS_WORDS = words(
    """
    news press times post journal herald tribune telegraph guardian gazette mail express radio
    tv television online agency zeitung nachrichten rundschau welle presse новости известия
    ведомости समाचार
    """
)
# Broadcasters that sign with their capitals: a city in capitals ("KYIV, Ukraine", a
# headline's dateline) is none.
_BROADCASTER = re.compile(
    r"^(?:BBC|CNN|NBC|ABC|CBS|NPR|PBS|MSNBC|CNBC|NDTV|ITV|SKY|NHK|KBS|CBC|RTE|ARD|ZDF|ORF|SRF"
    r"|RAI|RT|DW|TRT|WION)(?:\s+[A-Z][a-z]+)?$"
)
# A reporter's role: "Business reporter", "Kyiv correspondent", "envoyée spéciale".
_ROLE_WORDS = words(
    """
    reporter correspondent editor writer journalist columnist analyst producer contributor
    correspondante correspondant journaliste envoyé envoyée spécial spéciale korrespondent
    korrespondentin redakteur redakteurin reporterin корреспондент корреспондентка
    обозреватель संवाददाता corresponsal periodista redactor redactora inviato corrispondente
    """
)
MAX_AFFILIATION_WORDS = 8


def is_credit(line: str, language: str | None = None) -> bool:
    """Does this line (one line of a text in ``language``, ISO 639-1, None: unknown) credit or
    date the brief rather than tell news?"""
    if len(line) > MAX_CREDIT_CHARS:
        return False
    squashed = " ".join(_BIDI.sub("", line).split())
    if not squashed or len(squashed.split()) > MAX_CREDIT_WORDS:
        return False
    if squashed.startswith("(") and squashed.endswith(")") and "(" not in squashed[1:]:
        squashed = squashed[1:-1].strip()  # "(Photo by Chip Somodevilla/Getty Images)"
    if " | " in squashed:
        # Every piece a credit or a name, and one a credit: "Opinion | Biden Must Go" and
        # "Trump | Putin" are headlines.
        pieces = squashed.split(" | ")
        credits = [_is_credit_piece(piece, language) for piece in pieces]
        return any(credits) and all(c or is_names(p) for c, p in zip(credits, pieces, strict=True))
    return _is_credit_piece(squashed, language)


def _is_credit_piece(text: str, language: str | None) -> bool:
    return (
        _is_byline(text, language)
        or is_labelled_credit(text)
        or is_agency_credit(text)
        or text.casefold() in _CREDIT_ALONE
        or _CAPTION.match(text) is not None
        or is_date_line(text)
        or is_service_credit(text)
        or _is_correspondent(text)
    )


def byline_name(line: str, language: str | None = None) -> str | None:
    """The name of the byline this whole line is (``Popular Demand`` of ``By Popular Demand``),
    or None."""
    squashed = " ".join(_BIDI.sub("", line).split())
    match = _BYLINE.match(squashed)
    if match is None or not _is_byline(squashed, language):
        return None
    return _without_places(_NAME_END.split(match.group("name"), maxsplit=1)[0])


def _is_byline(line: str, language: str | None) -> bool:
    match = _BYLINE.match(line)
    if match is None:
        return False
    marker = line[: match.start("name")].strip(" :")
    name, *after = _NAME_END.split(match.group("name"), maxsplit=1)
    rest = after[0] if after else ""
    if marker.isupper() and len(marker) > 1 and not name.isupper():
        return False  # "PAR Technology Beats Estimates", "AV Jennings Reports Profit"
    languages = _MARKER_LANGUAGES.get(marker.casefold())
    if language in _TOLD_LANGUAGES and languages is not None and language not in languages:
        return False  # "Von Miller Retires" in English
    if marker.casefold().endswith("by") and (placed := _without_places(name)) != name:
        if len(placed.split()) < 2:
            return False  # "By Train in Europe"
        name = placed  # "By Jane Doe in Kyiv"
    if len(name.split()) == 1 and len(rest.split()) > 2:
        return False  # "By Friday, the ministry must publish its plan."
    if any(word.casefold() in _TIME_WORDS or is_weekday(word) for word in name.split()):
        return False  # "By Monday, Talks Resume", "By Christmas, Peace", "By Election Day"
    # A role or place after the name, not a clause: "envoyée spéciale à Kiev" is one, "the
    # ministry must publish its plan." is not.
    if SENTENCE_END.search(rest) and _lower_words(rest) >= MIN_CLAUSE_WORDS:
        return False
    return is_names(name) or is_ranked_name(name)  # "Photo by Staff Sgt. Jane Roe"


def _without_places(name: str) -> str:
    """``name`` without the places its reporters were in: ``Jane Doe`` of ``Jane Doe in
    Kyiv``; a lower-case "place" stays (``Jane Doe in the field``)."""

    def drop(match: re.Match[str]) -> str:
        return "" if _is_place(match["place"].split()) else match.group()

    return _IN_PLACE.sub(drop, name)


def _is_place(split: list[str]) -> bool:
    return 0 < len(split) <= MAX_PLACE_WORDS and all(word[:1].isupper() for word in split)


def _is_correspondent(line: str) -> bool:
    """``From our correspondent in Kyiv``, ``dal nostro inviato Mario Rossi``, ``De notre
    envoyée spéciale à Kiev, Anne Dupont``: the marker, then names and places only."""
    match = _CORRESPONDENT.match(line)
    if match is None:
        return False
    rest = (match["rest"] or "").strip(" ,")
    return not rest or all(_is_reporter_piece(p.split()) for p in rest.split(","))


def _is_reporter_piece(split: list[str]) -> bool:
    """A reporter's name, a place after a preposition, or both: ``Jane Doe in Kyiv``."""
    at = [i for i, word in enumerate(split) if word.casefold() in _PLACE_PREPOSITIONS]
    if not at:
        return is_names(" ".join(split))
    name, place = split[: at[0]], split[at[0] + 1 :]
    return _is_place(place) and (not name or is_names(" ".join(name)))


def _lower_words(text: str) -> int:
    """How many of ``text``'s words are lower-case words but those of names and credits."""
    return sum(
        1 for word in text.split() if word[:1].islower() and word.casefold() not in CREDIT_WORDS
    )


def is_affiliation(line: str) -> bool:
    """A reporter's outlet, and perhaps place or role, between commas: ``BBC News, Kyiv``,
    ``Business reporter, BBC News``, ``Reuters, London``, ``BBC News``, or a role alone. Only
    under a name is it a credit: alone it may be a headline's start (``Fox News, CNN …``)."""
    if len(line) > MAX_CREDIT_CHARS:
        return False
    squashed = " ".join(_BIDI.sub("", line).split())
    if not squashed or any(c.isdigit() for c in squashed):
        return False
    if len(squashed.split()) > MAX_AFFILIATION_WORDS:
        return False
    pieces = [piece.strip() for piece in squashed.split(",")]
    if len(pieces) == 1:
        # "BBC News", "CNN", "Political editor"; "Reuters" alone may be a headline's
        return (
            _is_press_outlet(squashed) or is_role(squashed) or bool(_BROADCASTER.match(squashed))
        )
    outlets = [_is_press_outlet(p) or _is_agency_outlet(p) for p in pieces]
    return (
        len(pieces) <= 3
        and outlets.count(True) == 1
        and all(o or is_names(p) or is_role(p) for o, p in zip(outlets, pieces, strict=True))
    )


def _is_press_outlet(piece: str) -> bool:
    split = piece.split()
    return (
        0 < len(split) <= 4
        and split[-1].casefold() in _PRESS_WORDS
        and all(word[:1].isupper() for word in split)
    )


def _is_agency_outlet(piece: str) -> bool:
    return is_agency(piece) or bool(_BROADCASTER.match(piece))


def is_role(piece: str) -> bool:
    """A reporter's role: "Business reporter", "Political editor", "envoyée spéciale"."""
    split = piece.split()
    return 0 < len(split) <= 3 and split[-1].casefold() in _ROLE_WORDS
