"""Telegram-HTML rendering of briefs, split into messages Telegram accepts.

The words around the briefs (headings, buttons, dates) are in a :class:`Translator`'s
language (English unless one is given); the briefs' own text is never translated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from rendering.translation import ENGLISH, Translator

if TYPE_CHECKING:
    from storage.models import Brief

MAX_MESSAGE_UTF16 = 4096
MAX_BUTTON_DATA_BYTES = 64
_SEPARATOR = "\n\n"
_TAG_RE = re.compile(r"<[^>]*>")
_ENTITY_RE = re.compile(r"&(?:amp|lt|gt|quot);")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
# Control characters, and the bidirectional overrides (LRO, RLO), which reorder what follows
# them ("Ministry \u202egnp.exe" reads "Ministry exe.png"). In a label (a title, a heading)
# every embedding and isolate goes too (ingest drops them from titles; these were stored
# before); a summary keeps them, as Arabic, Hebrew and Persian text may need them.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202d\u202e]")
_BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Whitespace but the no-break spaces: CLDR's dates hold a narrow one before a year's
# abbreviation in Russian, and they keep a number with its unit on one line.
_BREAKING_SPACE_RE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
# Sentence ends as the splitter knows them in every language: also the danda (Hindi), the
# Arabic script's full stop and question mark, and Chinese and Japanese full stops and marks,
# which no space follows.
_TERMINATORS = ".!?\u2026\u0964\u0965\u06d4\u061f"
_WIDE_TERMINATORS = "\u3002\uff01\uff1f"
_SENTENCE_END_RE = re.compile(
    f"[{_TERMINATORS}][\"'\u201d\u2019)\\]]*(?=\\s)|[{_WIDE_TERMINATORS}]|\n"
)
# Full text is split at the first level that yields pieces under the limit: paragraphs, lines,
# sentences, words; a single over-long word is finally cut by code points.
_TEXT_LEVELS = (
    (re.compile(r"\n[ \t]*\n\s*"), "\n\n"),
    (re.compile(r"\n"), "\n"),
    (re.compile(rf"(?<=[{_TERMINATORS}])\s+"), " "),
    (re.compile(rf"(?<=[{_WIDE_TERMINATORS}])\s*"), ""),
    (re.compile(r"\s+"), " "),
)


@dataclass(frozen=True)
class Button:
    """An inline keyboard button; ``data`` is the callback data (at most 64 bytes)."""

    text: str
    data: str


@dataclass(frozen=True)
class MessagePart:
    """One Telegram message: HTML text and its inline buttons."""

    text: str
    buttons: tuple[Button, ...] = ()


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for Telegram HTML text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_len(html: str) -> int:
    """UTF-16 length of ``html`` after Telegram's entity parsing (exact for this module's HTML)."""
    plain = _TAG_RE.sub("", html)
    return utf16_len(plain) - sum(len(m.group(0)) - 1 for m in _ENTITY_RE.finditer(plain))


def format_date(day: dt.date, translator: Translator = ENGLISH) -> str:
    """A date as ``25 Nov 2026`` (in ``translator``'s language)."""
    return translator.format_date(day)


def format_day(day: dt.date, translator: Translator = ENGLISH) -> str:
    """A date as ``Tue 25 Nov 2026`` (in ``translator``'s language)."""
    return translator.format_day(day)


def shorten(text: str, limit: int) -> str:
    """Cut plain ``text`` to ``limit`` UTF-16 units at a sentence or word boundary, adding "…"."""
    if utf16_len(text) <= limit:
        return text
    if limit < 1:
        return ""
    prefix = prefix_within(text, limit - 1)
    floor = len(prefix) // 2
    sentence_ends = [m.end() for m in _SENTENCE_END_RE.finditer(prefix) if m.end() > floor]
    if sentence_ends:
        return prefix[: sentence_ends[-1]].rstrip() + " …"
    space = max(prefix.rfind(" "), prefix.rfind("\n"))
    cut = prefix[:space] if space > floor else prefix
    return cut.rstrip() + "…"


def prefix_within(text: str, limit: int) -> str:
    """The longest prefix of ``text`` of at most ``limit`` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def _clean(text: str | None, *, single_line: bool = False, label: bool = False) -> str:
    """Normalise line ends, drop control characters and replace lone surrogates; a ``label``
    (a title, a heading, a link, a phrase: one line the bot frames) loses every bidirectional
    control, other text only the overrides."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE_RE.sub("\ufffd", _CONTROL_RE.sub("", text))
    if label:
        text = _BIDI_RE.sub("", text)
    return _BREAKING_SPACE_RE.sub(" ", text).strip() if single_line else text.strip()


def label(text: str | None) -> str:
    """``text`` (a name from Telegram: a chat's title, a forum topic's) fit to stand in one
    line the bot frames: no control characters, no bidirectional controls, no line breaks."""
    return _clean(text, single_line=True, label=True)


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
    url = _clean(brief.url, single_line=True, label=True)
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
    title = _clean(brief.title, single_line=True, label=True)
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
    sentences = [_clean(s, single_line=True) for s in summary or []]
    if not any(sentences):
        sentences = [shorten(_clean(brief.text, single_line=True), 600)]
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
        head = f"<b>{escape(shorten(_clean(heading, single_line=True, label=True), 256))}</b>"
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
    shown = escape(shorten(_clean(written, single_line=True, label=True), 100))
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
        _clean(as_written(phrase, briefs), single_line=True, label=True) for phrase in phrases
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
    chunks = _split_text(_clean(brief.text), limit, 0)
    if not chunks:
        return [MessagePart(header)]
    texts = [escape(chunk) for chunk in chunks]
    texts[0] = f"{header}{_SEPARATOR}{texts[0]}"
    return [MessagePart(text) for text in texts]


def _split_text(text: str, limit: int, level: int) -> list[str]:
    """Split plain ``text`` into chunks of at most ``limit`` UTF-16 units at natural boundaries."""
    if utf16_len(text) <= limit:
        return [text] if text else []
    if level == len(_TEXT_LEVELS):
        return _hard_split(text, limit)
    pattern, separator = _TEXT_LEVELS[level]
    chunks: list[str] = []
    current, used = "", 0
    for piece in (p.strip() for p in pattern.split(text)):
        for sub in _split_text(piece, limit, level + 1) if piece else []:
            size = utf16_len(sub)
            if current and used + len(separator) + size <= limit:
                current, used = f"{current}{separator}{sub}", used + len(separator) + size
            else:
                if current:
                    chunks.append(current)
                current, used = sub, size
    if current:
        chunks.append(current)
    return chunks


def _hard_split(text: str, limit: int) -> list[str]:
    """Cut ``text`` into chunks of at most ``limit`` UTF-16 units between code points."""
    chunks: list[str] = []
    while text:
        prefix = prefix_within(text, limit) or text[0]
        chunks.append(prefix)
        text = text[len(prefix) :]
    return chunks


def parts_to_payload(parts: Sequence[MessagePart]) -> dict[str, Any]:
    """The outbox payload for ``parts``: nothing sent yet."""
    return {
        "parts": [
            {"text": p.text, "buttons": [{"text": b.text, "data": b.data} for b in p.buttons]}
            for p in parts
        ],
        "sent": 0,
        "message_ids": [],
    }


def payload_parts(payload: Mapping[str, Any]) -> list[MessagePart]:
    """The message parts of an outbox payload, raising ValueError when its shape is wrong."""
    if not isinstance(payload, Mapping):
        raise ValueError(f"payload must be an object, not {type(payload).__name__}")
    raw_parts = payload.get("parts")
    if not isinstance(raw_parts, list) or not raw_parts:
        raise ValueError("payload.parts must be a non-empty list")
    sent = payload.get("sent", 0)
    if isinstance(sent, bool) or not isinstance(sent, int) or not 0 <= sent <= len(raw_parts):
        raise ValueError(f"payload.sent must be an integer from 0 to {len(raw_parts)}")
    ids = payload.get("message_ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise ValueError("payload.message_ids must be a list of integers")
    return [_part_of(raw, f"payload.parts[{i}]") for i, raw in enumerate(raw_parts)]


def _part_of(raw: object, where: str) -> MessagePart:
    """Validate one payload part."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where} must be an object")
    text, raw_buttons = raw.get("text"), raw.get("buttons", [])
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}.text must be a non-empty string")
    if not isinstance(raw_buttons, list):
        raise ValueError(f"{where}.buttons must be a list")
    buttons: list[Button] = []
    for j, button in enumerate(raw_buttons):
        button = button if isinstance(button, Mapping) else {}
        label, data = button.get("text"), button.get("data")
        if not isinstance(label, str) or not label or not isinstance(data, str) or not data:
            raise ValueError(f"{where}.buttons[{j}] must have non-empty string text and data")
        if len(data.encode()) > MAX_BUTTON_DATA_BYTES:
            raise ValueError(f"{where}.buttons[{j}].data is over {MAX_BUTTON_DATA_BYTES} bytes")
        buttons.append(Button(label, data))
    return MessagePart(text, tuple(buttons))
