"""Sending, editing and deleting messages through a real PTB ``Bot``."""

from __future__ import annotations

import pytest
from telegram import Bot, InputFile, Message
from telegram.error import BadRequest

from local_bot_api import LocalBotApi


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


async def test_bot_uploaded_document_is_stored_and_reusable(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()

    sent = await bot.send_document(
        chat.id,
        InputFile(b"a,b\n1,2\n", filename="export.csv"),
        caption="<b>Export</b>",
        parse_mode="HTML",
    )
    assert sent.document is not None
    again = await bot.send_document(chat.id, sent.document.file_id)

    [first, second] = api.messages(chat.id)
    assert first.document is not None and first.document.content == b"a,b\n1,2\n"
    assert first.text == "Export" and first.entities[0]["type"] == "bold"
    assert again.document is not None and again.document.file_id == sent.document.file_id
    assert second.document is first.document


async def test_commands_entities_replies_and_edits(api: LocalBotApi, bot: Bot) -> None:
    group = api.create_group("Team")
    sent = await bot.send_message(group.id, "Pick one")
    api.user_sends(
        group.id, "/brief@briefbot_bot tech https://example.com", reply_to=sent.message_id
    )
    await bot.set_my_commands([("brief", "Latest brief")])

    [_, update] = await bot.get_updates()
    edited = await bot.edit_message_text("Picked", chat_id=group.id, message_id=sent.message_id)

    message = update.message
    assert message is not None and message.reply_to_message is not None
    assert message.reply_to_message.message_id == sent.message_id
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bot_command", 0, 19),
        ("url", 25, 19),
    ]
    assert isinstance(edited, Message)
    assert edited.text == "Picked" and edited.edit_date is not None
    assert [c.command for c in await bot.get_my_commands()] == ["brief"]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Picked", chat_id=group.id, message_id=sent.message_id)
    assert await bot.delete_message(group.id, sent.message_id)
    assert api.messages(group.id, from_bot=True) == []
