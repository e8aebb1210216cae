"""The ``/_control`` HTTP endpoints, as another process would use them."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import ChatMigrated, NetworkError

from local_bot_api import LocalBotApi


async def control(
    session: aiohttp.ClientSession, verb: str, url: str, body: dict[str, Any] | None = None
) -> Any:
    """Call a control endpoint and unwrap ``result``."""
    async with session.request(verb, url, json=body) as response:
        payload = await response.json()
        assert response.status == 200, payload
        return payload["result"]


async def test_separate_process_can_script_a_user_over_http(api: LocalBotApi, bot: Bot) -> None:
    root = api.control_url
    async with aiohttp.ClientSession() as session:
        user = await control(session, "POST", f"{root}/users", {"first_name": "Bea"})
        chat = await control(session, "POST", f"{root}/chats/private", {"user_id": user["id"]})
        await control(session, "POST", f"{root}/send", {"chat_id": chat["id"], "text": "/start"})
        [update] = await bot.get_updates()
        assert update.message is not None and update.message.text == "/start"
        waiter = asyncio.create_task(
            control(session, "POST", f"{root}/wait", {"chat_id": chat["id"], "timeout": 2})
        )
        await bot.send_message(chat["id"], "<i>hi</i>", parse_mode="HTML")
        [reply] = await waiter
        calls = await control(session, "GET", f"{root}/calls?method=sendMessage")

    assert (reply["text"], reply["raw_text"], reply["outgoing"]) == ("hi", "<i>hi</i>", True)
    assert calls[0]["params"]["text"] == "<i>hi</i>" and calls[0]["status"] == 200


async def test_faults_documents_and_presses_over_http(api: LocalBotApi, bot: Bot) -> None:
    root = api.control_url
    chat = api.create_private_chat()
    async with aiohttp.ClientSession() as session:
        await control(session, "POST", f"{root}/faults", {"method": "sendMessage", "status": 502})
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(chat.id, "lost")
        assert type(caught.value) is NetworkError  # the 502, not a timeout (a subclass)
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
        sent = await bot.send_message(chat.id, "Pick", reply_markup=keyboard)
        pressed = await control(
            session,
            "POST",
            f"{root}/press",
            {"chat_id": chat.id, "message_id": sent.message_id, "callback_data": "a"},
        )
        document = base64.b64encode(b"payload").decode()
        await control(
            session,
            "POST",
            f"{root}/send",
            {"chat_id": chat.id, "text": "/add", "document_base64": document},
        )
        transcript = await control(session, "GET", f"{root}/messages?chat_id={chat.id}")
        async with session.post(
            f"{root}/wait", json={"chat_id": chat.id, "count": 5, "timeout": 0.1}
        ) as r:
            assert r.status == 408

    [press_update, doc_update] = await bot.get_updates()
    assert press_update.callback_query is not None
    assert press_update.callback_query.id == pressed["callback_query_id"]
    assert doc_update.message is not None and doc_update.message.document is not None
    assert [m["outgoing"] for m in transcript] == [True, False]


async def test_control_endpoint_migrates(api: LocalBotApi, bot: Bot) -> None:
    group = api.create_group("Basic", supergroup=False)
    async with aiohttp.ClientSession() as session:
        url = f"{api.control_url}/chats/migrate"
        async with session.post(url, json={"chat_id": group.id}) as response:
            payload = await response.json()
    new = payload["result"]
    assert new["type"] == "supergroup" and new["title"] == "Basic"
    with pytest.raises(ChatMigrated) as raised:
        await bot.send_message(group.id, "hello")
    assert raised.value.new_chat_id == new["id"]
