"""Groups, channels and membership changes, through the real bot."""

from __future__ import annotations

import asyncio
import datetime as dt

from storage.models import ChatType, Subscriber, SubscriberState
from storage.repositories import SubscriberRepository
from tests.support.world import World


async def subscriber(world: World, chat_id: int) -> Subscriber | None:
    async with world.sessions() as session:
        return await SubscriberRepository(session).get_by_chat_id(chat_id)


async def becomes_blocked(world: World, chat_id: int) -> bool:
    for _ in range(40):
        stored = await subscriber(world, chat_id)
        if stored is not None and stored.state is SubscriberState.BLOCKED:
            return True
        await asyncio.sleep(0.05)
    return False


async def test_in_a_group_only_admins_change_settings(world: World) -> None:
    owner = world.api.create_user("Olga")
    member = world.api.create_user("Mo")
    group = world.api.create_group("Newsroom", admins=[owner], members=[member])
    [refused_start] = await world.say(group.id, "/start", user=member)
    assert "Only this group's admins" in refused_start.text
    assert await subscriber(world, group.id) is None
    [started] = await world.say(group.id, "/start@briefbot_bot", user=owner)
    assert "Welcome" in started.text
    [refused] = await world.say(group.id, "/digest 09:00", user=member)
    assert "Only this group's admins" in refused.text
    [allowed] = await world.say(group.id, "/digest 09:00", user=owner)
    assert "09:00" in allowed.text
    stored = await subscriber(world, group.id)
    assert stored is not None and stored.chat_type is ChatType.SUPERGROUP
    assert stored.digest_time == dt.time(9, 0) and stored.title == "Newsroom"
    [shown] = await world.say(group.id, "/digest", user=member)
    assert "09:00" in shown.text


async def test_group_members_may_read_but_free_text_gets_no_reply(world: World) -> None:
    owner = world.api.create_user("Olga")
    member = world.api.create_user("Mo")
    group = world.api.create_group("Newsroom", admins=[owner], members=[member])
    await world.say(group.id, "/start", user=owner)
    [latest] = await world.say(group.id, "/latest", user=member)
    assert "No briefs yet" in latest.text
    after = world.last_bot_message_id(group.id)
    world.api.user_sends(group.id, "morning all", user=member)
    world.api.user_sends(group.id, "/unknowncommand", user=member)
    assert await world.replies_before_sentinel(group.id, after, user=member) == []


async def test_channel_command_in_a_group_says_where_it_works(world: World) -> None:
    owner = world.api.create_user("Olga")
    group = world.api.create_group("Desk", admins=[owner])
    await world.say(group.id, "/start", user=owner)
    [reply] = await world.say(group.id, "/channel@briefbot_bot @dailywire", user=owner)
    assert reply.text.startswith("/channel works in a private chat with me")


async def test_channel_command_by_an_admin_subscribes_the_channel(world: World) -> None:
    alice = world.api.create_user("Alice", username="alice")
    private = world.api.create_private_chat(alice)
    channel = world.api.create_channel("Daily Wire", admins=[alice], username="dailywire")
    [reply] = await world.say(private.id, "/channel @dailywire")
    assert "Subscribed Daily Wire" in reply.text
    stored = await subscriber(world, channel.id)
    assert stored is not None and stored.chat_type is ChatType.CHANNEL
    assert stored.state is SubscriberState.ACTIVE and stored.digest_time == dt.time(8, 0)


async def test_a_channel_title_that_reverses_text_is_named_without_its_controls(
    world: World,
) -> None:
    alice = world.api.create_user("Alice", username="alice")
    private = world.api.create_private_chat(alice)
    world.api.create_channel("\u202eeriW", admins=[alice], username="dailywire")
    [reply] = await world.say(private.id, "/channel @dailywire")
    assert reply.text.startswith("Subscribed eriW. ")


async def test_channel_command_is_refused_for_non_admins_and_unknown_channels(
    world: World,
) -> None:
    alice = world.api.create_user("Alice")
    bob = world.api.create_private_chat(first_name="Bob")
    world.api.create_channel("Daily Wire", admins=[alice], username="dailywire")
    world.api.create_channel("No Bot", admins=[alice], username="nobotadmin", bot_is_admin=False)
    [not_admin] = await world.say(bob.id, "/channel @dailywire")
    [unknown] = await world.say(bob.id, "/channel @nosuchchannel")
    [usage] = await world.say(bob.id, "/channel")
    assert "Only an admin" in not_admin.text
    assert "can't find" in unknown.text and usage.text.startswith("Usage: /channel")
    alice_chat = world.api.create_private_chat(alice)
    [bot_not_admin] = await world.say(alice_chat.id, "/channel @nobotadmin")
    assert "Make me an admin" in bot_not_admin.text


async def test_start_posted_in_a_channel_subscribes_it(world: World) -> None:
    channel = world.api.create_channel("Wire")
    [reply] = await world.say(channel.id, "/start")
    assert "Welcome" in reply.text
    stored = await subscriber(world, channel.id)
    assert stored is not None and stored.chat_type is ChatType.CHANNEL


async def test_a_channel_is_told_only_the_commands_an_admin_can_post_there(world: World) -> None:
    channel = world.api.create_channel("Wire")
    [welcome] = await world.say(channel.id, "/start")
    assert "/digest 07:30" in welcome.text and "/help" in welcome.text
    assert "/latest" not in welcome.text and "/follow" not in welcome.text
    [listed] = await world.say(channel.id, "/help")
    assert listed.text.startswith("What an admin can post in this channel")
    assert "/length N" in listed.text and "/topic WORD" not in listed.text
    for command in ("/latest", "/follow nato", "/sources", "/channel @wire"):  # not read there
        [answer] = await world.say(channel.id, command)
        assert answer.text.startswith("In a channel I read only what its admins post"), command
    [settings] = await world.say(channel.id, "/settings")
    assert "Subscription:" in settings.text  # a channel's own commands still answer
    await world.say(channel.id, "/stop")
    # Unsubscribed, the channel is left alone (another bot there may answer): the sentinel,
    # a command the bot answers in any channel, is the next reply.
    after = world.last_bot_message_id(channel.id)
    world.api.user_sends(channel.id, "/latest")
    [answer] = await world.say(channel.id, "/help")
    assert answer.text.startswith("What an admin can post in this channel")
    replies = world.api.messages(channel.id, from_bot=True)
    assert [m.text for m in replies if m.message_id > after] == [answer.text]


async def test_blocking_the_bot_marks_the_reader_blocked_and_sends_nothing(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    assert chat.user is not None
    world.api.block_bot(chat.user)
    assert await becomes_blocked(world, chat.id)
    after = world.last_bot_message_id(chat.id)
    world.api.unblock_bot(chat.user)
    assert await world.replies_before_sentinel(chat.id, after) == []
    [back] = await world.say(chat.id, "/start")
    assert "Welcome" in back.text
    stored = await subscriber(world, chat.id)
    assert stored is not None and stored.state is SubscriberState.ACTIVE


async def test_removing_the_bot_from_a_group_marks_it_blocked(world: World) -> None:
    owner = world.api.create_user("Olga")
    group = world.api.create_group("Newsroom", admins=[owner])
    await world.say(group.id, "/start", user=owner)
    world.api.remove_bot(group.id)
    assert await becomes_blocked(world, group.id)
