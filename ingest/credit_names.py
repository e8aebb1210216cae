"""Whether a piece of a credit line names people or agencies (:mod:`ingest.credit_lines`).

A name is up to :data:`MAX_NAME_WORDS` capitalised words and the particles of names (``de
la``, ``van``); several names may be joined by ``and``, ``und``, ``et`` .... One word is a name
only alone (``By Reuters``), not joined to another (``Von Schulden und Schuldigen``). News
agencies count as names even in lower case (``dpa``).
"""

from __future__ import annotations

import re

__all__ = [
    "AGENCIES",
    "CREDIT_WORDS",
    "HINDI_FUNCTION_WORDS",
    "MAX_NAME_WORDS",
    "NAME_PARTICLES",
    "SENTENCE_END",
    "is_agency",
    "is_names",
    "words",
]


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONJUNCTIONS = words("and und et y e en och og и і और &")
NAME_PARTICLES = words(
    "de da di du del della dos das der den des van von la le al bin ibn ter ten of"
)
MAX_NAME_WORDS = 3  # capitalised words of one name: "Anne-Marie de la Cruz Gómez"
# "Jr.", "Sr.", an initial ("J."): a name may end on one.
_NAME_ABBREVIATION = re.compile(r"(?:jr|sr|[^\W\d_])\.$", re.IGNORECASE)
# News agencies, which a credit may name alone and some write in lower case ("dpa").
AGENCIES = words(
    "dpa afp ap epa pti ani ians ria tass reuters bloomberg efe kyodo xinhua ansa apa sda "
    "belga anp interfax kna pa lusa lapresse тасс риа интерфакс"
)
# Lower-case words a credit may hold: names' particles, and those of credits and agencies.
CREDIT_WORDS = (
    NAME_PARTICLES
    | AGENCIES
    | words("for the of via by courtesy with to and und et y e")
    | words("file archive archiv picture alliance images")
)
# Postpositions and auxiliaries a Hindi name never holds ("मुंबई में बारिश", rain in Mumbai).
HINDI_FUNCTION_WORDS = words("का की के में से ने पर को और है हैं था थी थे किया")
SENTENCE_END = re.compile(r"[.!?\u0964\u2026]$")


def is_names(text: str) -> bool:
    """A person's or agency's name, or several joined by a conjunction: capitalised words and
    names' particles, no colon, no sentence stop but an initial's or "Jr."'s."""
    split = text.split()
    if not split or ":" in text or any(word in HINDI_FUNCTION_WORDS for word in split):
        return False
    if SENTENCE_END.search(text) and not _NAME_ABBREVIATION.search(split[-1]):
        return False
    names: list[list[str]] = [[]]
    for word in text.replace(",", " , ").split():
        if word.casefold() in _CONJUNCTIONS or word == ",":
            names.append([])
        else:
            names[-1].append(word)
    return all(_is_name(name, alone=len(names) == 1) for name in names)


def _is_name(name: list[str], *, alone: bool) -> bool:
    """One name: at most MAX_NAME_WORDS capitalised words (not a number first) and particles;
    one word is a name only when no other is joined to it ("By Reuters", not "Von Schulden
    und Schuldigen")."""
    if not name or name[0].casefold() in NAME_PARTICLES or not _named(name[0]):
        return False
    capitalised = [word for word in name if word.casefold() not in NAME_PARTICLES]
    return (
        all(_named(word) for word in capitalised)
        and len(capitalised) <= MAX_NAME_WORDS
        and (alone or len(capitalised) >= 2 or name[0].isupper() or is_agency(name[0]))
    )


def _named(word: str) -> bool:
    """A word that opens with a capital, or with a letter of a script without case (Hindi),
    or an agency that writes itself in lower case ("dpa")."""
    first = word[:1]
    return (first.isalpha() and not first.islower()) or is_agency(word)


def is_agency(word: str) -> bool:
    """A news agency's name ("dpa", "Reuters", "PTI")."""
    return word.casefold() in AGENCIES
