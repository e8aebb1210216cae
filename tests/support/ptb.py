"""Helpers shared by the local Bot API tests."""

from __future__ import annotations

from telegram import Bot
from telegram.request import HTTPXRequest

from local_bot_api import LocalBotApi


def make_bot(api: LocalBotApi, *, read_timeout: float = 5.0) -> Bot:
    """A plain ``telegram.Bot`` talking to ``api`` over HTTP."""
    return Bot(
        api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=HTTPXRequest(read_timeout=read_timeout),
        get_updates_request=HTTPXRequest(read_timeout=read_timeout),
    )
