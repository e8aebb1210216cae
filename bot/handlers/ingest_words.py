"""Ingest's lines (reports, rejections, refusals) said to admins in the chat's language.

ingest speaks English :class:`~ingest.phrases.Phrase` lines (the CLI prints them as they are);
here they go through the chat's translator, and are escaped for Telegram's HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.phrases import phrase_of
from rendering.messages import escape
from rendering.translation import Translator


def said(translator: Translator, line: str) -> str:
    """``line`` in the translator's language (when ingest made it a Phrase), HTML-escaped."""
    return escape(translator.say(line))


def said_error(translator: Translator, error: BaseException) -> str:
    """An ingest exception's one-line message in the translator's language, HTML-escaped."""
    return said(translator, phrase_of(error))


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
