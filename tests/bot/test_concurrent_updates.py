"""Chats are answered side by side through the real bot: a long answer holds only its own chat."""

from __future__ import annotations

from local_bot_api import StoredMessage
from tests.support.factories import brief
from tests.support.world import SENTINEL_REPLY_START, World

PARTS = 5  # full-text parts of the long brief; at one message a second per chat, 4 s of sending


def long_text(parts: int) -> str:
    """A brief text that the full-text answer splits into about ``parts`` messages."""
    sentence = "Sentence {} of the harbour report has several words."
    sentences = " ".join(sentence.format(n) for n in range(70))
    return "\n\n".join(f"Part {p}. {sentences}" for p in range(parts))


def accepted_sends(world: World) -> list[tuple[int, str]]:
    """Every accepted sendMessage in the order the server received them: (chat id, text)."""
    accepted = [c for c in world.api.calls("sendMessage") if c.status == 200]
    return [(int(str(c.params["chat_id"])), str(c.params["text"])) for c in accepted]


async def test_another_chats_help_is_answered_before_a_long_full_text_finishes(
    world: World,
) -> None:
    reader, other = world.api.create_private_chat(), world.api.create_private_chat()
    await world.ingest(brief("Harbour works", long_text(PARTS)))
    [listing] = await world.say(reader.id, "/latest")
    after = world.last_bot_message_id(reader.id)

    world.api.user_presses(reader.id, listing.message_id, listing.callback_data[0])
    await world.api.wait_for_messages(reader.id, 1, timeout=5, after_message_id=after)
    [help_reply] = await world.say(other.id, "/help")
    parts = await world.api.wait_for_messages(reader.id, PARTS, timeout=15, after_message_id=after)

    assert len(parts) == PARTS and help_reply.text.startswith(SENTINEL_REPLY_START)
    sends = accepted_sends(world)
    help_at = sends.index((other.id, help_reply.raw_text or ""))
    last_part_at = max(i for i, (chat_id, _) in enumerate(sends) if chat_id == reader.id)
    assert help_at < last_part_at


def reply_kinds(messages: list[StoredMessage]) -> list[str]:
    """Which command each reply answers, by how it starts."""
    starts = {"The ": "/latest", SENTINEL_REPLY_START: "/help", "Usage: /topic": "/topic"}
    return [
        next((kind for start, kind in starts.items() if (m.text or "").startswith(start)), "?")
        for m in messages
    ]


async def test_each_chats_replies_come_in_the_order_its_commands_were_sent(world: World) -> None:
    chats = [world.api.create_private_chat() for _ in range(4)]
    await world.ingest(*(brief(f"Harbour report {n}", "Ships came in.") for n in range(5)))

    for chat in chats:  # a slow command, a quick one, a usage error, in every chat at once
        for command in ("/latest 5", "/help", "/topic"):
            world.api.user_sends(chat.id, command)
    answers = [await world.api.wait_for_messages(c.id, 3, timeout=10) for c in chats]

    assert [reply_kinds(replies) for replies in answers] == [["/latest", "/help", "/topic"]] * 4
