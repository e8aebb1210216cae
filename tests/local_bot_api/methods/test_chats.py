"""getChat, chat members and administrators, and getFile downloads through a real PTB ``Bot``."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    ChatMemberAdministrator,
    ChatMemberMember,
    ChatMemberOwner,
)
from telegram.error import BadRequest

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
