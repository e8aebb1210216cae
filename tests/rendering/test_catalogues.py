"""The catalogues hold every marked string, translated, with its placeholders and tags intact.

The messages are what ``pybabel extract`` finds in the packages that speak to users (as the
README's workflow runs it); a failure names each message and the file and line that has it.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.pofile import read_po

from rendering.translation import DOMAIN, LOCALES_DIR
from tests.support.catalogues import (
    KEYWORDS,
    PLACEHOLDER,
    ROOT,
    SPEAKING_PACKAGES,
    extracted_messages,
)

PO_FILES = sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
LANGUAGES = [path.parents[1].name for path in PO_FILES]
_TAG = re.compile(r"</?\w+[^>]*>")


def catalog(language: str) -> Catalog:
    with (LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        return read_po(po, locale=language)


def test_hindi_and_russian_are_shipped() -> None:
    assert {"hi", "ru"} <= set(LANGUAGES)


def test_the_strings_are_found_where_they_are_marked() -> None:
    wheres = {extracted.where.split(":")[0] for extracted in extracted_messages()}
    assert {
        "bot/handlers/subscription.py",
        "rendering/messages.py",
        "tick/calendar.py",
        "summarizer/api.py",
    } <= wheres


def test_the_readmes_extract_command_reads_what_these_tests_read() -> None:
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"uv run pybabel extract .*?briefbot\.pot ([\w ]+)", readme, re.DOTALL)
    assert command is not None, "README lost its pybabel extract command"
    keywords = re.findall(r"-k (\w+)", command.group(0))
    assert set(KEYWORDS) - set(DEFAULT_KEYWORDS) <= set(keywords) <= set(KEYWORDS)
    assert command.group(1).split() == sorted(SPEAKING_PACKAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalogue_and_translated(language: str) -> None:
    messages = catalog(language)
    problems = []
    for extracted in extracted_messages():
        key = extracted.id if isinstance(extracted.id, str) else extracted.id[0]
        entry = messages.get(key)
        strings = () if entry is None else entry.string
        strings = (strings,) if isinstance(strings, str) else tuple(strings)
        if entry is None:
            problems.append(f"{extracted.where}: not in {language}.po: {extracted.id!r}")
        elif entry.fuzzy or not strings or not all(strings):
            problems.append(f"{extracted.where}: untranslated in {language}.po: {extracted.id!r}")
    assert not problems, "run the README's extract/update steps and translate:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_the_html_tags(language: str) -> None:
    problems = []
    for entry in catalog(language):
        if not entry.id:
            continue
        sources = (entry.id,) if isinstance(entry.id, str) else tuple(entry.id)
        strings = (entry.string,) if isinstance(entry.string, str) else tuple(entry.string)
        allowed = {name for source in sources for name in PLACEHOLDER.findall(source)}
        for string in strings:
            used = set(PLACEHOLDER.findall(string))
            # A plural form may leave the count out ("the newest brief"), no other name, and
            # never add one.
            lost = allowed - used - (set() if isinstance(entry.id, str) else {"count"})
            if used - allowed or lost:
                problems.append(f"{entry.id!r}: placeholders {sorted(used)} for {sorted(allowed)}")
            if sorted(_TAG.findall(string)) != sorted(_TAG.findall(sources[0])):
                problems.append(f"{entry.id!r}: tags {_TAG.findall(string)}")
            if sources[0].endswith("\n") != string.endswith("\n"):
                problems.append(f"{entry.id!r}: the final line break")
    assert not problems, f"{language}.po:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_babels_own_checks_pass(language: str) -> None:
    # What `pybabel compile` checks: printf-style directives kept, plural forms counted.
    problems = [f"{entry.id!r}: {errors}" for entry, errors in catalog(language).check()]
    assert not problems, f"{language}.po:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalogue_holds_no_message_the_code_no_longer_marks(language: str) -> None:
    marked = {e.id if isinstance(e.id, str) else e.id[0] for e in extracted_messages()}
    stale = sorted(
        str(entry.id)
        for entry in catalog(language)
        if entry.id and ((entry.id if isinstance(entry.id, str) else entry.id[0]) not in marked)
    )
    assert not stale, f"{language}.po has messages no code marks (pybabel update drops them)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_and_off_put_into_a_sentence_leave_one_full_stop(language: str) -> None:
    # "Предпросмотр ссылок: выкл.." had the abbreviation's dot and the sentence's.
    entries = {entry.id: entry.string for entry in catalog(language) if entry.id}
    sentences = [m for m in entries if isinstance(m, str) and m.endswith("{value}.")]
    assert {"Link previews are {value}.", "Silent delivery is {value}."} <= set(sentences)
    for word in ("on", "off"):
        for sentence in sentences:
            said = str(entries[sentence]).format(value=entries[word])
            assert ".." not in said, said


def test_a_plural_one_form_without_its_count_is_never_said_of_a_larger_number() -> None:
    # Russian's one-form ("Самая свежая сводка") drops the count, yet Russian also says it of
    # 21, 31 ...; /latest, the only count it is said of, stops at 20.
    from bot.handlers.briefs import LATEST_MAX

    entry = catalog("ru").get(("The newest brief", "The {count} newest briefs")[0])
    assert entry is not None and "{count}" not in entry.string[0]
    assert LATEST_MAX < 21


def test_the_template_holds_exactly_the_messages_the_code_marks() -> None:
    # `pybabel init` makes a new language's catalogue from it: a stale template would start
    # that language with messages the code no longer says and without the ones it does.
    with (LOCALES_DIR / f"{DOMAIN}.pot").open("rb") as pot:
        template = read_po(pot)
    held = {entry.id for entry in template if entry.id}
    marked = {entry.id for entry in extracted_messages()}
    assert marked and held == marked, (
        f"run the README's extract step: missing {sorted(map(str, marked - held))}, "
        f"stale {sorted(map(str, held - marked))}"
    )
