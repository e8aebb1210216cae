# ruff: noqa: RUF001  (Russian and Hindi text in expectations)
"""Translators: the language chosen for a chat, English fallback, plural forms and dates."""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path

import pytest

from ingest.phrases import Phrase
from rendering.messages import render_digest
from rendering.translation import ENGLISH, Catalogues, Translator, language_of
from tests.support.factories import make_brief

DAY = dt.date(2026, 12, 2)  # a Wednesday


@pytest.fixture(scope="module")
def catalogues() -> Catalogues:
    return Catalogues.load()


@pytest.mark.parametrize(
    ("code", "language"),
    [("hi", "hi"), ("ru", "ru"), ("en-GB", "en"), ("pt_BR", "pt"), ("RU", "ru"), ("", None),
     (None, None), ("x", None), ("1234", None), ("<b>", None)],
)  # fmt: skip
def test_language_of_is_the_primary_subtag(code: str | None, language: str | None) -> None:
    assert language_of(code) == language


def test_the_languages_are_english_first_then_hindi_and_russian(catalogues: Catalogues) -> None:
    assert catalogues.languages == ("en", "hi", "ru")
    assert [t.name for t in catalogues.translators] == ["English", "हिन्दी", "русский"]


@pytest.mark.parametrize(
    ("choice", "code", "language"),
    [(None, "hi", "hi"), (None, "ru-RU", "ru"), (None, "en-GB", "en"), (None, "fr", "en"),
     (None, None, "en"), ("ru", "hi", "ru"), ("xx", "hi", "hi"), ("en", "ru", "en")],
)  # fmt: skip
def test_the_chats_choice_wins_then_telegrams_language_then_english(
    catalogues: Catalogues, choice: str | None, code: str | None, language: str
) -> None:
    assert catalogues.resolve(choice, code).language == language


def test_hindi_and_russian_say_a_message_in_their_words(catalogues: Catalogues) -> None:
    message = "No briefs yet. Check back soon."
    assert catalogues.english.gettext(message) == message
    assert (
        catalogues.resolve("ru", None).gettext(message) == "Сводок пока нет. Загляните чуть позже."
    )
    assert catalogues.resolve("hi", None).gettext(message).startswith("अभी कोई ब्रीफ़ नहीं")


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "Самая свежая сводка"), (2, "2 самые свежие сводки"), (5, "5 самых свежих сводок"),
     (11, "11 самых свежих сводок"), (13, "13 самых свежих сводок"),
     (22, "22 самые свежие сводки")],
)  # fmt: skip
def test_russian_has_three_plural_forms(catalogues: Catalogues, count: int, text: str) -> None:
    ru = catalogues.resolve("ru", None)
    said = ru.ngettext("The newest brief", "The {count} newest briefs", count)
    assert said.format(count=count) == text


def test_a_message_the_catalogue_lacks_or_leaves_untranslated_is_english(tmp_path: Path) -> None:
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefbot.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Full text"\nmsgstr "Volltext"\n\n'
        'msgid "Untitled"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "ok"\nmsgstr "nicht geprüft"\n',
        encoding="utf-8",
    )
    german = Catalogues.load(tmp_path).resolve("de", None)
    assert german.language == "de"
    assert german.gettext("Full text") == "Volltext"
    assert german.gettext("Untitled") == "Untitled"  # empty msgstr: English, not the id
    assert german.gettext("ok") == "ok"  # fuzzy: not trusted
    assert german.gettext("That button has expired.") == "That button has expired."
    assert german.ngettext("{count} source", "{count} sources", 3) == "{count} sources"


def test_dates_and_times_are_formatted_for_the_language(catalogues: Catalogues) -> None:
    assert ENGLISH.format_day(DAY) == "Wed 2 Dec 2026"
    assert ENGLISH.format_date(DAY) == "2 Dec 2026"
    assert catalogues.resolve("ru", None).format_day(DAY) == "ср, 2 дек. 2026\u202fг."
    assert catalogues.resolve("hi", None).format_day(DAY) == "बुध, 2 दिस॰ 2026"
    assert catalogues.resolve("ru", None).format_time(dt.time(7, 5)) == "07:05"


def test_a_digest_heading_is_in_the_readers_language_and_the_briefs_are_not(
    catalogues: Catalogues,
) -> None:
    briefs = [make_brief(id=n, title=f"Brief {n}", summary=["Troops moved."]) for n in (1, 2)]
    [part] = render_digest(briefs, local_date=DAY, translator=catalogues.resolve("ru", None))
    assert part.text.startswith("<b>Дайджест за ср, 2 дек. 2026\u202fг. · 2 новые сводки</b>")
    assert "\n20 нояб. 2026\u202fг. · <a " in part.text  # each brief's date line too
    assert "Troops moved." in part.text and "Brief 1" in part.text
    [one] = render_digest(briefs[:1], local_date=DAY, translator=catalogues.resolve("hi", None))
    assert one.text.startswith("<b>बुध, 2 दिस॰ 2026 का डाइजेस्ट · 1 नया ब्रीफ़</b>")
    assert [button.text for button in one.buttons] == ["📄 पूरा टेक्स्ट"]


def test_a_translator_without_a_catalogue_speaks_english() -> None:
    bare = Translator("en", gettext.NullTranslations())
    assert bare.ngettext("{count} source", "{count} sources", 1) == "{count} source"


def test_a_phrase_is_said_in_the_language_with_its_phrase_values_said_too(
    catalogues: Catalogues,
) -> None:
    reason = Phrase("{address} is {reason}", address="10.0.0.1", reason=Phrase("a private address"))
    line = Phrase("refused: {error}", error=reason)
    russian = catalogues.get("ru")
    assert russian is not None
    assert russian.say(line) == "отклонено: 10.0.0.1 — частный адрес"
    assert catalogues.english.say(line) == line == "refused: 10.0.0.1 is a private address"


def test_a_plain_string_or_a_phrase_the_catalogue_lacks_is_said_in_english(
    catalogues: Catalogues,
) -> None:
    hindi = catalogues.get("hi")
    assert hindi is not None
    assert hindi.say("library words") == "library words"
    unknown = Phrase("no catalogue has {this}", this="x")
    assert hindi.say(unknown) == "no catalogue has x"


def test_a_number_ingest_grouped_in_english_is_grouped_as_the_language_groups_it(
    catalogues: Catalogues,
) -> None:
    # Before, "50,000,000" in Russian, where the comma is the decimal mark.
    line = Phrase("too large: over {cap} bytes", cap=f"{50_000_000:,}")
    assert str(line) == "too large: over 50,000,000 bytes"  # the CLI's and the logs' line
    assert ENGLISH.say(line) == "too large: over 50,000,000 bytes"
    ru, hi = catalogues.resolve("ru", None), catalogues.resolve("hi", None)
    assert ru.say(line) == "слишком большой: больше 50\u00a0000\u00a0000 байт"
    assert hi.say(line) == "बहुत बड़ा: 5,00,00,000 बाइट से अधिक"  # CLDR's Indian grouping
    # A value that only looks numeric in part stays as given.
    assert ru.say(Phrase("too large: over {cap} bytes", cap="1,2345")).count("1,2345") == 1


@pytest.mark.parametrize(
    ("count", "form"), [(0, "\u0928\u092f\u093e"), (1, "\u0928\u092f\u093e"), (2, "\u0928\u090f")]
)
def test_hindi_counts_zero_as_one_as_cldr_does(
    catalogues: Catalogues, count: int, form: str
) -> None:
    # CLDR's Hindi rule: "one" is i = 0 or n = 1 (gettext: plural=(n > 1)); before 2026-12-04,
    # later, the catalogue said n != 1, and 0 took the plural form.
    hindi = catalogues.resolve("hi", None)
    said = hindi.ngettext(
        "Digest for {day} \u00b7 {count} new brief",
        "Digest for {day} \u00b7 {count} new briefs",
        count,
    )
    assert said.endswith(f"{{count}} {form} \u092c\u094d\u0930\u0940\u092b\u093c")
