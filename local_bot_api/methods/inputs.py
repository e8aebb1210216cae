"""Checks of what a send or edit carries: the text with its ``parse_mode``, the inline keyboard."""

from __future__ import annotations

from local_bot_api.errors import ApiError, bad_request
from local_bot_api.html import HtmlParseError, parse_html
from local_bot_api.models import JSON
from local_bot_api.params import Params


def render_text(text: str, p: Params, entities_key: str = "entities") -> tuple[str, list[JSON]]:
    """Apply ``parse_mode`` (HTML validated) or explicit entities to ``text``."""
    mode = (p.string("parse_mode") or "").lower()
    if mode == "html":
        try:
            parsed = parse_html(text)
        except HtmlParseError as exc:
            raise ApiError(400, str(exc)) from None
        return parsed.text, parsed.entities
    if mode not in ("", "markdown", "markdownv2"):
        raise bad_request("unsupported parse_mode")
    entities = p.obj(entities_key) or []
    return text, list(entities)


def reply_markup(p: Params) -> JSON | None:
    """Validate and return ``reply_markup``."""
    markup = p.obj("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")
    return markup
