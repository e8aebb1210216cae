"""Forum topics: ``/start`` inside a topic binds it; ``/settings`` and ``/help`` show it.

In a supergroup with topics (a forum) the subscription's digests, alerts and notices go to the
topic ``/start`` was last sent in (``Subscriber.message_thread_id``, which the outbox reads when
it sends); ``/start`` in the General topic clears the binding. Replies to commands go to the
topic the command was sent in whatever the binding (:func:`bot.handlers.common.thread_of`).
A bound topic that is deleted is left by the outbox (:mod:`outbox.outcomes`).
"""

from __future__ import annotations

from telegram import Chat, Message

from rendering.text import escape, label
from rendering.translation import Translator
from storage.models import Subscriber
from storage.models.subscribers import TOPIC_NAME_LENGTH


def topic_name(message: Message) -> str | None:
    """The name of the topic ``message`` is in, if it says (it replies to the topic's opening)."""
    opening = message.reply_to_message
    if opening is None or opening.forum_topic_created is None:
        return None
    return opening.forum_topic_created.name[:TOPIC_NAME_LENGTH] or None


def quoted(subscriber: Subscriber, translator: Translator) -> str:
    """The bound topic as the bot names it (HTML)."""
    # Any member allowed to create topics names them: "\u202e..." would reverse the line.
    if name := label(subscriber.topic_name):
        return f"“{escape(name)}”"
    return translator.gettext("number {number}").format(number=subscriber.message_thread_id)


def bind_topic(
    subscriber: Subscriber, chat: Chat, message: Message, translator: Translator
) -> str | None:
    """Bind the topic ``/start`` was sent in (none: unbind); one line (HTML) saying what changed.

    Outside forums nothing changes and there is nothing to say.
    """
    if not chat.is_forum:
        return None
    _ = translator.gettext
    before = quoted(subscriber, translator) if subscriber.message_thread_id is not None else None
    thread = message.message_thread_id if message.is_topic_message else None
    if thread is None:
        if before is None:
            return _(
                "Digests and alerts come to the General topic; "
                "/start inside a topic sends them there."
            )
        subscriber.message_thread_id, subscriber.topic_name = None, None
        return _(
            "Digests and alerts now come to the General topic, no longer to topic {before}."
        ).format(before=before)
    name = topic_name(message)
    if subscriber.message_thread_id == thread:
        subscriber.topic_name = name or subscriber.topic_name
        return _("Digests and alerts come to this topic, {topic}.").format(
            topic=quoted(subscriber, translator)
        )
    subscriber.message_thread_id, subscriber.topic_name = thread, name
    if before is None:
        return _(
            "Digests and alerts will come to this topic, {topic}. "
            "/start in the General topic sends them there again."
        ).format(topic=quoted(subscriber, translator))
    return _(
        "Moved: digests and alerts now come to this topic, {topic}, no longer to topic {before}."
    ).format(topic=quoted(subscriber, translator), before=before)


def describe_topic(subscriber: Subscriber, chat: Chat, translator: Translator) -> str | None:
    """The ``/settings`` and ``/help`` line (HTML) naming the bound topic; None outside forums."""
    _ = translator.gettext
    if subscriber.message_thread_id is not None:
        return _("<b>Topic:</b> digests and alerts go to topic {topic}.").format(
            topic=quoted(subscriber, translator)
        )
    if chat.is_forum:
        return _("<b>Topic:</b> digests and alerts go to the General topic.")
    return None
