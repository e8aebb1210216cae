"""Hostile chat commands and button presses through the local Bot API server and the real bot.

Every command gets a reply (a ``/help`` sentinel sent after it is answered too, so the bot is
alive), every reply is valid Telegram HTML (the local server refuses anything else) under 4,096
UTF-16 units, the user's markup never becomes the bot's, and nothing is logged at ERROR.
One update at a time: concurrent updates are issue 10 item 1 (helper "concurrency").
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.handlers import COMMANDS
from bot.handlers.errors import SORRY
from local_bot_api import Chat, StoredMessage
from local_bot_api.html import utf16_len
from local_bot_api.methods import MAX_TEXT
from outbox.pacing import ChatPacer
from tests.hostile.strategies import hostile, hostile_text, tracebacks
from tests.support.factories import brief
from tests.support.world import World

NAMES = [name for name, *_ in COMMANDS]
# Markup an attacker writes, and the text it would mark up if it were taken as HTML.
MARKUP = {"<b>x</b>": "x", '<a href="tg://user?id=1">me</a>': "me", "<i>y</i>": "y"}

arguments = st.one_of(
    hostile_text(300, surrogates=True),
    st.sampled_from(list(MARKUP)),
    st.integers().map(str),
    st.sampled_from(
        ["9" * 4400, "1" + "0" * 19, "-9223372036854775809", "25:61", "07:30 Mars/Base"]
    ),
    st.integers(1, 10_000).map(lambda n: ("word " * n)[:10_000]),
    st.just("x" * 10_000),
)


def entity_text(message: StoredMessage, entity: dict[str, object]) -> str:
    """The text an entity of ``message`` covers (offsets count UTF-16 units)."""
    units = (message.text or "").encode("utf-16-le", "surrogatepass")
    offset, length = int(str(entity["offset"])), int(str(entity["length"]))
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le", "surrogatepass")


def check_replies(replies: list[StoredMessage]) -> None:
    """At least one reply; each under the length cap, no apology, no user markup taken as HTML."""
    assert replies, "the command got no reply"
    for reply in replies:
        assert reply.raw_text is not None and utf16_len(reply.raw_text) <= MAX_TEXT
        assert reply.text != SORRY
        for entity in reply.entities:
            assert entity_text(reply, entity) not in MARKUP.values() or entity["type"] in (
                "bot_command",
                "hashtag",
                "mention",
                "url",
            ), (entity, reply.raw_text)


@pytest.fixture
async def chats(world: World) -> dict[str, Chat]:
    """An admin's and a subscriber's private chat, both subscribed, with one brief stored.

    Replies are not paced here (pacing has tests of its own): a reply and the sentinel's
    would otherwise wait a second apart in every example.
    """
    world.services.pacer = ChatPacer(100.0)
    await world.ingest(brief("Harbour works", "The harbour works continue on the quay."))
    found = {
        "admin": world.api.create_private_chat(user=world.admin),
        "subscriber": world.api.create_private_chat(first_name="Bob"),
    }
    for chat in found.values():
        await world.say(chat.id, "/start")
    return found


async def say_and_check(world: World, chat: Chat, text: str) -> None:
    """Send ``text``; its replies (all before the sentinel's) pass :func:`check_replies`."""
    after = world.last_bot_message_id(chat.id)
    if text.startswith("/help"):  # its reply is the sentinel's, which the sentinel wait skips
        check_replies(await world.say(chat.id, text))
        return
    world.api.user_sends(chat.id, text)
    check_replies(await world.replies_before_sentinel(chat.id, after))


@hostile(100)
@given(
    name=st.sampled_from(NAMES),
    argument=arguments,
    who=st.sampled_from(["admin", "subscriber"]),
    suffix=st.sampled_from(["", "@briefbot_bot"]),
)
async def test_every_command_with_hostile_arguments_is_answered_with_valid_html(
    world: World,
    chats: dict[str, Chat],
    caplog: pytest.LogCaptureFixture,
    name: str,
    argument: str,
    who: str,
    suffix: str,
) -> None:
    if name == "add":  # an admin's /add summarizes its text: long text is item 5's
        argument = argument[:500]
    await say_and_check(world, chats[who], f"/{name}{suffix} {argument}")
    assert tracebacks(caplog.records) == []


@pytest.mark.parametrize("markup", list(MARKUP))
async def test_markup_in_arguments_is_shown_as_text_in_every_reply(
    world: World, chats: dict[str, Chat], caplog: pytest.LogCaptureFixture, markup: str
) -> None:
    echoed = 0
    for name in NAMES:
        after = world.last_bot_message_id(chats["admin"].id)
        await say_and_check(world, chats["admin"], f"/{name} {markup}")
        replies = world.bot_messages_after(chats["admin"].id, after)
        echoed += sum(markup in (reply.text or "") for reply in replies)
    assert echoed >= 1  # /topic repeats the phrase ("No briefs about ..."); others refuse it
    assert tracebacks(caplog.records) == []


callback_data = st.one_of(
    st.text(max_size=64).filter(lambda data: 0 < len(data.encode("utf-8", "surrogatepass")) <= 64),
    st.integers().map(lambda n: f"full:{n}"),
    st.sampled_from(["full:", "full:-1", "full:0", "full:1 ", "full:٣", "FULL:1", "full:1:2"]),
)


@hostile(50)
@given(data=callback_data)
async def test_forged_button_presses_are_answered_without_an_error(
    world: World, chats: dict[str, Chat], caplog: pytest.LogCaptureFixture, data: str
) -> None:
    chat = chats["subscriber"]
    [listing] = await world.say(chat.id, "/latest")
    after = world.last_bot_message_id(chat.id)
    query = world.api.user_presses(chat.id, listing.message_id, data, strict=False)
    for reply in await world.replies_before_sentinel(chat.id, after):
        assert reply.text != SORRY and utf16_len(reply.raw_text or "") <= MAX_TEXT
    assert query.answered
    assert tracebacks(caplog.records) == []
