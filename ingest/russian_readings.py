"""What pymorphy3's readings of Russian words say, for :mod:`ingest.word_forms`: whether a
reading is a common noun, a name, an adjective agreeing with a noun, a genitive complement;
and the heads of institutions' names those rules look for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ADJECTIVES = frozenset({"ADJF", "PRTF"})  # full adjectives and participles
# Finite verbs, infinitives, gerunds and short participles ("проведено"): no topic.
VERBS = frozenset({"VERB", "INFN", "GRND", "PRTS"})
# The heads of institutions' names, which a genitive in lower case completes: "Министерство
# обороны", "Служба безопасности", "Палата общин". Opening a sentence, any other capitalised
# noun and its genitive are just words ("Глава ведомства", "Число погибших").
INSTITUTION_HEADS = """
    министерство ведомство служба комитет агентство управление департамент совет академия
    университет институт партия федерация союз палата штаб фонд организация дума собрание суд
    прокуратура комиссия гвардия банк администрация правительство парламент армия флот сила
    войско
"""
INSTITUTIONS = frozenset(INSTITUTION_HEADS.split())
# Adjectives that describe an institution rather than name it, opening a sentence: "Новое
# правительство", "Нынешняя администрация", "Большая сила ветра".
DESCRIPTIVE_ADJECTIVES = """
    новый нынешний бывший прежний старый большой больший местный крупный весь этот тот такой
    другой сам каждый наш ваш свой сильный огромный целый многочисленный мощный ведущий любой
    иностранный иной очередной собственный
"""
DESCRIPTIVE = frozenset(DESCRIPTIVE_ADJECTIVES.split())
# Heads an adjective of quality describes more often than it names ("Огромная армия
# чиновников", "Мощная армия"); the qualities that name one ("Сухопутные войска") are listed.
GENERIC_HEADS = frozenset({"армия", "сила", "войско", "флот"})
NAMING_QUALITIES = frozenset({"сухопутный", "верховный", "всемирный"})
# Heads that name forces in the plural: "Силы самообороны", "Ракетные войска".
PLURAL_HEADS = frozenset({"сила", "войско"})
NAMES = frozenset({"Name", "Surn", "Patr"})
# A proper noun's grammemes: a name, a place, an organisation, a trademark.
PROPER = NAMES | {"Geox", "Orgn", "Trad"}


def common(parse: Any) -> bool:
    """Whether ``parse`` is a common noun the dictionary knows (no name, place, organisation)."""
    return bool(
        parse.tag.POS == "NOUN" and parse.is_known and not PROPER & set(parse.tag.grammemes)
    )


def complement(after: Sequence[Sequence[Any]]) -> int:
    """How many of the words read ``after`` a name's head are its genitive complement: a noun
    ("обороны"), or an adjective and the noun it agrees with ("иностранных дел")."""
    if after and genitive_noun(after[0]) and not finite_verb(after[0]):
        return 1
    if len(after) >= 2 and (noun := genitive_noun(after[1])) is not None:
        # An adjective agreeing before it says the noun is one: "иностранных дел" ("дел" is a
        # verb's form too)
        return 2 * any(agrees(p, noun.tag) for p in after[0])
    return 0


def finite_verb(parses: Sequence[Any]) -> bool:
    """Whether the word also reads as a finite verb: "начала" is "of the start" and "began",
    and "Российская армия начала наступление" has no "начала" in its name."""
    return any(p.tag.POS == "VERB" for p in parses)


def plural_noun(parse: Any) -> bool:
    return bool(parse.tag.POS == "NOUN" and parse.tag.number == "plur")


def genitive_noun(parses: Sequence[Any]) -> Any | None:
    """The word's reading as a noun in the genitive, where its likeliest reading is a noun."""
    if not parses or parses[0].tag.POS != "NOUN":
        return None
    return next((p for p in parses if p.tag.POS == "NOUN" and p.tag.case == "gent"), None)


def agrees(adjective: Any, noun: Any) -> bool:
    """Whether ``adjective`` (a reading) agrees with the noun tagged ``noun``: an adjective in
    its case and number, and in the singular its gender."""
    tag = adjective.tag
    return bool(
        tag.POS in ADJECTIVES
        and tag.case == noun.case
        and tag.number == noun.number
        and (noun.number != "sing" or tag.gender == noun.gender)
    )


def name_like(parse: Any, case: str) -> bool:
    """Whether ``parse`` reads as a name (or a noun the dictionary lacks) in ``case``."""
    tag = parse.tag
    unknown_noun = tag.POS == "NOUN" and not parse.is_known
    return bool(tag.case == case and (NAMES & set(tag.grammemes) or unknown_noun))


def noun(parses: Sequence[Any]) -> Any | None:
    """The word's most likely reading as a noun, where it is one (and no adjective first)."""
    if not parses or parses[0].tag.POS in ADJECTIVES:
        return None
    return next((p for p in parses if p.tag.POS == "NOUN"), None)
