"""Entities Telegram auto-detects in user text: bot commands, URLs, mentions and hashtags."""

from __future__ import annotations

import re

from local_bot_api.html import utf16_len
from local_bot_api.models import JSON

_AUTO_ENTITIES = re.compile(
    r"(?P<bot_command>(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?![\w@]))"
    r"|(?P<url>https?://[^\s<>\"]+)"
    r"|(?P<mention>(?<![\w@/])@[a-zA-Z0-9_]{5,32}\b)"
    r"|(?P<hashtag>(?<![\w#])#[^\W\d][\w]*)"
)


def detect_entities(text: str) -> list[JSON]:
    """Find the entities Telegram auto-detects in user text (commands, URLs, mentions, tags)."""
    entities: list[JSON] = []
    for match in _AUTO_ENTITIES.finditer(text):
        kind = match.lastgroup or "url"
        entities.append(
            {
                "type": kind,
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group(0)),
            }
        )
    return entities
