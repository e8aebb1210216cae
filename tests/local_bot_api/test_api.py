"""A real python-telegram-bot Application polling the local Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Conflict, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from local_bot_api import LocalBotApi
from tests.support.world import make_bot

Context = ContextTypes.DEFAULT_TYPE


async def on_start(update: Update, context: Context) -> None:
    """Reply with HTML and one inline button."""
    assert update.effective_message is not None and update.effective_user is not None
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Latest brief", callback_data="latest")]]
    )
    await update.effective_message.reply_html(
        f"<b>Welcome</b>, {update.effective_user.first_name} &amp; friends!",
        reply_markup=keyboard,
    )


async def on_button(update: Update, context: Context) -> None:
    """Answer the query and edit the message."""
    query = update.callback_query
    assert query is not None
    await query.answer("Loading…")
    await query.edit_message_text(f"You chose <i>{query.data}</i>", parse_mode="HTML")


@pytest.fixture
async def polling_errors() -> list[TelegramError]:
    """Errors reported by the updater's polling loop."""
    return []


@pytest.fixture
async def application(
    api: LocalBotApi, polling_errors: list[TelegramError]
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """A started PTB Application polling ``api`` with small timeouts."""
    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .get_updates_read_timeout(3)
        .build()
    )
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CallbackQueryHandler(on_button))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=1, error_callback=polling_errors.append)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def test_start_command_round_trip_replies_with_rendered_html_and_button(
    api: LocalBotApi,
    application: Application,  # type: ignore[type-arg]
) -> None:
    chat = api.create_private_chat(first_name="Alice", username="alice")
    api.user_sends(chat.id, "/start")

    [reply] = await api.wait_for_messages(chat.id, 1, timeout=3)

    assert reply.text == "Welcome, Alice & friends!"
    assert reply.raw_text == "<b>Welcome</b>, Alice &amp; friends!"
    assert reply.entities == [{"offset": 0, "length": 7, "type": "bold"}]
    assert reply.callback_data == ["latest"]
    assert [c.method for c in api.calls("sendMessage")] == ["sendMessage"]


async def test_command_addressed_to_bot_username_is_handled(
    api: LocalBotApi,
    application: Application,  # type: ignore[type-arg]
) -> None:
    group = api.create_group("News room")
    api.user_sends(group.id, "/start@briefbot_bot")

    [reply] = await api.wait_for_messages(group.id, 1, timeout=3)

    assert reply.text is not None and reply.text.startswith("Welcome")
    assert reply.reply_to is not None and reply.reply_to.text == "/start@briefbot_bot"


async def test_callback_query_round_trip_answers_and_edits_message(
    api: LocalBotApi,
    application: Application,  # type: ignore[type-arg]
) -> None:
    chat = api.create_private_chat()
    api.user_sends(chat.id, "/start")
    [reply] = await api.wait_for_messages(chat.id, 1, timeout=3)

    query = api.user_presses(chat.id, reply.message_id, "latest")
    assert await api.changed.wait_until(lambda: reply.edit_date is not None, 3)

    assert query.answered and query.answer["text"] == "Loading…"
    assert reply.text == "You chose latest"
    assert reply.entities == [{"offset": 10, "length": 6, "type": "italic"}]
    assert reply.reply_markup is None  # editMessageText without reply_markup drops the keyboard


async def test_second_poller_terminates_the_running_updater_with_conflict(
    api: LocalBotApi,
    application: Application,  # type: ignore[type-arg]
    polling_errors: list[TelegramError],
) -> None:
    assert await api.changed.wait_until(lambda: api.methods.updates.is_polling, 3)
    async with make_bot(api) as intruder:
        assert await intruder.get_updates(timeout=0) == ()

    # The updater reports the error from its own task: wait for it rather than for a fixed time.
    for _ in range(300):
        if polling_errors:
            break
        await asyncio.sleep(0.01)
    assert isinstance(polling_errors[0], Conflict)
    assert "terminated by other getUpdates request" in str(polling_errors[0])
