"""The world's storage: transcripts, the update queue and its confirmation."""

from __future__ import annotations

from local_bot_api.models import Chat
from local_bot_api.state import BotState


def test_updates_are_numbered_filtered_by_kind_and_confirmed_by_offset() -> None:
    state = BotState("7:T")
    state.allowed_updates = frozenset({"message"})

    ids = [state.queue_update("message", {"n": n}) for n in range(4)]
    dropped = state.queue_update("callback_query", {})
    state.confirm_updates(3)
    kept_after_offset = [u["update_id"] for u in state.updates]
    state.confirm_updates(-1)

    assert ids == [1, 2, 3, 4] and dropped is None
    assert kept_after_offset == [3, 4]
    assert [u["update_id"] for u in state.updates] == [4]


def test_deleted_and_other_senders_messages_are_filtered_on_request() -> None:
    state = BotState("7:T")
    chat = Chat(5, "private")
    state.add_chat(chat)
    mine = state.new_message(chat, state.bot, text="from the bot")
    state.new_message(chat, None, text="from a user")
    mine.deleted = True

    assert [m.text for m in state.messages(chat.id)] == ["from a user"]
    assert [m.text for m in state.messages(chat.id, from_bot=True, include_deleted=True)] == [
        "from the bot"
    ]
    assert state.find_message(chat.id, mine.message_id) is None
