"""Groups, channels, membership updates and file transfer through a real PTB ``Bot``."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    ChatMemberAdministrator,
    ChatMemberMember,
    ChatMemberOwner,
    InputFile,
    Message,
)
from telegram.error import BadRequest, Forbidden

from local_bot_api import LocalBotApi


async def test_group_admin_listing_names_owner_admins_and_bot(api: LocalBotApi, bot: Bot) -> None:
    owner, editor, reader = (api.create_user(n) for n in ("Olga", "Ed", "Rita"))
    group = api.create_group("Editors", admins=[owner, editor], members=[reader], bot_is_admin=True)

    admins = await bot.get_chat_administrators(group.id)
    reader_member = await bot.get_chat_member(group.id, reader.id)
    info = await bot.get_chat(group.id)

    assert [(type(a), a.user.id) for a in admins] == [
        (ChatMemberOwner, owner.id),
        (ChatMemberAdministrator, editor.id),
        (ChatMemberAdministrator, api.bot.id),
    ]
    assert isinstance(reader_member, ChatMemberMember)
    assert (info.title, info.type) == ("Editors", "supergroup")
    assert await bot.get_chat_member_count(group.id) == 4


async def test_private_chat_has_no_administrators(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()

    with pytest.raises(BadRequest, match="no administrators in the private chat"):
        await bot.get_chat_administrators(chat.id)


async def test_adding_and_removing_the_bot_queues_my_chat_member(
    api: LocalBotApi, bot: Bot
) -> None:
    channel = api.create_channel("Daily digest", username="daily_digest")
    await bot.send_message("@daily_digest", "Morning brief")
    api.remove_bot(channel.id)

    updates = await bot.get_updates()

    statuses = [
        (u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
        for u in updates
        if u.my_chat_member is not None
    ]
    assert statuses == [("left", "administrator"), ("administrator", "kicked")]
    assert [m.text for m in api.messages(channel.id)] == ["Morning brief"]
    with pytest.raises(Forbidden, match="bot was kicked from the channel chat"):
        await bot.send_message(channel.id, "Evening brief")
    api.user_sends(channel.id, "a post the bot cannot see")
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()


async def test_admin_document_is_downloadable_via_get_file(api: LocalBotApi, bot: Bot) -> None:
    admin = api.create_user("Ada", username="ada")
    chat = api.create_private_chat(admin)
    api.user_sends(chat.id, "/add", document=b"Title\n\nBody of the brief.", file_name="brief.txt")

    [update] = await bot.get_updates()
    message = update.message
    assert message is not None and message.document is not None
    assert message.caption == "/add"
    assert message.caption_entities[0].type == "bot_command"
    telegram_file = await message.document.get_file()
    content = await telegram_file.download_as_bytearray()

    assert bytes(content) == b"Title\n\nBody of the brief."
    assert telegram_file.file_path is not None
    assert telegram_file.file_path.startswith(api.base_file_url)


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


async def test_offset_confirms_updates_and_limit_caps_batch(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    for text in ("one", "two", "three"):
        api.user_sends(chat.id, text)

    first_batch = await bot.get_updates(limit=2)
    unconfirmed = await bot.get_updates()
    rest = await bot.get_updates(offset=first_batch[-1].update_id + 1)
    after_all = await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0)

    assert [u.message.text for u in first_batch if u.message] == ["one", "two"]
    assert len(unconfirmed) == 3
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert after_all == ()


async def test_long_poll_returns_as_soon_as_an_update_arrives(api: LocalBotApi, bot: Bot) -> None:
    import asyncio

    chat = api.create_private_chat()
    poll = asyncio.create_task(bot.get_updates(timeout=3))
    await asyncio.sleep(0.05)
    api.user_sends(chat.id, "ping")

    updates = await asyncio.wait_for(poll, 1)

    assert [u.message.text for u in updates if u.message] == ["ping"]


async def test_allowed_updates_filters_later_updates(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    await bot.get_updates(allowed_updates=["callback_query"])
    api.user_sends(chat.id, "ignored text")

    assert await bot.get_updates(timeout=0) == ()


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
