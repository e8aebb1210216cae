"""The one send path: its keyboard, defaults, and what the Bot API receives and answers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

from local_bot_api import LocalBotApi, RateLimits
from outbox.pacing import ChatPacer
from outbox.send import BUTTONS_PER_ROW, SendOptions, bot_defaults, keyboard, send_part
from rendering.parts import Button, MessagePart
from tests.support.factories import make_subscriber
from tests.support.world import make_app_bot


@pytest.fixture
async def api() -> AsyncIterator[LocalBotApi]:
    """A local Bot API without flood limits (a test turns them on where it needs them)."""
    async with LocalBotApi(rate_limits=None) as running:
        yield running


def test_a_part_without_buttons_has_no_keyboard() -> None:
    assert keyboard(MessagePart("Hello")) is None


def test_buttons_go_in_rows_of_at_most_buttons_per_row_in_order() -> None:
    buttons = tuple(Button(f"📄 {n}", f"full:{n}") for n in range(1, 2 * BUTTONS_PER_ROW + 2))
    markup = keyboard(MessagePart("Briefs", buttons))
    assert markup is not None
    rows = [[(b["text"], b["callback_data"]) for b in row] for row in markup["inline_keyboard"]]
    assert [len(row) for row in rows] == [BUTTONS_PER_ROW, BUTTONS_PER_ROW, 1]
    assert [pair for row in rows for pair in row] == [(b.text, b.data) for b in buttons]


def test_defaults_are_html_without_link_previews() -> None:
    defaults = bot_defaults()
    assert defaults.parse_mode == ParseMode.HTML
    assert defaults.link_preview_options is not None
    assert defaults.link_preview_options.is_disabled is True


def test_default_send_options_add_nothing_to_the_bots_defaults() -> None:
    assert SendOptions().arguments() == {}


def test_send_options_turn_previews_on_and_notifications_off() -> None:
    arguments = SendOptions(link_previews=True, silent=True).arguments()
    assert set(arguments) == {"link_preview_options", "disable_notification"}
    assert arguments["link_preview_options"] == {"is_disabled": False}
    assert arguments["disable_notification"] is True


def test_send_options_of_a_subscriber_are_its_previews_and_silence() -> None:
    subscriber = make_subscriber(link_previews=True, silent=False)
    assert SendOptions.of(subscriber) == SendOptions(link_previews=True, silent=False)


async def test_a_sent_part_arrives_in_html_without_previews_and_answers_its_message_id(
    api: LocalBotApi,
) -> None:
    chat = api.create_private_chat()
    part = MessagePart("<b>Digest</b> of the day", (Button("📄 1", "full:1"),))
    async with make_app_bot(api) as bot:
        message_id = await send_part(bot, chat.id, part, pacer=ChatPacer(100))

    [stored] = api.state.messages(chat.id, from_bot=True)
    assert message_id == stored.message_id
    assert (stored.text, stored.parse_mode) == ("Digest of the day", ParseMode.HTML)
    assert stored.link_preview_options == {"is_disabled": True}
    button = {"text": "📄 1", "callback_data": "full:1"}
    assert stored.reply_markup == {"inline_keyboard": [[button]]}
    assert stored.disable_notification is False


async def test_a_chats_options_and_topic_reach_the_bot_api(api: LocalBotApi) -> None:
    chat = api.create_private_chat()
    options = SendOptions(link_previews=True, silent=True)
    async with make_app_bot(api) as bot:
        await send_part(bot, chat.id, MessagePart("Hello"), pacer=ChatPacer(100), options=options)

    [stored] = api.state.messages(chat.id, from_bot=True)
    assert stored.link_preview_options == {"is_disabled": False}
    assert stored.disable_notification is True
    assert stored.reply_markup is None


async def test_telegrams_refusals_raise_the_errors_the_outbox_maps(api: LocalBotApi) -> None:
    blocked, flooded = api.create_private_chat(), api.create_private_chat()
    api.block_bot(blocked.id)
    group = api.create_group(supergroup=False)
    api.migrate_group(group.id, service_messages=False)
    pacer = ChatPacer(100)
    async with make_app_bot(api) as bot:
        with pytest.raises(Forbidden):
            await send_part(bot, blocked.id, MessagePart("Hi"), pacer=pacer)
        with pytest.raises(BadRequest):
            await send_part(bot, flooded.id, MessagePart("<b>unclosed"), pacer=pacer)
        with pytest.raises(ChatMigrated):
            await send_part(bot, group.id, MessagePart("Hi"), pacer=pacer)
        api.enforce_rate_limits(RateLimits(per_chat_per_second=1))
        await send_part(bot, flooded.id, MessagePart("One"), pacer=pacer)
        with pytest.raises(RetryAfter):
            await send_part(bot, flooded.id, MessagePart("Two"), pacer=pacer)
