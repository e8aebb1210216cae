"""Whether a line credits a photo or a source rather than tells news (:mod:`ingest.credit_lines`).

A photo credit is

* a label (``Photo:``, ``Foto:``, ``Фото:``, ``फोटो:``, ``Image source,`` ...) before names or
  agencies: no lower-case word but those of names and credits (``Photo: Jane Doe for the
  Ministry``, not ``Photos: Massive fire engulfs …``); ``Source:``, ``Quelle:``, ``Источник:``
  ... before at most four such words (``Источник: Кремль готовит перестановки`` is a headline);
  ``©`` before one; ``Photo illustration by``, ``Graphic by`` ... before one; ``Video:`` before
  one name, or several parted by a ``/`` or a credit's word (``Video: Trump Speaks`` is a
  headline);
* a label before a press office or a handout (``Фото: пресс-служба Минобороны РФ``, ``Photo:
  Ministry of Defence press office``, ``Photo: handout``): the office's owner is a name or one
  of a few institutions (``президента``, ``der Polizei``), so ``Фото: пресс-служба опровергла
  слухи`` and ``Photo: Press office staff walk out`` stay headlines;
* a label (a source's too) before the forces' credits
  (:func:`ingest.service_credits.is_service_rest`): a rank and a name (``Photo: Cpl Jane Roe,
  RAF``), ``Crown copyright``, a defence institution alone (``Foto: Bundeswehr``, ``Quelle:
  Bundeswehr``; ``Bilder: Großbrand`` stays) or a web address (``Фото: mil.ru``);
* an agency and a photographer or another agency between ``/`` (``AP Photo/Evan Vucci``,
  ``Reuters/Jane Doe``, ``EPA-EFE/Clemens Bilan``, ``Jane Doe/AFP via Getty Images``), each
  piece a name or an agency and one an agency, so ``Trump/Putin`` and ``AC/DC Announce Tour``
  stay.

Emoji around a credit or among its words are no part of it: ``📸 Photo: PIB`` is a credit,
``Bilder: Großbrand 🔥`` a headline.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.credit_names import (
    AGENCIES,
    CREDIT_WORDS,
    HINDI_FUNCTION_WORDS,
    MAX_NAME_WORDS,
    SENTENCE_END,
    is_agency,
    is_names,
    words,
)
from ingest.service_credits import is_service_rest

__all__ = ["is_agency_credit", "is_labelled_credit"]

_LABEL = (
    r"(?:file\s+)?photo(?:graph)?s?(?:\s+credits?)?|pictures?|images?(?:\s+source)?|credits?"
    r"|illustration|foto(?:s|grafie|quelle)?|bild(?:er|quelle|nachweis)?|crédits?(?:\s+photo)?"
    r"|фото(?:графия)?"
    r"|снимок|кадр|(?:फ़ाइल\s+|फाइल\s+)?(?:फ़ोटो|फोटो)|तस्वीर"
)
# "Credit...Jane Doe for The New York Times": the Times parts its label so.
_CREDIT = re.compile(
    rf"^\(?\s*(?:{_LABEL})\s*(?:[:/|\u00a9,]|\.\.\.|\u2026)\s*(?P<rest>.*?)\s*\)?$", re.IGNORECASE
)
# A video's label: a headline names a video so ("Video: Trump Speaks"), so only one name or
# one named by a "/", "via", an agency, an institution or a press office follows it.
_VIDEO = re.compile(r"^\(?\s*videos?\s*[:/|\u00a9]\s*(?P<rest>.*?)\s*\)?$", re.IGNORECASE)
# A picture's maker after "by": "Photo illustration by Jane Doe", "Graphic by Jane Doe/AFP".
_MADE_BY = re.compile(
    r"^\(?\s*(?:photo(?:graph)?s?(?:\s+illustrations?)?|illustrations?|pictures?|graphics?)"
    r"\s+by\s*:?\s+(?P<rest>.*?)\s*\)?$",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^\(?\s*(?:sources?|quelle|fuente|источник|स्रोत)\s*:\s*(?P<rest>.*?)\s*\)?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:^|\s)\u00a9\s*(?=[\w(])")
_GERMAN_ARTICLES = words("der den des das")
# Words that part a credit's names or tie them to an agency ("Jane Doe for the Ministry", "Anna
# Schmidt und Peter Müller"); names' particles do not ("Eröffnung des Flughafens").
_SEPARATING = AGENCIES | words("for via by courtesy with and und et y")
MAX_CREDIT_REST_WORDS = 12
MAX_SOURCE_WORDS = 4
# A press office or a handout. English writes it after its owner ("Kremlin press service",
# "US Navy handout") or alone; the other languages before it ("пресс-служба Кремля").
_PRESS_CLOSING = re.compile(
    r"\b(?:official\s+|press\s+)?handout\b|\bpress\s+(?:office|service)\b", re.IGNORECASE
)
_PRESS_OPENING = re.compile(
    r"^(?:пресс-(?:служб|центр)\w*|pressestelle|pressedienst|service\s+de\s+presse"
    r"|servicio\s+de\s+prensa|gabinete\s+de\s+prensa|ufficio\s+stampa|assessoria\s+de\s+imprensa"
    r"|persdienst)\b",
    re.IGNORECASE,
)
# The lower-case words of an office's owner: institutions in the genitive ("пресс-служба
# президента РФ", "Pressestelle der Polizei", "service de presse de l'Élysée").
_OFFICE_WORDS = words(
    """
    президента правительства губернатора мэра мэрии администрации министерства ведомства
    главы полиции суда компании клуба области края республики города по
    der des polizei stadt landes bundes
    du de la l' le
    """
)
MAX_PRESS_WORDS = 8
# Pieces of a credit between "/": an agency ("AP Photo", "EPA-EFE") or a photo agency.
_PHOTO_AGENCIES = frozenset(
    [
        "getty images", "getty", "shutterstock", "istock", "istockphoto", "alamy", "imago",
        "sipa", "picture alliance", "picture-alliance", "anadolu", "pool", "handout", "zuma",
        "nurphoto", "sopa images", "keystone", "ddp", "europa press", "agência brasil",
        "pa media", "pa wire", "риа новости",
        "stringer", "str",  # an agency's photographer unnamed: "REUTERS/Stringer", "STR/AFP"
    ]
)  # fmt: skip
_AGENCY_KIND = words("photo photos foto images pool video фото wire media")
_VIA = re.compile(r"\s+(?:via|for)\s+", re.IGNORECASE)
# An archive's or pool's mark after a credit: "AP Photo/Evan Vucci, File".
_ARCHIVE_MARK = re.compile(r",\s*(?:file|pool|archive|archiv)$", re.IGNORECASE)
MAX_AGENCY_CREDIT_WORDS = 8
# What an emoji is written with besides its symbols: a joiner, variation selectors, a keycap.
_EMOJI_MARKS = "\u200d\ufe0e\ufe0f\u20e3"


def is_labelled_credit(line: str) -> bool:
    """``Photo: Jane Doe / AFP``, ``Quelle: dpa``, ``© Reuters 2026``, ``Фото: пресс-служба
    Кремля`` (an emoji around it is no part of it: ``📸 Photo: PIB``)."""
    line = _undecorated(line)
    if (match := _CREDIT.match(line)) is not None:
        rest = match.group("rest")
        return (
            _is_credited(rest, MAX_CREDIT_REST_WORDS, stop=True, names=2)
            or _is_press(rest)
            or is_service_rest(rest)  # "Foto: Bundeswehr", "Photo: Cpl Jane Roe, RAF"
        )
    if (match := _VIDEO.match(line) or _MADE_BY.match(line)) is not None:
        rest = match.group("rest")
        names = 1 if match.re is _VIDEO else 2  # "Video: Trump Speaks" is a headline
        return (
            _is_credited(rest, MAX_CREDIT_REST_WORDS, stop=True, names=names)
            or _is_press(rest)
            or is_service_rest(rest)  # "Video: Pentagon"
        )
    if (match := _SOURCE.match(line)) is not None:
        rest = match.group("rest")
        return (
            _is_credited(rest, MAX_SOURCE_WORDS, stop=False, names=2)
            or _is_press(rest)
            or is_service_rest(rest)  # "Quelle: Bundeswehr"
        )
    if (match := _COPYRIGHT.search(line)) is not None:
        rest = f"{line[: match.start()]} {line[match.end() :]}"
        return _is_credited(rest, MAX_CREDIT_REST_WORDS, stop=True)
    return False


def _is_credited(rest: str, most: int, *, stop: bool, names: int = MAX_NAME_WORDS) -> bool:
    """Names, agencies or a date after a credit's label: at most ``most`` words, none of them
    a lower-case word but those of names and credits, and no more than ``names`` capitalised
    ones unless a "/", a "|" or a credit's word parts them (a headline in Title Case); a
    final stop only where ``stop``."""
    if SENTENCE_END.search(rest) and not (stop and rest.endswith(".")):
        return False
    split = [word.strip(".,;:()[]/|\u00a9") for word in rest.split()]
    split = [word for word in split if word]
    # an emoji is no name: "Bilder: Großbrand 🔥" is a headline as "Bilder: Großbrand" is
    split = [word for word in split if _undecorated(word)] or split
    capitalised = [word for word in split if word[:1].isupper()]
    separated = any(mark in rest for mark in "/|") or any(
        word.casefold() in _SEPARATING for word in split
    )
    if len(capitalised) > names and not separated:
        return False  # "Photos: Massive Fire Engulfs Mumbai Building", in Title Case
    if len(split) == 1 and not (separated or split[0].isupper() or is_agency(split[0])):
        return False  # "Bilder: Großbrand": a person is two names, an agency known or capitals
    uncased = [word for word in split if word[:1].isalpha() and not _cased(word[0])]
    if uncased and (len(split) > 2 or any(w in HINDI_FUNCTION_WORDS for w in split)):
        return False  # "फोटो: पीएम मोदी ने किया उद्घाटन": no case to tell a name, so two words
    return len(split) <= most and all(_credit_word(split, n) for n in range(len(split)))


def _credit_word(split: list[str], index: int) -> bool:
    """A word a credit may hold: not lower-case, or a word of names and credits ("der" only
    in "von der", "van der": "Eröffnung des Flughafens" is a headline)."""
    word = split[index]
    if not word[:1].islower() or "/" in word:
        return True
    if word in _GERMAN_ARTICLES:
        return index > 0 and split[index - 1].casefold() in {"von", "van"}
    return word.casefold() in CREDIT_WORDS


def _undecorated(text: str) -> str:
    """``text`` without the emoji and symbols around it ("📸 Photo: PIB ▶️"); "©" stays."""
    start, end = 0, len(text)
    while start < end and _decoration(text[start]):
        start += 1
    while end > start and _decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def _decoration(character: str) -> bool:
    """A space, or a symbol no credit holds: an emoji, its joiner or variation selector."""
    if character.isspace():
        return True
    category = unicodedata.category(character)
    return (category in {"So", "Sk"} and character != "\u00a9") or character in _EMOJI_MARKS


def _cased(character: str) -> bool:
    return character.isupper() or character.islower()


def _is_press(rest: str) -> bool:
    """A press office or a handout and its owner (``пресс-служба Минобороны РФ``, ``Ministry
    of Defence press office``, ``handout via Reuters``): nothing else but names, credits'
    words and institutions. English's phrase in capitals must open the credit and be followed
    by a credit's word, not a verb: ``Handout Angers Farmers`` is a headline."""
    rest = rest.removesuffix(".")
    if SENTENCE_END.search(rest) or len(rest.split()) > MAX_PRESS_WORDS:
        return False
    opening = _PRESS_OPENING.match(rest)
    closing = None if opening else _PRESS_CLOSING.search(rest)
    phrase = opening or closing
    if phrase is None:
        return False
    before, after = rest[: phrase.start()].split(), rest[phrase.end() :].split()
    if closing is not None:
        if before and not phrase.group().islower():
            return False  # "Photos: Trump Mocks Handout"
        if after and not (after[0].startswith("/") or after[0].casefold() in CREDIT_WORDS):
            return False  # "Photo: Press office staff walk out"
    owner = [word.strip("()[]/,") for word in before + after]
    return all(_owner_word(word) for word in owner if word)


def _owner_word(word: str) -> bool:
    folded = word.casefold()
    return (
        folded in _OFFICE_WORDS
        or folded in CREDIT_WORDS
        or (word[:1].isalpha() and not word[:1].islower() and _cased(word[0]))
        or is_agency(word)
    )


def is_agency_credit(line: str) -> bool:
    """``AP Photo/Evan Vucci``, ``(Reuters/Jane Doe)``, ``AFP/Getty Images``, ``Jane Doe/AFP
    via Getty Images``: pieces between "/" (and "via"), each an agency or a name, one an
    agency."""
    inner = _undecorated(line).removesuffix(".")
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    inner = _ARCHIVE_MARK.sub("", inner)  # "AP Photo/Evan Vucci, File"
    if "/" not in inner or len(inner.split()) > MAX_AGENCY_CREDIT_WORDS:
        return False
    parts = [part.strip() for piece in inner.split("/") for part in _VIA.split(piece)]
    if not 2 <= len(parts) <= 4 or not all(parts):
        return False
    agencies = [_is_agency_part(part) for part in parts]
    return any(agencies) and all(
        a or _is_photographer(p) for a, p in zip(agencies, parts, strict=True)
    )


def _is_photographer(part: str) -> bool:
    """A photographer's name: two or three words, in capitals or not but one way (``Evan
    Vucci``, ``SAUL LOEB``); ``EPA/Trump`` and ``EPA/DOT Fuel Rule`` are headlines."""
    split = part.split()
    shouted = [word.isupper() for word in split if len(word) > 1]
    return 2 <= len(split) <= 3 and len(set(shouted)) == 1 and is_names(part)


def _is_agency_part(part: str) -> bool:
    """``AP``, ``AP Photo``, ``EPA-EFE``, ``Getty Images``, ``picture alliance``; ``EPA``
    alone is the US agency as often (``EPA/Army Corps Rule``)."""
    if part.casefold() in _PHOTO_AGENCIES:
        return True
    name, *kind = part.split()
    if kind and (len(kind) > 1 or kind[0].casefold() not in _AGENCY_KIND):
        return False
    if name == "EPA" and not kind:
        return False
    return all(is_agency(agency) for agency in name.split("-"))
