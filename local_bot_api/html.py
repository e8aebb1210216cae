"""Telegram-flavoured HTML parsing: validation, plain-text rendering and entity extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SIMPLE_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_SUPPORTED_TAGS = frozenset({*_SIMPLE_TAGS, "a", "span", "blockquote", "tg-emoji"})
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([a-zA-Z]{2,6}));")
_ATTR_NAME_RE = re.compile(r"[a-zA-Z0-9_-]*")


class HtmlParseError(ValueError):
    """Raised with Telegram's wording when a text cannot be parsed as Telegram HTML."""


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    offset: int
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedText:
    """Plain text plus Telegram ``MessageEntity`` dicts (UTF-16 offsets)."""

    text: str
    entities: list[dict[str, Any]]


def unescape(text: str) -> str:
    """Decode the HTML entities Telegram understands, leaving unknown ones untouched."""

    def repl(match: re.Match[str]) -> str:
        hex_code, dec_code, name = match.groups()
        if name is not None:
            return _NAMED_ENTITIES.get(name, match.group(0))
        code = int(hex_code, 16) if hex_code is not None else int(dec_code)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
            return match.group(0)
        return chr(code)

    return _ENTITY_RE.sub(repl, text)


def _byte_offset(text: str, index: int) -> int:
    """Convert a character index to Telegram's UTF-8 byte offset."""
    return len(text[:index].encode("utf-8"))


def _error(detail: str) -> HtmlParseError:
    """Build the error Telegram returns for unparsable markup."""
    return HtmlParseError(f"Bad Request: can't parse entities: {detail}")


def _parse_attrs(text: str, pos: int, tag: str, tag_start: int) -> tuple[dict[str, str], int]:
    """Parse attributes of a start tag beginning at ``pos``; return them and the index after '>'."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            raise _error(f"Unclosed start tag at byte offset {_byte_offset(text, tag_start)}")
        if text[pos] == ">":
            return attrs, pos + 1
        name_match = _ATTR_NAME_RE.match(text, pos)
        name = name_match.group(0).lower() if name_match else ""
        if not name:
            raise _error(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, pos)}'
            )
        pos += len(name)
        while pos < n and text[pos].isspace():
            pos += 1
        if pos < n and text[pos] != "=":
            if name == "expandable" or text[pos] == ">":
                attrs[name] = ""
                continue
            raise _error(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {_byte_offset(text, pos)}'
            )
        pos += 1
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            raise _error(f"Unclosed start tag at byte offset {_byte_offset(text, tag_start)}")
        if text[pos] in "'\"":
            end = text.find(text[pos], pos + 1)
            if end < 0:
                raise _error(f"Unclosed start tag at byte offset {_byte_offset(text, tag_start)}")
            value = text[pos + 1 : end]
            pos = end + 1
        else:
            end = pos
            while end < n and not text[end].isspace() and text[end] != ">":
                end += 1
            value, pos = text[pos:end], end
        attrs[name] = unescape(value)


def _entity_for(tag: _OpenTag, length: int) -> dict[str, Any] | None:
    """Translate a closed tag into a Telegram entity dict (or None when it yields no entity)."""
    entity: dict[str, Any] = {"offset": tag.offset, "length": length}
    if tag.name in _SIMPLE_TAGS:
        entity["type"] = _SIMPLE_TAGS[tag.name]
        if tag.name == "pre" and "language" in tag.attrs:
            entity["language"] = tag.attrs["language"]
    elif tag.name == "span":
        entity["type"] = "spoiler"
    elif tag.name == "a":
        href = tag.attrs.get("href", "")
        if not href:
            return None
        entity["type"] = "text_link"
        entity["url"] = href
    elif tag.name == "blockquote":
        entity["type"] = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
    else:  # tg-emoji
        entity["type"] = "custom_emoji"
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    return entity


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, raising :class:`HtmlParseError`."""
    out: list[str] = []
    out_len = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    pos, n = 0, len(text)
    while pos < n:
        char = text[pos]
        if char == "&":
            match = _ENTITY_RE.match(text, pos)
            piece = unescape(match.group(0)) if match else "&"
            pos = match.end() if match else pos + 1
        elif char == "<":
            start = pos
            if pos + 1 < n and text[pos + 1] == "/":
                end = text.find(">", pos)
                if end < 0:
                    raise _error(f"Unclosed end tag at byte offset {_byte_offset(text, start)}")
                name = text[pos + 2 : end].strip().lower()
                if not stack:
                    raise _error(f"Unexpected end tag at byte offset {_byte_offset(text, start)}")
                top = stack.pop()
                if name != top.name:
                    raise _error(
                        f"Unmatched end tag at byte offset {_byte_offset(text, start)}, "
                        f'expected "</{top.name}>", found "</{name}>"'
                    )
                if out_len > top.offset:
                    entity = _entity_for(top, out_len - top.offset)
                    if entity is not None:
                        entities.append(entity)
                pos = end + 1
                continue
            end = pos + 1
            while end < n and not text[end].isspace() and text[end] not in "<>":
                end += 1
            name = text[pos + 1 : end].lower()
            if name not in _SUPPORTED_TAGS:
                raise _error(
                    f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, start)}'
                )
            attrs, pos = _parse_attrs(text, end, name, start)
            stack.append(_open_tag(name, attrs, out_len, stack, text, start))
            continue
        else:
            nxt = min((i for i in (text.find("&", pos), text.find("<", pos)) if i >= 0), default=n)
            piece = text[pos:nxt]
            pos = nxt
        out.append(piece)
        out_len += utf16_len(piece)
    if stack:
        raise _error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return ParsedText("".join(out), _merge_pre_code(entities))


def _open_tag(
    name: str, attrs: dict[str, str], offset: int, stack: list[_OpenTag], text: str, start: int
) -> _OpenTag:
    """Validate tag-specific attributes and build the open-tag record."""
    kept: dict[str, str] = {}
    if name == "span":
        if attrs.get("class") != "tg-spoiler":
            raise _error(
                'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(text, start)}"
            )
    elif name == "a" and "href" in attrs:
        kept["href"] = attrs["href"]
    elif name == "blockquote" and "expandable" in attrs:
        kept["expandable"] = ""
    elif name == "tg-emoji":
        if not attrs.get("emoji-id", "").isdigit():
            raise _error(
                'Custom emoji entity must contain a tag "emoji-id" at byte offset '
                f"{_byte_offset(text, start)}"
            )
        kept["emoji-id"] = attrs["emoji-id"]
    elif name == "code" and attrs.get("class", "").startswith("language-"):
        parent = stack[-1] if stack else None
        if parent is not None and parent.name == "pre" and parent.offset == offset:
            parent.attrs["language"] = attrs["class"].removeprefix("language-")
    return _OpenTag(name, offset, kept)


def _merge_pre_code(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop ``code`` entities that only carried a language for their ``pre``; sort like Telegram."""
    pres = {(e["offset"], e["length"]) for e in entities if e["type"] == "pre" and "language" in e}
    kept = [e for e in entities if not (e["type"] == "code" and (e["offset"], e["length"]) in pres)]
    return sorted(kept, key=lambda e: (e["offset"], -e["length"]))
