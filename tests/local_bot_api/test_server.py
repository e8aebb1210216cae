"""The HTTP shape: tokens, unknown methods and file downloads."""

from __future__ import annotations

import aiohttp
import pytest
from telegram import Bot
from telegram.error import EndPointNotFound, InvalidToken
from telegram.request import HTTPXRequest

from local_bot_api import LocalBotApi


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


async def test_method_names_are_case_insensitive_and_form_bodies_are_read(
    api: LocalBotApi,
) -> None:
    chat = api.create_private_chat()
    url = f"{api.base_url}{api.token}/SENDMESSAGE"

    async with aiohttp.ClientSession() as session, session.post(
        url, data={"chat_id": str(chat.id), "text": "from a form"}
    ) as response:
        body = await response.json()

    assert response.status == 200 and body["result"]["text"] == "from a form"
    assert [m.text for m in api.messages(chat.id)] == ["from a form"]


async def test_file_downloads_need_the_token_and_a_known_path(api: LocalBotApi) -> None:
    chat = api.create_private_chat()
    sent = api.user_sends(chat.id, "", document=b"bytes", file_name="a.txt")
    assert sent.document is not None
    path = sent.document.file_path

    async with aiohttp.ClientSession() as session:
        async with session.get(f"{api.base_file_url}{api.token}/{path}") as found:
            content = await found.read()
        async with session.get(f"{api.base_file_url}1:wrong/{path}") as wrong_token:
            pass
        async with session.get(f"{api.base_file_url}{api.token}/documents/nope.txt") as missing:
            pass

    assert (found.status, content) == (200, b"bytes")
    assert (wrong_token.status, missing.status) == (401, 404)
