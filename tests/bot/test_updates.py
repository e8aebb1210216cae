"""The update processor alone: one chat in order, chats side by side, bounded, chats forgotten."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from telegram import CallbackQuery, Chat, Message, Update, User

from bot.updates import ChatOrderedUpdateProcessor, order_key

TURNS = 20  # event-loop turns that let every runnable task get as far as it can
WHEN = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)


def message_update(update_id: int, chat_id: int) -> Update:
    """A text message in ``chat_id``."""
    chat = Chat(chat_id, Chat.PRIVATE if chat_id > 0 else Chat.GROUP)
    return Update(update_id, message=Message(update_id, WHEN, chat, text="/help"))


async def turns() -> None:
    for _ in range(TURNS):
        await asyncio.sleep(0)


class Handlers:
    """Handler coroutines that record when they start and finish only when released."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.release: dict[int, asyncio.Event] = {}

    async def handle(self, update_id: int) -> None:
        self.started.append(update_id)
        await self.release.setdefault(update_id, asyncio.Event()).wait()

    def finish(self, *update_ids: int) -> None:
        for update_id in update_ids:
            self.release.setdefault(update_id, asyncio.Event()).set()


def process(
    processor: ChatOrderedUpdateProcessor, handlers: Handlers, update: Update
) -> asyncio.Task[None]:
    """Hand ``update`` to the processor as PTB does: one task per update."""
    return asyncio.create_task(processor.process_update(update, handlers.handle(update.update_id)))


def test_updates_are_ordered_by_chat_then_user_else_not_at_all() -> None:
    user = User(42, "Ada", is_bot=False)
    query = CallbackQuery("q", user, chat_instance="c")
    assert order_key(message_update(1, -100)) == -100
    assert order_key(Update(2, callback_query=query)) == 42
    assert order_key(Update(3)) is None
    assert order_key("not an update") is None


async def test_one_chats_updates_wait_for_each_other_while_other_chats_run() -> None:
    processor, handlers = ChatOrderedUpdateProcessor(), Handlers()
    arrivals = [(1, 7), (2, 7), (3, 8), (4, 7)]  # (update id, chat id)
    tasks = [process(processor, handlers, message_update(n, chat)) for n, chat in arrivals]
    await turns()
    assert handlers.started == [1, 3]  # chat 7's second update waits for its first

    handlers.finish(1)
    await turns()
    assert handlers.started == [1, 3, 2]

    handlers.finish(2, 3, 4)
    await asyncio.gather(*tasks)
    assert handlers.started == [1, 3, 2, 4]


async def test_updates_waiting_for_their_chat_hold_no_running_place() -> None:
    processor, handlers = ChatOrderedUpdateProcessor(running_limit=2), Handlers()
    busy_chat = [process(processor, handlers, message_update(n, 7)) for n in range(1, 6)]
    other = process(processor, handlers, message_update(10, 8))
    third = process(processor, handlers, message_update(20, 9))
    await turns()

    # Chat 7 runs one update; chat 8 takes the second place; chat 9 waits for a place.
    assert handlers.started == [1, 10]
    handlers.finish(10)
    await turns()
    assert handlers.started == [1, 10, 20]

    handlers.finish(*range(1, 6), 20)
    await asyncio.gather(*busy_chat, other, third)
    assert handlers.started == [1, 10, 20, 2, 3, 4, 5]


async def test_a_chat_is_forgotten_once_none_of_its_updates_runs_or_waits() -> None:
    processor, handlers = ChatOrderedUpdateProcessor(), Handlers()
    tasks = [process(processor, handlers, message_update(n, chat_id=n)) for n in range(1, 301)]
    await turns()
    assert processor.tracked_chats() == 300

    handlers.finish(*range(1, 301))
    await asyncio.gather(*tasks)
    assert processor.tracked_chats() == 0


async def test_an_update_without_chat_or_user_runs_at_once() -> None:
    processor, handlers = ChatOrderedUpdateProcessor(), Handlers()
    handlers.finish(5)
    await asyncio.wait_for(processor.process_update(Update(5), handlers.handle(5)), 1)
    assert handlers.started == [5]


def test_the_running_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ChatOrderedUpdateProcessor(running_limit=0)
