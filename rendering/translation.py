"""The bot's words in the reader's language: gettext catalogues compiled with Babel.

Every user-facing string is English source text marked for ``pybabel extract``:

* ``translator.gettext("...")`` (or ``_ = translator.gettext`` then ``_("...")``) where the
  text is used, and ``translator.ngettext("{count} brief", "{count} briefs", count)`` for
  counts; values go in afterwards with ``.format(name=...)`` (never an f-string: the
  catalogue must hold the text with its ``{name}`` placeholders);
* ``N_("...")`` for a module constant, translated where it is used: ``_(CONSTANT)``.

The catalogues are ``locales/<language>/LC_MESSAGES/briefbot.po`` beside this module (so an
installed wheel carries them). They are compiled when :meth:`Catalogues.load` reads them, so
there is no ``.mo`` file to forget. English is the source language: it has no catalogue, and
a message a catalogue lacks (or leaves untranslated, or marks fuzzy) falls back to English.

Nothing here is module-global mutable state: :class:`Catalogues` is built once by the
composition root and each update or tick asks it for a :class:`Translator`.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

LOCALES_DIR = Path(__file__).with_name("locales")
DOMAIN = "briefbot"
SOURCE_LANGUAGE = "en"
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}")
# A value ingest wrote as an English grouped number ("50,000,000"): said in the language's way.
_GROUPED_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+")


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translated where it is used)."""
    return message


def ascii_digits(text: str) -> str:
    """``text`` with the decimal digits of any script as ASCII ones: a reader typing in Hindi
    writes ``०७:३०`` and ``३`` where the commands read ``07:30`` and ``3``."""
    return "".join(str(int(char)) if char.isdecimal() else char for char in text)


def language_of(code: str | None) -> str | None:
    """The primary language subtag of a language tag: ``"en-GB"`` -> ``"en"``; None if not one."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if _LANGUAGE_RE.fullmatch(primary) else None


@runtime_checkable
class Sayable(Protocol):
    """A line made from a catalogue message and values (ingest.phrases.Phrase is one)."""

    message: str
    values: Mapping[str, object]


@dataclass(frozen=True)
class Translator:
    """One language's words, plural forms and date formats."""

    language: str
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    # Babel's locale for dates and the language's own name (a pseudo-locale borrows English's).
    locale: str = SOURCE_LANGUAGE

    def gettext(self, message: str) -> str:
        """``message`` in this language (English when the catalogue lacks it)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of ``singular``/``plural`` this language uses for ``count``."""
        return self.translations.ngettext(singular, plural, count)

    def say(self, text: str) -> str:
        """``text`` in this language when it is :class:`Sayable`, else as it is.

        Its values are said in this language too when they are sayable, and a number written
        with English grouping is grouped as the language groups it; others are shown as given.
        """
        if not isinstance(text, Sayable):
            return text
        values = {name: self._said_value(value) for name, value in text.values.items()}
        return self.gettext(text.message).format(**values)

    def _said_value(self, value: object) -> object:
        if not isinstance(value, str):
            return value
        if _GROUPED_NUMBER_RE.fullmatch(value):
            return self.format_number(int(value.replace(",", "")))
        return self.say(value)

    def format_interval(self, seconds: int) -> str:
        """A polling interval in its largest whole unit, as CLDR abbreviates it: ``30 min``,
        ``2 ч``, ``1 दिन`` (the ``30m`` an admin types stays the CLI's)."""
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            if seconds % size == 0:
                return format_unit(seconds // size, f"duration-{unit}", "short", locale=self.locale)
        return format_unit(seconds, "duration-second", "short", locale=self.locale)

    def format_number(self, number: int) -> str:
        """``50,000,000`` in English, ``50 000 000`` in Russian, ``5,00,00,000`` in Hindi (CLDR)."""
        return format_decimal(number, locale=self.locale)

    @property
    def name(self) -> str:
        """The language's name in itself: ``English``, ``हिन्दी``, ``русский``."""
        return Locale.parse(self.locale).get_language_name(self.locale) or self.language

    def format_date(self, day: dt.date) -> str:
        """A date: ``25 Nov 2026`` in English, in the CLDR medium form elsewhere."""
        if self.locale == SOURCE_LANGUAGE:
            return format_date(day, "d MMM y", locale=self.locale)
        return format_skeleton("yMMMd", day, locale=self.locale)

    def format_day(self, day: dt.date) -> str:
        """A date with its weekday: ``Tue 25 Nov 2026`` in English, ``मंगल, 25 नव॰ 2026``."""
        if self.locale == SOURCE_LANGUAGE:
            return format_date(day, "EEE d MMM y", locale=self.locale)
        return format_skeleton("yMMMEd", day, locale=self.locale)

    def format_time(self, moment: dt.time | dt.datetime) -> str:
        """A time of day on the 24-hour clock: ``08:00``."""
        return format_time(moment, "HH:mm", locale=self.locale)


ENGLISH = Translator(SOURCE_LANGUAGE)


class UsageError(ValueError):
    """A command argument error: a catalogue ``reason`` (may hold ``{value}``), then the usage.

    One line in all. ``str()`` is the English line; :meth:`in_language` says it in a reader's.
    """

    def __init__(self, reason: str, usage: str, value: str = "") -> None:
        self.reason, self.usage, self.value = reason, usage, value
        super().__init__(self.in_language(ENGLISH))

    def in_language(self, translator: Translator) -> str:
        """The one line in ``translator``'s language."""
        _ = translator.gettext
        return f"{_(self.reason).format(value=self.value)} {_(self.usage)}"


def compile_po(path: Path) -> gettext.GNUTranslations:
    """The catalogue at ``path`` compiled in memory (untranslated and fuzzy entries left out)."""
    with path.open("rb") as po:
        catalog = read_po(po, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# Spellings readers type beside CLDR's name of their language: Hindi with the anusvara.
_OTHER_NAMES = {"hi": ("\u0939\u093f\u0902\u0926\u0940",)}  # हिंदी


class Catalogues:
    """Every language the bot speaks, English first; picks one for a chat."""

    def __init__(self, translators: Mapping[str, Translator]) -> None:
        """``translators`` by language code; English is added when missing."""
        known = {SOURCE_LANGUAGE: ENGLISH, **translators}
        order = [SOURCE_LANGUAGE, *sorted(k for k in known if k != SOURCE_LANGUAGE)]
        self._translators = {language: known[language] for language in order}

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Catalogues:
        """The catalogues in ``directory`` (``<language>/LC_MESSAGES/briefbot.po``), compiled."""
        translators = {
            path.parents[1].name: Translator(
                path.parents[1].name, compile_po(path), path.parents[1].name
            )
            for path in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        }
        return cls(translators)

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes, English first."""
        return tuple(self._translators)

    @property
    def translators(self) -> tuple[Translator, ...]:
        """Every language's translator, English first."""
        return tuple(self._translators.values())

    @property
    def english(self) -> Translator:
        """The source language."""
        return self._translators[SOURCE_LANGUAGE]

    def get(self, code: str | None) -> Translator | None:
        """The translator for a language tag (``ru``, ``en-GB``), or None when there is none."""
        language = language_of(code)
        return None if language is None else self._translators.get(language)

    def named(self, text: str) -> Translator | None:
        """The translator a reader names in ``/language``: a language tag (``ru``, ``ru-RU``),
        or the language's name in itself or in English, in any case (``русский``, ``Russian``,
        ``हिन्दी``, ``hindi``), or None."""
        found = self.get(text)
        if found is not None:
            return found
        wanted = text.strip().casefold()
        for translator in self.translators:
            english_name = Locale.parse(translator.locale).get_language_name("en") or ""
            names = {translator.name, english_name, *_OTHER_NAMES.get(translator.language, ())}
            if wanted in {name.casefold() for name in names if name}:
                return translator
        return None

    def resolve(self, choice: str | None, language_code: str | None) -> Translator:
        """The chat's ``/language`` choice, else Telegram's ``language_code``, else English."""
        return self.get(choice) or self.get(language_code) or self.english
