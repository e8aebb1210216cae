"""Telegram-HTML text primitives: escaping, lengths as Telegram counts them, and cutting.

Plain text is cleaned of control characters (a label of every bidirectional control too),
shortened at a sentence or word end, or split into chunks under a limit at paragraph, line,
sentence, then word ends.
"""

from __future__ import annotations

import re

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


def clean(text: str | None, *, single_line: bool = False, label: bool = False) -> str:
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
    return clean(text, single_line=True, label=True)


def split_text(text: str, limit: int, level: int) -> list[str]:
    """Split plain ``text`` into chunks of at most ``limit`` UTF-16 units at natural boundaries."""
    if utf16_len(text) <= limit:
        return [text] if text else []
    if level == len(_TEXT_LEVELS):
        return _hard_split(text, limit)
    pattern, separator = _TEXT_LEVELS[level]
    chunks: list[str] = []
    current, used = "", 0
    for piece in (p.strip() for p in pattern.split(text)):
        for sub in split_text(piece, limit, level + 1) if piece else []:
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
