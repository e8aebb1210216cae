"""Message parts: one Telegram message each (HTML text and its inline buttons).

The outbox stores them as a payload; this module builds that payload and reads it back,
raising ValueError when its shape is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_BUTTON_DATA_BYTES = 64


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
