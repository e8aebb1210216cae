"""Telegram error shapes, as surfaced by a real PTB ``Bot``."""

from __future__ import annotations

import datetime as dtm
import warnings

import pytest
from telegram import Bot
from telegram.error import (
    BadRequest,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from local_bot_api import LocalBotApi
from tests.support.ptb import make_bot

# PTB 22 warns about the int->timedelta migration inside RetryAfter.__init__ itself.
ignore_retry_after_migration = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)


def retry_seconds(exc: RetryAfter) -> float:
    """``RetryAfter.retry_after`` in seconds, whatever PTB's int/timedelta migration state."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_unbalanced_html_surfaces_as_bad_request(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()

    with pytest.raises(BadRequest, match="Can't parse entities: unmatched end tag"):
        await bot.send_message(chat.id, "<b>bold <i>both</b></i>", parse_mode="HTML")
    with pytest.raises(BadRequest, match='unsupported start tag "blink" at byte offset 6'):
        await bot.send_message(chat.id, "Hello <blink>x</blink>", parse_mode="HTML")

    assert api.messages(chat.id) == []


async def test_message_limit_is_4096_utf16_units_with_emoji_counting_two(
    api: LocalBotApi, bot: Bot
) -> None:
    chat = api.create_private_chat()

    await bot.send_message(chat.id, "\U0001f4f0" * 2048)
    await bot.send_message(chat.id, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(chat.id, "\U0001f4f0" * 2048 + "a")

    assert len(api.messages(chat.id)) == 2


@ignore_retry_after_migration
async def test_injected_429_surfaces_as_retry_after(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    api.fail_next("sendMessage", status=429, retry_after=2)

    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(chat.id, "first try")
    await bot.send_message(chat.id, "second try")

    assert retry_seconds(caught.value) == 2
    assert [c.status for c in api.calls("sendMessage")] == [429, 200]
    assert [m.text for m in api.messages(chat.id)] == ["second try"]


async def test_blocked_user_makes_sends_fail_with_forbidden(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    await bot.send_message(chat.id, "hello")
    api.block_bot(chat.id)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(chat.id, "still there?")

    [update] = await bot.get_updates()
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    assert update.my_chat_member.old_chat_member.status == "member"


async def test_server_errors_surface_as_network_error(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    api.fail_next("sendMessage", status=500, times=1)
    api.fail_next("sendMessage", status=502, times=1, chat_id=chat.id)

    for _ in range(2):
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(chat.id, "news")
        assert type(caught.value) is NetworkError

    assert api.messages(chat.id) == []


async def test_slow_response_times_out_but_message_is_delivered(api: LocalBotApi) -> None:
    chat = api.create_private_chat()
    api.delay_next("sendMessage", seconds=2.0)

    async with make_bot(api, read_timeout=0.2) as slow_bot:
        with pytest.raises(TimedOut):
            await slow_bot.send_message(chat.id, "late")

    assert [m.text for m in api.messages(chat.id)] == ["late"]


async def test_unknown_method_is_404_and_wrong_token_is_401(api: LocalBotApi, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound, match="'sendTelepathy' not found"):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    assert api.calls("sendTelepathy")[0].status == 404

    request = HTTPXRequest()
    impostor = Bot("42:wrong", base_url=api.base_url, request=request)
    try:
        with pytest.raises(InvalidToken, match="Unauthorized"):
            await impostor.get_me()
    finally:
        await request.shutdown()


async def test_unknown_chat_is_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(987654321, "anyone?")


@ignore_retry_after_migration
async def test_per_chat_rate_limit_answers_429_with_retry_after(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    api.enforce_rate_limits(per_chat_per_second=1, per_group_per_minute=None)

    await bot.send_message(chat.id, "one")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(chat.id, "two")

    assert retry_seconds(caught.value) == 1
    assert [m.text for m in api.messages(chat.id)] == ["one"]


@ignore_retry_after_migration
async def test_group_rate_limit_is_per_minute(api: LocalBotApi, bot: Bot) -> None:
    group = api.create_group("Busy group")
    other = api.create_group("Quiet group")
    api.enforce_rate_limits(per_chat_per_second=None, per_group_per_minute=3)

    for i in range(3):
        await bot.send_message(group.id, f"brief {i}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(group.id, "one too many")
    await bot.send_message(other.id, "other groups are unaffected")

    assert 55 <= retry_seconds(caught.value) <= 60
    assert len(api.messages(group.id)) == 3
