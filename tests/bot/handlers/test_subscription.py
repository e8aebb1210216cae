"""Subscribing and settings, driven through the local Bot API: /start, /stop, /digest, /help."""

from __future__ import annotations

import asyncio
import datetime as dt

from rendering.parts import MessagePart, parts_to_payload
from storage.models import DeliveryKind, DeliveryState, Subscriber, SubscriberState
from storage.repositories import DeliveryRepository, SubscriberRepository
from tests.support.sqlite_lock import write_locked_beside
from tests.support.world import START, World


async def stored_subscriber(world: World, chat_id: int) -> Subscriber:
    async with world.sessions() as session:
        subscriber = await SubscriberRepository(session).get_by_chat_id(chat_id)
    assert subscriber is not None
    return subscriber


async def test_start_subscribes_and_says_what_the_bot_does_and_when_the_digest_comes(
    world: World,
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    [reply] = await world.say(chat.id, "/start")
    assert "Welcome to briefbot" in reply.text and "/latest" in reply.text
    assert "Daily digest at 08:00 UTC; the next one on Thu 26 Nov 2026 at 08:00" in reply.text
    subscriber = await stored_subscriber(world, chat.id)
    assert subscriber.state is SubscriberState.ACTIVE
    assert subscriber.digest_time == dt.time(8, 0) and subscriber.timezone == "UTC"
    # /start at 15:00 with an 08:00 setting: tomorrow 08:00, strictly after now.
    assert subscriber.next_digest_at == dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)


async def test_start_twice_is_idempotent_and_accepts_a_deep_link_payload(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    first = await stored_subscriber(world, chat.id)
    world.clock.now = START + dt.timedelta(days=1)
    [reply] = await world.say(chat.id, "/start from-newsletter")
    again = await stored_subscriber(world, chat.id)
    assert "Welcome" in reply.text
    assert (again.id, again.next_digest_at) == (first.id, first.next_digest_at)
    async with world.sessions() as session:
        assert len(await SubscriberRepository(session).list_active()) == 1


async def test_stop_unsubscribes_and_nothing_more_is_sent(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [reply] = await world.say(chat.id, "/stop")
    assert "Unsubscribed" in reply.text
    assert (await stored_subscriber(world, chat.id)).state is SubscriberState.STOPPED
    subscriber = await stored_subscriber(world, chat.id)
    async with world.sessions() as session, session.begin():
        delivery = await DeliveryRepository(session).enqueue(
            subscriber.id, DeliveryKind.MESSAGE, due_at=START,
            payload=parts_to_payload([MessagePart("should never arrive")]),
        )
    assert delivery is not None
    after = world.last_bot_message_id(chat.id)
    world.services.delivery_wakeup.set()
    for _ in range(100):  # the worker records the outcome on its own schedule
        async with world.sessions() as session:
            row = await DeliveryRepository(session).get(delivery.id)
        if row is not None and row.state not in (DeliveryState.PENDING, DeliveryState.SENDING):
            break
        await asyncio.sleep(0.05)
    # The worker sends before it records an outcome: once recorded, nothing more can arrive.
    assert row is not None and row.state is DeliveryState.FAILED
    assert world.bot_messages_after(chat.id, after) == []


async def test_start_after_stop_reactivates_with_a_fresh_schedule(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/stop")
    world.clock.now = START + dt.timedelta(days=3)
    await world.say(chat.id, "/start")
    subscriber = await stored_subscriber(world, chat.id)
    assert subscriber.state is SubscriberState.ACTIVE
    assert subscriber.next_digest_at == dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)


async def test_digest_shows_sets_with_a_zone_and_turns_off(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [shown] = await world.say(chat.id, "/digest")
    assert "Daily digest at 08:00 UTC" in shown.text
    [changed] = await world.say(chat.id, "/digest 07:30 Asia/Kolkata")
    assert "07:30 Asia/Kolkata" in changed.text
    subscriber = await stored_subscriber(world, chat.id)
    assert subscriber.timezone == "Asia/Kolkata" and subscriber.digest_time == dt.time(7, 30)
    # 15:00 UTC is 20:30 in Kolkata, so the next 07:30 there is tomorrow, 02:00 UTC.
    assert subscriber.next_digest_at == dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)
    [soon] = await world.say(chat.id, "/digest 21:00")
    assert (await stored_subscriber(world, chat.id)).next_digest_at == dt.datetime(
        2026, 11, 25, 15, 30, tzinfo=dt.UTC
    ), soon.text
    [off] = await world.say(chat.id, "/digest off")
    assert "off" in off.text
    subscriber = await stored_subscriber(world, chat.id)
    assert subscriber.digest_time is None and subscriber.next_digest_at is None


async def test_digest_rejects_bad_times_and_unknown_zones_in_one_line(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [bad_time] = await world.say(chat.id, "/digest 25:00")
    [bad_zone] = await world.say(chat.id, "/digest 07:30 Mars/Base")
    for reply in (bad_time, bad_zone):
        assert "\n" not in reply.text and "HH:MM" in reply.text
    assert "Mars/Base" in bad_zone.text
    assert (await stored_subscriber(world, chat.id)).digest_time == dt.time(8, 0)


async def test_digest_before_start_asks_to_subscribe(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    [reply] = await world.say(chat.id, "/digest 07:00")
    assert "/start" in reply.text


async def test_settings_and_help_describe_the_subscription_and_the_commands(
    world: World,
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    [before] = await world.say(chat.id, "/settings")
    assert "not subscribed" in before.text
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/follow israel")
    [shown] = await world.say(chat.id, "/settings")
    assert "Subscription: active" in shown.text and "Following: israel" in shown.text
    [helped] = await world.say(chat.id, "/help")
    for command in ("/latest", "/topic", "/follow", "/mute", "/digest", "/stop"):
        assert command in helped.text


async def test_unknown_commands_and_free_text_point_to_help(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    [unknown] = await world.say(chat.id, "/frobnicate")
    [text] = await world.say(chat.id, "hello there")
    assert "/help" in unknown.text and "/help" in text.text
    assert unknown.text != text.text


async def test_command_menu_is_published_with_set_my_commands(world: World) -> None:
    calls = world.api.calls("setMyCommands")
    assert [call.status for call in calls] == [200] * len(world.services.catalogues.languages)
    menu = world.api.commands['{"type": "default"}|']  # everyone's: English
    start = {"command": "start", "description": "subscribe to briefs and the daily digest"}
    assert menu[0] == start
    names = {command["command"] for command in menu}
    assert {"start", "latest", "topic", "follow", "digest", "help"} <= names
    assert "add" not in names


async def test_settings_of_a_stopped_chat_promise_no_digest(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/stop")
    world.clock.now = START + dt.timedelta(days=3)
    [reply] = await world.say(chat.id, "/settings")
    assert "Subscription: stopped" in reply.text
    assert "No digests while unsubscribed; /start resumes them." in reply.text
    assert "next one" not in reply.text


async def test_digest_settings_and_following_are_shown_while_another_writer_holds_the_database(
    world: World,
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/follow harbour")

    # Showing only reads: it must not queue behind a writer (a digest tick's batch, the outbox).
    async with write_locked_beside(world.settings.database_url):
        [digest] = await world.say(chat.id, "/digest")
        [settings] = await world.say(chat.id, "/settings")
        [following] = await world.say(chat.id, "/following")

    assert (digest.text or "").startswith("Daily digest at 08:00 UTC")
    assert (settings.text or "").splitlines()[3] == "Following: harbour"
    assert (following.text or "").startswith("Following: harbour")
