"""What a simulated user does: messages and button presses, queued only where the bot is."""

from __future__ import annotations

import pytest

from local_bot_api.membership import Membership
from local_bot_api.state import BotState
from local_bot_api.user_actions import UserActions


def world() -> tuple[BotState, Membership, UserActions]:
    """An empty world with its membership registry and user actions."""
    state = BotState("7:T")
    return state, Membership(state), UserActions(state)


def test_a_message_is_stored_and_queued_with_its_reply_and_entities() -> None:
    state, members, actions = world()
    chat = members.create_private_chat(first_name="Ann")
    first = actions.user_sends(chat.id, "hello")

    second = actions.user_sends(chat.id, "/latest 3", reply_to=first.message_id)

    assert [m.text for m in state.messages(chat.id)] == ["hello", "/latest 3"]
    assert second.reply_to is first and second.sender is chat.user
    assert second.entities == [{"type": "bot_command", "offset": 0, "length": 7}]
    assert [u["message"]["text"] for u in state.updates] == ["hello", "/latest 3"]
    with pytest.raises(ValueError, match="no message 99"):
        actions.user_sends(chat.id, "to nothing", reply_to=99)


def test_a_post_where_the_bot_is_not_a_member_is_stored_but_not_queued() -> None:
    state, members, actions = world()
    group = members.create_group("Desk")
    members.remove_bot(group.id)
    state.updates.clear()

    actions.user_sends(group.id, "unseen")

    assert [m.text for m in state.messages(group.id)] == ["unseen"]
    assert state.updates == []


def test_a_press_needs_an_existing_button_unless_not_strict() -> None:
    state, members, actions = world()
    chat = members.create_private_chat()
    markup = {"inline_keyboard": [[{"text": "More", "callback_data": "more:1"}]]}
    message = state.new_message(chat, state.bot, text="Brief", reply_markup=markup)

    query = actions.user_presses(chat.id, message.message_id, "more:1")
    with pytest.raises(ValueError, match="no button with data 'gone'"):
        actions.user_presses(chat.id, message.message_id, "gone")
    loose = actions.user_presses(chat.id, message.message_id, "gone", strict=False)

    assert [u["callback_query"]["data"] for u in state.updates] == ["more:1", "gone"]
    assert state.callback_queries == {query.id: query, loose.id: loose}
    assert query.user is chat.user and not query.answered
