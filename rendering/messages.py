"""Telegram-HTML rendering of briefs, split into messages Telegram accepts.

The words around the briefs (headings, buttons, dates) are in a :class:`Translator`'s
language (English unless one is given); the briefs' own text is never translated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rendering.parts import Button, MessagePart
from rendering.text import clean, escape, shorten, split_text, visible_len
from rendering.translation import ENGLISH, Translator

if TYPE_CHECKING:
    from storage.models import Brief

MAX_MESSAGE_UTF16 = 4096
_SEPARATOR = "\n\n"


def format_date(day: dt.date, translator: Translator = ENGLISH) -> str:
    """A date as ``25 Nov 2026`` (in ``translator``'s language)."""
    return translator.format_date(day)


def format_day(day: dt.date, translator: Translator = ENGLISH) -> str:
    """A date as ``Tue 25 Nov 2026`` (in ``translator``'s language)."""
    return translator.format_day(day)


def _http_url(url: str) -> str | None:
    """The URL when it is a plain http(s) link with a host, else None."""
    if not url or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _meta_line(brief: Brief, translator: Translator) -> str:
    """``25 Nov 2026 · <a href=…>host</a>`` for a brief; empty when neither is known."""
    pieces: list[str] = []
    day = brief.published_on or (brief.ingested_at.date() if brief.ingested_at else None)
    if day is not None:
        pieces.append(translator.format_date(day))
    url = clean(brief.url, single_line=True, label=True)
    link = _http_url(url)
    if link is not None:
        host = (urlsplit(link).hostname or "").removeprefix("www.")
        href = escape(link).replace('"', "&quot;")
        pieces.append(f'<a href="{href}">{escape(shorten(host, 128))}</a>')
    elif url:
        pieces.append(escape(shorten(url, 256)))
    return " · ".join(pieces)


def _brief_header(brief: Brief, number: int | None, translator: Translator) -> str:
    """Bold (numbered) title plus the date/link line."""
    title = clean(brief.title, single_line=True, label=True)
    title = shorten(title, 512) or translator.gettext("Untitled")
    prefix = f"{number}. " if number is not None else ""
    meta = _meta_line(brief, translator)
    return f"<b>{prefix}{escape(title)}</b>" + (f"\n{meta}" if meta else "")


Summaries = Mapping[int, Sequence[str]]  # brief id -> its summary at a chat's /length


def render_brief(
    brief: Brief,
    *,
    number: int | None = None,
    limit: int = MAX_MESSAGE_UTF16,
    summaries: Summaries | None = None,
    translator: Translator = ENGLISH,
) -> str:
    """A brief as HTML: bold title, date, source link and "• " summary bullets, within ``limit``.

    ``summaries`` replaces the stored summary of the briefs it holds (a chat's ``/length``).
    """
    header = _brief_header(brief, number, translator)
    summary = brief.summary if summaries is None else summaries.get(brief.id, brief.summary)
    sentences = [clean(s, single_line=True) for s in summary or []]
    if not any(sentences):
        sentences = [shorten(clean(brief.text, single_line=True), 600)]
    bullets = "\n".join(f"• {s}" for s in sentences if s)
    budget = limit - visible_len(header) - 1
    bullets = shorten(bullets, budget) if budget >= 40 else ""
    return f"{header}\n{escape(bullets)}" if bullets else header


def render_briefs(
    briefs: Sequence[Brief],
    *,
    heading: str | None = None,
    max_per_part: int = 10,
    summaries: Summaries | None = None,
    translator: Translator = ENGLISH,
) -> list[MessagePart]:
    """Briefs in messages split at brief boundaries, each with a full-text button per brief.

    ``heading`` is plain text (escaped and bolded here); no briefs give no parts.
    """
    if not briefs:
        return []
    head = ""
    if heading:
        head = f"<b>{escape(shorten(clean(heading, single_line=True, label=True), 256))}</b>"
    reserve = visible_len(head) + len(_SEPARATOR) if head else 0
    single = len(briefs) == 1
    parts: list[MessagePart] = []
    chunk: list[str] = [head] if head else []
    buttons: list[Button] = []
    used = visible_len(head)
    for number, brief in enumerate(briefs, start=1):
        shown = None if single else number
        html = render_brief(
            brief,
            number=shown,
            limit=MAX_MESSAGE_UTF16 - reserve,
            summaries=summaries,
            translator=translator,
        )
        size = visible_len(html)
        full = used + len(_SEPARATOR) + size > MAX_MESSAGE_UTF16 or len(buttons) >= max_per_part
        if buttons and full:
            parts.append(MessagePart(_SEPARATOR.join(chunk), tuple(buttons)))
            chunk, buttons, used = [], [], 0
        used += (len(_SEPARATOR) if chunk else 0) + size
        chunk.append(html)
        if brief.id is not None:
            label = full_text_label(translator) if single else f"📄 {number}"
            buttons.append(Button(label, f"full:{brief.id}"))
    parts.append(MessagePart(_SEPARATOR.join(chunk), tuple(buttons)))
    return parts


def full_text_label(translator: Translator) -> str:
    """The label of a brief's full-text button."""
    return "📄 " + translator.gettext("Full text")


def render_digest(
    briefs: Sequence[Brief],
    *,
    local_date: dt.date,
    summaries: Summaries | None = None,
    translator: Translator = ENGLISH,
) -> list[MessagePart]:
    """A digest: one heading with the date and count, then the briefs; nothing when empty."""
    count = len(briefs)
    heading = translator.ngettext(
        "Digest for {day} · {count} new brief", "Digest for {day} · {count} new briefs", count
    ).format(day=translator.format_day(local_date), count=count)
    return render_briefs(briefs, heading=heading, summaries=summaries, translator=translator)


_WRITTEN_SCAN_CHARS = 10_000


def as_written(phrase: str, briefs: Sequence[Brief]) -> str:
    """``phrase`` as the first of ``briefs`` holding it writes it inside a sentence (text
    first, then title): a follow written "nato" (or stored before rules kept the reader's
    case) heads its alerts "NATO" as the brief does. A sentence's first word says nothing of
    its case ("Harbour reopens"); ``phrase`` itself when no brief writes it elsewhere."""
    words = phrase.split()
    if not words:
        return phrase
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE
    )
    for brief in briefs:
        # The text's start only: an alert is rendered per follower, a text may be 200,000
        # characters long, and a followed word nearly always comes early.
        for field in (brief.text[:_WRITTEN_SCAN_CHARS], brief.title or ""):
            for found in pattern.finditer(field):
                before = field[: found.start()].rstrip()
                if before and before[-1] not in ".!?:;\u0964\u3002\"\u201c\u00ab":
                    return " ".join(found[0].split())
    return phrase


def render_alert(
    brief: Brief,
    *,
    phrase: str,
    summaries: Summaries | None = None,
    translator: Translator = ENGLISH,
) -> MessagePart:
    """A follow alert: "New on <phrase>", the brief and one full-text button."""
    written = as_written(phrase, [brief])
    shown = escape(shorten(clean(written, single_line=True, label=True), 100))
    head = "🔔 " + translator.gettext("New on <b>{phrase}</b>").format(phrase=shown)
    limit = MAX_MESSAGE_UTF16 - visible_len(head) - len(_SEPARATOR)
    body = render_brief(brief, limit=limit, summaries=summaries, translator=translator)
    label = full_text_label(translator)
    buttons = (Button(label, f"full:{brief.id}"),) if brief.id is not None else ()
    return MessagePart(f"{head}{_SEPARATOR}{body}", buttons)


def render_alert_list(
    briefs: Sequence[Brief],
    *,
    phrases: Sequence[str],
    total: int,
    summaries: Summaries | None = None,
    translator: Translator = ENGLISH,
) -> list[MessagePart]:
    """One follow alert for several matches: "N new on <phrases>", ``briefs``, "…and K more"."""
    named = ", ".join(
        clean(as_written(phrase, briefs), single_line=True, label=True) for phrase in phrases
    )
    heading = "🔔 " + translator.ngettext(
        "{count} new on {phrases}", "{count} new on {phrases}", total
    ).format(count=total, phrases=named)
    parts = render_briefs(
        briefs,
        heading=heading,
        max_per_part=len(briefs),
        summaries=summaries,
        translator=translator,
    )
    more = total - len(briefs)
    if more <= 0 or not parts:
        return parts
    tail = translator.ngettext("…and {count} more.", "…and {count} more.", more).format(count=more)
    last = parts[-1]
    if visible_len(last.text) + len(_SEPARATOR) + len(tail) <= MAX_MESSAGE_UTF16:
        parts[-1] = MessagePart(f"{last.text}{_SEPARATOR}{tail}", last.buttons)
    else:
        parts.append(MessagePart(tail))
    return parts


def render_full_text(brief: Brief, *, translator: Translator = ENGLISH) -> list[MessagePart]:
    """The brief's whole text after its header, split at paragraph, sentence, then word ends."""
    header = _brief_header(brief, None, translator)
    limit = MAX_MESSAGE_UTF16 - visible_len(header) - len(_SEPARATOR)
    chunks = split_text(clean(brief.text), limit, 0)
    if not chunks:
        return [MessagePart(header)]
    texts = [escape(chunk) for chunk in chunks]
    texts[0] = f"{header}{_SEPARATOR}{texts[0]}"
    return [MessagePart(text) for text in texts]
