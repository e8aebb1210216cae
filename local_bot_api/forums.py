"""Topics of forum supergroups: a user opens one, an admin deletes one.

A topic's ``message_thread_id`` is the id of the service message that opened it (with
``forum_topic_created``), as on Telegram. Messages in a topic carry ``message_thread_id`` and
``is_topic_message`` and, unless they reply to something else, reply to that service message.
Messages in the General topic carry neither. After :meth:`Forums.delete_topic` the topic's
messages are gone and every send to it answers 400 "Bad Request: message thread not found".
"""

from __future__ import annotations

from local_bot_api.errors import bad_request
from local_bot_api.models import Chat, ForumTopic, StoredMessage, User
from local_bot_api.state import BotState

THREAD_NOT_FOUND = "message thread not found"


class Forums:
    """Opens and deletes the topics of forum supergroups in a :class:`BotState`."""

    def __init__(self, state: BotState) -> None:
        """Act on ``state``; opening a topic queues its service message where the bot is."""
        self.state = state

    def create_topic(self, chat_id: int, name: str, *, by: User | None = None) -> ForumTopic:
        """Open a topic called ``name`` in a forum supergroup; its service message is queued."""
        chat = self.state.chats[chat_id]
        if not chat.is_forum:
            raise ValueError(f"chat {chat_id} is not a forum supergroup")
        if not 1 <= len(name) <= 128:
            raise ValueError("a topic name has 1 to 128 characters")
        actor = by or self.state.users.get(chat.owner_id or 0) or self.state.bot
        topic = ForumTopic(chat.next_message_id, name)
        opened = self.state.new_message(
            chat, actor, message_thread_id=topic.message_thread_id, forum_topic_created=topic
        )
        chat.topics[topic.message_thread_id] = topic
        if chat.bot_status in ("member", "administrator"):
            self.state.queue_update("message", opened.to_api())
        return topic

    def delete_topic(self, chat_id: int, message_thread_id: int) -> None:
        """Delete a topic and its messages; sends to it then answer "message thread not found"."""
        chat = self.state.chats[chat_id]
        topic = chat.topics.get(message_thread_id)
        if topic is None or topic.deleted:
            raise ValueError(f"chat {chat_id} has no topic {message_thread_id}")
        topic.deleted = True
        for message in self.state.transcripts.get(chat_id, []):
            if message.message_thread_id == message_thread_id:
                message.deleted = True
        self.state.changed.notify()


def topic_opening(state: BotState, chat: Chat, message_thread_id: int) -> StoredMessage:
    """The service message that opened a live topic (what its messages reply to).

    Raises :class:`ValueError` for a topic that does not exist or was deleted.
    """
    topic = chat.topics.get(message_thread_id)
    opening = state.find_message(chat.id, message_thread_id)
    if topic is None or topic.deleted or opening is None:
        raise ValueError(f"chat {chat.id} has no topic {message_thread_id}")
    return opening


def send_thread(
    state: BotState, chat: Chat, message_thread_id: int | None
) -> tuple[int | None, StoredMessage | None]:
    """The thread a bot's send goes to and the message it then replies to by default.

    In a forum the thread must be a live topic; elsewhere, a message of the chat (a reply
    thread). Else 400 "Bad Request: message thread not found", Telegram's answer.
    """
    if message_thread_id is None:
        return None, None
    if chat.is_forum:
        try:
            return message_thread_id, topic_opening(state, chat, message_thread_id)
        except ValueError:
            raise bad_request(THREAD_NOT_FOUND) from None
    if state.find_message(chat.id, message_thread_id) is None:
        raise bad_request(THREAD_NOT_FOUND)
    return message_thread_id, None
