"""A language's words in their dictionary form, for topics (:mod:`ingest.topics`): Russian.

Russian declines its names: one brief writes ``Москва``, ``Москвы`` and ``Москве``, and a
topic shown as the brief wrote it most (``Москвы``, "of Moscow") reads wrong on its own.
:class:`RussianForms` gives a word's lemma, so a name's forms count as one topic, and puts a
name in the nominative: ``Северной Кореи`` is ``Северная Корея``, ``Владимира Путина``
``Владимир Путин``, ``Министерства обороны`` ``Министерство обороны`` (only the head noun,
the adjectives before it and the names after it change; a noun after the head keeps its
genitive). pymorphy3 reads OpenCorpora's dictionary, shipped in a wheel (16 MB on disk,
about 21 MB of memory once loaded, in 0.05 s, on the first Russian brief only).

It changes a word only where it can be trusted to (measured on the NTREX Russian news,
``benchmarks/topic_forms.py``): a word in capitals (``ИИ``, ``США``) never changes; a word
the dictionary does not hold (a foreign name: ``Роналду``, ``Гейгер``) changes only by losing
its ending, so ``Ливингстона`` is ``Ливингстон`` but ``Роналду`` never becomes ``Роналда``;
and where any word before the head is not an adjective in the head's case, number and
gender, the phrase stays as written.

It also tells topics where a Russian name goes on in lower case (:meth:`RussianForms.name_tail`:
``Белого дома``, ``Министерства обороны``; opening a sentence, after an institution's head
only: :meth:`RussianForms.opens_name`), which capitalised words opening a sentence are common
nouns (:meth:`RussianForms.common_noun`: ``Мэр`` of ``Мэр Москвы``), and which words are verb
forms, never a topic (:meth:`RussianForms.verb`: ``сообщило``, ``проголосуют``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from ingest import russian_readings as ru
from summarizer.languages import MAX_STEMMED_CHARS

# The most lower-case words a name takes after its capitalised first word: "Федеральная
# таможенная служба", "Федеральной службы внешней разведки" (adjective, head, complement).
NAME_TAIL_WORDS = 4
_VOWELS = frozenset("\u0430\u0435\u0451\u0438\u043e\u0443\u044b\u044d\u044e\u044f\u0439")  # and й
# A masculine name in -ь or -й declined (genitive, dative, instrumental, prepositional).
_SOFT_ENDINGS = frozenset({"\u044f", "\u044e", "\u0435\u043c", "\u0451\u043c", "\u0435"})


class WordForms(Protocol):
    """How a language's words are keyed and shown as topics."""

    def lemma(self, word: str) -> str:
        """``word``'s dictionary form, lower-cased: what its forms count under."""
        ...

    def nominative(self, words: Sequence[str]) -> list[str]:
        """A name or term (its words, as written) as it reads on its own."""
        ...

    def common_noun(self, word: str) -> bool:
        """Whether ``word`` reads first as a common noun the dictionary knows ("Мэр"), not a
        name, a place or an organisation."""
        ...

    def name_tail(self, capitalised: str, following: Sequence[str]) -> int:
        """How many of the lower-case words ``following`` a capitalised word belong to its
        name (0 to :data:`NAME_TAIL_WORDS`): "Белого дома", "Министерства обороны",
        "Министерства иностранных дел", "Федеральной службы безопасности"."""
        ...

    def opens_name(self, capitalised: str, following: Sequence[str]) -> bool:
        """Whether a sentence's capitalised first word opens an institution's name, the head
        noun or an adjective before it (the lower-case words ``following`` it), so that
        :meth:`name_tail` applies there too: "Министерство обороны сообщило", "Государственная
        дума приняла"."""
        ...

    def verb(self, word: str) -> bool:
        """Whether ``word`` reads first as a verb form and never as a noun ("сообщило",
        "проголосуют"; not "стали", which is steel too): never a topic alone."""
        ...

    def opens_person(self, previous: str, word: str) -> bool:
        """Whether the capitalised ``word`` opens a person's name after ``previous``, the
        capitalised word before it, so the two belong to two names: "Мэр Москвы Сергей
        Собянин" is ``Москва`` and ``Сергей Собянин``."""
        ...


def _recased(written: str, new: str) -> str:
    """``new`` with the capitals of ``written`` (the dictionary answers in lower case), and
    without ``ё`` where the text wrote none."""
    if "\u0451" not in written.lower():
        new = new.replace("\u0451", "\u0435")
    return "".join(
        char.upper() if n < len(written) and written[n].isupper() else char
        for n, char in enumerate(new)
    )


class RussianForms:
    """Russian lemmas and nominatives from pymorphy3, loaded on first use."""

    def __init__(self) -> None:
        self._analyzer: Any = None
        self._lock = threading.Lock()

    def _parses(self, word: str) -> tuple[Any, ...]:
        """The dictionary's readings of ``word``, likeliest first (memoised); none for a token
        longer than any word: a hostile brief's 90,000-letter tokens, memoised, held 1.4 GB."""
        if len(word) > MAX_STEMMED_CHARS:
            return ()
        return _parsed(self, word.lower())

    def parses_uncached(self, word: str) -> tuple[Any, ...]:
        """:meth:`_parses` without the memo."""
        if self._analyzer is None:
            with self._lock:  # topics are made in worker threads
                if self._analyzer is None:
                    import pymorphy3  # 16 MB of dictionary: on first use only

                    self._analyzer = pymorphy3.MorphAnalyzer()
        return tuple(self._analyzer.parse(word))

    def lemma(self, word: str) -> str:
        if len(word) > MAX_STEMMED_CHARS:  # a hostile brief's token: its own key, not memoised
            return word.lower()
        return _lemma(self, word.lower(), word[:1].isupper())

    def lemma_uncached(self, word: str, capitalised: bool) -> str:
        """:meth:`lemma` without the cache (``word`` lower-cased). A capitalised word is read
        as a noun where it can be one: ``Кромвеля`` is ``кромвель``, as ``Кромвель`` is, not
        the gerund of a verb the dictionary guesses."""
        parses = self._parses(word)
        noun = ru.noun(parses) if capitalised else None
        best = noun if noun is not None else (parses[0] if parses else None)
        return str(best.normal_form) if best is not None else word

    def nominative(self, words: Sequence[str]) -> list[str]:
        if not words or any(w.isupper() and len(w) > 1 for w in words):
            return list(words)
        parses = [self._parses(word) for word in words]
        head = next((n for n, found in enumerate(parses) if ru.noun(found)), None)
        if head is None and len(words) == 1 and parses[0] and parses[0][0].tag.POS in ru.ADJECTIVES:
            return [self._adjective_alone(words[0], parses[0])]
        if head is None:
            return list(words)
        noun = ru.noun(parses[head])
        assert noun is not None
        if noun.normal_form in ru.PLURAL_HEADS:  # "Силы специальных операций": forces, plural
            noun = next((p for p in parses[head] if ru.plural_noun(p)), noun)
        tag = noun.tag
        # A capitalised word read as a plural ("Ванн" as "of baths") is a name the dictionary
        # lacks: "Ванны" would be wrong. Names that are plurals (Альпы) are plurale tantum.
        plural_name = tag.number == "plur" and "Pltm" not in tag.grammemes
        if tag.case == "nomn" or (plural_name and words[head][:1].isupper()):
            return list(words)
        shown = list(words)
        nominative = self._inflected(words[head], noun)
        if nominative is None:
            return list(words)
        shown[head] = nominative
        for n in range(head):
            agreeing = [p for p in parses[n] if ru.agrees(p, tag)]
            adjective = self._inflected(words[n], agreeing[0]) if agreeing else None
            if adjective is None:
                return list(words)
            shown[n] = adjective
        # A person's names: "Владимира Владимировича Путина", "Уэйда Симса" (a foreign name
        # the dictionary lacks: any noun it lacks in the same case), "Дейтона Симпсона" (a
        # first name the dictionary knows as a town, then a surname).
        person = bool(ru.NAMES & set(tag.grammemes)) or not noun.is_known
        for n in range(head + 1, len(words)):
            name = next((p for p in parses[n] if ru.name_like(p, tag.case)), None)
            surname = name is not None and bool({"Surn", "Patr"} & set(name.tag.grammemes))
            if name is None or not (person or surname) or not words[n][:1].isupper():
                break
            inflected = self._inflected(words[n], name)
            if inflected is None:
                break
            shown[n] = inflected
            person = True
        return shown

    def common_noun(self, word: str) -> bool:
        parses = self._parses(word)
        return bool(parses) and ru.common(parses[0])

    def name_tail(self, capitalised: str, following: Sequence[str]) -> int:
        first = self._parses(capitalised)
        if not first or not following:
            return 0
        after = [self._parses(word) for word in following[:NAME_TAIL_WORDS]]
        if first[0].tag.POS in ru.ADJECTIVES:
            return self._adjective_tail(first, following, after)
        # A capitalised common noun opens an institution's name ("Министерства", "Совета"),
        # and its genitive complement follows: "обороны", "иностранных дел". A proper noun
        # ("Москве суда") takes none.
        head = ru.noun(first)
        if head is None or not ru.common(head):
            return 0
        return ru.complement(after)

    def _adjective_tail(
        self, first: Sequence[Any], following: Sequence[str], after: Sequence[Sequence[Any]]
    ) -> int:
        """The noun a capitalised adjective agrees with ("Белого дома"), another adjective
        between them ("Федеральная таможенная служба"), and after an institution's head its
        genitive complement ("Федеральная служба безопасности")."""
        between = int(len(after) > 1 and bool(after[0]) and after[0][0].tag.POS in ru.ADJECTIVES)
        if between >= len(after) or ru.noun(after[between]) is None:
            return 0
        # Any of the noun's readings the adjectives agree with: "силы" reads first as "of the
        # force", and "Вооруженные силы" is its plural.
        adjectives = [first, *after[:between]]
        if not any(
            all(any(ru.agrees(p, noun.tag) for p in readings) for readings in adjectives)
            for noun in after[between]
            if noun.tag.POS == "NOUN"
        ):
            return 0
        tail = between + 1
        if self.lemma(following[between]) in ru.INSTITUTIONS:
            tail += ru.complement(after[tail:])
        return tail

    def opens_name(self, capitalised: str, following: Sequence[str]) -> bool:
        if self.lemma(capitalised) in ru.INSTITUTIONS:
            return True
        first = self._parses(capitalised)
        if not first or first[0].tag.POS not in ru.ADJECTIVES:
            return False
        if self.lemma(capitalised) in ru.DESCRIPTIVE:
            return False  # "Новое правительство приступило": a description, not a name
        # "Государственная дума", "Федеральная таможенная служба": the head after an
        # adjective or two
        for word in following[:2]:
            head = self.lemma(word)
            if head in ru.INSTITUTIONS:
                quality = "Qual" in first[0].tag.grammemes
                named = self.lemma(capitalised) in ru.NAMING_QUALITIES
                return head not in ru.GENERIC_HEADS or not quality or named
            parses = self._parses(word)
            if not parses or parses[0].tag.POS not in ru.ADJECTIVES:
                return False
        return False

    def opens_person(self, previous: str, word: str) -> bool:
        # A first name the dictionary holds, after a place or an organisation ("России
        # Владимир Путин", "МИД Мария Захарова"), or in the nominative after a noun that is
        # not, in a case the name cannot share ("Кремля Дмитрий Песков"). After a common noun
        # in its case the name is part of the title ("Орден Александра Невского"); an
        # adjective ("Святого Николая"), a word that may itself be a name ("Питера Джонса")
        # or one the dictionary lacks (a foreign name, or a team: "Колорадо Рокиз") never
        # parts one.
        before, after = self._parses(previous), self._parses(word)
        if not before or not after or not after[0].is_known:
            return False
        if "Name" not in after[0].tag.grammemes:
            return False
        if previous.isupper() and len(previous) > 1:
            return True  # initials: "ФСБ Александр Бортников", "ВМФ Александр Моисеев"
        head = before[0]
        if head.tag.POS != "NOUN" or not head.is_known:
            return False
        if any(ru.NAMES & set(p.tag.grammemes) for p in before):
            return False
        if {"Geox", "Orgn"} & set(head.tag.grammemes):
            return True
        if after[0].tag.case != "nomn" or any(p.tag.case == "nomn" for p in before):
            return False
        return not any(
            p.tag.case == head.tag.case and p.tag.number == head.tag.number
            for p in after
            if "Name" in p.tag.grammemes
        )

    def verb(self, word: str) -> bool:
        if len(word) > MAX_STEMMED_CHARS:
            return False
        return _verb(self, word.lower())

    def verb_uncached(self, word: str) -> bool:
        """:meth:`verb` without the memo (``word`` lower-cased). A verb form a noun shares
        ("стали": became, and of steel; "вести", "ели") stays a word."""
        parses = self._parses(word)
        return (
            bool(parses)
            and parses[0].tag.POS in ru.VERBS
            and not any(p.tag.POS == "NOUN" for p in parses)
        )

    def _adjective_alone(self, written: str, parses: Sequence[Any]) -> str:
        """An adjective alone ("лейбористской") in the nominative: in its gender where the
        form shows it, else the dictionary's masculine ("военного" is "военный", not
        "военное")."""
        first = parses[0].tag
        same = [p for p in parses if p.tag.POS in ru.ADJECTIVES and p.tag.case == first.case]
        masculine = [p for p in same if p.tag.gender == "masc" and p.tag.number == first.number]
        return self._inflected(written, (masculine or same)[0]) or written

    @staticmethod
    def _inflected(written: str, parse: Any) -> str | None:
        """``written`` (read as ``parse``) in the nominative, or None where that is unsure."""
        form = parse.inflect({"nomn"})
        if form is None:
            return None
        new = _recased(written, str(form.word))
        if parse.is_known:
            return new
        # A word the dictionary lacks (a foreign name) may only lose an ending: "Ливингстона"
        # is "Ливингстон", "Кромвеля" "Кромвель"; "Роналду" never "Роналда", "Кирнан" never
        # "Кирнаны".
        if new == written:
            return new
        soft = new[-1] in "\u044c\u0439"  # ь, й: "Кромвел|ь", "Кромвел|я"
        stem = new[:-1] if soft else new
        ending = written[len(stem) :].lower()
        trusted = (
            written.startswith(stem)
            and 1 <= len(ending) <= 2
            and (not soft or ending in _SOFT_ENDINGS)  # "Уиллоуби" is no "Уиллоубь"
            and stem[-1:].lower() not in _VOWELS
            and "-" not in written
        )
        return new if trusted else None


# Memos: full, the readings' and the lemmas' take about 16 MB (70,000 made-up words looked
# up), and the verbs' below about 5 MB more (16,384 made-up words); readings are a few objects
# a word, so fewer of them are kept than lemmas (strings).
@lru_cache(maxsize=2048)
def _parsed(forms: RussianForms, word: str) -> tuple[Any, ...]:
    return forms.parses_uncached(word)


@lru_cache(maxsize=16384)
def _lemma(forms: RussianForms, word: str, capitalised: bool) -> str:
    return forms.lemma_uncached(word, capitalised)


# Every common word is asked once a brief, and the readings' memo holds only 2,048 words:
# unmemoised, this re-read the dictionary and tripled a brief's time (7.3 -> 22.5 ms).
@lru_cache(maxsize=16384)
def _verb(forms: RussianForms, word: str) -> bool:
    return forms.verb_uncached(word)


@lru_cache(maxsize=1)
def _russian() -> RussianForms:
    return RussianForms()


def word_forms(language: str | None) -> WordForms | None:
    """The word forms of ``language`` (ISO 639-1), or None where topics keep words as written."""
    return _russian() if language == "ru" else None
