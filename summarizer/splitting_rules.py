"""The words the sentence splitter must know, per language (see :mod:`summarizer.segmentation`).

English is the base: every language's rules are English's plus its own words, because news in
any language quotes English names and titles ("Dr.", "Inc."). A language without a table here
(or ``None``) splits with English's rules alone. The danda (``।``, ``॥``) ends a sentence in
every language, so Hindi needs no table of its own beyond its honorifics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

__all__ = ["SplitRules", "split_rules"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class SplitRules:
    """Lower-cased abbreviations (without their period) and sentence-opening words."""

    # Always followed by a name or number, never the last word of a sentence.
    prefixes: frozenset[str]
    # Precede a number: "No. 5", "Vol. II", "pp. 3-7", "Str. 5".
    before_numbers: frozenset[str]
    # May also end a sentence: a boundary only before a sentence starter.
    ambiguous: frozenset[str]
    # Closed-class words that commonly open a sentence (Punkt-style heuristic).
    starters: frozenset[str]
    # A number of one or two digits before a period is an ordinal ("am 3. Oktober"): ambiguous.
    ordinal_numbers: bool = False
    # Word endings that precede a number like ``before_numbers``: "Bahnhofstr. 12".
    before_numbers_endings: tuple[str, ...] = ()
    # A doubled capital is a plural abbreviation ("EE. UU.", "FF. AA."): no boundary inside.
    doubled_initials: bool = False
    # Dotted abbreviations that close an enumeration, in lower case and without spaces ("т.д"
    # for Russian's "и т. д.", etc.): a capital letter after one opens a new sentence. (Their
    # last letter alone would go by the initials' rule.)
    closing: frozenset[str] = frozenset()
    # Words (lower case) that go on a sentence after one of ``closing``: "долл. США".
    closing_continued: frozenset[str] = frozenset()
    # Dating abbreviations after a year or an era ("в 1916 г.", "1970-х гг.", "до н. э."): a
    # capital after one opens a new sentence, unless the sentence so far is a short opening
    # phrase ("В 2024 г. Министерство ..." goes on): see :data:`DATED_OPENING_WORDS`.
    dated: frozenset[str] = frozenset()

    @cached_property
    def longest(self) -> int:
        return max(map(len, self.prefixes | self.ambiguous))

    @cached_property
    def closing_pattern(self) -> re.Pattern[str] | None:
        """Matches a text ending in one of :attr:`closing` (spaced or not), or None."""
        if not self.closing:
            return None
        spaced = (r"\.\s?".join(map(re.escape, word.split("."))) for word in sorted(self.closing))
        # Lower case only: "Т. П. Смирнова" are initials.
        return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(spaced)})$")

    @cached_property
    def dated_pattern(self) -> re.Pattern[str] | None:
        """Matches a text ending in a year and one of :attr:`dated` (``1916 г``, ``1970-х
        гг``), or in an era (``н. э``: a dotted one), or None."""
        if not self.dated:
            return None
        years = "|".join(re.escape(word) for word in sorted(self.dated) if "." not in word)
        eras = (r"\.\s?".join(map(re.escape, w.split("."))) for w in sorted(self.dated) if "." in w)
        # A year in figures, or a century in Roman ones ("в XIX в.", "XIX\u2013XX вв.").
        number = r"(?:\d[\d\w-]*|[IVXLC]+(?:[-\u2013][IVXLC]+)?)"
        alternatives = [rf"{number}\s(?:{years})", *eras]
        return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(alternatives)})$")


# A sentence that has this many words or fewer before a dating abbreviation is an opening
# phrase ("В мае 2024 г. ...", "С 1 января 2025 г. ..."), not a whole sentence.
DATED_OPENING_WORDS = 5

_ENGLISH = SplitRules(
    prefixes=_words(
        """
        mr mrs ms mx dr prof gen lt col maj capt cpt cmdr cdr adm brig sgt cpl pvt
        rev fr hon sen rep gov pres supt insp det st mt ft rs sh shri smt vs v cf viz
        approx dept
        """
    ),
    before_numbers=_words("no nos nr art sec fig figs vol vols ch chap pp para paras"),
    ambiguous=_words(
        """
        inc co corp ltd plc llc bros jr sr esq al jan feb apr jun jul aug sep sept
        oct nov dec tue tues thu thur thurs ave blvd rd govt
        """
    ),
    starters=_words(
        """
        the a an this that these those it its he she they we i you his her their
        our my your there here but and or so yet however meanwhile also in on at
        for from with by after before as if when while since although though
        during under what who why how where which some many most all both each
        one two three no not nor then thus still now today yesterday tomorrow
        last next other another such mr mrs ms dr according despite instead
        """
    ),
)

# Words each language adds to English's.
_EXTRA: dict[str, SplitRules] = {
    "fr": SplitRules(
        prefixes=_words("m mm mme mmes mlle mlles me mgr pr ste vve"),
        before_numbers=_words("n p pp art chap vol"),
        ambiguous=_words("etc cie av bd janv févr avr juil sept oct nov déc"),
        starters=_words(
            """
            le la les l un une des il elle ils elles on nous vous je ce cet cette ces
            mais et ou donc or ni car en dans pour par sur avec selon après avant depuis
            pendant lors si quand comme alors ainsi aujourd'hui hier demain cependant
            """
        ),
    ),
    "de": SplitRules(
        # Degrees too: "Dipl.-Kfm.", "Dr. rer. nat.", "Dr. phil." before the name (not "pol.":
        # "Pol", the pole, ends sentences).
        prefixes=_words(
            "hr hrn frl med dipl ing mag univ bzw vgl kath ev evang hl kfm rer nat oec phil"
        ),
        before_numbers=_words("nr str s abs art bd kap"),
        # "2 Mrd. Euro", "42 Mio. GBP": a boundary only before a sentence starter.
        ambiguous=_words("usw etc ca jan feb märz apr aug sept okt nov dez mio mrd tsd"),
        starters=_words(
            """
            der die das den dem des ein eine einen einem er sie es wir ich ihr man
            dies diese dieser dieses aber und doch auch in im am an auf aus bei mit
            nach seit von vor zu zum zur für über unter wie was wer wo wenn als da dann
            so nun heute gestern morgen nicht kein keine alle viele jedoch
            """
        ),
        ordinal_numbers=True,
        before_numbers_endings=("str",),  # Bahnhofstr., Kaiserstr.
    ),
    "es": SplitRules(
        # Ranks too: "el Tte. Gral. López", "Cnel.", "Cmdte.", "Sgto.".
        prefixes=_words(
            "sr sra srta sres d dña dra dras dres lic ing arq gral tte tcol cnel cmdte sgto excmo "
            "excma ilmo sto sta pdte pdta avda"
        ),
        before_numbers=_words("núm n n° nº pág párr párrf art cap cra tel ext aprox"),
        ambiguous=_words("etc cía uu ee.uu min lun mar mié jue vie sáb dom ene abr may ago dic"),
        closing=_words("a.m p.m"),  # "a las 10 a. m. Después ...": the hour ends a sentence
        starters=_words(
            """
            el la los las un una unos unas lo él ella ellos ellas se su sus este esta
            estos estas ese esa pero y o en de del con por para según tras desde durante
            si cuando como también además hoy ayer mañana sin
            """
        ),
        doubled_initials=True,
    ),
    # Russian: its own abbreviations ("ул. Тверская", "2024 г.", "т. е.") and sentence starters.
    "ru": SplitRules(
        # Saint ("Св. Петра"), station or article ("ст. Московская", "ст. 5"), the initial J
        # ("Дж. Байден": one letter in Latin, two in Cyrillic), a word's source language
        # ("от англ. Member"; not "нем.", the pronoun of "о нем."), "for example", settlement.
        prefixes=_words(
            """
            ул пр-т просп пер наб пл им ген тов акад проф доц г-н г-жа см св ст дж англ
            франц лат греч напр пос
            """
        ),
        # One letter ("д. 5", house 5) is left to the initials' rule: "Д. Петров" is a name.
        before_numbers=_words("кв стр рис табл гл пп"),
        ambiguous=_words("г гг др пр руб коп млн млрд тыс янв февр апр авг сент окт нояб дек"),
        # "и т. д.", "и т. п.", "и др." (and so on, and others), and the rouble, the dollar
        # and the tonne after an amount ("5 млрд руб. Министерство ...", "5 тыс. т. Его ..."),
        # which no name follows but the dollar's country. ("т." before a capital is never
        # "товарищ", which is "тов.", nor initials, which are capitals.)
        closing=_words("т.д т.п др руб коп долл т"),
        closing_continued=_words("сша"),  # "37 млрд. долл. США"
        dated=_words("г гг в вв н.э"),  # year(s), century ("XIX в."), "нашей эры" (AD)
        starters=_words(
            """
            он она оно они мы я вы это этот эта эти тот та те в во на но и а однако также
            кроме по при после до как если когда так тем уже еще ещё всего сегодня вчера
            завтра ранее позже затем потом при этом между из за для с со о об от у к
            """
        ),
    ),
    "hi": SplitRules(
        prefixes=_words("डॉ श्री श्रीमती सुश्री प्रो कु"),
        before_numbers=frozenset(),
        ambiguous=frozenset(),
        starters=frozenset(),
    ),
}


@cache
def split_rules(language: str | None) -> SplitRules:
    """English's rules plus ``language``'s own words, if it has any."""
    extra = _EXTRA.get(language or "")
    if extra is None:
        return _ENGLISH
    return SplitRules(
        prefixes=_ENGLISH.prefixes | extra.prefixes,
        before_numbers=_ENGLISH.before_numbers | extra.before_numbers,
        ambiguous=_ENGLISH.ambiguous | extra.ambiguous,
        starters=_ENGLISH.starters | extra.starters,
        ordinal_numbers=extra.ordinal_numbers,
        before_numbers_endings=extra.before_numbers_endings,
        doubled_initials=extra.doubled_initials,
        closing=extra.closing,
        closing_continued=extra.closing_continued,
        dated=extra.dated,
    )
