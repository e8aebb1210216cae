"""Scripted faults and flood limits, as surfaced by a real PTB ``Bot``."""

from __future__ import annotations

import datetime as dtm
import warnings

import pytest
from telegram import Bot
from telegram.error import (
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from local_bot_api import LocalBotApi
from local_bot_api.errors import ApiError
from local_bot_api.faults import RateLimiter, RateLimits
from tests.support.world import make_bot

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




async def test_server_errors_surface_as_network_error(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    api.fail_next("sendMessage", status=500, times=1)
    api.fail_next("sendMessage", status=502, times=1, chat_id=chat.id)

    with pytest.raises(NetworkError) as first:
        await bot.send_message(chat.id, "news")
    with pytest.raises(NetworkError) as second:
        await bot.send_message(chat.id, "news")
    await bot.send_message(chat.id, "news")

    assert type(first.value) is NetworkError and type(second.value) is NetworkError
    assert [c.status for c in api.calls("sendMessage")] == [500, 502, 200]
    assert [m.text for m in api.messages(chat.id)] == ["news"]


async def test_slow_response_times_out_but_message_is_delivered(api: LocalBotApi) -> None:
    chat = api.create_private_chat()
    api.delay_next("sendMessage", seconds=2.0)

    async with make_bot(api, read_timeout=0.2) as slow_bot:
        with pytest.raises(TimedOut):
            await slow_bot.send_message(chat.id, "late")

    assert [m.text for m in api.messages(chat.id)] == ["late"]






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


def test_rate_limiter_windows_expire_with_the_clock() -> None:
    now = [100.0]
    limiter = RateLimiter(RateLimits(per_chat_per_second=2, per_group_per_minute=3), lambda: now[0])

    limiter.check(-1, is_group=True)
    limiter.check(-1, is_group=True)
    with pytest.raises(ApiError) as per_second:
        limiter.check(-1, is_group=True)
    now[0] += 1.5
    limiter.check(-1, is_group=True)
    with pytest.raises(ApiError) as per_minute:
        limiter.check(-1, is_group=True)

    assert per_second.value.status == 429 and per_second.value.retry_after == 1
    assert per_minute.value.retry_after == 59
    assert per_minute.value.to_api()["parameters"] == {"retry_after": 59}
