"""Ingest's lines (reports, rejections, refusals) said to admins in the chat's language.

ingest speaks English :class:`~ingest.phrases.Phrase` lines (the CLI prints them as they are);
here they go through the chat's translator, and are escaped for Telegram's HTML. A source's
last error is stored as English text with its Phrase as a document beside it
(storage/phrase_documents.py): :func:`stored_error` rebuilds the Phrase.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from ingest.phrases import Phrase, phrase_of
from rendering.text import escape
from rendering.translation import Translator
from storage.repositories.sources import LAST_ERROR_CHARS


def said(translator: Translator, line: str) -> str:
    """``line`` in the translator's language (when ingest made it a Phrase), HTML-escaped."""
    return escape(translator.say(line))


def said_error(translator: Translator, error: BaseException) -> str:
    """An ingest exception's one-line message in the translator's language, HTML-escaped."""
    return said(translator, phrase_of(error))


# Phrases nest a few deep (a refusal quoting a fetch error quoting a library's); a document
# nested deeper than this is not one ingest made.
MAX_NESTING = 8


def stored_error(text: str, document: object) -> str:
    """A stored error: the Phrase ``document`` holds when it makes ``text``, else ``text``.

    ``document`` comes from the database (``sources.last_error_phrase``): missing (a plain
    error, a row stored before the column existed) or not what storage writes (a hand-edited
    row), it is ignored, as is one that no longer makes the English text stored beside it.
    """
    phrase = _rebuilt(document, MAX_NESTING)
    return phrase if phrase is not None and phrase[:LAST_ERROR_CHARS] == text else text


def _rebuilt(document: object, depth: int) -> Phrase | None:
    """The Phrase of a document storage wrote, or None when it is not one."""
    if depth <= 0 or not isinstance(document, dict):
        return None
    message, values = document.get("message"), document.get("values")
    if not isinstance(message, str) or not isinstance(values, dict):
        return None
    names = _field_names(message)
    if names is None or not names <= values.keys():
        return None
    filled: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, dict):
            value = _rebuilt(value, depth - 1)
        if value is None or isinstance(value, bool) or not isinstance(value, str | int | float):
            return None
        filled[name] = value
    return Phrase(message, **filled)


def _field_names(message: str) -> set[str] | None:
    """The ``{name}`` fields of ``message``; None if it has any other (or a stray brace).

    ingest writes only named fields: a positional one, an attribute, an index, a conversion
    or a format spec (``{x:>999999999}`` would build a huge string) is no Phrase's.
    """
    names = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(message):
            if name is None:
                continue
            if not name.isidentifier() or spec or conversion:
                return None
            names.add(name)
    except ValueError:  # an unmatched brace
        return None
    return names


def with_first_problem(translator: Translator, summary: str, problems: Sequence[str]) -> str:
    """``stored 1, …: <the first problem> (and N more)``: one line however many went wrong.

    Said in the translator's language and HTML-escaped.
    """
    if not problems:
        return said(translator, summary)
    line = translator.gettext("{summary}: {problem}").format(
        summary=translator.say(summary), problem=translator.say(problems[0])
    )
    if len(problems) > 1:
        more = translator.ngettext("(and {count} more)", "(and {count} more)", len(problems) - 1)
        line += " " + more.format(count=len(problems) - 1)
    return escape(line)
